"""Sharding: disjoint, complete, stable and balanced shares; manifests merge back."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefs.pipeline.sharding import BadShard, assign, parse_shard, select_shard
from tests.conftest import run_cli


@dataclass(frozen=True)
class FakeKind:
    name: str

    @property
    def cost(self) -> float:
        return {"key-messages": 4.0, "flyer": 1.0}[self.name]


@dataclass(frozen=True)
class FakeDocument:
    kind: FakeKind


@dataclass(frozen=True)
class FakeTarget:
    document: FakeDocument
    locale: str

    @property
    def id(self) -> str:
        return f"{self.document.kind.name}.{self.locale}"


TARGETS = [FakeTarget(FakeDocument(FakeKind(kind)), locale) for kind in ("key-messages", "flyer")
           for locale in ("en", "fr", "es", "ru", "zh", "ar")]


@pytest.mark.parametrize("count", [1, 2, 3, 5, 12, 20])
def test_shares_are_disjoint_complete_and_stable(count: int) -> None:
    shares = [select_shard(TARGETS, index, count) for index in range(1, count + 1)]
    ids = [target.id for share in shares for target in share]
    assert sorted(ids) == sorted(t.id for t in TARGETS) and len(ids) == len(set(ids))
    shuffled = TARGETS[5:] + TARGETS[:5]
    for index, share in enumerate(shares, 1):  # stable whatever order the targets come in
        assert sorted(t.id for t in share) == \
            sorted(t.id for t in select_shard(shuffled, index, count))


def test_shares_are_balanced() -> None:
    from briefs.pipeline.sharding import estimated_cost

    loads = [sum(estimated_cost(t) for t in share) for share in assign(TARGETS, 3)]
    assert max(loads) - min(loads) <= max(estimated_cost(t) for t in TARGETS)


def test_parse_shard() -> None:
    assert parse_shard("2/4") == (2, 4)
    assert parse_shard(" 1 / 1000 ") == (1, 1000)
    for bad in ("0/4", "5/4", "x", "", "0/2", "3/2", "a/b", "1/0", "1/1000000000", "1/1001",
                "\u00b2/2", "\u0661/\u0662", "1/2\n", "-1/2", "1/2/3"):
        with pytest.raises(BadShard):
            parse_shard(bad)


def test_sharded_builds_merge_into_the_full_manifest(workspace_copy: Path, tmp_path: Path) -> None:
    manifests, built = [], []
    for index in (1, 2):
        result = run_cli("build", "--force", "--shard", f"{index}/2", "-l", "en", "-l", "fr",
                         "--json", workspace=workspace_copy)
        assert result.exit_code == 0, result.stderr
        report = json.loads(result.stdout)
        shard_manifest = tmp_path / f"shard{index}.json"
        shard_manifest.write_text(json.dumps({"version": 1, "outputs": report["outputs"]}))
        manifests.append(shard_manifest)
        built.append(set(report["rendered"]))
    assert not built[0] & built[1] and len(built[0] | built[1]) == 8  # 4 documents x 2 locales
    out = workspace_copy / "build"  # where both shards' PDFs are
    merged = run_cli("manifest", "merge", *map(str, manifests), "-o", str(out))
    assert merged.exit_code == 0, merged.stderr
    outputs = json.loads((out / "manifest.json").read_text())["outputs"]
    assert len(outputs) == 8


def test_conflicting_manifests_are_refused(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps({"outputs": [{"path": "x/x.en.pdf", "sha256": "1" * 64}]}))
    b.write_text(json.dumps({"outputs": [{"path": "x/x.en.pdf", "sha256": "2" * 64}]}))
    result = run_cli("manifest", "merge", str(a), str(b), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "two different builds" in result.stderr
    assert f"in {a} (sha256 111111111111…) and in {b}" in result.stderr  # both named


def test_a_build_sends_its_most_costly_outputs_first() -> None:
    """Each worker then ends on short outputs: Arabic (shaping, the text layer) costs most,
    measured; outputs of the same cost keep their order."""
    from briefs.pipeline.sharding import longest_first

    ordered = [target.id for target in longest_first(TARGETS)]
    assert ordered[:2] == ["key-messages.ar", "key-messages.zh"]
    assert ordered[2:6] == [f"key-messages.{locale}" for locale in ("en", "fr", "es", "ru")]
    assert ordered[-4:] == [f"flyer.{locale}" for locale in ("en", "fr", "es", "ru")]
