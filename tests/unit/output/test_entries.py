"""Manifest entries, typed: the JSON the build writes is unchanged; what is read back is
typed where it can be trusted and kept as read where it cannot."""

from __future__ import annotations

import json

from briefs.output.entries import FileRecord, OutputEntry

DIGEST = "ab" * 32
WRITTEN = {
    "path": "forum/forum.en.pdf", "doc": "forum", "locale": "en", "kind": "flyer",
    "profile": "screen", "pdf_variant": "pdf/ua-1", "pages": 2, "bytes": 1234,
    "sha256": DIGEST, "warnings": ["content/forum/fr.yaml: a warning"],
    "preflight": {"errors": [], "warnings": ["7.1-3: page 2: no alt text"]},
    "fit": ["body 8.5 pt"], "status": "ok",
    "files": [{"format": "png", "path": "forum/forum.en.png", "bytes": 9, "sha256": DIGEST}]}
"""An entry as `briefs build` wrote it before entries were typed."""


def test_the_written_format_is_unchanged_and_round_trips() -> None:
    entry = OutputEntry(
        path="forum/forum.en.pdf", doc="forum", locale="en", kind="flyer", profile="screen",
        pdf_variant="pdf/ua-1", pages=2, bytes=1234, sha256=DIGEST,
        warnings=("content/forum/fr.yaml: a warning",),
        preflight_warnings=("7.1-3: page 2: no alt text",), fit=("body 8.5 pt",),
        files=(FileRecord("png", "forum/forum.en.png", 9, DIGEST),))
    assert entry.as_json() == WRITTEN
    assert list(entry.as_json()) == list(WRITTEN)  # the same order of keys, for --json
    assert OutputEntry.from_json(json.loads(json.dumps(WRITTEN))) == entry
    assert entry.file_paths() == ["forum/forum.en.pdf", "forum/forum.en.png"]


def test_an_entry_without_other_formats_has_no_files_key() -> None:
    data = {key: value for key, value in WRITTEN.items() if key != "files"}
    entry = OutputEntry.from_json(data)
    assert entry is not None and entry.files is None and entry.as_json() == data
    assert entry.with_files([]).as_json()["files"] == []


def test_what_cannot_be_trusted_is_kept_as_read() -> None:
    odd = {"path": "a/a.en.pdf", "pages": "2", "bytes": True, "files": [{"path": 3}],
           "preflight": "none", "warnings": [1], "from_a_newer_briefs": {"x": 1}}
    entry = OutputEntry.from_json(odd)
    assert entry is not None
    assert (entry.pages, entry.bytes, entry.files, entry.warnings) == (0, None, None, ())
    written = entry.as_json()
    assert {key: written[key] for key in odd} == odd
    assert "sha256" not in written and "bytes" in written


def test_not_an_entry() -> None:
    assert OutputEntry.from_json({"doc": "a"}) is None
    assert OutputEntry.from_json(["a/a.en.pdf"]) is None
    assert OutputEntry.from_json(None) is None
    assert FileRecord.from_json({"format": "png", "path": "p", "bytes": "9",
                                 "sha256": DIGEST}) is None
