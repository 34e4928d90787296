"""What a build did, as plain data: the diagnostics, the manifest entries, what was
rendered, found up to date or failed. The command line reports from it whether the build ran
in its own process or in the build server (which sends it as JSON); standard library only."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefs.core.diagnostics import Diagnostic, Diagnostics, Position, Severity
from briefs.output.entries import OutputEntry

if TYPE_CHECKING:
    from briefs.pipeline.entry import BuildOutcome


@dataclass
class BuildReport:
    """One build's result, for the person or the tool that asked for it."""

    root: Path
    output_dir: Path
    strict: bool
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    entries: list[OutputEntry] = field(default_factory=list)
    """The manifest entries of the outputs built or found up to date."""
    written: list[Path] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, outcome: BuildOutcome) -> BuildReport:
        session, result = outcome.session, outcome.result
        return cls(session.workspace.root, session.output_dir, session.options.strict,
                   session.diagnostics, result.entries, result.written, result.rendered,
                   result.up_to_date, result.failed)

    @property
    def errors(self) -> int:
        """Errors, and warnings under `--strict`: the build failed when there are any."""
        return self.diagnostics.failing(self.strict)

    @property
    def built(self) -> int:
        return len(self.written) + len(self.up_to_date)

    def outputs(self) -> list[str]:
        """The PDFs built or up to date (relative to the output folder)."""
        return [entry.path for entry in self.entries]

    def as_json(self) -> dict[str, Any]:
        """The report (`--json`), without `ok` and the diagnostics, which the command adds."""
        return {"outputs": [entry.as_json() for entry in self.entries],
                "failed": sorted(self.failed),
                "rendered": self.rendered, "up_to_date": self.up_to_date}

    def to_wire(self) -> dict[str, Any]:
        """Everything, as JSON (from the build server to its client)."""
        return {"root": str(self.root), "output_dir": str(self.output_dir),
                "strict": self.strict, "diagnostics": [wire(d) for d in self.diagnostics],
                "entries": [entry.as_json() for entry in self.entries],
                "written": [str(p) for p in self.written],
                "rendered": self.rendered, "up_to_date": self.up_to_date,
                "failed": self.failed}

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> BuildReport:
        return cls(Path(data["root"]), Path(data["output_dir"]), bool(data["strict"]),
                   Diagnostics([unwire(d) for d in data["diagnostics"]]),
                   [e for e in map(OutputEntry.from_json, data["entries"]) if e is not None],
                   [Path(p) for p in data["written"]], data["rendered"], data["up_to_date"],
                   data["failed"])


def wire(diagnostic: Diagnostic) -> dict[str, Any]:
    """A diagnostic as JSON, every field kept (its path absolute)."""
    position = diagnostic.position
    return {"severity": diagnostic.severity.value, "message": diagnostic.message,
            "path": str(diagnostic.path) if diagnostic.path is not None else None,
            "position": [position.line, position.column] if position else None,
            "source": diagnostic.source, "code": diagnostic.code, "hint": diagnostic.hint,
            "document": diagnostic.document, "page": diagnostic.page}


def unwire(data: dict[str, Any]) -> Diagnostic:
    position = data.get("position")
    return Diagnostic(Severity(data["severity"]), str(data["message"]),
                      Path(data["path"]) if data.get("path") else None,
                      Position(*position) if position else None, data.get("source"),
                      data.get("code"), data.get("hint"), data.get("document"),
                      data.get("page"))
