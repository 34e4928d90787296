"""Load a brand (styles/<brand>/brand.yaml), check its files, and turn its tokens into CSS."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .css import css_string
from .diagnostics import Diagnostics
from .fetcher import RefusedPath, resolve_inside, workspace_url
from .images import ImageProblem, inspect_image
from .loader import load_yaml_file
from .models import Brand
from .validation import validate
from .workspace import Workspace

FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf", b"wOFF", b"wOF2")


@dataclass(frozen=True)
class LoadedBrand:
    """A validated brand with every file it refers to resolved inside the workspace."""

    id: str
    folder: Path
    model: Brand
    font_files: tuple[Path, ...]
    logo: Path
    logo_inverse: Path | None
    stylesheets: tuple[Path, ...]

    def files(self) -> tuple[Path, ...]:
        """Every file the brand's output depends on."""
        extra = (self.logo_inverse,) if self.logo_inverse else ()
        return (self.folder / "brand.yaml", *self.font_files, self.logo, *extra, *self.stylesheets)


def load_brand(workspace: Workspace, brand_id: str, diagnostics: Diagnostics) -> LoadedBrand | None:
    folder = workspace.styles_dir / brand_id
    path = folder / "brand.yaml"
    if not path.is_file():
        return None
    loaded = load_yaml_file(path, diagnostics)
    brand = validate(Brand, loaded, diagnostics) if loaded else None
    if brand is None or loaded is None:
        return None
    errors_before = len(diagnostics.errors)

    def resolve(reference: str, key_path: tuple[str | int, ...]) -> Path | None:
        try:
            return resolve_inside(workspace.root, folder, reference)
        except RefusedPath as exc:
            diagnostics.error(f"{_dotted(key_path)}: {exc}", path,
                              loaded.position_of(key_path, value=True))
            return None

    font_files: list[Path] = []
    for index, face in enumerate(brand.fonts):
        font = resolve(face.file, ("fonts", index, "file"))
        if font is None:
            continue
        if not font.read_bytes()[:4].startswith(FONT_MAGIC):
            diagnostics.error(
                f"fonts[{index}].file: {face.file} is not a TrueType, OpenType or WOFF font",
                path, loaded.position_of(("fonts", index, "file"), value=True))
            continue
        font_files.append(font)
    logos = {}
    for key in ("logo", "logo_inverse"):
        reference = getattr(brand, key)
        logos[key] = resolve(reference, (key,)) if reference else None
        if logos[key] is None:
            continue
        try:
            inspect_image(logos[key])
        except ImageProblem as exc:
            diagnostics.error(f"{key}: {reference}: {exc}", path,
                              loaded.position_of((key,), value=True))
    logo = logos["logo"]
    sheets = [resolve(sheet, ("stylesheets", i)) for i, sheet in enumerate(brand.stylesheets)]
    if len(diagnostics.errors) > errors_before or logo is None:
        return None
    return LoadedBrand(brand_id, folder, brand, tuple(font_files), logo, logos["logo_inverse"],
                       tuple(sheet for sheet in sheets if sheet is not None))


def _dotted(key_path: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in key_path)


def brand_css(brand: LoadedBrand, root: Path) -> str:
    """@font-face rules for every declared file, and the tokens as CSS custom properties."""
    rules = []
    for face, file in zip(brand.model.fonts, brand.font_files, strict=True):
        url = css_string(workspace_url(root, file))
        rules.append(
            f"@font-face {{ font-family: {css_string(face.family)}; src: url({url}); "
            f"font-weight: {face.weight}; font-style: {face.style}; }}")
    colors = brand.model.colors.model_dump()
    properties = [f"  --color-{name}: {value};" for name, value in colors.items()]
    for role in ("body", "heading"):
        stack = ", ".join(css_string(f) for f in getattr(brand.model.typography, role))
        properties.append(f"  --font-{role}: {stack};")
    rules.append(":root {\n" + "\n".join(properties) + "\n}")
    return "\n".join(rules) + "\n"
