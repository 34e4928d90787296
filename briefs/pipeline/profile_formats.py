"""The output formats each profile makes: its `formats:` in briefs.yaml, then `--format`'s."""

from __future__ import annotations

from collections.abc import Iterable

from briefs.content.config import Profile, Workspace
from briefs.core.diagnostics import Diagnostics
from briefs.formats.format import OutputFormat
from briefs.formats.registry import FormatRegistry, UnknownFormat


def unknown_formats(registry: FormatRegistry, profile: Profile) -> list[tuple[int, str]]:
    """The entries of a profile's `formats:` that name no registered format (or options it
    does not take): their index and what is wrong."""
    found: list[tuple[int, str]] = []
    for index, spec in enumerate(profile.formats):
        try:
            registry.one(spec, written="")
        except UnknownFormat as exc:
            found.append((index, str(exc)))
    return found


def formats_of(registry: FormatRegistry, profile: Profile,
               extra: Iterable[str]) -> tuple[OutputFormat, ...]:
    """The formats made of an output of `profile`: the PDF, the profile's own (those that
    are known: `check_profiles` reports the others) and `extra` (`--format`'s, checked
    before the build began)."""
    unknown = {index for index, _message in unknown_formats(registry, profile)}
    own = [spec for index, spec in enumerate(profile.formats) if index not in unknown]
    return registry.select([*own, *extra])


def check_profiles(workspace: Workspace, registry: FormatRegistry,
                   profiles: dict[str, Profile], diagnostics: Diagnostics) -> bool:
    """Report, at its line in briefs.yaml, each format a selected profile names that is
    not registered here (a typo, or a plug-in not installed); False if there is one."""
    usable = True
    for name, profile in profiles.items():
        for index, message in unknown_formats(registry, profile):
            diagnostics.error(
                f"profiles.{name}.formats[{index}]: {message}", workspace.config_path,
                workspace.position_of(("profiles", name, "formats", index)))
            usable = False
    return usable
