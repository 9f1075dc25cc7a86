"""Build plain Python data from a composed YAML node tree, refusing what incidents must not hold.

Used by `triage.model.yamlsource`; see its docstring for the rules authors see. Aliases come back
from the composer as the anchored node itself, so a collection node met twice is an alias use:
its copy is charged to the alias budget before it is made. Scalars are read by the YAML 1.2 core
schema (`triage.model.yaml12`); a plain scalar that YAML 1.1 read as another number, or a comment
that cuts a plain value short, is kept as a warning.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from triage.model.problems import Problem, YamlError, format_loc
from triage.model.yaml12 import BOOL as _BOOL
from triage.model.yaml12 import FLOAT as _FLOAT
from triage.model.yaml12 import INT as _INT
from triage.model.yaml12 import MERGE as _MERGE
from triage.model.yaml12 import NULL as _NULL
from triage.model.yaml12 import STR as _STR
from triage.model.yaml12 import TAG as _TAG
from triage.model.yaml12 import parse_float, parse_int, yaml11_note

_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_AS_TEXT = {_STR, _TAG + "timestamp", _TAG + "value"}  # dates and "=" stay as written
_BOOLS = {"true": True, "false": False}
_MAX_PROBLEMS = 100
_BUILDING = object()
_INF = float("inf")
TOO_DEEP = "nesting is too deep"
_AFTER_VALUE = re.compile(r"(?P<gap> +)#(?P<rest>.?)")
"""A comment after a plain scalar on the same line: the spaces before it, and its first char."""


class Limits(NamedTuple):
    """Bounds that keep hostile files cheap: nesting depth, node count and alias expansion."""

    max_depth: int = 64
    max_nodes: int = 50_000
    max_alias_nodes: int = 10_000


DEFAULT_LIMITS = Limits()


class Builder:
    """Builds plain data from a node tree; collects problems and raises them together."""

    def __init__(self, label: str, limits: Limits, root: Node, text: str = "") -> None:
        self.label, self.limits, self.root, self.text = label, limits, root, text
        self.found: list[tuple[Node, str]] = []
        self.warned: list[tuple[Node, str]] = []
        self.built: dict[int, Any] = {}  # id(collection node) -> _BUILDING or (value, size)
        self.count = self.alias_nodes = 0  # nodes built (alias copies included), alias copies

    def build(self, node: Node, depth: int) -> Any:
        """Return the data for `node` at nesting level `depth`; at the root, raise any problems."""
        kind = node.__class__
        if kind is ScalarNode:
            value = node.value if node.tag == _STR else self.scalar(node, node.tag)
            if not node.style and node.value:  # a plain scalar: '' (libyaml) or None
                self.plain(node)
        elif depth > self.limits.max_depth:
            raise self.fail(node, f"{TOO_DEEP}: more than {self.limits.max_depth} levels")
        elif (previous := self.built.get(id(node))) is not None:  # an alias: the anchor's node
            value = self.alias(node, previous, depth)
        elif node.tag != (_MAP if kind is MappingNode else _SEQ):
            value = self.note(node, _refused(node.tag))
        else:
            self.built[id(node)] = _BUILDING
            start = self.count
            self.count += len(node.value)
            if kind is MappingNode:
                value = self.mapping(node.value, depth + 1)
            else:
                value = [self.build(item, depth + 1) for item in node.value]
            self.built[id(node)] = (value, self.count - start)
        if node is self.root and self.found:
            raise self.fail()
        return value

    def mapping(self, pairs: list[tuple[Node, Node]], depth: int) -> dict[str, Any]:
        """Return a dict for mapping `pairs`, flagging keys that are not strings or repeat."""
        result = {}
        for key_node, value_node in pairs:
            if key_node.__class__ is ScalarNode and key_node.tag in _AS_TEXT:
                result[key_node.value] = self.build(value_node, depth)
            else:
                self.note(key_node, _bad_key(key_node))
        if len(result) != len(pairs):
            first: dict[str, int] = {}
            for key_node, _ in pairs:
                if isinstance(key_node, ScalarNode) and key_node.tag in _AS_TEXT:
                    if (line := first.get(key_node.value)) is not None:
                        message = f"duplicate key '{key_node.value}' (first at line {line})"
                        self.note(key_node, message)
                    first.setdefault(key_node.value, key_node.start_mark.line + 1)
        return result

    def scalar(self, node: Node, tag: str) -> Any:
        """Return the value of a scalar that is not a plain string."""
        text = node.value
        if tag == _INT or tag == _FLOAT:
            try:
                value = parse_int(text) if tag == _INT else parse_float(text)
            except (ValueError, IndexError):
                noun = "a whole number" if tag == _INT else "a number"
                return self.note(node, f"'{text[:40]}' is not {noun}")
            if value != value or value in (_INF, -_INF):
                return self.note(node, f"'{text}' is not a finite number (NaN and infinity)")
            return value
        if tag == _BOOL:
            if text.lower() not in _BOOLS:
                return self.note(node, f"'{text}' is not true or false")
            return _BOOLS[text.lower()]
        return None if tag == _NULL else text if tag in _AS_TEXT else self.note(node, _refused(tag))

    def plain(self, node: Node) -> None:
        """Warn about a plain scalar that YAML 1.1 read as another number, or that a comment
        cuts short (`summary: fix #42` is the text 'fix': the rest is a comment)."""
        note = yaml11_note(node.value, node.tag)
        if note is not None and note[1]:
            self.warn(node, note[0])
        end = node.end_mark.index
        if node.tag == _STR and self.text[end:end + 1] == " " and self.cut_by_comment(node, end):
            hash_at = self.text.index("#", end)
            line_end = self.text.find("\n", hash_at)
            comment = self.text[hash_at:line_end if line_end >= 0 else None].rstrip("\r")
            shown = comment if len(comment) <= 30 else comment[:27] + "..."
            self.warn(node, f"the value ends at '{node.value[-30:]}': an unquoted ' #' starts a "
                      f"comment, so '{shown}' is not part of it; put the whole value in quotes "
                      "if it is")

    def cut_by_comment(self, node: Node, end: int) -> bool:
        """Does a comment right after this text look like the rest of the value? Yes when the
        '#' is glued to what follows (`#42`), or one space away after a value of several words
        (`retrying request # 3 of 5`); a comment set apart (`30m  # after the deploy`) is not."""
        match = _AFTER_VALUE.match(self.text, end)
        if match is None:
            return False
        glued = match["rest"][:1] not in ("", " ", "\t", "\r", "\n", "#")
        return glued or (len(match["gap"]) == 1 and " " in node.value)

    def warn(self, node: Node, message: str) -> None:
        """Record a warning at `node` (kept apart from the problems; the value stands)."""
        if len(self.warned) < _MAX_PROBLEMS and (node, message) not in self.warned:
            self.warned.append((node, message))

    def warnings(self) -> list[Problem]:
        """The warnings found while building, in file order."""
        return self.positioned(self.warned, "warning")

    def alias(self, node: Node, previous: Any, depth: int) -> Any:
        """Return a fresh copy of an anchored value, within the alias budget."""
        if previous is _BUILDING:
            raise self.fail(node, "an alias is used inside its own anchor (a recursive value)")
        value, size = previous
        self.alias_nodes += size + 1
        self.count += size
        if self.alias_nodes > self.limits.max_alias_nodes:
            message = (
                f"aliases of the anchor here expand to more than {self.limits.max_alias_nodes:,}"
                " nodes; anchors and aliases are only for reusing small blocks"
            )
            raise self.fail(node, message)
        return self.copy(node, value, depth)

    def copy(self, node: Node, value: Any, depth: int) -> Any:
        """Deep-copy built data so aliased values are independent, keeping the depth limit."""
        if not isinstance(value, dict | list):
            return value
        if depth > self.limits.max_depth:
            raise self.fail(node, f"{TOO_DEEP}: more than {self.limits.max_depth} levels")
        if isinstance(value, list):
            return [self.copy(node, item, depth + 1) for item in value]
        return {key: self.copy(node, item, depth + 1) for key, item in value.items()}

    def note(self, node: Node, message: str) -> None:
        """Record a problem at `node`; stop early once there are too many to read."""
        self.found.append((node, message))
        if len(self.found) >= _MAX_PROBLEMS:
            raise self.fail()

    def fail(self, node: Node | None = None, message: str = "") -> YamlError:
        """Return a YamlError for every problem so far (plus a fatal one), in file order."""
        found = self.found + ([(node, message)] if node is not None else [])
        return YamlError(self.positioned(found))

    def positioned(self, found: list[tuple[Node, str]], severity: Any = "error") -> list[Problem]:
        """Problems (or warnings) at their nodes, with their key paths, in file order."""
        paths = _paths(self.root, {id(node) for node, _ in found})
        problems = [
            Problem(self.label, node.start_mark.line + 1, node.start_mark.column + 1,
                    format_loc(paths.get(id(node), ())), message, severity)
            for node, message in found
        ]
        return sorted(problems, key=lambda p: (p.line, p.col))


def _refused(tag: str) -> str:
    shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
    return f"the tag {shown} is not allowed; use plain values, lists and mappings"


def _bad_key(node: Node) -> str:
    if not isinstance(node, ScalarNode):
        return "a key must be a plain string, not a list or a mapping"
    if node.tag == _MERGE:
        return "merge keys ('<<') are not supported; write the keys out in full"
    kind = {_BOOL: "true/false", _NULL: "null", _INT: "a number", _FLOAT: "a number"}.get(node.tag)
    if kind is None:
        return _refused(node.tag)
    if not node.value:
        return "a key cannot be empty"
    return f"key '{node.value}' is read by YAML as {kind}, not a string; put it in quotes"


def _paths(root: Node, targets: set[int]) -> dict[int, tuple[str | int, ...]]:
    """Return the loc of each target node (a value or a key) below `root`, in one walk."""
    paths: dict[int, tuple[str | int, ...]] = {id(root): ()}
    stack, seen = [(root, ())], {id(root)}
    while stack and not targets <= paths.keys():
        node, loc = stack.pop()
        children: list[tuple[Node | None, Node, Any]] = []
        if isinstance(node, MappingNode):
            children = [(key, value, getattr(key, "value", "?")) for key, value in node.value]
        elif isinstance(node, SequenceNode):
            children = [(None, value, index) for index, value in enumerate(node.value)]
        for key_node, value_node, part in children:
            here: tuple[str | int, ...] = (*loc, part if isinstance(part, str | int) else "?")
            if key_node is not None:
                paths.setdefault(id(key_node), here)
            paths.setdefault(id(value_node), here)
            if id(value_node) not in seen:
                seen.add(id(value_node))
                stack.append((value_node, here))
    return paths
