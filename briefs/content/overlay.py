"""Overlay a translation on the source prose, recording what fell back and what is extra."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefs.content.loader import KeyPath, LoadedYaml
from briefs.content.validation import format_key_path
from briefs.core.diagnostics import Position, did_you_mean


@dataclass
class Overlay:
    """Source prose with a translation laid over it, and where every value came from."""

    source: LoadedYaml
    translation: LoadedYaml | None
    data: Any = None
    missing: list[KeyPath] = field(default_factory=list)
    extra: list[tuple[KeyPath, str]] = field(default_factory=list)

    def locate(self, key_path: KeyPath, *, value: bool = False) -> tuple[Path, Position]:
        if self.translation is not None and _has_path(self.translation.data, key_path):
            return self.translation.locate(key_path, value=value)
        return self.source.locate(key_path, value=value)

    def commented_value(self, key_path: KeyPath) -> str | None:
        """The `#...` comment YAML read where the value of `key_path` was meant to be."""
        if self.translation is not None and _has_path(self.translation.data, key_path):
            return self.translation.commented_value(key_path)
        return self.source.commented_value(key_path)


def _has_path(data: Any, key_path: KeyPath) -> bool:
    for part in key_path:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return False
        elif not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return True


def overlay(source: LoadedYaml, translation: LoadedYaml | None) -> Overlay:
    """Merge `translation` over `source` key by key; lists are matched item by item."""
    result = Overlay(source=source, translation=translation)
    if translation is None:
        result.data = source.data
        return result
    result.data = _merge(source.data, translation.data, (), result)
    return result


def _merge(source: Any, translated: Any, key_path: KeyPath, result: Overlay) -> Any:
    if isinstance(source, dict):
        if not isinstance(translated, dict):
            result.missing.append(key_path)
            return source
        for key in translated:
            if key not in source:
                hint = did_you_mean(key, source)
                result.extra.append(((*key_path, key),
                                     f'key "{format_key_path((*key_path, key))}" is not in the '
                                     f"source text{hint}; remove it or fix its name"))
        return {key: _merge(value, translated.get(key), (*key_path, key), result)
                for key, value in source.items()}
    if isinstance(source, list):
        if not isinstance(translated, list):
            result.missing.append(key_path)
            return source
        if len(translated) > len(source):
            result.extra.append(((*key_path, len(source)),
                                 f"{format_key_path(key_path)} has {len(translated)} items but the "
                                 f"source has {len(source)}; remove the extra items"))
        return [
            _merge(item, translated[index] if index < len(translated) else None,
                   (*key_path, index), result)
            for index, item in enumerate(source)
        ]
    if translated is None or isinstance(translated, dict | list):
        if source is not None:
            result.missing.append(key_path)
        return source
    return translated
