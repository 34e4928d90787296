"""The manifest's entries, typed: one dataclass per kind of entry and one way to JSON and back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

OUTPUT_FIELDS = ("path", "doc", "locale", "kind", "profile", "pdf_variant", "pages", "bytes",
                 "sha256", "warnings", "preflight", "fit", "status", "files")


@dataclass(frozen=True)
class FileRecord:
    """One file another output format made of a target (`files` of its PDF's entry)."""

    format: str
    path: str
    bytes: int
    sha256: str

    def as_json(self) -> dict[str, Any]:
        return {"format": self.format, "path": self.path, "bytes": self.bytes,
                "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: object) -> FileRecord | None:
        """A record read back (a manifest or the cache), or None when it is not one."""
        if not isinstance(data, Mapping):
            return None
        fmt, path, size, digest = (data.get(k) for k in ("format", "path", "bytes", "sha256"))
        if not (isinstance(fmt, str) and isinstance(path, str) and type(size) is int
                and isinstance(digest, str)):
            return None
        return cls(fmt, path, size, digest)


@dataclass(frozen=True)
class OutputEntry:
    """One output of a build: its PDF (and the other formats' files), what it is of, and
    what its render reported."""

    path: str
    """The PDF's path inside the output folder."""
    doc: str = ""
    locale: str = ""
    kind: str = ""
    profile: str = ""
    pdf_variant: str | None = None
    pages: int = 0
    bytes: int | None = None
    sha256: str | None = None
    """The PDF's size and digest (None only in an entry read from a manifest without them)."""
    warnings: tuple[str, ...] = ()
    """The content's warnings (planning) and the renderer's log."""
    preflight_errors: tuple[str, ...] = ()
    preflight_warnings: tuple[str, ...] = ()
    """What the checks found (an output with preflight errors is never written)."""
    fit: tuple[str, ...] = ()
    """The fit steps the output needed."""
    status: str = "ok"
    files: tuple[FileRecord, ...] | None = None
    """The other formats' files (None: no other format was selected)."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Keys this briefs does not write (from a manifest another version wrote), kept as read."""

    def with_files(self, files: list[FileRecord]) -> OutputEntry:
        return replace(self, files=tuple(files))

    def file_paths(self) -> list[str]:
        """The PDF's path, then the other formats' files'."""
        return [self.path, *(record.path for record in self.files or ())]

    def as_json(self) -> dict[str, Any]:
        """The entry as it is written in manifest.json (and sent by `--json`); a field read
        with a type this briefs does not write is written back as it was read."""
        data: dict[str, Any] = {
            "path": self.path, "doc": self.doc, "locale": self.locale, "kind": self.kind,
            "profile": self.profile, "pdf_variant": self.pdf_variant, "pages": self.pages,
            "bytes": self.bytes, "sha256": self.sha256, "warnings": list(self.warnings),
            "preflight": {"errors": list(self.preflight_errors),
                          "warnings": list(self.preflight_warnings)},
            "fit": list(self.fit), "status": self.status}
        if self.files is not None:
            data["files"] = [record.as_json() for record in self.files]
        for name in ("bytes", "sha256"):
            if data[name] is None:
                del data[name]
        data.update(self.extra)
        return data

    @classmethod
    def from_json(cls, data: object) -> OutputEntry | None:
        """An entry read back from a manifest or the cache; None without a path. A field of
        the wrong type is kept as read, among `extra`, rather than trusted."""
        if not isinstance(data, Mapping) or not isinstance(data.get("path"), str):
            return None
        extra = {k: v for k, v in data.items() if k not in OUTPUT_FIELDS}
        known: dict[str, Any] = {}
        for name, kind in (("doc", str), ("locale", str), ("kind", str), ("profile", str),
                           ("sha256", str), ("status", str), ("pages", int), ("bytes", int)):
            _take(data, name, kind, known, extra)
        variant = data.get("pdf_variant")
        if isinstance(variant, str | None):
            known["pdf_variant"] = variant
        else:
            extra["pdf_variant"] = variant
        for name in ("warnings", "fit"):
            _take_lines(data, name, known, extra)
        preflight = data.get("preflight")
        if isinstance(preflight, Mapping) and _lines(preflight.get("errors")) is not None \
                and _lines(preflight.get("warnings")) is not None:
            known["preflight_errors"] = _lines(preflight.get("errors"))
            known["preflight_warnings"] = _lines(preflight.get("warnings"))
        elif "preflight" in data:
            extra["preflight"] = preflight
        files = data.get("files")
        records = [FileRecord.from_json(f) for f in files] if isinstance(files, list) else None
        if records is not None and all(r is not None for r in records):
            known["files"] = tuple(r for r in records if r is not None)
        elif "files" in data:
            extra["files"] = files
        return cls(path=data["path"], extra=extra, **known)


def _take(data: Mapping[str, Any], name: str, kind: type, known: dict[str, Any],
          extra: dict[str, Any]) -> None:
    value = data.get(name)
    if type(value) is kind:
        known[name] = value
    elif name in data:
        extra[name] = value


def _lines(value: object) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return None


def _take_lines(data: Mapping[str, Any], name: str, known: dict[str, Any],
                extra: dict[str, Any]) -> None:
    lines = _lines(data.get(name))
    if lines is not None:
        known[name] = lines
    elif name in data:
        extra[name] = data[name]
