"""Safe YAML loading for hand-written files, keeping the source position of every value.

`load_yaml` parses once with libyaml's composer (`yaml.CSafeLoader`, falling back to the pure-Python
`SafeLoader`) and builds plain data (dict, list, str, int, float, bool, None) from the node tree
itself. The tree is kept, so `Document.position` looks a line and column up only when an error
needs one. Every failure is a `YamlError` holding positioned `Problem`s, never a traceback.

Plain scalars are read as YAML 1.2 (the core schema), as editors read them: `5e-2` is a number,
`yes`, `on` and `1:30` are text, `010` is ten. Where YAML 1.1 (PyYAML, older triage) read a value
as another number, and where an unquoted ` #` cuts a text value short, `Document.warnings` says
so at the value (`triage.model.yaml12` has the rules).

Decisions an author will notice:
- Only plain YAML: strings, numbers, booleans, null, lists and mappings. Any other tag
  (`!!python/object`, `!!binary`, `!!set`, `!custom`) is refused and nothing is constructed.
  Dates and timestamps stay strings, exactly as written.
- Anchors and aliases may reuse a block, but alias copies may add at most `max_alias_nodes`
  (10,000) nodes in all, which stops "billion laughs"; an alias inside its own anchor is refused.
  Merge keys (`<<`) are refused: write the keys out.
- Duplicate keys, keys that are not strings (`on:`, `404:`), NaN and infinity (`.nan`, `.inf`,
  `1e999`), tabs in indentation, several documents, control characters, non-UTF-8 bytes, an empty
  file, files over `max_bytes`, more than `max_nodes` (50,000) nodes and nesting deeper than
  `max_depth` (64) are errors. A plain scalar over 128 characters is always a string.
- Positions: `position(loc)` gives the VALUE (used for bad values); `key_position(loc)` gives the
  KEY (used for unknown keys) and, when the key is absent, the enclosing mapping (used for missing
  keys). An empty value has no text of its own, so both point at its key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from triage.fileio import read_regular
from triage.model._yamlbuild import _NULL, _STR, DEFAULT_LIMITS, TOO_DEEP, Builder, Limits
from triage.model.problems import Problem, Severity, YamlError, did_you_mean, format_loc
from triage.model.yaml12 import resolve_plain, yaml11_note

__all__ = [
    "Document",
    "Limits",
    "Problem",
    "YamlError",
    "did_you_mean",
    "format_loc",
    "load_yaml",
    "load_yaml_text",
]

Loc = Sequence[str | int]
# YAML 1.1 allows tab, LF, CR, NEL and the printable ranges; these are the characters outside.
_NON_PRINTABLE = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
_NON_PRINTABLE_ASCII = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""The same characters as `_NON_PRINTABLE` within ASCII, where most files are written: a
pattern compiled in a twentieth of the time the full one takes (0.3 ms of every `validate`)."""


class Document:
    """A parsed YAML file: its plain `data` plus a lazy index of source positions, and the
    `warnings` the loader found (values YAML 1.1 read otherwise, values cut by a comment)."""

    __slots__ = ("data", "path", "_root", "warnings")

    def __init__(self, data: Any, root: Node, path: str,
                 warnings: list[Problem] | None = None) -> None:
        self.data, self.path, self._root = data, path, root
        self.warnings: list[Problem] = warnings or []

    def _walk(self, loc: Loc) -> tuple[int, Node, Node | None]:
        """Follow `loc` while it matches; return how many parts matched, the node and its key."""
        node, key_node, matched = self._root, None, 0
        for part in loc:
            found = _child(node, part)
            if found is None:
                break
            (key_node, node), matched = found, matched + 1
        return matched, node, key_node

    def exists(self, loc: Loc) -> bool:
        """Return whether every part of `loc` names an existing key or index."""
        return self._walk(loc)[0] == len(loc)

    def position(self, loc: Loc) -> tuple[int, int]:
        """Return the 1-based (line, col) of the value at `loc`, or of its deepest parent."""
        _, node, key_node = self._walk(loc)
        if key_node is not None and node.tag == _NULL and not node.value:
            node = key_node
        return node.start_mark.line + 1, node.start_mark.column + 1

    def key_position(self, loc: Loc) -> tuple[int, int]:
        """Return the position of the key ending `loc`, or of its deepest parent if it is absent."""
        matched, node, key_node = self._walk(loc)
        if matched == len(loc) and key_node is not None:
            node = key_node
        return node.start_mark.line + 1, node.start_mark.column + 1

    def yaml11_note(self, loc: Loc) -> str | None:
        """How YAML 1.1 read the plain scalar at `loc` differently (`'yes' is text in YAML 1.2,
        not a boolean: write true`), or None: explains a type error on a value that changed."""
        matched, node, _ = self._walk(loc)
        if matched != len(loc) or not isinstance(node, ScalarNode) or node.style:
            return None
        note = yaml11_note(node.value, node.tag)
        return note[0] if note else None

    def source_text(self, loc: Loc) -> str | None:
        """The scalar at `loc` exactly as written (`1e3`, not 1000.0), or None."""
        matched, node, _ = self._walk(loc)
        return node.value if matched == len(loc) and isinstance(node, ScalarNode) else None

    def problem(self, loc: Loc, message: str, *, at_key: bool = False,
                severity: Severity = "error") -> Problem:
        """Return a `Problem` at `loc` (at its key when `at_key`), for checks after loading."""
        line, col = self.key_position(loc) if at_key else self.position(loc)
        return Problem(self.path, line, col, format_loc(loc), message, severity)


def _child(node: Node, part: str | int) -> tuple[Node | None, Node] | None:
    """Return (key node, value node) for a mapping key or sequence index of `node`, or None."""
    if isinstance(node, MappingNode) and isinstance(part, str):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == part:
                return key_node, value_node
    elif isinstance(node, SequenceNode) and type(part) is int and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def load_yaml(
    path: Path | str,
    *,
    max_bytes: int = 5_000_000,
    expect_mapping: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read and parse the YAML file at `path`; raise `YamlError` with positioned problems."""
    label = str(path)
    try:
        # Only a regular file: a FIFO would block the read forever, a device never end.
        raw, size = read_regular(path, max_bytes)
    except OSError as error:
        raise _error(label, 1, 1, f"cannot read the file: {error.strerror or error}") from None
    if size > max_bytes:
        raise _error(label, 1, 1, f"the file is too large: {size:,} bytes (limit {max_bytes:,})")
    return load_yaml_text(
        raw, label, max_bytes=max_bytes, expect_mapping=expect_mapping, limits=limits
    )


def load_yaml_text(
    source: str | bytes,
    path_label: str = "<string>",
    *,
    max_bytes: int = 5_000_000,
    expect_mapping: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Parse YAML from text or bytes; `path_label` is the path printed in problems."""
    text = _decode(source, path_label, max_bytes)
    bad = (_NON_PRINTABLE_ASCII.search(text) if text.isascii()
           else re.search(_NON_PRINTABLE, text))
    if bad:
        code = ord(bad.group())
        hint = " (this looks like a binary file)" if code == 0 else ""
        message = f"control character U+{code:04X} is not allowed in YAML{hint}"
        raise _error(path_label, *_line_col(text, bad.start()), message)
    root = _compose(text, path_label, limits.max_nodes)
    if root is None:
        raise _error(path_label, 1, 1, "the file is empty (it holds no YAML document)")
    if expect_mapping and not isinstance(root, MappingNode):
        found = "a list" if isinstance(root, SequenceNode) else "a single value"
        found = "nothing" if root.tag == _NULL and not root.value else found
        message = f"expected a mapping of keys at the top level, but found {found}"
        raise _error(path_label, root.start_mark.line + 1, root.start_mark.column + 1, message)
    builder = Builder(path_label, limits, root, text)
    data = builder.build(root, 1)
    return Document(data, root, path_label, builder.warnings())


def _decode(source: str | bytes, label: str, max_bytes: int) -> str:
    if isinstance(source, str):
        big = len(source) * 4 > max_bytes
        size = len(source.encode("utf-8", "surrogatepass")) if big else len(source)
    else:
        size = len(source)
    if size > max_bytes:
        raise _error(label, 1, 1, f"the file is too large: {size:,} bytes (limit {max_bytes:,})")
    if isinstance(source, bytes):
        if source.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise _error(label, 1, 1, "the file is UTF-16 encoded; save it as UTF-8")
        try:
            text, at = source.decode("utf-8"), source.find(b"\x00")
        except UnicodeDecodeError as error:
            text, at = "", error.start
        if at >= 0:
            prefix = source[:at].decode("utf-8", "replace")
            line, col = _line_col(prefix, len(prefix))
            what = "a NUL byte: this looks like a binary file" if source[at] == 0 else "not UTF-8"
            message = f"byte 0x{source[at]:02x} at offset {at} (line {line}) is {what}"
            raise _error(label, line, col, message)
        source = text
    return source.removeprefix("\ufeff")


def _line_col(text: str, index: int) -> tuple[int, int]:
    index = min(index, len(text))
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _compose(text: str, label: str, max_nodes: int) -> Node | None:
    # Explicitly tagged nodes and aliases skip `resolve`; each needs a '!' or '*', so count those.
    loader = _CountingLoader(text, max_nodes - text.count("!") - text.count("*"))
    try:
        return loader.get_single_node()
    except _TooManyNodes:
        message = f"the file has more than {max_nodes:,} values; incident files are far smaller"
        raise _error(label, 1, 1, message) from None
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text, label) from None
    except yaml.YAMLError as error:  # a ReaderError has an index, not a mark
        line, col = _line_col(text, getattr(error, "position", 0) or 0)
        raise _error(label, line, col, f"cannot read YAML: {error}") from None
    except RecursionError:  # only the pure-Python composer recurses per level
        raise _error(label, 1, 1, f"{TOO_DEEP} for the YAML parser") from None
    finally:
        loader.dispose()


class _TooManyNodes(Exception):
    """Raised from inside the composer when the node budget runs out."""


_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CountingLoader(_SafeLoader):  # type: ignore[misc]
    """The safe loader, with a node budget, resolving plain scalars by the YAML 1.2 core schema
    (`triage.model.yaml12`) instead of PyYAML's YAML 1.1 resolvers."""

    def __init__(self, text: str, budget: int) -> None:
        super().__init__(text)
        self.budget = budget

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        """Spend one node of the budget, then resolve a plain scalar by the YAML 1.2 core schema."""
        self.budget -= 1
        if self.budget < 0:
            raise _TooManyNodes
        if kind is not ScalarNode:
            return self.DEFAULT_MAPPING_TAG if kind is MappingNode else self.DEFAULT_SEQUENCE_TAG
        return resolve_plain(value) if implicit[0] else _STR


def _syntax_error(error: yaml.MarkedYAMLError, text: str, label: str) -> YamlError:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (error.problem or "").strip()
    start = 0
    for _ in range(line - 1):  # no splitlines(): a 5 MB file would make a million strings
        start = text.find("\n", start) + 1 or len(text)
    end = text.find("\n", start)
    line_text = text[start : end if end >= 0 else len(text)].rstrip("\r")
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    at_mark = line_text[col - 1 : col]
    if "\t" in indent or at_mark == "\t" or "tab" in problem:
        col = indent.index("\t") + 1 if "\t" in indent else col
        message = "tab character used for indentation; YAML indentation must use spaces"
    elif error.context == "expected a single document in the stream":
        message = f"a second YAML document starts at line {line}; put one document in each file"
    elif "maximum nesting depth" in problem:
        message = f"{TOO_DEEP} for the YAML parser"
    elif problem.startswith("mapping values are not allowed"):
        message = "unexpected ':'; quote a value that contains ': ', or check the indentation"
    elif problem == "found undefined alias":
        name = re.match(r"\*?([^\s,\[\]{}]*)", line_text[col - 1 :])
        message = f"alias '*{name.group(1) if name else ''}' has no anchor defined before it"
    elif problem == "found character that cannot start any token" and at_mark:
        message = f"a value cannot start with {at_mark!r}; put the value in quotes"
    else:
        message = f"YAML syntax error: {problem or error}"
        if error.context and error.context_mark and error.context_mark is not mark:
            message += f" ({error.context} at line {error.context_mark.line + 1})"
    return _error(label, line, col, message)


def _error(label: str, line: int, col: int, message: str) -> YamlError:
    return YamlError([Problem(label, line, col, "", message)])
