"""Schema errors in plain words: no validator jargon or regular expressions reach a user."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefs.brand.model import Brand
from briefs.content.config import WorkspaceConfig
from briefs.content.loader import load_yaml_text
from briefs.content.validation import validate
from briefs.core.diagnostics import Diagnostics
from briefs.kinds.flyer import FlyerSettings
from briefs.kinds.key_messages import KeyMessagesText

JARGON = re.compile(r"input should|string should|should have|valid string|valid integer|"
                    r"valid list|valid dict|pattern|\^\[|\$'|after validation|unable to parse|"
                    r"field required|extra inputs|pydantic", re.IGNORECASE)

BRAND = """\
name: Team
colors:
  primary: "#23507a"
  secondary: "#6b93b8"
  accent: "#d9663b"
  text: "#1f2933"
  muted: "#5c6b7a"
  tint: "#edf2f7"
  paper: "#ffffff"
fonts: [{family: Sans, file: fonts/a.ttf, weight: 400}]
typography: {body: [Sans], heading: [Sans]}
logo: logos/logo.svg
"""


def problems(model: type, text: str) -> list[str]:
    diagnostics = Diagnostics()
    loaded = load_yaml_text(text, Path("f.yaml"), diagnostics)
    assert loaded is not None
    validate(model, loaded, diagnostics)
    return [d.format() for d in diagnostics]


def config(locales: str) -> str:
    return f"name: w\ndefault_brand: b\nlocales: {locales}\n"


@pytest.mark.parametrize(("model", "text", "expected"), [
    (WorkspaceConfig, config("[en, french]"),
     'f.yaml:3:15: error: locales[1]: "french" is not a locale code briefs knows; did you mean '
     '"fr" (French)? Locale codes are short: fr, es, pt_BR, zh_Hant'),
    (WorkspaceConfig, config("[en, fr, sp]"),
     'f.yaml:3:19: error: locales[2]: "sp" is not a locale code briefs knows; did you mean '
     '"es" (Spanish)? Locale codes are short: fr, es, pt_BR, zh_Hant'),
    (WorkspaceConfig, config("[en, xx]"),
     'f.yaml:3:15: error: locales[1]: "xx" is not a locale code briefs knows (CLDR has no data '
     "for it); use a code such as fr, pt_BR, zh_Hant or sr-Latn"),
    (Brand, BRAND.replace('primary: "#23507a"', "primary: #23507a"),
     'f.yaml:3:12: error: colors.primary: has no value: YAML reads everything from # on as a '
     'comment, so #23507a was left out; put it in quotes: primary: "#23507a"'),
    (FlyerSettings, "kind: flyer\npaper: A9\n",
     'f.yaml:2:8: error: paper: must be one of: A4, letter (got "A9")'),
    (KeyMessagesText, "title: [a, b]\nevent_name: E\ntheme: T\nplace: P\nintroduction: I\n"
                      "messages: [{title: t, text: x}]\n",
     "f.yaml:1:8: error: title: expected a text, found a list"),
])
def test_exact_plain_messages(model: type, text: str, expected: str) -> None:
    found = problems(model, text)
    assert expected in found, found


@pytest.mark.parametrize(("model", "text"), [
    (WorkspaceConfig, config("[en, French]")),
    (WorkspaceConfig, config("[en]") + "output_dir: [x]\n"),
    (WorkspaceConfig, config("[en]") + "suffix: DRAFT\n"),
    (WorkspaceConfig, "name: w\ndefault_brand: Team Brand!\n"),
    (WorkspaceConfig, config("[]")),
    (Brand, BRAND.replace("weight: 400", "weight: heavy")),
    (Brand, BRAND.replace("typography:", "scripts: {arabic: {body: [Sans]}}\ntypography:")),
    (Brand, BRAND.replace("name: Team", "name:")),
    (FlyerSettings, "kind: flyer\nmax_pages: two\n"),
    (FlyerSettings, "kind: flyer\nmax_pages: 0\n"),
    (FlyerSettings, "kind: flyer\nlocales: [english]\n"),
    (FlyerSettings, "kind: flyer\ncontact: {email: not-an-address}\n"),
    (KeyMessagesText, "title: \nevent_name: E\ntheme: T\nplace: P\nintroduction: I\nmessages: x\n"),
])
def test_no_validator_jargon(model: type, text: str) -> None:
    found = [line for line in problems(model, text) if "error" in line]
    assert found, "expected an error"
    for line in found:
        assert not JARGON.search(line), line
