"""The `briefs` command line: init, new, list, check, build."""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .diagnostics import BriefsError, Diagnostic, Diagnostics, Severity, summary_line

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
F = TypeVar("F", bound=Callable[..., Any])


class Reporter:
    """Writes diagnostics and progress to stderr, coloured only on a terminal without NO_COLOR."""

    def __init__(self, root: Path | None, quiet: bool = False) -> None:
        self.root = root
        self.quiet = quiet
        self.color = sys.stderr.isatty() and "NO_COLOR" not in os.environ

    def diagnostic(self, diagnostic: Diagnostic) -> None:
        line = diagnostic.format(self.root)
        if self.color:
            color = "red" if diagnostic.severity is Severity.ERROR else "yellow"
            word = diagnostic.severity.value + ":"
            line = line.replace(word, click.style(word, fg=color, bold=True), 1)
        click.echo(line, err=True)

    def all(self, diagnostics: Diagnostics) -> None:
        for diagnostic in diagnostics:
            self.diagnostic(diagnostic)

    def progress(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"  {message}", err=True)


def handle_errors(command: F) -> F:
    """Map BriefsError to exit 1 and unexpected exceptions to a short internal error."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BriefsError as exc:
            reporter = Reporter(None)
            for diagnostic in exc.diagnostics:
                reporter.diagnostic(diagnostic)
            errors = sum(1 for d in exc.diagnostics if d.severity is Severity.ERROR)
            click.echo(summary_line(errors), err=True)
            sys.exit(EXIT_FAILED)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except Exception as exc:
            if click.get_current_context().find_root().params.get("debug"):
                traceback.print_exc()
            else:
                click.echo(f"internal error: {type(exc).__name__}: {exc} (run with --debug for "
                           "the traceback, and please report it)", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


locale_option = click.option("-l", "--locale", "locales", multiple=True,
                             help="Only these locales (repeatable).")
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print a JSON report on stdout.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-w", "--workspace", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="Workspace folder (or any folder in it).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.version_option(__version__, prog_name="briefs")
@click.pass_context
def cli(ctx: click.Context, workspace: Path, debug: bool) -> None:
    """Build branded PDF key-message briefs and event flyers from YAML content."""
    ctx.obj = {"workspace": workspace, "debug": debug}


def _workspace(ctx: click.Context) -> Any:
    from .workspace import load_workspace

    return load_workspace(ctx.obj["workspace"])


def _select(workspace: Any, docs: tuple[str, ...],
            locales: tuple[str, ...]) -> tuple[list[str], list[str]]:
    from .diagnostics import did_you_mean

    known = workspace.document_ids()
    for doc in docs:
        if doc not in known:
            raise click.UsageError(f'no document "{doc}"{did_you_mean(doc, known)}; '
                                   f"documents: {', '.join(known) or '(none)'}")
    for locale in locales:
        if locale not in workspace.config.locales:
            raise click.UsageError(
                f'locale "{locale}" is not in briefs.yaml locales '
                f"({', '.join(workspace.config.locales)})")
    chosen_locales = [loc for loc in workspace.config.locales if not locales or loc in locales]
    return list(docs) or known, chosen_locales


def _profiles(workspace: Any, name: str | None) -> dict[str, Any]:
    from .profiles import workspace_profiles

    available = workspace_profiles(workspace.config)
    chosen = name or workspace.config.profile
    if chosen == "all":
        return available
    if chosen not in available:
        raise click.UsageError(f'no profile "{chosen}"; profiles: {", ".join(available)}, all')
    return {chosen: available[chosen]}


PDF_VARIANT_CHOICES = ["pdf/ua-1", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/x-4"]


@cli.command()
@click.argument("docs", nargs=-1)
@locale_option
@click.option("--profile", "profile_name", metavar="screen|print|all",
              help="Output profile (default: `profile` in briefs.yaml, else screen).")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANT_CHOICES),
              help="PDF standard for every output, overriding the profile's.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Render workers (default: the number of cores).")
@click.option("--force", is_flag=True, help="Render every output, even those up to date.")
@click.option("--shard", metavar="K/N", help="Build only the K-th of N balanced shares (CI).")
@click.option("--emit-html", is_flag=True, help="Also write each output's HTML beside it.")
@strict_option
@json_option
@click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
@click.pass_context
@handle_errors
def build(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...],
          profile_name: str | None, pdf_variant: str | None, jobs: int | None, force: bool,
          shard: str | None, emit_html: bool, strict: bool, as_json: bool, quiet: bool) -> None:
    """Build PDFs into build/<doc>/<doc>.<locale>[.print].pdf and build/manifest.json."""
    arguments = {"docs": sorted(docs), "locales": sorted(locales), "profile": profile_name,
                 "pdf_variant": pdf_variant, "shard": shard, "strict": strict,
                 "emit_html": emit_html}
    if not force and _report_noop(ctx.obj["workspace"], arguments, as_json, quiet):
        return
    from .workers import Renderer, default_jobs

    # Something changed: start the render workers now, so that their WeasyPrint import runs
    # while this process loads and validates the content.
    renderer = Renderer(jobs or default_jobs())
    renderer.start()
    with renderer:
        from .noop import forget, write_stamp
        from .pipeline import BuildOptions, plan_build
        from .pipeline import build as run_build
        from .sharding import parse_shard, select_shard

        workspace = _workspace(ctx)
        doc_ids, chosen = _select(workspace, docs, locales)
        profiles = _profiles(workspace, profile_name)
        share = parse_shard(shard) if shard else None
        reporter = Reporter(workspace.root, quiet=quiet or as_json)
        diagnostics = Diagnostics()
        plan = plan_build(workspace, doc_ids, chosen, diagnostics, profiles, pdf_variant,
                          keep_caches=True)
        if (strict and diagnostics.warnings) or (diagnostics.has_errors() and not plan.targets):
            _finish(reporter, diagnostics, strict, as_json, {"outputs": []}, built=0)
        if share:
            plan.targets = select_shard(plan.targets, *share)
        options = BuildOptions(strict=strict, jobs=jobs or default_jobs(), force=force,
                               emit_html=emit_html)
        result = run_build(workspace, plan, diagnostics, options, progress=reporter.progress,
                           renderer=renderer)
        for path in result.written:
            if not as_json:
                click.echo(path.relative_to(workspace.root).as_posix())
        if not as_json and result.up_to_date and not quiet:
            click.echo(f"{plural(len(result.up_to_date), 'output')} up to date.", err=True)
        if len(diagnostics) == 0 and not result.failed:
            system_fonts = sorted({str(face.path) for target in plan.targets
                                   for face in target.brand.faces if not face.bundled})
            write_stamp(workspace.root, workspace.output_dir, arguments,
                        [entry["path"] for entry in result.entries], system_fonts)
        else:
            forget(workspace.output_dir)
        _finish(reporter, diagnostics, strict, as_json, {
            "outputs": result.entries, "failed": sorted(result.failed),
            "rendered": result.rendered, "up_to_date": result.up_to_date},
            built=len(result.written) + len(result.up_to_date))


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _report_noop(start: Path, arguments: dict[str, Any], as_json: bool, quiet: bool) -> bool:
    """The fast path of an unchanged rebuild: True when it answered (nothing to do)."""
    from .noop import up_to_date

    root = _quick_root(start)
    if root is None:
        return False
    try:
        import yaml

        config = yaml.safe_load((root / "briefs.yaml").read_text(encoding="utf-8")) or {}
        output_dir = (root / str(config.get("output_dir") or "build")).resolve()
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return False
    if not output_dir.is_relative_to(root) or output_dir == root:
        return False
    outputs = up_to_date(root, output_dir, arguments)
    if outputs is None:
        return False
    if as_json:
        manifest = json.loads((output_dir / "manifest.json").read_text(encoding="utf-8"))
        entries = [e for e in manifest.get("outputs", []) if e.get("path") in set(outputs)]
        click.echo(json.dumps({"ok": True, "outputs": entries, "failed": [], "rendered": [],
                               "up_to_date": sorted(outputs), "diagnostics": []},
                              indent=2, ensure_ascii=False, sort_keys=True))
    elif not quiet:
        click.echo(f"{plural(len(outputs), 'output')} up to date; nothing changed since the "
                   "last build.", err=True)
    return True


def _quick_root(start: Path) -> Path | None:
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "briefs.yaml").is_file():
            return folder
    return None


def _finish(reporter: Reporter, diagnostics: Diagnostics, strict: bool, as_json: bool,
            report: dict[str, Any], built: int) -> None:
    reporter.all(diagnostics)
    errors = len(diagnostics.errors) + (len(diagnostics.warnings) if strict else 0)
    if as_json:
        report = {"ok": errors == 0, **report,
                  "diagnostics": [d.as_json(reporter.root) for d in diagnostics]}
        click.echo(json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True))
    if errors:
        if built:
            click.echo(f"Finished with {errors} error{'s' if errors != 1 else ''}; "
                       f"{built} output{'s' if built != 1 else ''} built.", err=True)
        else:
            click.echo(summary_line(errors), err=True)
        sys.exit(EXIT_FAILED)


@cli.command()
@click.argument("docs", nargs=-1)
@locale_option
@strict_option
@json_option
@click.pass_context
@handle_errors
def check(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...], strict: bool,
          as_json: bool) -> None:
    """Validate content, brands, images and templates without rendering any PDF."""
    from .pipeline import check_templates, plan_build

    workspace = _workspace(ctx)
    doc_ids, chosen = _select(workspace, docs, locales)
    reporter = Reporter(workspace.root)
    diagnostics = Diagnostics()
    plan = plan_build(workspace, doc_ids, chosen, diagnostics)
    check_templates(workspace, plan, diagnostics)
    _finish(reporter, diagnostics, strict, as_json,
            {"checked": sorted(t.id for t in plan.targets), "failed": sorted(plan.failed)},
            built=0)
    if not as_json:
        click.echo(f"OK: {len(plan.targets)} outputs checked.")


@cli.command()
@click.argument("pdfs", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--print", "print_ready", is_flag=True,
              help="Also require a TrimBox with bleed on every page (print-ready PDFs).")
@strict_option
@json_option
@handle_errors
def preflight(pdfs: tuple[Path, ...], print_ready: bool, strict: bool, as_json: bool) -> None:
    """Check any PDF: readable, fonts embedded, title and language (and bleed, with --print)."""
    from .preflight import check_pdf

    report = {str(path): check_pdf(path, print_ready) for path in pdfs}
    failed = False
    for path, findings in report.items():
        for message in findings.errors:
            click.echo(f"{path}: error: {message}", err=True)
        for message in findings.warnings:
            click.echo(f"{path}: warning: {message}", err=True)
        failed |= bool(findings.errors) or (strict and bool(findings.warnings))
    if as_json:
        click.echo(json.dumps({p: f.as_json() for p, f in report.items()}, indent=2))
    elif not failed:
        click.echo(f"OK: {len(pdfs)} PDF{'s' if len(pdfs) != 1 else ''} passed preflight.")
    if failed:
        sys.exit(EXIT_FAILED)


@cli.command()
@click.argument("docs", nargs=-1)
@locale_option
@click.option("--profile", "profile_name", metavar="screen|print|all",
              help="Output profile (default: `profile` in briefs.yaml, else screen).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (this machine only, unless you give another).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@click.pass_context
@handle_errors
def serve(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...],
          profile_name: str | None, host: str, port: int, open_browser: bool) -> None:
    """Preview documents in a browser; every save rebuilds them and refreshes the page."""
    from .serve import ServeOptions
    from .serve import serve as run_server

    workspace = _workspace(ctx)
    _select(workspace, docs, locales)
    profiles = tuple(_profiles(workspace, profile_name))
    options = ServeOptions(host=host, port=port, docs=docs, locales=locales, profiles=profiles,
                           open_browser=open_browser)
    run_server(workspace.root, workspace.output_dir, options,
               log=lambda message: click.echo(message, err=True), echo=click.echo)


@cli.command("list")
@json_option
@click.pass_context
@handle_errors
def list_documents(ctx: click.Context, as_json: bool) -> None:
    """Show documents, their kind and brand, and each locale's state.

    A locale is "built" (with its page count) when its screen PDF is in the manifest,
    "not built" when it has content but no PDF yet, "no content" without a <locale>.yaml.
    """
    from .loader import load_yaml_file
    from .output import read_manifest

    workspace = _workspace(ctx)
    built = {entry.get("path"): entry for entry in read_manifest(workspace.output_dir)["outputs"]
             if (workspace.output_dir / str(entry.get("path"))).is_file()}
    rows = []
    for doc_id in workspace.document_ids():
        folder = workspace.content_dir / doc_id
        loaded = load_yaml_file(folder / "document.yaml", Diagnostics())
        data = loaded.data if loaded else {}
        states = {}
        for locale in workspace.config.locales:
            entry = built.get(f"{doc_id}/{doc_id}.{locale}.pdf")
            if not (folder / f"{locale}.yaml").is_file():
                states[locale] = {"state": "no content"}
            elif entry is None:
                states[locale] = {"state": "not built"}
            else:
                states[locale] = {"state": "built", "pages": entry.get("pages")}
        rows.append({"doc": doc_id, "kind": data.get("kind") or "?",
                     "brand": data.get("brand") or workspace.config.default_brand,
                     "locales": states})
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    marks = {"built": "", "not built": "*", "no content": "-"}
    for row in rows:
        locales = " ".join(f"{loc}{marks[info['state']]}" for loc, info in row["locales"].items())
        click.echo(f"{row['doc']:<32} {row['kind']:<13} {row['brand']:<14} {locales}")
    if rows:
        click.echo("(* not built yet, - no content file)")
    else:
        click.echo("no documents yet; add one with `briefs new DOC --kind key-messages`")


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.pass_context
@handle_errors
def init(ctx: click.Context, directory: Path) -> None:
    """Create a workspace in DIRECTORY with the sample documents and brands."""
    from .scaffold import init_workspace

    created = init_workspace(directory)
    click.echo(f"Created a workspace in {created}. Next: cd {directory} && briefs build")


@cli.command()
@click.argument("doc")
@click.option("--kind", type=click.Choice(["key-messages", "flyer"]), required=True)
@click.pass_context
@handle_errors
def new(ctx: click.Context, doc: str, kind: str) -> None:
    """Add a document folder content/DOC with a commented starter of KIND."""
    from .scaffold import new_document

    workspace = _workspace(ctx)
    folder = new_document(workspace, doc, kind)
    click.echo(f"Created {folder.relative_to(workspace.root).as_posix()}/; edit its files, then "
               f"run `briefs build {doc}`")


@cli.group()
def manifest() -> None:
    """Work with build manifests (build/manifest.json)."""


@manifest.command()
@click.argument("manifests", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build"), show_default=True,
              help="Folder to write the merged manifest.json into.")
@handle_errors
def merge(manifests: tuple[Path, ...], output_dir: Path) -> None:
    """Combine the manifests of sharded builds (`briefs build --shard K/N`) into one."""
    from .output import merge_manifests, write_manifest

    loaded = []
    for path in manifests:
        try:
            loaded.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise BriefsError([Diagnostic(Severity.ERROR, f"not a manifest: {exc}", path)]) \
                from exc
    entries, conflicts = merge_manifests(loaded)
    if conflicts:
        raise BriefsError([Diagnostic(Severity.ERROR, c) for c in conflicts])
    output_dir.mkdir(parents=True, exist_ok=True)
    path = write_manifest(output_dir, entries)
    click.echo(f"{path} ({len(entries)} outputs from {len(manifests)} manifests)")


@cli.group()
def i18n() -> None:
    """Translation status, and gettext catalogs for template strings."""


@i18n.command()
@click.argument("docs", nargs=-1)
@locale_option
@click.option("--strict", is_flag=True, help="Exit 1 if anything is missing, stale or extra.")
@json_option
@click.pass_context
@handle_errors
def status(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...], strict: bool,
           as_json: bool) -> None:
    """Per document and locale: translated, missing, stale, extra, and a percentage."""
    from .i18n import translation_status

    workspace = _workspace(ctx)
    doc_ids, chosen = _select(workspace, docs, locales)
    diagnostics = Diagnostics()
    rows = translation_status(workspace, doc_ids, chosen, diagnostics)
    Reporter(workspace.root).all(diagnostics)
    if as_json:
        click.echo(json.dumps([row.as_json() for row in rows], indent=2, ensure_ascii=False))
    else:
        _print_status(rows)
    if diagnostics.has_errors() or (strict and not all(row.complete for row in rows)):
        sys.exit(EXIT_FAILED)


def _print_status(rows: list[Any]) -> None:
    header = f"{'document':<26} {'locale':<7} {'translated':>10} {'missing':>8} {'stale':>6} " \
             f"{'extra':>6} {'template':>9} {'done':>5}"
    click.echo(header)
    for row in rows:
        state = row.state
        if not row.exists:
            click.echo(f"{row.doc:<26} {row.locale:<7} {'not started: copy the source file to '}"
                       f"{row.path}")
            continue
        template = f"{row.template_strings - len(row.template_missing)}/{row.template_strings}" \
            if row.template_strings else "-"
        click.echo(f"{row.doc:<26} {row.locale:<7} {len(state.translated):>4}/{state.total:<5} "
                   f"{len(state.missing):>8} {len(state.stale):>6} {len(state.extra):>6} "
                   f"{template:>9} {state.percent:>4}%")
        for label, keys in (("missing", state.missing), ("stale", state.stale),
                            ("extra", state.extra)):
            for key in keys:
                click.echo(f"    {label}: {key}")
        for _, message in state.mismatched:
            click.echo(f"    mismatch: {message}")
        for message in row.template_missing:
            click.echo(f'    template string not translated: "{message}"')


@i18n.command()
@click.pass_context
@handle_errors
def extract(ctx: click.Context) -> None:
    """Write templates/locales/messages.pot with every translatable template string."""
    from .catalogs import write_pot

    workspace = _workspace(ctx)
    click.echo(write_pot(workspace).relative_to(workspace.root).as_posix())


@i18n.command()
@click.argument("docs", nargs=-1)
@locale_option
@click.option("--accept-stale", is_flag=True,
              help="Record stale translations as current (after checking they still fit).")
@click.pass_context
@handle_errors
def update(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...],
           accept_stale: bool) -> None:
    """Refresh translations.lock files and create or update each locale's messages.po."""
    from .catalogs import write_pot
    from .i18n import update_translations

    workspace = _workspace(ctx)
    doc_ids, chosen = _select(workspace, docs, locales)
    diagnostics = Diagnostics()
    written = [write_pot(workspace)]
    written += update_translations(workspace, doc_ids, chosen, diagnostics,
                                   accept_stale=accept_stale)
    Reporter(workspace.root).all(diagnostics)
    for path in written:
        click.echo(path.relative_to(workspace.root).as_posix())
    if diagnostics.has_errors():
        sys.exit(EXIT_FAILED)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.UsageError as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_FAILED)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_FAILED)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
