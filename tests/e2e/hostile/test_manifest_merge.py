"""`briefs manifest merge` given hostile or broken shard manifests (issue 20, issue 26 item 5):
exit 1 naming the manifest and what is wrong, nothing written; files checked beside the merged
manifest; conflicts name both manifests; a missing shard is a warning; each shard counts only
its own failed outputs."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli

PDF = b"%PDF-1.7 shard output"
DIGEST = hashlib.sha256(PDF).hexdigest()


def entry(path: str, data: bytes = PDF) -> dict[str, object]:
    return {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "build"
    (folder / "doc").mkdir(parents=True)
    (folder / "doc" / "doc.en.pdf").write_bytes(PDF)
    (folder / "doc" / "doc.fr.pdf").write_bytes(PDF)
    return folder


def merge(tmp_path: Path, out: Path, *texts: str) -> tuple[int, str, list[Path]]:
    paths = []
    for index, text in enumerate(texts, start=1):
        path = tmp_path / f"shard-{index}.json"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    result = run_cli("manifest", "merge", *map(str, paths), "-o", str(out))
    return result.exit_code, result.stderr, paths


BAD_ENTRIES = {
    "dot-dot": "../outside.pdf",
    "deep-dot-dot": "doc/../../outside.pdf",
    "absolute": "/etc/passwd",
    "dot": "./doc/doc.en.pdf",
    "double-slash": "doc//doc.en.pdf",
    "backslash": "..\\outside.pdf",
    "drive": "C:/outside.pdf",
    "newline": "doc/doc.en.pdf\n",
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(BAD_ENTRIES))
def test_an_entry_outside_the_output_folder_is_refused(name: str, tmp_path: Path,
                                                       out: Path) -> None:
    text = json.dumps({"version": 1, "outputs": [entry("doc/doc.en.pdf"),
                                                 entry(BAD_ENTRIES[name])]})
    code, stderr, paths = merge(tmp_path, out, text)
    assert code == 1, stderr
    assert f"{paths[0]}: error: outputs[1]: " in stderr, stderr
    assert "internal error" not in stderr
    assert not (out / "manifest.json").exists()


MALFORMED = {
    "list": ("[]", "holds a list"),
    "outputs-number": ('{"outputs": 5}', '"outputs" must be a list'),
    "outputs-missing": ('{"version": 1}', '"outputs" must be a list'),
    "entry-number": ('{"outputs": [7]}', "outputs[0]: an output must be an object"),
    "entry-without-path": (json.dumps({"outputs": [{"sha256": DIGEST}]}), 'needs "path"'),
    "path-number": ('{"outputs": [{"path": 5}]}', 'needs "path"'),
    "bad-sha": ('{"outputs": [{"path": "doc/doc.en.pdf", "sha256": 5}]}', '"sha256" must'),
    "deep": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "deep-object": ('{"a":' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
    "garbage": ("\x00\xff{", "not a manifest"),
    "bad-shard": ('{"outputs": [], "shard": {"index": 3, "count": 2}}', '"shard" must'),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_manifest_is_exit_1_with_file_and_what(name: str, tmp_path: Path,
                                                           out: Path) -> None:
    text, what = MALFORMED[name]
    code, stderr, paths = merge(tmp_path, out, text)
    assert code == 1, stderr
    assert f"{paths[0]}: error: " in stderr and what in stderr, stderr
    assert "internal error" not in stderr
    assert not (out / "manifest.json").exists()


def test_a_manifest_that_is_a_device_or_fifo_is_refused(tmp_path: Path, out: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        result = run_cli("manifest", "merge", str(path), "-o", str(out))
        assert result.exit_code == 1, result.stderr
        assert "not a regular file" in result.stderr


def test_outputs_missing_from_the_folder_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    text = json.dumps({"outputs": [entry("doc/doc.en.pdf"), entry("doc/doc.fr.pdf")]})
    code, stderr, _ = merge(tmp_path, empty, text)
    assert code == 1, stderr
    assert "doc/doc.en.pdf: no such file" in stderr and "doc/doc.fr.pdf: no such" in stderr
    assert not (empty / "manifest.json").exists()


def test_an_output_that_differs_or_links_out_is_refused(tmp_path: Path, out: Path) -> None:
    (out / "doc" / "doc.fr.pdf").write_bytes(b"%PDF-something else")
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(PDF)
    (out / "doc" / "doc.de.pdf").symlink_to(outside)
    text = json.dumps({"outputs": [entry("doc/doc.en.pdf"), entry("doc/doc.fr.pdf"),
                                   entry("doc/doc.de.pdf")]})
    code, stderr, _ = merge(tmp_path, out, text)
    assert code == 1, stderr
    assert "doc/doc.fr.pdf: 19 bytes, but the manifest says 21" in stderr
    assert "doc/doc.de.pdf: not a regular file" in stderr


def test_a_conflict_names_both_manifests(tmp_path: Path, out: Path) -> None:
    first = json.dumps({"outputs": [entry("doc/doc.en.pdf")]})
    second = json.dumps({"outputs": [entry("doc/doc.en.pdf", b"other bytes")]})
    code, stderr, paths = merge(tmp_path, out, first, second)
    assert code == 1, stderr
    assert f"in {paths[0]} (sha256" in stderr and f"in {paths[1]} (sha256" in stderr


def test_a_missing_shard_is_a_warning(tmp_path: Path, out: Path) -> None:
    first = json.dumps({"outputs": [entry("doc/doc.en.pdf")],
                        "shard": {"index": 1, "count": 3}})
    third = json.dumps({"outputs": [entry("doc/doc.fr.pdf")],
                        "shard": {"index": 3, "count": 3}})
    code, stderr, _ = merge(tmp_path, out, first, third)
    assert code == 0, stderr
    assert "warning: 2 of 3 shards merged; missing: 2/3" in stderr
    merged = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [e["path"] for e in merged["outputs"]] == ["doc/doc.en.pdf", "doc/doc.fr.pdf"]
    assert "shard" not in merged


def test_each_shard_counts_its_own_failures_and_says_which_shard_it_is(small: Path,
                                                                        tmp_path: Path) -> None:
    with (small / "content/first-flyer/fr.yaml").open("a", encoding="utf-8") as stream:
        stream.write("title: [\n")  # one output that cannot be built
    roots = []
    failed = []
    for index in (1, 2):
        root = tmp_path / f"shard{index}"
        shutil.copytree(small, root)
        result = run_cli("build", "--json", "--shard", f"{index}/2", workspace=root)
        assert result.exit_code == 1, result.stderr
        failed.append(json.loads(result.stdout)["failed"])
        roots.append(root)
    assert sorted(failed[0] + failed[1]) == ["first-flyer.fr"], failed
    manifest = json.loads((roots[0] / "build/manifest.json").read_text(encoding="utf-8"))
    assert manifest["shard"] == {"index": 1, "count": 2}
    result = run_cli("manifest", "merge", str(roots[0] / "build/manifest.json"), "-o",
                     str(roots[0] / "build"))
    assert result.exit_code == 0, result.stderr
    assert "1 of 2 shards merged; missing: 2/2" in result.stderr
