"""Load a brand (styles/<brand>/brand.yaml) and resolve every file it names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefs.brand.brandyml import BRAND_YML, Mapped, read_brand_yml
from briefs.brand.fonts import (
    FontProblem,
    InstalledFace,
    find_installed_face,
    look_up_installed_faces,
)
from briefs.brand.literals import token_literals
from briefs.brand.model import Brand, FontFace
from briefs.content.config import Workspace
from briefs.content.images import ImageProblem, inspect_image
from briefs.content.loader import LoadedYaml, load_yaml_file
from briefs.content.validation import validate
from briefs.core.diagnostics import Diagnostics, Position
from briefs.core.kept import KeptFacts
from briefs.core.paths import RefusedPath, read_bytes, resolve_inside
from briefs.i18n.scripts import COMPOSITE_OF, SCRIPTS, script_name

FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf", b"wOFF", b"wOF2")

MAX_BRAND_CSS_BYTES = 1_000_000


@dataclass(frozen=True)
class ResolvedFace:
    """A declared face and the font file (and face index) it comes from."""

    face: FontFace
    path: Path
    index: int
    bundled: bool


@dataclass(frozen=True)
class LoadedBrand:
    """A validated brand with every file it refers to resolved."""

    id: str
    folder: Path
    model: Brand
    faces: tuple[ResolvedFace, ...]
    logo: Path
    logo_inverse: Path | None
    stylesheets: tuple[Path, ...]

    def faces_for(self, script: str | None) -> tuple[ResolvedFace, ...]:
        """The faces of every family in the body and heading stacks for `script`."""
        families = set(self.model.stack("body", script)) | set(self.model.stack("heading", script))
        return tuple(resolved for resolved in self.faces if resolved.face.family in families)


def load_brand(workspace: Workspace, brand_id: str, diagnostics: Diagnostics,
               facts: KeptFacts | None = None) -> LoadedBrand | None:
    """A brand, checked (None when it has errors); `facts` keeps font and logo checks."""
    folder = workspace.styles_dir / brand_id
    path, loaded = _read(workspace, folder, diagnostics)
    brand = validate(Brand, loaded, diagnostics) if loaded else None
    if brand is None or loaded is None or path is None:
        return None
    errors_before = len(diagnostics.errors)

    def report(message: str, key_path: tuple[str | int, ...]) -> None:
        diagnostics.error(f"{_dotted(key_path)}: {message}", path,
                          loaded.position_of(key_path, value=True))

    def resolve(reference: str, key_path: tuple[str | int, ...]) -> Path | None:
        try:
            return resolve_inside(workspace.root, folder, reference)
        except RefusedPath as exc:
            report(str(exc), key_path)
            return None

    _warn_unused_keys(brand, path, loaded, diagnostics)
    look_up_installed_faces([(face.system, face.weight, face.style == "italic", face.package)
                             for face in brand.fonts if face.file is None and face.system],
                            facts)
    faces = [_resolve_face(face, index, resolve, report, facts)
             for index, face in enumerate(brand.fonts)]
    logos = {}
    for key in ("logo", "logo_inverse"):
        reference = getattr(brand, key)
        found = resolve(reference, (key,)) if reference else None
        logos[key] = found
        if found is None:
            continue
        try:
            inspect_image(found, facts=facts)
        except ImageProblem as exc:
            report(f"{reference}: {exc}", (key,))
    logo = logos["logo"]
    sheets = [resolve(sheet, ("stylesheets", i)) for i, sheet in enumerate(brand.stylesheets)]
    if len(diagnostics.errors) > errors_before or logo is None:
        return None
    _warn_written_tokens([s for s in sheets if s is not None], brand, workspace, diagnostics)
    return LoadedBrand(brand_id, folder, brand, tuple(f for f in faces if f is not None), logo,
                       logos["logo_inverse"], tuple(s for s in sheets if s is not None))


def _warn_unused_keys(brand: Brand, path: Path, loaded: LoadedYaml | Mapped,
                      diagnostics: Diagnostics) -> None:
    if brand.native_digits is not None:
        diagnostics.warning("native_digits is no longer used: digits follow the locale "
                            "(CLDR's default, or `digits:` in briefs.yaml); remove it", path,
                            loaded.position_of(("native_digits",)))
    for key in brand.scripts:
        if key not in SCRIPTS and (key in COMPOSITE_OF or script_name(key) == key):
            diagnostics.warning(_unknown_script(key), path, loaded.position_of(("scripts", key)))


def _warn_written_tokens(sheets: list[Path], brand: Brand, workspace: Workspace,
                         diagnostics: Diagnostics) -> None:
    """A colour token written out in the brand's CSS (`#0a4f8f` for `primary`) stays when a
    copy of the brand changes its tokens: warn, naming the var() to write instead."""
    tokens = brand.colors.model_dump()
    for sheet in sheets:
        try:
            source = read_bytes(sheet, workspace.read_roots, MAX_BRAND_CSS_BYTES)
        except (OSError, RefusedPath):
            continue  # reported where stylesheets are checked
        for found in token_literals(source.decode("utf-8", "replace"), tokens):
            diagnostics.warning(
                f"{found.written} is the brand's {found.token} colour written out; write "
                f"var(--color-{found.token}), so that a brand copied from this one prints "
                "its own colour", sheet, Position(found.line, found.column))


def _read(workspace: Workspace, folder: Path,

          diagnostics: Diagnostics) -> tuple[Path | None, LoadedYaml | Mapped | None]:
    """brand.yaml, or else a posit brand.yml (`_brand.yml`) mapped to the same fields."""
    path = folder / "brand.yaml"
    if path.is_file():
        return path, load_yaml_file(path, diagnostics, roots=workspace.read_roots)
    path = folder / BRAND_YML
    if path.is_file():
        return path, read_brand_yml(path, diagnostics, workspace.read_roots)
    return None, None


def _resolve_face(face: FontFace, index: int, resolve: Callable[..., Path | None],
                  report: Callable[[str, tuple[str | int, ...]], None],
                  facts: KeptFacts | None = None) -> ResolvedFace | None:
    if face.file is not None:
        font = resolve(face.file, ("fonts", index, "file"))
        if font is None:
            return None
        with font.open("rb") as stream:  # resolve_inside checked where it really is
            magic = stream.read(4)
        if not magic.startswith(FONT_MAGIC):
            report(f"{face.file} is not a TrueType, OpenType or WOFF font",
                   ("fonts", index, "file"))
            return None
        return ResolvedFace(face, font, 0, bundled=True)
    assert face.system is not None
    try:
        installed: InstalledFace = find_installed_face(
            face.system, face.weight, face.style == "italic", face.package, facts)
    except FontProblem as exc:
        report(str(exc), ("fonts", index, "system"))
        return None
    return ResolvedFace(face, installed.path, installed.index, bundled=False)


def _unknown_script(key: str) -> str:
    """`Hang` -> Korean locales are written in Kore (Hangul and Han)."""
    message = f'scripts.{key}: no locale is written in script "{key}", so this stack is unused'
    composite = SCRIPTS.get(COMPOSITE_OF.get(key, ""))
    if composite is not None:
        message += (f"; {script_name(key)} is written as part of script {composite.code} "
                    f"({composite.name}): use {composite.code} as the key")
    return message


def _dotted(key_path: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in key_path)
