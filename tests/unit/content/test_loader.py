"""Loader: every malformed YAML is one precise `path:line:col` diagnostic."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.content.loader import MAX_FILE_BYTES, load_yaml_file, load_yaml_text
from briefs.core.diagnostics import Diagnostics

PATH = Path("doc/en.yaml")


def load(text: str) -> tuple[object, list[str]]:
    diagnostics = Diagnostics()
    loaded = load_yaml_text(text, PATH, diagnostics)
    return (loaded.data if loaded else None), [d.format() for d in diagnostics]


def test_scalars_stay_strings_and_empty_values_are_none() -> None:
    data, problems = load("country: NO\nyear: 2021\nflag: yes\nempty:\nquoted: ''\n")
    assert problems == []
    assert data == {"country": "NO", "year": "2021", "flag": "yes", "empty": None, "quoted": ""}


def test_positions_of_keys_and_values_are_kept() -> None:
    diagnostics = Diagnostics()
    loaded = load_yaml_text("a: 1\nlist:\n  - x: 1\n    y: 2\n", PATH, diagnostics)
    assert loaded is not None
    assert loaded.key_positions[("list", 0, "y")].line == 4
    assert loaded.key_positions[("list", 0, "y")].column == 5
    assert loaded.position_of(("list", 0, "missing")).line == 3  # nearest parent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\n",
         'doc/en.yaml:2:1: error: duplicate key "a" (first defined at line 1); remove one of them'),
        ("- a\n- b\n",
         "doc/en.yaml:1:1: error: expected a mapping of fields (key: value) at the top of the "
         "file, found a list"),
        ("just text\n",
         'doc/en.yaml:1:1: error: expected a mapping of fields (key: value) at the top of the '
         'file, found the text "just text"'),
        ("", "doc/en.yaml:1:1: error: file is empty; it must hold a YAML mapping of fields "
             "(key: value)"),
        ("# only a comment\n", "doc/en.yaml:1:1: error: file is empty; it must hold a YAML "
                               "mapping of fields (key: value)"),
        ("title: a: b\n",
         "doc/en.yaml:1:9: error: invalid YAML: mapping values are not allowed here; a value "
         "containing ': ' must be quoted, or use a block scalar (|)"),
        ("a: &x 1\nb: *x\n", "doc/en.yaml:1:4: error: YAML anchors and aliases (&name, *name) "
                             "are not allowed in content; write the value out"),
        ("a: !!python/object:os.system x\n",
         "doc/en.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not "
         "allowed in content; remove it"),
        ("a: 1\n---\nb: 2\n", "doc/en.yaml:3:1: error: file holds more than one YAML document "
                              "(`---`); keep one per file"),
        ("<<: {a: 1}\n", "doc/en.yaml:1:1: error: YAML merge keys (<<) are not allowed in content"),
    ],
)
def test_malformed_yaml(text: str, expected: str) -> None:
    data, problems = load(text)
    assert data is None
    assert problems == [expected]


def test_billion_laughs_is_refused_without_expanding() -> None:
    text = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    data, problems = load(text)
    assert data is None and len(problems) == 1 and "anchors and aliases" in problems[0]


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * 40 + "]" * 40 + "\n"
    data, problems = load(text)
    assert data is None and "nesting deeper than" in problems[0]


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "fr.yaml"
    path.write_bytes("title: ok\nplace: Gen\xe8ve\n".encode("latin-1"))
    diagnostics = Diagnostics()
    assert load_yaml_file(path, diagnostics, roots=(tmp_path,)) is None
    assert [d.format(tmp_path) for d in diagnostics] == [
        "fr.yaml:2:11: error: invalid UTF-8 byte 0xe8; save the file as UTF-8"]


def test_control_characters_are_reported_with_code_and_name(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("title: Hello\x07 there\n", encoding="utf-8")
    diagnostics = Diagnostics()
    assert load_yaml_file(path, diagnostics, roots=(tmp_path,)) is None
    assert [d.format(tmp_path) for d in diagnostics] == [
        "en.yaml:1:13: error: control character U+0007 in text; delete it "
        "(it is often pasted in invisibly from another program)"]


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * (MAX_FILE_BYTES + 1), encoding="utf-8")
    diagnostics = Diagnostics()
    assert load_yaml_file(path, diagnostics, roots=(tmp_path,)) is None
    assert "over the" in diagnostics.errors[0].message


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: ok\n")
    assert load_yaml_file(path, Diagnostics(), roots=(tmp_path,)).data == {"title": "ok"}


# Beginner mistakes (issue 26): each said in plain words, with the exact message.
INDENT = ("keys of one mapping must line up (a key further in needs a parent key ending in `:`); "
          "fix the spaces at the start of the line")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("organisers:\n  - Our Team\n\t- A partner\n",
         "doc/en.yaml:3:1: error: invalid YAML: a tab character is used for indentation here; "
         "YAML indents with spaces only: replace the tab with spaces (set your editor to insert "
         "spaces)"),
        ("cover:\n\talt: x\n",
         "doc/en.yaml:2:1: error: invalid YAML: a tab character is used for indentation here; "
         "YAML indents with spaces only: replace the tab with spaces (set your editor to insert "
         "spaces)"),
        ("title: a\n  theme: b\n",
         "doc/en.yaml:2:3: error: invalid YAML: indentation: line 2 starts 2 spaces in, but the "
         f"key on line 1 above it starts 0 in; {INDENT}"),
        ("messages:\n  - title: x\n   text: y\n",
         "doc/en.yaml:3:4: error: invalid YAML: indentation: line 3 starts 3 spaces in, but the "
         f"key on line 2 above it starts 4 in; {INDENT}"),
        ("cover:\n    alt: x\n  # a comment\n  caption: y\n",
         "doc/en.yaml:4:3: error: invalid YAML: indentation: line 4 starts 2 spaces in, but the "
         f"key on line 2 above it starts 4 in; {INDENT}"),
        ("theme: \u201cPlanning: together\u201d\n",
         "doc/en.yaml:1:8: error: invalid YAML: the value holds curly quotes \u201c (as word "
         "processors type them), which YAML does not read as quotes; retype them as straight "
         'quotes "..."'),
    ],
)
def test_beginner_syntax_errors_say_what_is_wrong(text: str, expected: str) -> None:
    data, problems = load(text)
    assert data is None
    assert problems == [expected]


def test_value_wrapped_in_curly_quotes_is_taken_as_quoted_with_a_warning() -> None:
    data, problems = load("handle: \u201c@team@example.social\u201d\n")
    assert data == {"handle": "@team@example.social"}
    assert problems == [
        "doc/en.yaml:1:9: warning: the value is wrapped in curly quotes \u201c...\u201d; they are "
        'read as quotes and left out ("@team@example.social"); type straight quotes "..." '
        "instead, or, to print curly quotes, put the whole value in straight ones: "
        "'\u201c@team@example.social\u201d'"]


def test_curly_quote_inside_a_one_word_value_is_warned_about() -> None:
    data, problems = load("email: team@example.org\u201d\n")
    assert data == {"email": "team@example.org\u201d"}
    assert problems == [
        'doc/en.yaml:1:8: warning: curly quote \u201d inside "team@example.org\u201d" will be '
        "printed as it is; delete it if a word processor put it there, or type a straight quote"]


@pytest.mark.parametrize("text", [
    "theme: The \u201cbest\u201d year\n",          # typographic quotes in prose are wanted
    "quote: '\u201cAgreeing on less\u201d'\n",     # quoted on purpose
    "pair: \u201cA\u201d and \u201cB\u201d\n",     # not one wrapped value
])
def test_curly_quotes_meant_as_text_are_left_alone(text: str) -> None:
    data, problems = load(text)
    assert problems == []
    assert isinstance(data, dict) and "\u201c" in next(iter(data.values()))


def test_a_hash_value_read_as_a_comment_is_remembered() -> None:
    diagnostics = Diagnostics()
    loaded = load_yaml_text("primary: #23507a   # headings\nnote: # a real comment\n", PATH,
                            diagnostics)
    assert loaded is not None and loaded.data == {"primary": None, "note": None}
    assert loaded.commented_value(("primary",)) == "#23507a"
    assert loaded.commented_value(("note",)) is None


def test_chinese_prose_quoting_with_curly_quotes_is_left_alone() -> None:
    data, problems = load("theme: 减少管网漏损，往往是城镇所能找到的最廉价的\u201c新水源\u201d。\n")
    assert problems == []
    assert data == {"theme": "减少管网漏损，往往是城镇所能找到的最廉价的\u201c新水源\u201d。"}
