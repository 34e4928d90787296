"""Fonts of a brand.yml file as briefs' font faces: files beside it, installed families,
Google or Bunny families found installed with fontconfig (briefs never downloads), and CSS
font stacks (`Arial, sans-serif`) as lists of families."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WEIGHTS = {"thin": 100, "extra-light": 200, "light": 300, "normal": 400, "medium": 500,
           "semi-bold": 600, "bold": 700, "extra-bold": 800, "black": 900}
GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui",
                    "ui-sans-serif", "ui-serif", "ui-monospace", "-apple-system",
                    "blinkmacsystemfont"}
DEBIAN_PACKAGES = {"open sans": "fonts-open-sans", "lato": "fonts-lato",
                   "roboto": "fonts-roboto", "roboto slab": "fonts-roboto-slab",
                   "fira code": "fonts-firacode", "inter": "fonts-inter",
                   "noto sans": "fonts-noto-core", "noto serif": "fonts-noto-core",
                   "dejavu sans": "fonts-dejavu-core", "liberation sans": "fonts-liberation",
                   "liberation serif": "fonts-liberation"}
"""Debian packages of families brand.yml files often take from Google or Bunny Fonts."""


@dataclass
class Fonts:
    """What choosing the families of the stacks works with."""

    declared: dict[str, Any]
    faces: list[dict[str, Any]]
    stacks: dict[str, list[str]]
    heading_weight: int
    problem: Any
    warn: Any


def _weight(value: Any) -> int:
    raw = getattr(value, "root", value)
    if isinstance(raw, list | tuple):
        raw = raw[0]
    return WEIGHTS.get(str(raw), 400) if not str(raw).isdigit() else int(str(raw))


def _weights(value: Any) -> set[int]:
    raw = getattr(value, "root", value)
    items = raw if isinstance(raw, list | tuple) else [raw]
    return {_weight(item) for item in items}


def families_of(stack: Any) -> list[str]:
    """A CSS font stack (`"Open Sans", Arial, sans-serif`) as its family names."""
    if stack is None:
        return []
    return [name.strip().strip("'\"").strip() for name in str(stack).split(",")
            if name.strip().strip("'\"").strip()]


def _packages(family: str) -> str:
    debian = DEBIAN_PACKAGES.get(family.lower())
    cask = "font-" + "-".join(family.lower().split())
    return (f"on Debian or Ubuntu `sudo apt-get install {debian}`, on macOS " if debian
            else "on macOS ") + f"`brew install --cask {cask}`"


def _installed(family: str, weight: int, italic: bool) -> bool:
    from briefs.brand.fonts import FontProblem, find_installed_face

    try:
        find_installed_face(family, weight, italic, DEBIAN_PACKAGES.get(family.lower()))
    except FontProblem:
        return False
    return True


def _generic(family: str) -> str | None:
    """The installed family fontconfig gives for a generic family (`sans-serif`)."""
    try:
        result = subprocess.run(["fc-match", "--format=%{family[0]}", family.lower()],
                                capture_output=True, text=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def font_faces(brand: Any, problem: Any, warn: Any) -> tuple[list[dict[str, Any]],
                                                              dict[str, list[str]]]:
    """Font faces: files beside _brand.yml, installed families (`source: system`, and
    Google or Bunny families, which briefs never downloads: found installed with fontconfig,
    or an error naming the family and its package), and the body and heading stacks."""
    typography = brand.typography
    declared = {font.family: (index, font) for index, font in
                enumerate(typography.fonts if typography else [])}
    base = typography.base.family if typography and typography.base else None
    headings = typography.headings if typography else None
    heading_weight = _weight(headings.weight) if headings and headings.weight else 700
    if heading_weight != 700:
        warn(f"typography.headings.weight: briefs' layouts set headings in their own weights; "
             f"{heading_weight} is not applied (set it in the brand's brand.css: "
             f"h1, h2, h3 {{ font-weight: {heading_weight} }})",
             ("typography", "headings", "weight"))
    stacks = {"body": families_of(base),
              "heading": families_of(headings.family if headings else None)}
    faces: list[dict[str, Any]] = []
    for index, font in enumerate(typography.fonts if typography else []):
        if font.source not in ("google", "bunny", "system"):
            _file_faces(font, index, faces, problem)
    chosen: dict[str, list[str]] = {}
    for role, stack in stacks.items():
        chosen[role] = []
        if role == "heading" and not stack:
            continue  # headings in the body's families
        for family in stack or ["sans-serif"]:
            found = _stack_family(family, role, Fonts(declared, faces, stacks, heading_weight,
                                                      problem, warn))
            if found:
                chosen[role].append(found)
        if len(stack) > 1 and not chosen[role]:
            where = ("typography", "base" if role == "body" else "headings")
            problem(f"typography: no family of `{', '.join(stack)}` is available; install "
                    f"one ({_packages(stack[0])}) or put its font files next to _brand.yml "
                    "and declare them under fonts with source: file", where)
    return faces, {"body": chosen["body"] or chosen["heading"],
                   "heading": chosen["heading"] or chosen["body"]}


def _file_faces(font: Any, index: int, faces: list[dict[str, Any]], problem: Any) -> None:
    where = ("typography", "fonts", index)
    for number, file in enumerate(font.files):
        if not isinstance(file.path.root, Path):
            problem(f"{file.path}: a font file must be next to _brand.yml, not on the "
                    "web (briefs never fetches anything)", (*where, "files", number))
            continue
        faces.append({"family": font.family, "file": file.path.root.as_posix(),
                      "weight": _weight(file.weight), "style": file.style or "normal"})


def _stack_family(family: str, role: str, fonts: Fonts) -> str | None:
    """The family to use for one entry of a stack, its installed faces added; None when it
    is not available (a later entry of the stack may be)."""
    faces, problem, warn, stacks = fonts.faces, fonts.problem, fonts.warn, fonts.stacks
    heading_weight, declared = fonts.heading_weight, fonts.declared
    if any(face["family"] == family for face in faces if "file" in face):
        return family
    if family.lower() in GENERIC_FAMILIES:
        concrete = _generic(family)
        if concrete is None:
            return None
        family = concrete
    index, font = declared.get(family, (None, None))
    remote = font is not None and font.source in ("google", "bunny")
    wanted = {(400, "normal"), (400, "italic"), (700, "normal")} if role == "body" else \
        {(heading_weight, "normal")}
    if remote:
        weights = _weights(font.weight)
        styles = set(font.style if isinstance(font.style, list) else [font.style])
        wanted = {(weight, style) for weight, style in wanted
                  if style in styles and (weight in weights or not weights)} or wanted
    if not _installed(family, 400 if role == "body" else heading_weight, False):
        if remote:
            problem(f'font "{family}" comes from {font.source.capitalize()} Fonts, and briefs '
                    "never downloads anything; it is not installed on this machine: install "
                    f"it ({_packages(family)}), or put its font files next to _brand.yml and "
                    "declare them with source: file", ("typography", "fonts", index, "family"))
        elif len(stacks[role]) == 1:
            problem(f'font "{family}" is not installed on this machine; install it '
                    f"({_packages(family)}), or put its font files next to _brand.yml and "
                    "declare them under fonts with source: file",
                    ("typography", "base" if role == "body" else "headings"))
        else:
            warn(f'font "{family}" is not installed on this machine; the next family of the '
                 "stack is used", ("typography", "base" if role == "body" else "headings"))
        return None
    package = DEBIAN_PACKAGES.get(family.lower())
    for weight, style in sorted(wanted):
        face = {"family": family, "system": family, "weight": weight, "style": style}
        if package:
            face["package"] = package
        if face not in faces:
            faces.append(face)
    return family
