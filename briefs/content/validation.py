"""Validate loaded YAML against a schema and map every error back to its line and column."""

from __future__ import annotations

import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from briefs.content.loader import KeyPath
from briefs.content.wording import plain_message
from briefs.core.diagnostics import Diagnostics, did_you_mean

if typing.TYPE_CHECKING:
    from pathlib import Path

    from briefs.core.diagnostics import Position


class Locatable(typing.Protocol):
    """Anything that can say where a key path stands: one YAML file, or an overlay of two."""

    data: Any

    def locate(self, key_path: KeyPath, *, value: bool = False) -> tuple[Path, Position]: ...

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate(model: type[ModelT], loaded: Locatable, diagnostics: Diagnostics,
             data: Any = None) -> ModelT | None:
    """Validate `loaded.data` (or `data`) as `model`; every error becomes a diagnostic."""
    try:
        return model.model_validate(loaded.data if data is None else data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            report_error(model, loaded, error, diagnostics)
        return None


def check_present(model: type[BaseModel], loaded: Locatable, diagnostics: Diagnostics) -> None:
    """Report what is wrong with the keys and values a file holds, not what it lacks: for a
    translation checked on its own, whose gaps the source fills."""
    try:
        model.model_validate(loaded.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            if error["type"] != "missing":
                report_error(model, loaded, error, diagnostics)


def format_key_path(key_path: KeyPath) -> str:
    """('messages', 2, 'title') -> 'messages[2].title'."""
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def report_error(model: type[BaseModel], loaded: Locatable, error: Any,
                 diagnostics: Diagnostics) -> None:
    loc: KeyPath = tuple(part for part in error["loc"] if isinstance(part, str | int))
    kind = error["type"]
    where = format_key_path(loc)
    if kind == "extra_forbidden":
        allowed = sorted(fields_at(model, loc[:-1]))
        key = str(loc[-1])
        hint = did_you_mean(key, allowed)
        message = f'unknown key "{key}"{hint}; allowed here: {", ".join(allowed)}'
        if " " in key.strip():
            message += ("; a text with a comma inside {...} must be quoted, e.g. "
                        'help: "one, two"')
        path, position = loaded.locate(loc)
    elif kind == "missing":
        parent = format_key_path(loc[:-1])
        message = f'missing required field "{loc[-1]}"' + (f" in {parent}" if parent else "")
        path, position = loaded.locate(loc[:-1])
    elif error.get("input") is None and _commented(loaded, loc) is not None:
        comment = _commented(loaded, loc)
        message = (f'{where}: has no value: YAML reads everything from # on as a comment, so '
                   f'{comment} was left out; put it in quotes: {loc[-1]}: "{comment}"')
        path, position = loaded.locate(loc, value=True)
    else:
        message = f"{where}: {plain_message(error)}" if where else plain_message(error)
        path, position = loaded.locate(loc, value=True)
    diagnostics.error(message, path, position)


def _commented(loaded: Locatable, key_path: KeyPath) -> str | None:
    """The `#...` comment standing where the value of `key_path` was meant to be, if any."""
    commented_value = getattr(loaded, "commented_value", None)
    return commented_value(key_path) if commented_value is not None else None


def fields_at(model: type[BaseModel], key_path: KeyPath) -> set[str]:
    """The field names of the (nested) model found at `key_path`."""
    inner = _model_at(model, key_path)
    return set(inner.model_fields) if inner is not None else set()


def field_extra(model: type[BaseModel], key_path: KeyPath) -> dict[str, Any]:
    """The `json_schema_extra` of the field at `key_path` (e.g. {"translate": False})."""
    if not key_path or not isinstance(key_path[-1], str):
        return {}
    parent = _model_at(model, key_path[:-1])
    if parent is None or key_path[-1] not in parent.model_fields:
        return {}
    extra = parent.model_fields[key_path[-1]].json_schema_extra
    return extra if isinstance(extra, dict) else {}


def _model_at(model: type[BaseModel], key_path: KeyPath) -> type[BaseModel] | None:
    current: Any = model
    for part in key_path:
        if isinstance(part, int):
            continue
        inner = _model_in(current)
        if inner is not None and part in inner.model_fields:
            current = inner.model_fields[part].annotation
        elif _mapping_values(current) is not None:  # a key of a dict[str, Model]
            current = _mapping_values(current)
        else:
            return None
    return _model_in(current)


def _mapping_values(annotation: Any) -> Any:
    """The value type of a `dict[str, X]` annotation (inside Optional too), else None."""
    if typing.get_origin(annotation) is dict:
        return typing.get_args(annotation)[1]
    for arg in typing.get_args(annotation):
        found = _mapping_values(arg)
        if found is not None:
            return found
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
