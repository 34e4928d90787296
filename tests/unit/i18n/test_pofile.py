"""Strict PO reading: every broken catalog is an error at its line, never a shortened one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefs.core.diagnostics import BriefsError, Diagnostics
from briefs.i18n.pofile import CatalogProblem, read_catalog

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n')


def read(tmp_path: Path, body: bytes | str, header: str = HEADER) -> object:
    path = tmp_path / "messages.po"
    data = body if isinstance(body, bytes) else (header + body).encode("utf-8")
    path.write_bytes(data)
    return read_catalog(path, "fr", Path.read_bytes)


def test_a_good_catalog_reads(tmp_path: Path) -> None:
    catalog = read(tmp_path, 'msgid "Date"\nmsgstr "Date"\n\n'
                             'msgid "Register by %(date)s"\nmsgstr "Inscription avant le %(date)s"'
                             '\n\nmsgid "100%% sure"\nmsgstr "Sûr à 100 %%"\n')
    assert catalog["Register by %(date)s"].string == "Inscription avant le %(date)s"


@pytest.mark.parametrize(("body", "line", "column", "words"), [
    ('msgid "Date"\nmsgstr "Dat\n', 7, 8, "unterminated string"),
    ('msgid "Date"\nmsgstr "Date"\n"more\n', 8, 1, "unterminated string"),
    ('msgid "Date"\nmsgstr "Date" extra\n', 7, 8, "text after the closing quote"),
    ('msgid "Date"\nmsgstr Date\n', 7, 1, "not a PO line"),
    ('msgid "Register by %(date)s"\nmsgstr "Avant le %(jour)s"\n', 7, 1,
     "placeholder %(jour)s is not in the source text"),
    ('msgid "Date"\nmsgstr "100 %d"\n', 7, 1, "a % that is not a placeholder"),
    ('msgid "Date"\nmsgstr "100 %"\n', 7, 1, "a % that is not a placeholder"),
])
def test_broken_entries_are_errors_at_their_line(tmp_path: Path, body: str, line: int,
                                                 column: int, words: str) -> None:
    with pytest.raises(CatalogProblem, match=re.escape(words)) as caught:
        read(tmp_path, body)
    assert caught.value.position is not None
    assert (caught.value.position.line, caught.value.position.column) == (line, column)
    assert caught.value.source is not None


@pytest.mark.parametrize("formula", ["nplurals=2; plural=n/0;", "nplurals=2; plural=import os;",
                                     "nplurals=2; plural=(n>1;", "nplurals=2; plural=n+5;",
                                     "nplurals=x; plural=n;"])
def test_a_bad_plural_formula_is_an_error_at_the_header(tmp_path: Path, formula: str) -> None:
    header = HEADER.replace("nplurals=2; plural=(n > 1);", formula)
    with pytest.raises(CatalogProblem, match=r"Plural-Forms|header") as caught:
        read(tmp_path, 'msgid "Date"\nmsgstr "Date"\n', header)
    assert caught.value.position is not None and caught.value.position.line == 4


def test_invalid_utf8_is_an_error_at_its_line_and_column(tmp_path: Path) -> None:
    data = (HEADER + 'msgid "Date"\nmsgstr "Da').encode() + b"\xff" + b'te"\n'
    with pytest.raises(CatalogProblem, match="invalid UTF-8 byte 0xff") as caught:
        read(tmp_path, data)
    assert caught.value.position is not None
    assert (caught.value.position.line, caught.value.position.column) == (7, 11)


def test_load_translations_reports_with_the_po_line(tmp_path: Path) -> None:
    from briefs.content.config import Workspace, WorkspaceConfig
    from briefs.i18n.catalogs import load_translations, po_path

    workspace = Workspace(tmp_path, WorkspaceConfig(name="w", default_brand="b"))
    path = po_path(workspace, "fr")
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + 'msgid "Date"\nmsgstr "Dat\n', encoding="utf-8")
    diagnostics = Diagnostics()
    load_translations(workspace, "fr", diagnostics)
    [error] = diagnostics.errors
    assert error.format(tmp_path).startswith(
        "templates/locales/fr/LC_MESSAGES/messages.po:7:8: error: invalid PO entry")
    assert isinstance(BriefsError([error]), BriefsError)
