"""Safe YAML loading that keeps the line and column of every key and value."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefs.content.yaml_errors import CURLY_QUOTES, report_syntax_error
from briefs.core.diagnostics import Diagnostics, Position
from briefs.core.paths import RefusedPath, TooLarge, read_bytes

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
    commented_out: dict[KeyPath, str] = field(default_factory=dict)
    """Empty values followed on their line by `#...` with no space (`primary: #23507a`): what
    YAML read as a comment, which the writer most likely meant as the value."""
    lines: list[str] = field(default_factory=list, repr=False, compare=False)

    def commented_value(self, key_path: KeyPath) -> str | None:
        """The `#...` text YAML took as a comment where the value of `key_path` should be."""
        return self.commented_out.get(key_path)

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
    text = read_checked_text(path, roots, MAX_FILE_BYTES, diagnostics,
                             f"file is over the {MAX_FILE_BYTES}-byte limit for content files; "
                             "split it or move large data elsewhere")
    if text is None:
        return None
    return load_yaml_text(text, path, diagnostics)


def read_checked_text(path: Path, roots: tuple[Path, ...], limit: int,
                      diagnostics: Diagnostics, too_large: str) -> str | None:
    """The text of a workspace file through the checked read (no link out, at most `limit`
    bytes, UTF-8); None with the problem in `diagnostics` (`too_large` when over the limit)."""
    try:
        raw = read_bytes(path, roots, limit)
    except TooLarge:
        diagnostics.error(too_large, path, Position(1, 1))
        return None
    except RefusedPath as exc:
        diagnostics.error(str(exc), path, Position(1, 1))
        return None
    except OSError as exc:
        diagnostics.error(f"cannot read file: {exc.strerror or exc}", path)
        return None
    return decode_text(raw, path, diagnostics)


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
        report_syntax_error(exc, text, path, diagnostics)
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
    loaded = LoadedYaml(path=path, data=None, lines=text.splitlines())
    errors_before = len(diagnostics.errors)
    loaded.data = _convert(root, (), loaded, diagnostics, depth=0)
    if len(diagnostics.errors) > errors_before:
        return None
    loaded.lines = []  # only needed while converting
    return loaded


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
        return _unquoted(node, loaded, diagnostics) if not node.style else node.value
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
        if result[key] is None:
            _note_commented_value(key_node, child_path, loaded)
    return result


WRAPPING_QUOTES = {"\u201c": "\u201d", "\u2018": "\u2019", "\u201e": "\u201c"}
COMMENTED_VALUE = re.compile(r"\s*:\s+(#\S+)")


def _unquoted(node: ScalarNode, loaded: LoadedYaml, diagnostics: Diagnostics) -> str:
    """A plain value wrapped in curly quotes (a word processor's “...”) is taken as quoted,
    with a warning; curly quotes inside a one-word Latin value (a handle, address or code) are
    warned about, since they are printed as they are. Prose is left alone: Chinese, written
    without spaces, quotes with “...” too."""
    value: str = node.value
    closing = WRAPPING_QUOTES.get(value[:1])
    inner = value[1:-1]
    if (closing and len(value) > 1 and value.endswith(closing) and "\n" not in value
            and not any(char in CURLY_QUOTES for char in inner)):
        diagnostics.warning(
            f"the value is wrapped in curly quotes {value[0]}...{closing}; they are read as "
            f'quotes and left out ("{inner}"); type straight quotes "..." instead, or, to print '
            f"curly quotes, put the whole value in straight ones: '{value}'",
            loaded.path, _node_position(node))
        return inner
    found = next((char for char in value if char in CURLY_QUOTES), None)
    rest = [char for char in value if char not in CURLY_QUOTES]
    if found is not None and all(char.isascii() and not char.isspace() for char in rest):
        diagnostics.warning(
            f'curly quote {found} inside "{value}" will be printed as it is; delete it if a '
            "word processor put it there, or type a straight quote",
            loaded.path, _node_position(node))
    return value


def _note_commented_value(key_node: Node, key_path: KeyPath, loaded: LoadedYaml) -> None:
    """`primary: #23507a` holds no value: YAML reads `#` as the start of a comment. Keep the
    comment's text so that a "missing value" message can say so."""
    mark = key_node.end_mark
    if mark.line >= len(loaded.lines):
        return
    match = COMMENTED_VALUE.match(loaded.lines[mark.line][mark.column:])
    if match:
        loaded.commented_out[key_path] = match.group(1)
        loaded.value_positions[key_path] = Position(mark.line + 1, mark.column + match.start(1) + 1)
