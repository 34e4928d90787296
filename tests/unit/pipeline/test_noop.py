"""The no-op stamp: an unchanged rebuild with the same arguments answers from it alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefs.content.config_file import ConfigFile
from briefs.output.writer import Writer
from briefs.pipeline.noop import forget, noop_outputs, up_to_date, write_stamp
from briefs.pipeline.request import BuildOptions, BuildRequest


def workspace(tmp_path: Path) -> tuple[Path, Writer]:
    (tmp_path / "briefs.yaml").write_text("name: x\n")
    (tmp_path / "content" / "doc").mkdir(parents=True)
    (tmp_path / "content" / "doc" / "en.yaml").write_text("title: A\n")
    output = tmp_path / "build"
    (output / "doc").mkdir(parents=True)
    (output / "doc" / "doc.en.pdf").write_bytes(b"%PDF")
    return tmp_path, Writer(output)


ARGUMENTS = BuildRequest(Path("."), options=BuildOptions(strict=True)).stamp_arguments()


def test_an_unchanged_rebuild_is_answered_from_the_stamp(tmp_path: Path) -> None:
    root, writer = workspace(tmp_path)
    write_stamp(writer, root, ARGUMENTS, ["doc/doc.en.pdf"], [])
    assert up_to_date(root, writer.output_dir, ARGUMENTS) == ["doc/doc.en.pdf"]


def test_other_arguments_a_changed_input_or_output_are_not(tmp_path: Path) -> None:
    root, writer = workspace(tmp_path)
    write_stamp(writer, root, ARGUMENTS, ["doc/doc.en.pdf"], [])
    other = BuildRequest(Path("."), options=BuildOptions(formats=("html",))).stamp_arguments()
    assert up_to_date(root, writer.output_dir, other) is None
    text = root / "content" / "doc" / "en.yaml"
    text.write_text("title: B\n")
    assert up_to_date(root, writer.output_dir, ARGUMENTS) is None
    write_stamp(writer, root, ARGUMENTS, ["doc/doc.en.pdf"], [])
    pdf = writer.output_dir / "doc" / "doc.en.pdf"
    os.utime(pdf, ns=(1, 1))
    assert up_to_date(root, writer.output_dir, ARGUMENTS) is None


def test_a_forgotten_stamp_answers_nothing(tmp_path: Path) -> None:
    root, writer = workspace(tmp_path)
    write_stamp(writer, root, ARGUMENTS, ["doc/doc.en.pdf"], [])
    forget(writer)
    assert up_to_date(root, writer.output_dir, ARGUMENTS) is None


def test_the_no_op_path_is_taken_only_when_the_request_allows_it(tmp_path: Path) -> None:
    """Not under --force, not for -o (the one output must be copied out), not without a
    readable briefs.yaml: the rule is the pipeline's, the command line only reports it."""
    root, writer = workspace(tmp_path)
    request = BuildRequest(root, options=BuildOptions(strict=True))
    write_stamp(writer, root, request.stamp_arguments(), ["doc/doc.en.pdf"], [])
    assert noop_outputs(request, ConfigFile.read(root)) == ["doc/doc.en.pdf"]
    forced = BuildRequest(root, options=BuildOptions(strict=True, force=True))
    assert noop_outputs(forced, ConfigFile.read(root)) is None
    single = BuildRequest(root, docs=("doc",), single=True)
    write_stamp(writer, root, single.stamp_arguments(), ["doc/doc.en.pdf"], [])
    assert up_to_date(root, writer.output_dir, single.stamp_arguments()) is not None
    assert noop_outputs(single, ConfigFile.read(root)) is None
    (root / "briefs.yaml").write_text("name: [unclosed\n")
    assert noop_outputs(BuildRequest(root, docs=("doc",), single=False),
                        ConfigFile.read(root)) is None


def test_a_changed_input_is_found_before_the_key_is_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an edit (the everyday rebuild), the answer comes from the files' sizes and times
    alone: no git process, no fingerprint of the toolkit, which would delay the build."""
    from briefs.pipeline import noop

    root, writer = workspace(tmp_path)
    write_stamp(writer, root, ARGUMENTS, ["doc/doc.en.pdf"], [])
    made: list[str] = []
    monkeypatch.setattr(noop, "_git_head", lambda root: made.append("git") or "")
    (root / "content" / "doc" / "en.yaml").write_text("title: B\n")
    assert up_to_date(root, writer.output_dir, ARGUMENTS) is None
    assert made == []
    write_stamp(writer, root, ARGUMENTS, ["doc/doc.en.pdf"], [])
    made.clear()
    assert up_to_date(root, writer.output_dir, ARGUMENTS) == ["doc/doc.en.pdf"]
    assert made == ["git"]  # the files unchanged: the key is made and compared
