"""`briefs check` (validate, render nothing) and `briefs preflight` (check any PDF)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from briefs.cli.common import (
    EXIT_FAILED,
    Reporter,
    finish,
    handle_errors,
    json_option,
    locale_option,
    open_session,
    open_workspace,
    plural,
    select,
    strict_option,
)
from briefs.cli.completion import complete_documents


@click.command()
@click.argument("docs", nargs=-1, shell_complete=complete_documents)
@locale_option
@click.option("--layout", is_flag=True,
              help="Also lay out every output and fit it to its pages, as `build` would "
                   "(slower; writes no PDF): overflows are errors at the content.")
@strict_option
@json_option
@click.pass_context
@handle_errors
def check(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...], layout: bool,
          strict: bool, as_json: bool) -> None:
    """Validate content, brands, images and templates without rendering any PDF."""
    from briefs.pipeline.html import check_templates
    from briefs.pipeline.plan import plan_build
    from briefs.pipeline.session import BuildOptions

    workspace = open_workspace(ctx)
    doc_ids, chosen = select(workspace, docs, locales)
    session = open_session(workspace, BuildOptions(writes=False))
    plan = plan_build(session, doc_ids, chosen)
    check_templates(session, plan)
    fitted = _lay_out(session, plan) if layout and plan.targets else []
    reporter = Reporter(workspace.root)
    for line in fitted:
        reporter.line(line)
    finish(reporter, session.diagnostics, strict, as_json,
           {"checked": sorted(t.id for t in plan.targets),
            "failed": sorted(session.output_name(key).id for key in plan.failed),
            **({"fitted": fitted} if layout else {})}, built=0)
    if not as_json:
        click.echo(f"OK: {plural(len(plan.targets), 'output')} checked.")


def _lay_out(session: Any, plan: Any) -> list[str]:
    """Lay out and fit every planned output in warm workers; what each needed to fit."""
    from briefs.pipeline.layout import lay_out_all
    from briefs.render.workers import Renderer, default_jobs

    with Renderer(default_jobs(), one_build=True) as renderer:  # ended after: polls quickly
        return lay_out_all(session, plan, renderer)


@click.command()
@click.argument("pdfs", nargs=-1, required=True,

                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--print", "print_ready", is_flag=True,
              help="Also require a TrimBox with bleed on every page (print-ready PDFs).")
@click.option("--ua", "require_ua", is_flag=True,
              help="Require PDF/UA-1 of every PDF, even one that does not claim it (an "
                   "untagged PDF claims nothing and otherwise passes).")
@strict_option
@json_option
@handle_errors
def preflight(pdfs: tuple[Path, ...], print_ready: bool, require_ua: bool, strict: bool,
              as_json: bool) -> None:
    """Check any PDF: readable, fonts embedded, title and language, the standards it claims
    (and bleed, with --print; PDF/UA-1 whatever it claims, with --ua)."""
    from briefs.render.preflight import check_pdf

    report = {str(path): check_pdf(path, print_ready, require_ua) for path in pdfs}
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
        click.echo(f"OK: {plural(len(pdfs), 'PDF')} passed preflight.")
    if failed:
        sys.exit(EXIT_FAILED)
