"""The other output formats of a target: made from its render, checked, written, recorded.

The PDF is laid out (and checked) by the render workers; every other format selected for
the target (its profile's `formats:` and `--format`'s: `BuildSession.outputs_of`) makes its
files from that render here, each file named from the target's `OutputName`, checked by the
checks selected for it, and written through the session's writer. They are recorded in the
PDF's manifest entry under `files`.
"""

from __future__ import annotations

from pathlib import Path

from briefs.core.diagnostics import Problem, Severity
from briefs.formats.format import Made, OutputFormat, Source
from briefs.formats.targets import Target
from briefs.output.entries import FileRecord, OutputEntry
from briefs.output.manifest import sha256
from briefs.output.writer import WriteError
from briefs.pipeline.session import BuildSession


def other_formats(session: BuildSession, target: Target) -> tuple[OutputFormat, ...]:
    """The formats selected for `target` besides the PDF."""
    return session.outputs_of(target.key.profile)[1:]


Others = list[tuple[OutputFormat, dict[str, bytes]]]


def make_others(session: BuildSession, target: Target, html: str, pdf: bytes) -> Others | None:
    """Every other format's files for one target, made and checked (nothing written yet);
    None when one failed (reported: the whole output then fails, its files all kept)."""
    made: Others = []
    for output in other_formats(session, target):
        name = output.name_for(target.key, target.profile)
        files = _made(session, target, output,
                      Source(target, name, html, pdf, session.assets.mounts))
        if files is None:
            return None
        made.append((output, files.files))
    return made


def write_others(session: BuildSession, target: Target,
                 made: Others) -> list[FileRecord] | None:
    """Write what `make_others` made; their records for the manifest entry (None: a file
    could not be written, reported)."""
    records: list[FileRecord] = []
    try:
        for output, files in made:
            for path, data in files.items():
                session.writer.write(session.output_dir / path, data,
                                     f"{target.title} as {output.name}")
                records.append(FileRecord(output.name, path, len(data), sha256(data)))
    except WriteError as exc:
        session.diagnostics.error(f"{target.id}: {exc.message}", exc.path)
        return None
    return records


def _made(session: BuildSession, target: Target, output: OutputFormat,
          source: Source) -> Made | None:
    try:
        made = output.make(source)
    except Exception as exc:  # a plug-in's bug fails its output, not the build
        session.diagnostics.error(f"{target.id}: the output format {output.name} failed: "
                                  f"{type(exc).__name__}: {exc}", document=target.key.document)
        return None
    strays = [path for path in made.files if not output.owns(source.name, path)]
    if strays:
        session.diagnostics.error(
            f"{target.id}: the output format {output.name} made {', '.join(strays)}, not named "
            f"after {source.name.path}; a format writes only files named after its output",
            document=target.key.document)
        return None
    checks = session.checks.select(target.document.kind.name, target.profile, output.name,
                                   stage="output")
    problems = made.problems + [p for check in checks for data in made.files.values()
                                for p in check.check(data)]
    for problem in problems:
        _report(session, target, problem)
    strict = session.options.strict
    if any(p.is_error or strict for p in problems):
        return None
    return made


def _report(session: BuildSession, target: Target, problem: Problem) -> None:
    severity = Severity.ERROR if session.options.strict else None
    session.diagnostics.problem(problem, prefix=f"{target.id}: ", severity=severity,
                                document=target.key.document)


def intact(session: BuildSession, target: Target, entry: OutputEntry) -> bool:
    """Whether an up-to-date output's other files are all there, of each format selected."""
    wanted = {output.name for output in other_formats(session, target)}
    files = entry.files or ()
    if {record.format for record in files} != wanted:
        return False
    return all((session.output_dir / Path(record.path)).is_file() for record in files)
