"""YAML 1.2 core-schema scalars: what a plain scalar means, and where YAML 1.1 read it otherwise.

Editors (yaml-language-server) read YAML 1.2; PyYAML resolves plain scalars by YAML 1.1 rules.
triage reads incident files the way the editor does, by the 1.2 core schema:

- null: `~`, `null`, `Null`, `NULL` or nothing;
- booleans: only `true`/`false` (also `True`, `TRUE`, `False`, `FALSE`); `yes`, `no`, `on` and
  `off` are text;
- integers: `[-+]?[0-9]+` in base 10 (a leading zero is not octal: `010` is 10), `0o17`, `0x1F`;
- floats: `1.5`, `.5`, `5e-2`, `1.0E+3`, `.inf`, `.nan` (the last two are refused later);
- everything else is text: `1:30` (no base 60), `1_000` (no underscores), `0b101`, dates.

Where a plain scalar reads differently under YAML 1.1, `yaml11_note` says how, so that a file
written for the old reading gets a positioned message instead of a silent change of meaning.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (TAG + name for name in ("str", "int", "float", "bool", "null"))
MERGE = TAG + "merge"

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN)"
)
FIRST_CHARS = frozenset("0123456789+-.~nNtTfF<")
"""The first characters of every plain scalar that is not text (or is a merge key)."""

# YAML 1.1 readings that YAML 1.2 does not share (as PyYAML resolves them).
_BOOL11 = re.compile(r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF")
_OCTAL11 = re.compile(r"[-+]?0[0-7_]+")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_UNDERSCORED = re.compile(r"[-+]?(?:0x[0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)")
_BINARY11 = re.compile(r"[-+]?0b[01_]+")
_YAML11_FIRST_CHARS = frozenset("yYnNoO+-0123456789")
"""The first characters of every text the four patterns above match."""


_WORDS = {
    **{word: NULL for word in ("~", "null", "Null", "NULL", "")},
    **{word: BOOL for word in ("true", "True", "TRUE", "false", "False", "FALSE")},
}
"""Every plain scalar `_NULL` or `_BOOL` matches: a look-up instead of two regular expressions
(libyaml asks for the tag of every node, and most keys and texts start with a letter of
FIRST_CHARS)."""
_NUMBER = re.compile(f"(?P<int>{_INT.pattern})|(?P<float>{_FLOAT.pattern})")
"""`_INT`, else `_FLOAT`, in one match (the first alternative that matches the whole text)."""
_NUMBER_TAGS = {"int": INT, "float": FLOAT}
_NUMBER_CHARS = frozenset("0123456789+-.")
"""The first characters of every text `_INT` or `_FLOAT` matches."""


def resolve_plain(value: str) -> str:
    """The YAML 1.2 core-schema tag of a plain (unquoted) scalar: null and boolean words by a
    look-up, numbers by `_INT` then `_FLOAT`, the rest text (the same tags as trying `_NULL`,
    `_BOOL`, `_INT` and `_FLOAT` in turn, which no other first character can match)."""
    if value == "<<":
        return MERGE
    if len(value) > 128 or value[:1] not in FIRST_CHARS and value:
        return STR
    tag = _WORDS.get(value)
    if tag is not None:
        return tag
    if value[0] in _NUMBER_CHARS:
        number = _NUMBER.fullmatch(value)
        if number is not None:
            return _NUMBER_TAGS[number.lastgroup or ""]
    return STR


def parse_int(text: str) -> int:
    """A YAML 1.2 integer: base 10 (leading zeros allowed), `0o` octal or `0x` hexadecimal."""
    if len(text) > 100:
        raise ValueError(text)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    if not _INT.fullmatch(text):
        raise ValueError(text)
    return int(text, 10)


def parse_float(text: str) -> float:
    """A YAML 1.2 float; `.inf` and `.nan` come back and are refused by the caller."""
    value = text.lower()
    if len(value) > 100:
        raise ValueError(text)
    sign = -1.0 if value.startswith("-") else 1.0
    body = value.lstrip("+-")
    if body in (".inf", ".nan"):
        return sign * float("inf") if body == ".inf" else float("nan")
    if "_" in value:
        raise ValueError(text)
    return float(value)


def yaml11_note(value: str, tag: str) -> tuple[str, bool] | None:
    """How YAML 1.1 read this plain scalar differently: (message, is_silent), or None.

    `is_silent` marks a change that still gives a valid value of the same type (`010` was 8 and
    is now 10), which the loader reports as a warning; the others are text now and fail where a
    number or boolean is expected, so they are explained where that error is reported.
    """
    if tag == INT and _OCTAL11.fullmatch(value) and int(value, 10) != int(value, 8):
        decimal, octal = int(value, 10), int(value, 8)
        digits = value.lstrip("+-0")
        spelled = f"write {decimal}" + ("" if decimal < 0 else f", or 0o{digits} for octal")
        return (f"'{value}' is read as {decimal} (YAML 1.2); YAML 1.1 tools read a leading 0 as "
                f"octal ({octal}): {spelled}", True)
    if tag != STR or value[:1] not in _YAML11_FIRST_CHARS:
        return None
    if _BOOL11.fullmatch(value):
        word = "true" if value.lower() in ("yes", "on") else "false"
        return f"'{value}' is text in YAML 1.2, not a boolean: write {word}", False
    if _SEXAGESIMAL.fullmatch(value):
        return (f"'{value}' is text in YAML 1.2 (there is no base 60): write a duration such as "
                "1h30m, or a plain number", False)
    if "_" in value and _UNDERSCORED.fullmatch(value):
        return (f"'{value}' is text in YAML 1.2 (numbers have no '_'): write "
                f"{value.replace('_', '')}", False)
    if _BINARY11.fullmatch(value):
        number = int(value.replace("_", "").replace("0b", ""), 2)
        return f"'{value}' is text in YAML 1.2 (no 0b binary numbers): write {number}", False
    return None


class SafeDumper12(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every string that YAML 1.1 *or* 1.2 would read as something
    else (`1e3`, `0o10`, `yes`), so that what it writes reads back the same in both."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """The tag PyYAML would resolve, or the YAML 1.2 one where that is not text."""
        tag = super().resolve(kind, value, implicit)
        if kind is yaml.ScalarNode and implicit[0] and tag == STR:
            return resolve_plain(value)
        return tag


def dump_yaml(data: object, **options: Any) -> str:
    """`yaml.safe_dump`, with strings quoted wherever YAML 1.1 or 1.2 would misread them."""
    return yaml.dump(data, Dumper=SafeDumper12, **options)
