"""What the preview shows: a snapshot of the last build (outputs, states, problems), as data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefs.content.config import Workspace
from briefs.content.loader import load_yaml_file
from briefs.core.diagnostics import Diagnostic, Diagnostics
from briefs.core.paths import RefusedPath, checked
from briefs.formats.targets import TargetKey
from briefs.pipeline.events import OutputRef

if TYPE_CHECKING:
    from briefs.kinds.registry import KindRegistry

OutputKey = TargetKey
MAX_EXCERPTS = 50
MAX_EXCERPT_CHARS = 240

STATE_LABELS = {
    "ok": "Up to date",
    "building": "Building",
    "failed": "Failed",
    "incomplete": "Translation incomplete",
    "untranslated": "Not translated yet",
}


@dataclass(frozen=True)
class Output:
    """One PDF the preview builds: where it is and how its last build went."""

    doc: str
    locale: str
    profile: str
    path: str  # relative to the output folder, with forward slashes
    state: str = "building"
    detail: str = ""
    proof: str = ""
    """The overflow proof of the last build (relative to the output folder), when the
    content ran past its page limit: the preview shows it instead of the last good pages."""
    fitted: tuple[str, ...] = ()
    """The copyfitting steps the last render needed, if any."""

    @property
    def key(self) -> OutputKey:

        return TargetKey(self.doc, self.locale, self.profile)

    @classmethod
    def of(cls, ref: OutputRef, state: str = "building", detail: str = "") -> Output:
        return cls(ref.key.document, ref.key.locale, ref.key.profile, ref.name.path, state,
                   detail)


@dataclass(frozen=True)
class Problem:
    """One diagnostic of the last build, ready to show: severity, file:line:col, message."""

    severity: str
    location: str
    message: str
    doc: str | None = None
    excerpt: str = ""  # the source line the position points into
    column: int = 0
    code: str = ""  # what kind of problem: a check's rule id, `render.page-limit`...

    @property
    def marked(self) -> tuple[str, str, str]:
        """The excerpt split around the character at the column: before, at, after."""
        at = max(self.column - 1, 0)
        return self.excerpt[:at], self.excerpt[at:at + 1], self.excerpt[at + 1:]


@dataclass(frozen=True)
class DocInfo:
    """A document as the index lists it."""

    id: str
    kind: str = "?"
    brand: str = "?"
    title: str = ""


@dataclass(frozen=True)
class Snapshot:
    """Everything the pages show, replaced as a whole after each step of a build."""

    name: str = "briefs"
    revision: int = 0
    builds: int = 0
    building: bool = True
    docs: tuple[DocInfo, ...] = ()
    locales: tuple[str, ...] = ()
    source_locale: str = ""
    profiles: tuple[str, ...] = ()
    outputs: Mapping[OutputKey, Output] = field(default_factory=dict)
    queued: frozenset[OutputKey] = frozenset()
    problems: tuple[Problem, ...] = ()
    finished_at: float | None = None
    seconds: float | None = None
    summary: str = "Starting the first build"

    def state_of(self, output: Output) -> str:
        return "building" if output.key in self.queued else output.state

    def doc(self, doc_id: str) -> DocInfo | None:
        return next((doc for doc in self.docs if doc.id == doc_id), None)

    def outputs_of(self, doc_id: str, profile: str | None = None) -> list[Output]:
        return [output for output in self.outputs.values()
                if output.doc == doc_id and (profile is None or output.profile == profile)]

    def problems_of(self, doc_id: str) -> list[Problem]:
        """The document's own problems, then those of shared files (templates, brands...)."""
        return [p for p in self.problems if p.doc == doc_id] + \
               [p for p in self.problems if p.doc is None]

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.severity == "error")

    def event(self) -> dict[str, Any]:
        return {"revision": self.revision, "builds": self.builds, "building": self.building,
                "errors": self.errors, "summary": self.summary}


def doc_info(workspace: Workspace, kinds: KindRegistry, doc_id: str) -> DocInfo:
    """Kind, brand and a human title from the document's files (read leniently)."""
    folder = workspace.content_dir / doc_id
    roots = workspace.read_roots
    settings = load_yaml_file(folder / "document.yaml", Diagnostics(), roots=roots)
    prose = load_yaml_file(workspace.text_path(doc_id), Diagnostics(),
                           roots=roots)
    data = settings.data if settings and isinstance(settings.data, dict) else {}
    text = prose.data if prose and isinstance(prose.data, dict) else {}
    kind = kinds.get(data.get("kind"))
    title = kind.title_of(text) if kind else ""
    return DocInfo(doc_id, str(data.get("kind") or "?"),
                   str(data.get("brand") or workspace.config.default_brand), title)


def problems(diagnostics: Iterable[Diagnostic], root: Path,
             doc_ids: list[str]) -> tuple[Problem, ...]:
    """Diagnostics as problems, each tied to its document when it belongs to one."""
    found = []
    for number, diagnostic in enumerate(diagnostics):
        location = diagnostic.format(root)[: -len(f"{diagnostic.severity.value}: "
                                                  f"{diagnostic.message}")]
        excerpt = _excerpt(diagnostic, root) if number < MAX_EXCERPTS else ""
        found.append(Problem(diagnostic.severity.value, location.rstrip(": "),
                             diagnostic.message, _owner(diagnostic, root, doc_ids), excerpt,
                             diagnostic.position.column if diagnostic.position else 0,
                             diagnostic.code or ""))
    return tuple(found)


def _excerpt(diagnostic: Diagnostic, root: Path) -> str:
    """The line a diagnostic points at, as it is in the file now (shortened); never a line of
    a file outside the workspace (a diagnostic may name a link that points out of it)."""
    if diagnostic.path is None or diagnostic.position is None:
        return ""
    if diagnostic.source is not None:
        return diagnostic.source[:MAX_EXCERPT_CHARS]
    try:
        path = checked(diagnostic.path, (root,))
        with path.open(encoding="utf-8", errors="replace") as stream:
            for number, line in enumerate(stream, start=1):
                if number == diagnostic.position.line:
                    return line.rstrip("\r\n")[:MAX_EXCERPT_CHARS]
    except (OSError, RefusedPath):
        pass
    return ""


def _owner(diagnostic: Diagnostic, root: Path, doc_ids: list[str]) -> str | None:
    if diagnostic.path is not None:
        try:
            relative = diagnostic.path.resolve().relative_to((root / "content").resolve())
        except (OSError, ValueError):
            return None
        return relative.parts[0] if relative.parts and relative.parts[0] in doc_ids else None
    return diagnostic.document if diagnostic.document in doc_ids else None


def translation_detail(row: Any) -> str:
    """A short account of what a translation lacks, from an i18n status row."""
    state = row.state
    parts = [f"{len(keys)} {label}" for label, keys in
             (("missing", state.missing), ("stale", state.stale), ("extra", state.extra),
              ("mismatched", state.mismatched)) if keys]
    if row.template_missing:
        parts.append(f"{len(row.template_missing)} template strings untranslated")
    return f"{state.percent}% translated" + (f" ({', '.join(parts)})" if parts else "")

