"""Shell completion of document ids and locales, read without loading the workspace's schema.

`_BRIEFS_COMPLETE=bash_source briefs` prints the script (zsh_source, fish_source too).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

from briefs.core.workspace import CONFIG_NAME, quick_root


def _root(ctx: click.Context) -> Path | None:
    """The workspace the command line names (-w before or after the command), or the
    current folder's."""
    start = Path(".")
    for context in (ctx, *_parents(ctx)):
        obj = context.obj if isinstance(context.obj, dict) else {}
        given = context.params.get("workspace") or obj.get("workspace")
        if given:
            start = Path(given)
            break
    return quick_root(start)


def _parents(ctx: click.Context) -> list[click.Context]:
    found = []
    while ctx.parent is not None:
        ctx = ctx.parent
        found.append(ctx)
    return found


def complete_documents(ctx: click.Context, param: click.Parameter,
                       incomplete: str) -> list[CompletionItem]:
    """Folders under content/ holding a document.yaml."""
    root = _root(ctx)
    if root is None or not (root / "content").is_dir():
        return []
    return [CompletionItem(entry.name) for entry in sorted((root / "content").iterdir())
            if entry.name.startswith(incomplete) and (entry / "document.yaml").is_file()]


def complete_locales(ctx: click.Context, param: click.Parameter,
                     incomplete: str) -> list[CompletionItem]:
    """The locales listed in briefs.yaml."""
    root = _root(ctx)
    if root is None:
        return []
    try:
        import yaml

        config: Any = yaml.safe_load((root / CONFIG_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return []
    locales = config.get("locales") if isinstance(config, dict) else None
    if not isinstance(locales, list):
        return []
    return [CompletionItem(str(locale)) for locale in locales
            if str(locale).startswith(incomplete)]
