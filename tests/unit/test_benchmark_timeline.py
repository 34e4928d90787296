"""benchmarks/timeline.py: the marks read from a launched build, and their medians."""

from __future__ import annotations

from benchmarks.timeline import parse, summary


def test_the_first_of_each_mark_is_read_with_its_cpu() -> None:
    stderr = ("TIMELINE fork 100.5 0.0020\nbuild/x.pdf\nTIMELINE ready 800.0 0.4100\n"
              "TIMELINE done 1500.0 0.9000\nTIMELINE done 2500.0 1.5\nTIMELINE bad\n")
    assert parse(stderr) == {"fork": 100.5, "fork_cpu": 0.002, "ready": 800.0,
                             "ready_cpu": 0.41, "done": 1500.0, "done_cpu": 0.9}


def test_medians_per_side_and_the_pairs_ratios_of_the_end() -> None:
    this = [{"end": 900.0, "ready": 1.0}, {"end": 1000.0, "ready": 3.0},
            {"end": 1200.0, "ready": 2.0}]
    base = [{"end": 1000.0, "ready": 5.0}, {"end": 1000.0}, {"end": 1000.0, "ready": 4.0}]
    figures = summary({"this": this, "base": base})
    assert figures["this"] == {"end": 1000.0, "ready": 2.0}
    assert figures["base"] == {"end": 1000.0}  # a mark missing from a run is left out
    assert figures["this_over_base_end"] == {"median": 1.0, "spread": [0.9, 1.2]}
