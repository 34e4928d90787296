"""The registries' contents: output formats and checks, built in and from plug-in packages.

Adding an output format is one module (an `OutputFormat` subclass) and one registration
(`[project.entry-points."briefs.outputs"]`); nothing else in briefs needs to know it exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from briefs.core.diagnostics import Diagnostics, did_you_mean
from briefs.core.plugins import PluginSpec, entry_points, load_plugins
from briefs.formats.checks import Check, CheckRegistry, plugin_checks
from briefs.formats.format import OutputFormat

ENTRY_POINT_GROUP = "briefs.outputs"
SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")
"""One extension: two formats, or a format and a profile's suffix, cannot make one name."""
PRIMARY = "pdf"
"""Every target is laid out as a PDF; the other formats are made from that render."""


class UnknownFormat(ValueError):
    """An output format name no one registered."""


class FormatRegistry:
    """Every output format a build can make, by name."""

    def __init__(self, formats: Iterable[OutputFormat] = ()) -> None:
        self._formats: dict[str, OutputFormat] = {}
        for output in formats:
            self.register(output)

    def register(self, output: OutputFormat) -> None:
        if not usable(output):
            raise ValueError(f"{output!r} needs a name and a suffix such as .html")
        if output.name in self._formats:
            raise ValueError(f'an output format named "{output.name}" is registered twice')
        self._formats[output.name] = output

    def get(self, name: str) -> OutputFormat | None:
        return self._formats.get(name)

    def names(self) -> list[str]:
        return list(self._formats)

    def __iter__(self) -> Iterator[OutputFormat]:
        return iter(self._formats.values())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._formats

    def select(self, names: Iterable[str] = ()) -> tuple[OutputFormat, ...]:
        """The formats named (PDF always first: the others are made from it), each as
        `one` reads it; UnknownFormat names what is wrong."""
        chosen = [PRIMARY, *(name for name in names if name != PRIMARY)]
        selected: dict[str, OutputFormat] = {}
        for spec in chosen:
            output = self.one(spec)
            selected.setdefault(output.name, output)
        return tuple(selected.values())

    def one(self, spec: str, written: str = "--format ") -> OutputFormat:
        """The format `spec` names. A name may carry options after a colon (`png:1200x630`),
        which the format reads (`OutputFormat.configured`); UnknownFormat names what is
        wrong (`written`: how the user wrote it, before the spec)."""
        name, _, options = spec.partition(":")
        if name not in self._formats:
            raise UnknownFormat(f'no output format "{name}"'
                                f"{did_you_mean(name, self.names())}; formats: "
                                f"{', '.join(self.names())}")
        output = self._formats[name]
        if options:
            try:
                output = output.configured(options)
            except ValueError as exc:
                raise UnknownFormat(f"{written}{spec}: {exc}") from exc
        return output


def usable(output: OutputFormat) -> bool:
    """A name, and one lower-case extension as suffix."""
    return bool(output.name) and SUFFIX.fullmatch(output.suffix) is not None


def builtin_formats() -> list[OutputFormat]:
    from briefs.formats.frames import SOCIAL
    from briefs.formats.page_images import JPEG, PNG, WEBP
    from briefs.formats.pdf import PDF
    from briefs.formats.web import EMAIL, WEB

    return [PDF, PNG, JPEG, WEBP, SOCIAL, WEB, EMAIL]


FORMAT_PLUGINS: PluginSpec[OutputFormat] = PluginSpec(
    "output format", OutputFormat, "a briefs OutputFormat with a name and a suffix",
    usable=lambda output: usable(output), claims=lambda output: (output.name, output.suffix),
    clash=lambda output: f'format "{output.name}" ({output.suffix}), whose name or suffix is '
                         "taken already")


def plugin_formats(diagnostics: Diagnostics, taken: set[str],
                   suffixes: set[str] | None = None) -> list[OutputFormat]:
    """Formats from installed packages; a broken one, or one whose name or suffix is
    `taken` already, is reported and skipped."""
    claimed = taken | set(suffixes or {".pdf"})
    return load_plugins(entry_points(group=ENTRY_POINT_GROUP), FORMAT_PLUGINS, diagnostics,
                        claimed)


def load_formats(diagnostics: Diagnostics) -> FormatRegistry:
    """PDF, then plug-ins' formats (problems go to `diagnostics`)."""
    formats = builtin_formats()
    return FormatRegistry([*formats, *plugin_formats(diagnostics, {f.name for f in formats},
                                                     {f.suffix for f in formats})])


def builtin_checks() -> list[Check]:
    from briefs.formats.pdf import PDF_CONTRAST, PDF_STANDARDS

    return [PDF_CONTRAST, PDF_STANDARDS]


def load_checks(diagnostics: Diagnostics) -> CheckRegistry:
    """Built-in checks, then plug-ins' (problems go to `diagnostics`)."""
    checks = builtin_checks()
    return CheckRegistry([*checks, *plugin_checks(diagnostics, {c.name for c in checks})])
