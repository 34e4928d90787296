"""Field descriptions from attribute docstrings, filled in only when a command asks for them."""

from __future__ import annotations

import ast
import inspect
import sys
import types
import typing
import weakref
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic._internal._docs_extraction import DocstringVisitor

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
    trees: dict[str, ast.Module | None] = {}
    for found in todo:
        for name, info in found.model_fields.items():
            if info.description is None:
                owner = _owner(found, name)
                if owner is not None:
                    if owner not in docstrings:
                        docstrings[owner] = _docstrings(owner, trees)
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


def _docstrings(cls: type[BaseModel], trees: dict[str, ast.Module | None]) -> dict[str, str]:
    """The docstring under each field of `cls`, read by pydantic's own visitor from the class's
    node in its module's syntax tree. The module is parsed once for all its classes: pydantic's
    `inspect.getsourcelines` parses it again for each (83 ms for the built-in models, 36 here,
    the rebuilds included)."""
    module = cls.__module__
    if module not in trees:
        try:
            trees[module] = ast.parse(inspect.getsource(sys.modules[module]))
        except (KeyError, OSError, TypeError, SyntaxError):
            trees[module] = None
    tree = trees[module]
    node = _class_node(tree, cls) if tree is not None else None
    if node is None:
        return {}
    visitor = DocstringVisitor()
    visitor.generic_visit(node)
    return visitor.attrs


def _class_node(tree: ast.Module, cls: type) -> ast.ClassDef | None:
    """The `class` statement that made `cls`: found by its qualified name (through functions'
    `<locals>` too), the first of that name as `inspect` finds it, or the one on its first
    line where Python records it (3.13)."""
    first_line = getattr(cls, "__firstlineno__", None)
    scopes: list[list[ast.stmt]] = [tree.body]
    found: list[ast.stmt] = []
    for part in cls.__qualname__.split("."):
        if part == "<locals>":
            continue
        found = [node for body in scopes for node in _statements(body)
                 if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                 and node.name == part]
        scopes = [node.body for node in found]  # type: ignore[attr-defined]
    classes = [node for node in found if isinstance(node, ast.ClassDef)]
    exact = [node for node in classes if node.lineno == first_line or any(
        decorator.lineno == first_line for decorator in node.decorator_list)]
    return (exact or classes)[0] if classes else None


def _statements(body: list[ast.stmt]) -> typing.Iterator[ast.stmt]:
    """The statements of a scope, those inside `if`, `try`, `with` and loops too (not inside
    functions or classes: their own scopes)."""
    for node in body:
        yield node
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                yield from _statements([child])
            elif isinstance(child, ast.ExceptHandler | ast.match_case):
                yield from _statements(child.body)


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
