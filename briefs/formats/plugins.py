"""What a plug-in's entry point gives: one object, or a function returning one or a list."""

from __future__ import annotations

from importlib.metadata import EntryPoint

from briefs.core.diagnostics import Diagnostics


def loaded_entry(entry: EntryPoint, wanted: type, where: str,
                 diagnostics: Diagnostics) -> list[object]:
    """The objects an entry point names (a broken plug-in is reported, never raised: it must
    not stop the build of everything else)."""
    try:
        loaded = entry.load()
        value = loaded() if callable(loaded) and not isinstance(loaded, wanted) else loaded
    except Exception as exc:
        diagnostics.error(f"{where} cannot be loaded: {type(exc).__name__}: {exc}")
        return []
    return list(value) if isinstance(value, list | tuple) else [value]
