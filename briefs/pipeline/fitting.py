"""Copyfitting in a build: each target's fit plan, and what to say when it fits or overflows."""

from __future__ import annotations

from pathlib import Path

from briefs.content.loader import KeyPath, load_yaml_file
from briefs.core.diagnostics import Diagnostics, Position, Problem, display_path
from briefs.core.paths import RefusedPath, read_bytes
from briefs.formats.targets import Target
from briefs.kinds.fit_levers import FitPlan, medium_of, plan_fit
from briefs.output.writer import WriteError
from briefs.pipeline.events import Fitted
from briefs.pipeline.session import BuildSession
from briefs.render.engine import PAGE_LIMIT, RenderResult
from briefs.render.overflow import Overflow, overflow_words

PROOF_OWNER = "overflow proof"
PROOF_SUFFIX = ".overflow.pdf"


def page_limit_source(target: Target) -> tuple[Path, Position | None, str]:
    """Where a document's page limit is set: its `max_pages` (or whichever setting the kind
    reads) when the document sets it, else its `kind:`, since the kind then fixes it."""
    document = target.document
    rule, loaded = document.kind.pages, document.settings_file
    path = loaded.path if loaded else document.folder / "document.yaml"
    data = loaded.data if loaded and isinstance(loaded.data, dict) else {}
    if rule.fixed is None and rule.setting and rule.setting in data and loaded:
        return path, loaded.position_of((rule.setting,), value=True), \
            f"{rule.setting} sets the limit"
    position = loaded.position_of(("kind",), value=True) if loaded else None
    return path, position, f'the kind "{document.kind.name}" sets the limit'


def fit_plan(target: Target) -> FitPlan:
    """The copyfitting attempts for one output: its kind's steps, within its brand's limits
    and the legibility floors of its medium (screen or print)."""
    return plan_fit(target.document.kind.fit, target.brand.model.fit.limits(),
                    medium_of(target.profile))


def proof_path(session: BuildSession, target: Target) -> Path:
    """`build/<doc>/<doc>.<locale>[.suffix].overflow.pdf`: beside the output, never it."""
    return (session.output_dir / target.name.path).with_suffix(PROOF_SUFFIX)


def announce_fit(session: BuildSession, target: Target, rendered: RenderResult) -> None:
    """Tell the listeners which steps made the output fit (nothing when it needed none)."""
    if rendered.fitted and rendered.overflowed is None:
        session.events.emit(Fitted(session.output_ref(target.key), rendered.fitted))


def report_overflow(session: BuildSession, target: Target, rendered: RenderResult) -> str | None:
    """The overflow as one error at the content field that starts the overflowing block,
    with the overflow proof written beside the output; the proof's path (relative to the
    output folder), or None when there is none."""
    overflow = rendered.overflowed
    assert overflow is not None
    proof = None
    message = overflow_message(session, target, overflow, rendered.fitted)
    if rendered.proof is not None:
        path = proof_path(session, target)
        try:
            session.writer.write(path, rendered.proof, PROOF_OWNER)
        except WriteError as exc:
            session.diagnostics.error(f"{target.id}: {exc.message}", exc.path)
        else:
            proof = path.relative_to(session.output_dir).as_posix()
            shown = display_path(path, session.workspace.root)
            message += f"; {shown} shows the overflow shaded"

    file, position = overflow_location(session, target, overflow)
    session.diagnostics.problem(Problem.error(PAGE_LIMIT, message), file, position,
                                document=target.key.document)
    return proof


def remove_stale_proof(session: BuildSession, target: Target) -> None:
    """An output that fits again has no overflow proof any more."""
    path = proof_path(session, target)
    if path.is_file():
        try:
            session.writer.remove(path, PROOF_OWNER)
        except WriteError as exc:
            session.diagnostics.warning(f"{target.id}: {exc.message}", exc.path)


def overflow_message(session: BuildSession, target: Target, overflow: Overflow,
                     applied: tuple[str, ...]) -> str:
    """`"More events" runs 42 mm past the page, even with ...; cut about 60 words, or set
    optional: true on a teaser or the photo (the kind "flyer" sets the limit of 1 page)`."""
    kind = target.document.kind
    text = f"{target.title}: {overflow_words(overflow)}"
    if applied:
        text += f" even with {', '.join(applied)}"
    advice = [f"cut about {overflow.about_words} words"]
    if overflow.own_page:
        advice[0] += f" before it (what page {overflow.limit} holds)"
    if overflow.one_more:  # the smallest change first
        brand = display_path(target.brand.folder, session.workspace.root)
        advice.insert(0, f"allow {overflow.one_more} in the brand's fit: limits ({brand}), "
                         "with which it fits")

    blocks = kind.optional_advice(target.document.settings)
    if blocks and fit_plan(target).drop_optional:
        advice.append(f"set optional: true on {blocks}")
    path, position, why = page_limit_source(target)
    pages = f"{overflow.limit} page{'s' if overflow.limit != 1 else ''}"
    if kind.pages.fixed is None and kind.pages.setting:
        place = display_path(path, session.workspace.root)
        if position is not None:
            place += f":{position.line}:{position.column}"
        advice.append(f"raise {kind.pages.setting} ({place})")
    joined = advice[0] if len(advice) == 1 else \
        ", ".join(advice[:-1]) + ", or " + advice[-1]
    return f"{text} ({why} of {pages}); {joined}"


def overflow_location(session: BuildSession, target: Target,
                      overflow: Overflow) -> tuple[Path, Position | None]:
    """Where the overflowing block starts in the content: its field in the locale's file
    (else the source's, else document.yaml), or the overflowing words, or the page limit."""
    document = target.document
    workspace = session.workspace
    files = [document.texts[target.locale].path,
             workspace.text_path(document.id),
             document.folder / "document.yaml"]
    key_path = _key_path(overflow.field) if overflow.field else None
    for path in dict.fromkeys(files):
        loaded = load_yaml_file(path, Diagnostics(), roots=workspace.read_roots) \
            if path.is_file() else None
        if loaded is None:
            continue
        if key_path and (key_path in loaded.key_positions
                         or key_path in loaded.value_positions):
            return path, loaded.position_of(key_path)
        if not key_path and overflow.first_words:
            found = _find_words(loaded.path, overflow.first_words, workspace.read_roots)
            if found is not None:
                return path, found
    limit_path, position, _why = page_limit_source(target)
    return limit_path, position


def _key_path(field: str) -> KeyPath:
    """`more_events[1]` -> ("more_events", 1)."""
    parts: list[str | int] = []
    for piece in field.replace("]", "").split("."):
        name, *indexes = piece.split("[")
        parts.append(name)
        parts += [int(index) for index in indexes if index.isdigit()]
    return tuple(parts)


def _find_words(path: Path, words: str, roots: tuple[Path, ...]) -> Position | None:
    """Where the first few overflowing words stand in a content file."""
    try:
        text = read_bytes(path, roots, 1_000_000).decode("utf-8", errors="replace")
    except (OSError, RefusedPath):
        return None
    for count in (4, 2):
        needle = " ".join(words.split()[:count])
        offset = text.find(needle) if needle else -1
        if offset >= 0:
            line = text.count("\n", 0, offset) + 1
            return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)
    return None
