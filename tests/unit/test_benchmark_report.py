"""The table `make bench` prints: every figure issue 28 asks for is a line with its target and
whether it is met (cold vs CLI, one document vs `weasyprint`, served vs floor, the floor per
output before/after, the scaling curve), computed from side-by-side measurements."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.__main__ import SECTIONS, rows
from benchmarks.scale import scaling_rows, sizes_from_environment

SAMPLE: dict[str, Any] = {
    "outputs": 24, "full_build_s": 4.0, "weasyprint_cli_s": 14.0, "full_build_cpu_s": 8.0,
    "served_build_s": 3.0, "engine_floor_s": 2.8, "engine_floor_cpu_s": 5.6,
    "steady_floor_s": 2.5, "steady_floor_cpu_s": 5.0, "speedup_vs_cli": 3.5,
    "vs_floor": 4.0 / 2.8, "vs_steady_floor": 1.6, "served_speedup_vs_cli": 14.0 / 3.0,
    "served_vs_floor": 3.0 / 2.8, "main_imports_s": 0.4, "check_s": 0.5,
    "worker_import_s": 0.3}
ONE_DOCUMENT: dict[str, Any] = {
    "document": "forum-key-messages", "locales": ["en", "zh", "ar"], "runs": 3,
    "one_briefs_median_s": 5.0, "one_weasyprint_median_s": 3.0,
    "one_weasyprint_over_briefs": {"median": 0.6, "spread": [0.55, 0.65]},
    "cpu_median_s": {"one_briefs": 2.0, "one_weasyprint": 1.0}}
WARM_FLOOR: dict[str, Any] = {"rows": [["a", 0.3, 0.27, 0.9]] * 24, "before_s": 7.2,
                              "after_s": 6.5, "median_ratio": 0.9}


def scale_row(outputs: int, cpu_per_output: float, check_cpu: float = 3.0,
              noop_cpu: float = 0.2, shards: int = 1, worker: float = 150.0) -> dict[str, Any]:
    return {"outputs": outputs, "shards": shards, "jobs": 2, "load_before": 1.0,
            "wall_s": outputs * cpu_per_output / 2, "cpu_s": outputs * cpu_per_output,
            "per_second_per_core": 1 / cpu_per_output, "cpu_s_per_output": cpu_per_output,
            "worker_peak_mib": worker, "main_peak_mib": 250.0,
            "shard_wall_s": [1.0] * shards, "noop_s": noop_cpu, "noop_cpu_s": noop_cpu,
            "check_s": check_cpu, "check_cpu_s": check_cpu,
            "noop_outputs": outputs // shards}


def row_named(table: list[tuple[str, str, str, str]], start: str) -> tuple[str, str, str, str]:
    found = [row for row in table if row[0].strip().startswith(start)]
    assert len(found) == 1, (start, [row[0] for row in table])
    return found[0]


def test_every_figure_of_issue_28_is_a_section_of_make_bench() -> None:
    assert {"sample", "one-document", "warm-floor", "scaling"} <= set(SECTIONS)


def test_cold_full_build_and_served_build_against_the_cli_and_the_floors() -> None:
    table = rows({"sample": SAMPLE})
    cold = row_named(table, "full build, 24 PDFs, vs one `weasyprint` per output (cold)")
    assert cold[2] == ">= 5x faster" and cold[3].endswith("NOT MET")
    served = row_named(table, "full build with `briefs server` running, vs the warm")
    assert served[2] == "<= 1.15x"
    assert served[3] == "1.04x of target  NOT MET"  # 3.0 / 2.5 = 1.2: 1.04x of 1.15


def test_one_document_cold_against_weasyprint_on_its_html() -> None:
    table = rows({"one_document": ONE_DOCUMENT})
    line = row_named(table, "one document cold")
    assert "forum-key-messages" in line[0] and "en, zh, ar" in line[0]
    assert line[1] == "5.00 s vs 3.00 s"
    assert line[2] == ">= 1x (no slower)"
    assert line[3] == "0.60x the speed (rounds 0.55-0.65)  NOT MET"
    faster = rows({"one_document": {**ONE_DOCUMENT, "one_weasyprint_over_briefs":
                                    {"median": 1.1, "spread": [1.0, 1.2]}}})
    assert row_named(faster, "one document cold")[3].endswith("  met")
    cpu = row_named(table, "CPU of one locale's build")
    assert cpu[1] == "2.00 s vs 1.00 s"


def test_the_floor_per_output_before_and_after_kept_stylesheets() -> None:
    line = row_named(rows({"warm_floor": WARM_FLOOR}), "floor per output, warm")
    assert line[1] == "271 ms vs 300 ms"
    assert line[2] == "down (< 1x)"
    assert line[3] == "0.903x (median per output 0.900x)  met"
    worse = rows({"warm_floor": {**WARM_FLOOR, "after_s": 7.3}})
    assert row_named(worse, "floor per output, warm")[3].endswith("NOT MET")


@pytest.mark.parametrize("name", ["one document cold", "floor per output, warm",
                                  "240 outputs", "1000 outputs", "peak memory, 24 outputs",
                                  "planning (`briefs check`), 240", "no-op rebuild, 1000",
                                  "full build with `briefs server` running, vs the warm",
                                  "full build, 24 PDFs"])
def test_each_issue_28_line_states_a_target_and_a_verdict(name: str) -> None:
    results = {"sample": SAMPLE, "one_document": ONE_DOCUMENT, "warm_floor": WARM_FLOOR,
               "scaling": [scale_row(24, 0.6), scale_row(240, 0.4),
                           scale_row(1000, 0.42, shards=4)]}
    line = row_named(rows(results), name)
    assert line[2], line
    assert line[3].endswith(("  met", "NOT MET")), line


def test_scaling_compares_each_size_with_the_one_before_of_its_kind() -> None:
    table = scaling_rows([scale_row(24, 0.6, check_cpu=2.4), scale_row(240, 0.4, check_cpu=4.8),
                          scale_row(1000, 0.46, check_cpu=30.0, noop_cpu=0.25, shards=4)])
    assert row_named(table, "24 outputs")[3] == "the base of the comparisons below"
    sample_to_240 = row_named(table, "240 outputs")[3]
    assert sample_to_240 == "0.67x the CPU per output of 24 (the sample: another mix)  met"
    assert row_named(table, "1000 outputs")[3] == "1.15x the CPU per output of 240  met"
    planning = row_named(table, "planning (`briefs check`), 1000 outputs")
    assert planning[2] == "linear: <= 1.15x per output"
    assert planning[3] == "1.50x per output of 240  NOT MET"  # 30 ms vs 20 ms an output
    noop = row_named(table, "no-op rebuild, 1000 outputs")
    assert noop[1] == "0.25 CPU s for a 250-output shard (0.25 ms an output of the workspace)"
    assert noop[3] == "0.30x per output of 240  met"  # 0.25 / 1000 against 0.2 / 240


def test_scaling_without_the_sample_compares_generated_sizes() -> None:
    table = scaling_rows([scale_row(240, 0.4), scale_row(1000, 0.5, shards=4)])
    assert row_named(table, "1000 outputs")[3] == "1.25x the CPU per output of 240  NOT MET"


def test_the_sizes_of_the_curve(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BENCH_SCALE", raising=False)
    assert sizes_from_environment() == (24, 240)
    monkeypatch.setenv("BENCH_SCALE", "1000")
    assert sizes_from_environment() == (24, 240, 1000)
    monkeypatch.setenv("BENCH_SCALE", "0")
    assert sizes_from_environment() == ()
    monkeypatch.setenv("BENCH_SCALE", "24,40")  # sizes of one's own, e.g. to try the code
    assert sizes_from_environment() == (24, 40)


def test_the_other_targets_state_their_verdicts_too() -> None:
    table = rows({
        "incremental": {"noop_s": 0.12, "noop_imports_weasyprint": False,
                        "one_locale_edit_s": 1.5, "one_locale_edit_served_s": 0.6,
                        "one_locale_rendered": ["river-dialogue-flyer.fr"]},
        "engine": {"rss_mib_zh": {"1": 72.0, "10": 79.0, "200": 80.0}, "pages": [5, 39],
                   "short_s": 0.4, "long_s": 2.8},
        "shards": {"outputs": 48, "shards": 4, "seconds": [5.0, 5.5, 5.1, 5.3],
                   "imbalance": 1.1}})
    for name in ("no-op rebuild", "one locale file edited", "worker RSS", "scaling: 39-page",
                 "4 shards"):
        assert row_named(table, name)[3].endswith("  met"), name
    growing = rows({"engine": {"rss_mib_zh": {"1": 72.0, "10": 79.0, "200": 120.0},
                               "pages": [5, 39], "short_s": 0.4, "long_s": 6.0}})
    assert row_named(growing, "worker RSS")[3].endswith("NOT MET")
    assert row_named(growing, "scaling: 39-page")[3] == "15.0x  NOT MET"
    everything = rows({"incremental": {"noop_s": 0.12, "noop_imports_weasyprint": False,
                                       "one_locale_edit_s": 1.5, "one_locale_edit_served_s": 0.6,
                                       "one_locale_rendered": ["river-dialogue-flyer.fr",
                                                               "river-dialogue-flyer.en"]}})
    assert row_named(everything, "one locale file edited")[3].endswith("NOT MET")
