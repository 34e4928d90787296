"""What a build is asked for: a workspace, documents, locales and options, as plain data.

Standard library only: the command line computes the no-op stamp's key from a request before
importing anything heavy, and the build server receives requests as JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefs.core.diagnostics import did_you_mean

if TYPE_CHECKING:
    from briefs.content.config import Workspace


class BadRequest(ValueError):
    """A request no build can satisfy (an unknown document, locale, profile or format): a
    usage error, reported before anything is built."""


@dataclass(frozen=True)
class BuildOptions:
    """How to run a build: which profiles, strictness, parallelism, caches, extra outputs."""

    profiles: tuple[str, ...] = ()
    """Profile names (`all` for every one); none: the workspace's default profile."""
    variant: str | None = None
    """A PDF standard forced on every output (`--pdf-variant`)."""
    strict: bool = False
    jobs: int = 1
    force: bool = False
    emit_html: bool = False
    shard: tuple[int, int] | None = None
    writes: bool = True
    """False for `briefs check`: caches are only read, nothing is written."""
    formats: tuple[str, ...] = ()
    """Output formats made besides the PDF (names in the format registry)."""


@dataclass(frozen=True)
class BuildRequest:
    """One build: of the workspace `workspace` is in, these documents in these locales (none
    named: all), with these options."""

    workspace: Path
    docs: tuple[str, ...] = ()
    locales: tuple[str, ...] = ()
    options: BuildOptions = field(default_factory=BuildOptions)
    single: bool = False
    """Exactly one output is wanted (`build -o`): one document, one locale (the source
    locale unless named), one profile; anything else is a bad request."""
    lasting: bool = False
    """Asked by a runner whose selection outlives documents (the preview): a document named
    here that was deleted since is left out, not a bad request (and no stamp is written)."""

    def stamp_arguments(self) -> dict[str, Any]:
        """What, besides the input files, an unchanged rebuild must share to be a no-op."""
        options = self.options
        return {"docs": sorted(self.docs), "locales": sorted(self.locales),
                "profiles": sorted(options.profiles), "pdf_variant": options.variant,
                "shard": "/".join(map(str, options.shard)) if options.shard else None,
                "strict": options.strict, "emit_html": options.emit_html,
                "formats": sorted(set(options.formats)), "single": self.single}


def select(workspace: Workspace, docs: Iterable[str], locales: Iterable[str],
           single: bool = False, lasting: bool = False) -> tuple[list[str], list[str]]:
    """The documents and locales a build works on (all when none are named; `lasting`: the
    workspace's documents among those named, in its order, a deleted one left out)."""
    docs, locales = list(docs), list(locales)
    known = workspace.document_ids()
    named = bool(docs)
    if lasting:
        docs = [doc for doc in known if doc in docs]
    for doc in docs:
        if doc not in known:
            raise BadRequest(f'no document "{doc}"{did_you_mean(doc, known)}; documents: '
                             f"{', '.join(known) or '(none)'}")
    for locale in locales:
        if locale not in workspace.config.locales:
            raise BadRequest(f'locale "{locale}" is not in briefs.yaml locales '
                             f"({', '.join(workspace.config.locales)})")
    chosen = [loc for loc in workspace.config.locales if not locales or loc in locales]
    doc_ids = docs if named else known
    if single:
        if len(doc_ids) != 1:
            raise BadRequest("-o needs one output: name one document")
        chosen = chosen if locales else [workspace.config.source_locale]
        if len(chosen) != 1:
            raise BadRequest("-o needs one output: give one -l LOCALE")
    return doc_ids, chosen
