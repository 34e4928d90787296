"""posit's brand.yml (`_brand.yml`, shared by Quarto, Shiny and pkgdown) as a briefs brand.

The file is read with briefs' safe YAML loader (positions, limits) and validated with the
`brand-yml` package; colours, font files and logos map to briefs' tokens, and what only briefs
knows (slogan, contact, fonts per script...) lives in the extension block `defaults.briefs`.
Fonts from Google or Bunny are refused: briefs never fetches anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefs.brand.brandyml_fonts import font_faces
from briefs.content.loader import KeyPath, LoadedYaml, load_yaml_file
from briefs.content.validation import validate
from briefs.core.diagnostics import Diagnostics, Position

BRAND_YML = "_brand.yml"
EXTENSION = ("defaults", "briefs")
COLOR_ROLES = {"primary": ("primary",), "secondary": ("secondary",),
               "accent": ("tertiary", "warning", "info", "success", "danger", "primary"),
               "text": ("foreground",), "paper": ("background",), "tint": ("light",)}
"""briefs colour token -> brand.yml colour roles, first found wins."""
COLOR_DEFAULTS = {"primary": "#0d6efd", "secondary": "#6c757d", "text": "#212529",
                  "paper": "#ffffff"}
"""What posit's tools fall back to when brand.yml leaves a colour out: Bootstrap 5's colours
(Quarto, Shiny and pkgdown theme with Bootstrap); briefs' accent falls back to primary."""
USED_FIELDS = (("meta", "name"), ("color", "palette"), ("color", "primary"),
               ("color", "secondary"), ("color", "tertiary"), ("color", "warning"),
               ("color", "foreground"), ("color", "background"), ("color", "light"),
               ("logo",), ("typography", "fonts"), ("typography", "base", "family"),
               ("typography", "headings", "family"), ("typography", "headings", "weight"),
               ("defaults", "briefs"))
"""The brand.yml fields briefs reads; the others are listed in one warning."""


class Mapped:
    """briefs' brand data made from a brand.yml file; problems point into that file."""

    def __init__(self, loaded: LoadedYaml) -> None:
        self.loaded = loaded
        self.data: dict[str, Any] = {"stylesheets": []}
        self.origin: dict[str, KeyPath] = {}

    def set(self, key: str, value: Any, origin: KeyPath) -> None:
        self.data[key] = value
        self.origin[key] = origin

    def locate(self, key_path: KeyPath, *, value: bool = False) -> tuple[Path, Position]:
        return self.loaded.path, self.position_of(key_path, value=value)

    def position_of(self, key_path: KeyPath, *, value: bool = False) -> Position:
        """Where the brand.yml key a briefs field came from is (extension keys exactly)."""
        origin = self.origin.get(str(key_path[0]), ()) if key_path else ()
        if origin[:2] == EXTENSION:
            origin = (*origin, *key_path[1:])
        return self.loaded.position_of(origin, value=value)


def read_brand_yml(path: Path, diagnostics: Diagnostics,
                   roots: tuple[Path, ...]) -> Mapped | None:
    """Load and validate a `_brand.yml`, then map it to briefs' brand fields."""
    from brand_yml import Brand as BrandYml

    loaded = load_yaml_file(path, diagnostics, roots=roots)
    if loaded is None:
        return None
    errors = len(diagnostics.errors)
    brand = validate(BrandYml, loaded, diagnostics)
    if brand is None or len(diagnostics.errors) > errors:
        return None
    mapped = Mapped(loaded)

    def problem(message: str, key_path: KeyPath) -> None:
        diagnostics.error(message, path, _located(loaded, key_path))

    def warn(message: str, key_path: KeyPath) -> None:
        diagnostics.warning(message, path, _located(loaded, key_path))

    _meta(brand, mapped)
    _colors(brand, mapped, problem)
    faces, stacks = font_faces(brand, problem, warn)
    mapped.set("fonts", faces, ("typography", "fonts"))
    mapped.set("typography", stacks, ("typography",))
    _logos(brand, mapped, problem)
    if brand.logo is None and "logo" not in (_extension_data(loaded) or {}):
        problem("no logo: briefs prints the brand's logo on every cover; add `logo: "
                "logo.svg` (a file next to _brand.yml; `logo: {medium: {light: ..., dark: "
                "...}}` for a version on dark backgrounds)", ())
    _extension(loaded, mapped)
    _unused(loaded, brand, warn)
    if not mapped.data.get("contact"):
        warn("no contact (defaults.briefs.contact: name, email, website...): a brief's "
             '"For further information, please contact:" block is left out unless its '
             "document gives one", ("defaults", "briefs"))
    return None if len(diagnostics.errors) > errors else mapped


def _located(loaded: LoadedYaml, key_path: KeyPath) -> Position:
    """The position of the deepest part of `key_path` the file has (a key briefs looks for
    may be absent: then its parent's line)."""
    for length in range(len(key_path), 0, -1):
        if _has(loaded.data, key_path[:length]):
            return loaded.position_of(key_path[:length], value=length == len(key_path))
    return Position(1, 1)


def _has(data: Any, key_path: KeyPath) -> bool:
    for part in key_path:
        found = (isinstance(data, dict) and part in data) or (isinstance(data, list) and \
            isinstance(part, int) and 0 <= part < len(data))
        if not found:
            return False
        data = data[part]
    return True


def _unused(loaded: LoadedYaml, brand: Any, warn: Any) -> None:
    """One warning listing the fields briefs does not use (links, monospace, sizes...)."""
    unused: list[str] = []

    def walk(data: Any, key_path: KeyPath) -> None:
        if any(key_path[:len(used)] == used for used in USED_FIELDS):
            return
        if any(used[:len(key_path)] == key_path for used in USED_FIELDS):
            if isinstance(data, dict):  # some of it is used: look inside
                for key, value in data.items():
                    walk(value, (*key_path, str(key)))
            return  # a shorthand (`base: Open Sans`) of a field briefs uses
        unused.append(".".join(str(part) for part in key_path))

    if isinstance(loaded.data, dict):
        for key, value in loaded.data.items():
            walk(value, (str(key),))
    if unused:
        first = tuple(unused[0].split("."))
        warn(f"briefs does not use these brand.yml fields: {', '.join(unused)}", first)


def _meta(brand: Any, mapped: Mapped) -> None:
    name = brand.meta.name if brand.meta else None
    text = (name.full or name.short) if name is not None and not isinstance(name, str) else name
    text = text or mapped.loaded.path.parent.name  # no name: the brand's folder names it
    mapped.set("name", str(text), ("meta", "name"))
    mapped.set("logo_alt", str(text), ("meta", "name"))


def _colors(brand: Any, mapped: Mapped, problem: Any) -> None:
    """briefs' colour tokens from brand.yml's roles; every role is optional (posit's
    defaults fill what is left out)."""
    values = brand.color.to_dict() if brand.color else {}
    colors: dict[str, str] = {}
    for token, roles in COLOR_ROLES.items():
        role = next((r for r in roles if values.get(r)), None)
        if role is None:
            if token in COLOR_DEFAULTS:
                colors[token] = COLOR_DEFAULTS[token]
            continue
        value = str(values[role])
        if not (value.startswith("#") and len(value) in (4, 7, 9)):
            problem(f'color.{role}: "{value}" is not a hex colour; briefs needs #rrggbb (or '
                    "set defaults.briefs.colors)", ("color", role))
        colors[token] = value
    if "accent" not in colors:
        colors["accent"] = colors["primary"]
    mapped.set("colors", colors, ("color",))


def _logos(brand: Any, mapped: Mapped, problem: Any) -> None:
    logo = brand.logo
    if logo is None:
        return
    chosen = getattr(logo, "medium", None) or getattr(logo, "large", None) or \
        getattr(logo, "small", None) if hasattr(logo, "images") else logo
    light = getattr(chosen, "light", chosen)
    dark = getattr(chosen, "dark", None)
    for key, resource in (("logo", light), ("logo_inverse", dark)):
        if resource is None:
            continue
        location = resource.path.root
        if not isinstance(location, Path):
            problem(f"{location}: a logo must be a file next to _brand.yml, not on the web "
                    "(briefs never fetches anything)",
                    find_value(mapped.loaded.data, str(location)) or ("logo",))
            continue
        mapped.set(key, location.as_posix(), ("logo",))
        if key == "logo" and resource.alt:
            mapped.set("logo_alt", resource.alt, ("logo",))


def find_value(data: Any, text: str, key_path: KeyPath = ()) -> KeyPath | None:
    """The key path of the first scalar equal to `text` (to point at a value precisely)."""
    if isinstance(data, dict):
        items: Any = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return key_path if str(data) == text else None
    for key, value in items:
        found = find_value(value, text, (*key_path, key))
        if found is not None:
            return found
    return None


def _extension_data(loaded: LoadedYaml) -> dict[str, Any] | None:
    data = loaded.data.get("defaults") if isinstance(loaded.data, dict) else None
    extension = data.get("briefs") if isinstance(data, dict) else None
    return extension if isinstance(extension, dict) else None


def _extension(loaded: LoadedYaml, mapped: Mapped) -> None:
    """`defaults.briefs`: any field of brand.yaml; colours and fonts add to the mapped ones."""
    data = loaded.data.get("defaults") if isinstance(loaded.data, dict) else None
    extension = data.get("briefs") if isinstance(data, dict) else None
    if not isinstance(extension, dict):
        return
    for key, value in extension.items():
        origin = (*EXTENSION, key)
        if key == "colors" and isinstance(value, dict):
            mapped.set(key, {**mapped.data.get("colors", {}), **value}, origin)
        elif key == "fonts" and isinstance(value, list):
            mapped.set(key, [*mapped.data.get("fonts", []), *value], origin)
        else:
            mapped.set(key, value, origin)
