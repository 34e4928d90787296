"""The output-format registry: PDF first, plug-ins by entry point, names that cannot clash."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from briefs.content.config import Profile
from briefs.core.diagnostics import Diagnostics
from briefs.formats import registry
from briefs.formats.format import Made, OutputFormat, Source
from briefs.formats.pdf import PDF
from briefs.formats.targets import OutputName, TargetKey

BUILT_IN = [output.name for output in registry.builtin_formats()]


class Text(OutputFormat):
    name = "text"
    suffix = ".txt"
    cost = 0.5

    def make(self, source: Source) -> Made:
        return Made({source.name.path: source.html.encode()})


def plugins(monkeypatch: pytest.MonkeyPatch, *points: SimpleNamespace) -> None:
    monkeypatch.setattr(registry, "entry_points",
                        lambda group: list(points) if group == registry.ENTRY_POINT_GROUP
                        else [])


def point(name: str, load: object) -> SimpleNamespace:
    return SimpleNamespace(name=name, value=f"briefs_{name}:FORMAT", load=load)


def test_pdf_is_built_in_and_always_first() -> None:
    formats = registry.FormatRegistry([PDF, Text()])
    assert [f.name for f in formats.select(["text"])] == ["pdf", "text"]
    assert [f.name for f in formats.select(["text", "pdf", "text"])] == ["pdf", "text"]
    assert formats.select() == (PDF,)


def test_an_unknown_format_says_which_exist() -> None:
    formats = registry.FormatRegistry([PDF, Text()])
    with pytest.raises(registry.UnknownFormat, match=r'no output format "txet" \(did you mean '
                                                     r'"text"\?\); formats: pdf, text'):
        formats.select(["txet"])


def test_a_plugin_format_is_found_by_its_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    plugins(monkeypatch, point("text", Text))  # a class: called, as a factory
    diagnostics = Diagnostics()
    formats = registry.load_formats(diagnostics)
    assert formats.names() == [*BUILT_IN, "text"] and not diagnostics.items


def test_broken_or_clashing_plugins_are_reported_and_skipped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> OutputFormat:
        raise ImportError("no module named briefs_x")

    class Pdf2(Text):
        name, suffix = "pdf2", ".pdf"  # the PDF's own file name

    class Dotted(Text):
        name, suffix = "dotted", ".print.txt"  # could take a profile's file

    plugins(monkeypatch, point("x", broken), point("y", lambda: 5), point("z", Pdf2),
            point("d", Dotted), point("text", Text), point("text2", Text))
    diagnostics = Diagnostics()
    formats = registry.load_formats(diagnostics)
    assert formats.names() == [*BUILT_IN, "text"]
    messages = [d.message for d in diagnostics]
    assert "cannot be loaded: ImportError: no module named briefs_x" in messages[0]
    assert "is not a briefs OutputFormat with a name and a suffix (got int)" in messages[1]
    assert "whose name or suffix is taken already" in messages[2]
    assert "(got Dotted)" in messages[3]
    assert "whose name or suffix is taken already" in messages[4]
    assert len(messages) == 5


def test_a_plugin_cannot_take_a_built_in_formats_suffix(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class Page(Text):
        name, suffix = "page", ".html"  # the web page's

    plugins(monkeypatch, point("page", Page))
    diagnostics = Diagnostics()
    assert "page" not in registry.load_formats(diagnostics).names()
    assert "whose name or suffix is taken already" in diagnostics.items[0].message


def test_registering_twice_is_refused() -> None:
    formats = registry.FormatRegistry([PDF])
    with pytest.raises(ValueError, match="registered twice"):
        formats.register(PDF)


def test_a_format_names_its_files_after_the_output() -> None:
    key = TargetKey("forum", "fr", "print")
    name = Text().name_for(key, Profile(suffix=".print"))
    assert name == OutputName("forum.fr.print", "forum/forum.fr.print.txt")
    assert PDF.name_for(key, Profile(suffix=".print")).path == "forum/forum.fr.print.pdf"
    text = Text()
    assert text.owns(name, "forum/forum.fr.print.txt")
    assert text.owns(name, "forum/forum.fr.print.p2.txt")
    for stray in ("forum/forum.fr.txt", "forum/forum.fr.print.pdf", "other/forum.fr.print.txt",
                  "forum/forum.fr.print./../x.txt", "forum/forum.fr.print.a/b.txt"):
        assert not text.owns(name, stray), stray
