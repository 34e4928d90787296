"""The one scanner for runs against the text's direction: an isolate a translator types
(U+2066-2069) is a neutral to the run around it, whatever letters it holds."""

from __future__ import annotations

from briefs.render.bidi_runs import CLOSE, IN_LTR, IN_RTL, OPEN, RunScanner, run_spans

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"


def _runs(text: str, rtl: bool = True) -> list[str]:
    return [text[start:end] for start, end in run_spans(text, IN_RTL if rtl else IN_LTR)]


def test_a_run_goes_on_across_an_isolate_whatever_it_holds() -> None:
    assert _runs(f"ש the {RLI}שלום{PDI} report ש") == [f"the {RLI}שלום{PDI} report"]
    assert _runs(f"ש the {LRI}٣+٤{PDI} report ש") == [f"the {LRI}٣+٤{PDI} report"]
    assert _runs(f"ש the {FSI}a {RLI}ש{PDI} b{PDI} report") == [
        f"the {FSI}a {RLI}ש{PDI} b{PDI} report"]  # nested: one neutral
    assert _runs(f"Signed אבג {LRI}abc{PDI} דהו today", rtl=False) == [
        f"אבג {LRI}abc{PDI} דהו"]


def test_a_run_never_starts_or_ends_inside_an_isolate() -> None:
    assert _runs(f"ש {LRI}the report{PDI} ש") == []
    assert _runs(f"ש {LRI}ש the{PDI} report ש") == ["report"]
    assert _runs(f"ש the {LRI}x") == ["the"]  # no PDI: isolated to the end of the text
    assert _runs(f"ש the{PDI} report ש") == [f"the{PDI} report"]  # a lone PDI: a neutral


def test_the_other_direction_s_strong_characters_end_a_run() -> None:
    assert _runs("the ש report") == ["the", "report"]
    assert _runs("the ٢٠٢٥ report\tnext\nline") == ["the", "report", "next", "line"]
    assert _runs("the \u202bx") == ["the", "x"]  # RLE
    assert _runs("אבג 2019 x דהו", rtl=False) == ["אבג 2019", "דהו"]


def test_the_scanner_follows_an_isolate_from_one_text_to_the_next() -> None:
    scanner = RunScanner(IN_RTL)
    assert list(scanner.roles(f"a {LRI}b {RLI}")) == [(0, 0, "start"), (2, 2, OPEN)]
    assert scanner.isolated
    assert list(scanner.roles(f"c{PDI} d{PDI} e f ש ש")) == [
        (4, 4, CLOSE), (6, 8, "start"), (10, 12, "end")]  # stretches of one role
    assert not scanner.isolated
    assert scanner.roles_in("a ש 1") == {"start", "end"}
    assert scanner.roles_in(f"a {RLI}ש{PDI}") == {"start", OPEN, CLOSE}
