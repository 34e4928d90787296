"""Safe YAML loading that keeps the line and column of every key and value."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefs.core.diagnostics import Diagnostics, Position
from briefs.core.paths import RefusedPath, read_bytes

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 24
MAX_CONTROL_REPORTS = 5
ALLOWED_CONTROLS = {"\t", "\n", "\r"}
DEFAULT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
NULL_WORDS = {"", "~", "null", "Null", "NULL"}

KeyPath = tuple[str | int, ...]


@dataclass
class LoadedYaml:
    """Plain data (dicts, lists, strings, None) plus where each part stands in the file."""

    path: Path
    data: Any
    key_positions: dict[KeyPath, Position] = field(default_factory=dict)
    value_positions: dict[KeyPath, Position] = field(default_factory=dict)

    def position_of(self, key_path: KeyPath, *, value: bool = False) -> Position:
        """Best position for a path: the exact key or value, else the nearest parent."""
        for depth in range(len(key_path), -1, -1):
            prefix = key_path[:depth]
            table = self.value_positions if value and depth == len(key_path) else self.key_positions
            if prefix in table:
                return table[prefix]
            if prefix in self.value_positions:
                return self.value_positions[prefix]
        return Position(1, 1)

    def locate(self, key_path: KeyPath, *, value: bool = False) -> tuple[Path, Position]:
        """The file and position to report a problem at `key_path` against."""
        return self.path, self.position_of(key_path, value=value)


class _RefusedYaml(yaml.MarkedYAMLError):
    """A YAML feature content may not use (anchors, aliases)."""


FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's parser when PyYAML was built with it: several times faster than pure Python."""


def _refuse_anchors(text: str) -> None:
    """Stop at the first anchor or alias, before anything is composed (no alias expansion)."""
    if FAST_LOADER is None:
        return  # _StrictLoader refuses them while composing
    for event in yaml.parse(text, Loader=FAST_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _RefusedYaml(
                problem="YAML anchors and aliases (&name, *name) are not allowed in content; "
                "write the value out", problem_mark=event.start_mark)  # type: ignore[arg-type]


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader whose composer refuses anchors and aliases (no billion-laughs expansion)."""

    def compose_node(self, parent: Node | None, index: object) -> Node | None:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _RefusedYaml(
                problem="YAML anchors and aliases (&name, *name) are not allowed in content; "
                "write the value out", problem_mark=event.start_mark)
        return super().compose_node(parent, index)  # type: ignore[arg-type]


def _node_position(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _offset_to_position(text: bytes | str, offset: int) -> Position:
    before = text[:offset]
    if isinstance(before, bytes):
        line, last = before.count(b"\n"), before.rfind(b"\n")
    else:
        line, last = before.count("\n"), before.rfind("\n")
    return Position(line + 1, offset - (last + 1) + 1)


def decode_text(raw: bytes, path: Path, diagnostics: Diagnostics) -> str | None:
    """Decode strict UTF-8 and reject control characters, reporting each with its position."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        diagnostics.error(
            f"invalid UTF-8 byte 0x{raw[exc.start]:02x}; save the file as UTF-8",
            path, _offset_to_position(raw, exc.start))
        return None
    text = text.removeprefix("\ufeff")
    reported = 0
    for offset, char in enumerate(text):
        if char in ALLOWED_CONTROLS or unicodedata.category(char) != "Cc":
            continue
        name = unicodedata.name(char, "")
        diagnostics.error(
            f"control character U+{ord(char):04X}{f' ({name})' if name else ''} in text; delete it "
            "(it is often pasted in invisibly from another program)",
            path, _offset_to_position(text, offset))
        reported += 1
        if reported >= MAX_CONTROL_REPORTS:
            break
    return None if reported else text


def load_yaml_file(path: Path, diagnostics: Diagnostics, *,
                   roots: tuple[Path, ...]) -> LoadedYaml | None:
    """Read and parse a YAML file that must hold one mapping; report problems, return None.

    The file is read only once its real location (symlinks resolved) is known to lie inside
    one of `roots` (the workspace).
    """
    try:
        raw = read_bytes(path, roots, MAX_FILE_BYTES)
    except RefusedPath as exc:
        message = str(exc)
        if "-byte limit" in message:
            message = (f"file is over the {MAX_FILE_BYTES}-byte limit for content files; "
                       "split it or move large data elsewhere")
        diagnostics.error(message, path, Position(1, 1))
        return None
    except OSError as exc:
        diagnostics.error(f"cannot read file: {exc.strerror or exc}", path)
        return None
    text = decode_text(raw, path, diagnostics)
    if text is None:
        return None
    return load_yaml_text(text, path, diagnostics)


def load_yaml_text(text: str, path: Path, diagnostics: Diagnostics) -> LoadedYaml | None:
    """Parse YAML text; strings stay strings (no `NO` -> False), anchors and tags are refused."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        diagnostics.error("file is empty; it must hold a YAML mapping of fields (key: value)",
                          path, Position(1, 1))
        return None
    try:
        _refuse_anchors(text)
        nodes = list(yaml.compose_all(text, Loader=FAST_LOADER or _StrictLoader))
    except _RefusedYaml as exc:
        mark = exc.problem_mark
        diagnostics.error(str(exc.problem), path,
                          Position(mark.line + 1, mark.column + 1) if mark else None)
        return None
    except yaml.MarkedYAMLError as exc:
        _report_syntax_error(exc, text, path, diagnostics)
        return None
    except yaml.YAMLError as exc:
        diagnostics.error(f"invalid YAML: {exc}", path)
        return None
    nodes = [node for node in nodes if node is not None]
    if not nodes:
        diagnostics.error("file is empty; it must hold a YAML mapping of fields (key: value)",
                          path, Position(1, 1))
        return None
    if len(nodes) > 1:
        diagnostics.error("file holds more than one YAML document (`---`); keep one per file",
                          path, _node_position(nodes[1]))
        return None
    root = nodes[0]
    if not isinstance(root, MappingNode):
        diagnostics.error(
            f"expected a mapping of fields (key: value) at the top of the file, found "
            f"{_node_kind(root)}", path, _node_position(root))
        return None
    loaded = LoadedYaml(path=path, data=None)
    errors_before = len(diagnostics.errors)
    loaded.data = _convert(root, (), loaded, diagnostics, depth=0)
    if len(diagnostics.errors) > errors_before:
        return None
    return loaded


def _report_syntax_error(exc: yaml.MarkedYAMLError, text: str, path: Path,
                         diagnostics: Diagnostics) -> None:
    """A syntax error at the start of the construct that is broken (the quote left open on
    line 8, the `[` never closed), not where the parser gave up (often the end of the file),
    with that line of the file shown."""
    context = exc.context or ""
    starts_construct = exc.context_mark is not None and (
        context.startswith("while scanning") or "flow" in context
        or "end of stream" in (exc.problem or ""))
    mark = exc.context_mark if starts_construct else (exc.problem_mark or exc.context_mark)
    problem = (exc.problem or exc.context or "invalid YAML").replace("in this context", "here")
    if starts_construct and context:
        problem = f"{problem} {context}"
        if exc.problem_mark is not None:
            problem += f" (started here; the parser stopped on line {exc.problem_mark.line + 1})"
    position = Position(mark.line + 1, mark.column + 1) if mark else None
    lines = text.splitlines()
    source = lines[mark.line] if mark and mark.line < len(lines) else None
    diagnostics.error(f"invalid YAML: {problem}{_yaml_hint(problem)}", path, position, source)


def _yaml_hint(problem: str) -> str:
    if "quoted scalar" in problem:
        return "; close the quote opened here"
    if "flow sequence" in problem or "flow mapping" in problem:
        return "; close the bracket opened here"
    if "mapping values are not allowed" in problem:
        return "; a value containing ': ' must be quoted, or use a block scalar (|)"
    if "found character '\\t'" in problem:
        return "; indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "; each line must be `key: value`, check the indentation"
    return ""


def _node_kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return f'the text "{node.value}"' if isinstance(node, ScalarNode) else "something else"


def _convert(node: Node, key_path: KeyPath, loaded: LoadedYaml, diagnostics: Diagnostics,
             depth: int) -> Any:
    loaded.value_positions[key_path] = _node_position(node)
    if depth > MAX_DEPTH:
        diagnostics.error(f"nesting deeper than {MAX_DEPTH} levels", loaded.path,
                          _node_position(node))
        return None
    if node.tag not in DEFAULT_TAGS:
        diagnostics.error(f"YAML tag {node.tag!r} is not allowed in content; remove it",
                          loaded.path, _node_position(node))
        return None
    if isinstance(node, ScalarNode):
        if not node.style and node.value in NULL_WORDS:
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [
            _convert(item, (*key_path, index), loaded, diagnostics, depth + 1)
            for index, item in enumerate(node.value)
        ]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            diagnostics.error("YAML merge keys (<<) are not allowed in content",
                              loaded.path, _node_position(key_node))
            continue
        if not isinstance(key_node, ScalarNode):
            diagnostics.error("keys must be plain words, not lists or mappings",
                              loaded.path, _node_position(key_node))
            continue
        key = key_node.value
        child_path = (*key_path, key)
        if key in result:
            first = loaded.key_positions[child_path]
            diagnostics.error(
                f'duplicate key "{key}" (first defined at line {first.line}); '
                "remove one of them", loaded.path, _node_position(key_node))
            continue
        loaded.key_positions[child_path] = _node_position(key_node)
        result[key] = _convert(value_node, child_path, loaded, diagnostics, depth + 1)
    return result
