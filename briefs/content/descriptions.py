"""Field descriptions from attribute docstrings, filled in only when a command asks for them."""

from __future__ import annotations

import inspect
import types
import typing
import weakref
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic._internal._docs_extraction import extract_docstrings_from_cls

from briefs.content.schema import Generated, Strict

M = TypeVar("M", bound=type[BaseModel])

_DESCRIBED: weakref.WeakSet[type[BaseModel]] = weakref.WeakSet()
"""Models already given their descriptions (and rebuilt): `described` is done once for each."""


def described(model: M) -> M:
    """`model`, and every model nested in its fields, with the docstring written under each
    field as its description, as pydantic's `use_attribute_docstrings` gave them at import;
    the models are rebuilt (nested ones first) so that `model_json_schema` carries them.

    The models are made without pydantic's docstring search (it reads the calling frames'
    source for each class: about 35 ms of every process's start-up), and only the editors'
    schemas, the starter documents and the field reference read descriptions. A field's own
    `Field(description=...)` wins, as with pydantic; kind.yaml models (`Generated`) carry
    their descriptions already and have no source to search."""
    todo = [found for found in _nested_first(model) if found not in _DESCRIBED]
    docstrings: dict[type[BaseModel], dict[str, str]] = {}
    for found in todo:
        for name, info in found.model_fields.items():
            if info.description is None:
                owner = _owner(found, name)
                if owner is not None:
                    if owner not in docstrings:
                        docstrings[owner] = extract_docstrings_from_cls(owner, use_inspect=True)
                    info.description = docstrings[owner].get(name)
    for found in todo:  # a model's schema holds its nested models' schemas: those first
        found.model_rebuild(force=True)
        _DESCRIBED.add(found)
    return model


def _owner(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The class whose body declares field `name` (the nearest in the MRO: pydantic looked in
    that body only), if it is one of briefs' `Strict` models, whose docstrings describe their
    fields; None for a model made by `create_model` (it has no body)."""
    for cls in model.__mro__:
        if name in inspect.get_annotations(cls):
            return cls if issubclass(cls, Strict) and not issubclass(cls, Generated) else None
    return None


def _nested_first(model: type[BaseModel]) -> list[type[BaseModel]]:
    """`model` and the models its fields hold (in lists, unions, dicts...), each after the
    models it holds."""
    order: list[type[BaseModel]] = []
    seen: set[type[BaseModel]] = set()

    def visit(current: type[BaseModel]) -> None:
        seen.add(current)
        for info in current.model_fields.values():
            for inner in _models_in(info.annotation):
                if inner not in seen:
                    visit(inner)
        order.append(current)

    visit(model)
    return order


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models inside an annotation (`list[ImageRef] | None`, `Annotated[...]`...)."""
    if isinstance(annotation, type) and not isinstance(annotation, types.GenericAlias):
        return [annotation] if issubclass(annotation, BaseModel) else []
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found
