"""The YAML loader: plain data, source positions, hostile input, and friendly pydantic problems.

Every error is pinned to its exact 1-based line and column, because authors jump to them from CI.
"""

from __future__ import annotations

import enum
import time
from typing import Annotated, Literal

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from triage.model.error_mapping import problems_from_validation_error
from triage.model.yamlsource import (
    Document,
    Limits,
    Problem,
    YamlError,
    did_you_mean,
    format_loc,
    load_yaml,
    load_yaml_text,
)


def fail(source: str | bytes, **options: object) -> list[tuple[int, int, str]]:
    """Load `source`, expecting a YamlError; return (line, col, message) of each problem."""
    with pytest.raises(YamlError) as caught:
        load_yaml_text(source, "f.yaml", **options)  # type: ignore[arg-type]
    assert str(caught.value) == "\n".join(p.format() for p in caught.value.problems)
    return [(p.line, p.col, p.message) for p in caught.value.problems]


def only(source: str | bytes, **options: object) -> tuple[int, int, str]:
    """Load `source`, expecting exactly one problem; return it."""
    problems = fail(source, **options)
    assert len(problems) == 1, problems
    return problems[0]


# --- Problem, did_you_mean, format_loc ---------------------------------------------------------


def test_problem_formats_for_editors_and_json() -> None:
    problem = Problem("a.yaml", 3, 7, "signals[2].dashboard", "unknown key")
    assert problem.format() == "a.yaml:3:7: unknown key"
    assert problem.as_dict() == {
        "path": "a.yaml", "line": 3, "col": 7, "key": "signals[2].dashboard",
        "message": "unknown key",
    }  # fmt: skip


def test_did_you_mean() -> None:
    assert did_you_mean("dashbord", ["dashboard", "unit"]) == " (did you mean 'dashboard'?)"
    assert did_you_mean("Critical", ["page", "critical"]) == " (did you mean 'critical'?)"
    assert did_you_mean("zzz", ["dashboard", "unit"]) == ""
    assert did_you_mean("unit", ["dashboard", "unit"]) == ""
    assert did_you_mean(3, []) == ""


def test_format_loc() -> None:
    assert format_loc(("signals", 2, "dashboard")) == "signals[2].dashboard"
    assert format_loc((0, "a")) == "[0].a"
    assert format_loc(("labels", "a.b")) == "labels['a.b']"
    assert format_loc(()) == ""


# --- loading and positions ---------------------------------------------------------------------

DOC = """\
title: Latency
count: 3
ratio: 0.25
on_call: true
nothing:
started: 2024-05-01
signals:
  - name: p99
    unit: ms
  - {name: errors, unit: "%"}
"""


def test_plain_data_from_one_parse() -> None:
    document = load_yaml_text(DOC, "f.yaml")
    assert document.data == {
        "title": "Latency", "count": 3, "ratio": 0.25, "on_call": True, "nothing": None,
        "started": "2024-05-01",
        "signals": [{"name": "p99", "unit": "ms"}, {"name": "errors", "unit": "%"}],
    }  # fmt: skip
    assert document.path == "f.yaml"


def test_positions_of_values_and_keys() -> None:
    document = load_yaml_text(DOC, "f.yaml")
    assert document.position(()) == (1, 1)
    assert document.position(("count",)) == (2, 8)
    assert document.key_position(("count",)) == (2, 1)
    assert document.position(("signals", 0)) == (8, 5)
    assert document.position(("signals", 0, "unit")) == (9, 11)
    assert document.key_position(("signals", 0, "unit")) == (9, 5)
    assert document.position(("signals", 1, "unit")) == (10, 26)
    assert document.key_position(("signals", 1, "unit")) == (10, 20)


def test_missing_parts_fall_back_to_the_deepest_existing_node() -> None:
    document = load_yaml_text(DOC, "f.yaml")
    assert document.position(("signals", 1, "dashboard")) == (10, 5)
    assert document.key_position(("signals", 1, "dashboard")) == (10, 5)
    assert document.position(("signals", 9, "unit")) == (8, 3)
    assert not document.exists(("signals", 9))
    assert document.exists(("signals", 1, "unit"))


def test_an_empty_value_is_located_at_its_key() -> None:
    document = load_yaml_text(DOC, "f.yaml")
    assert document.position(("nothing",)) == (5, 1)


def test_document_problem_for_later_checks() -> None:
    document = load_yaml_text(DOC, "f.yaml")
    problem = document.problem(("signals", 0, "unit"), "no such unit", at_key=True)
    assert problem == Problem("f.yaml", 9, 5, "signals[0].unit", "no such unit")
    assert document.problem(("signals", 0, "unit"), "x").col == 11


def test_crlf_bom_and_wide_characters_keep_columns() -> None:
    document = load_yaml_text("\ufeffa: 1\r\nb: [é, 日本]\r\n".encode(), "f.yaml")
    assert document.data == {"a": 1, "b": ["é", "日本"]}
    assert document.position(("b", 1)) == (2, 8)  # columns count characters, not bytes


def test_aliases_copy_small_blocks() -> None:
    document = load_yaml_text("base: &b {unit: ms}\nx: *b\ny: *b\n", "f.yaml")
    assert document.data == {"base": {"unit": "ms"}, "x": {"unit": "ms"}, "y": {"unit": "ms"}}
    document.data["x"]["unit"] = "s"
    assert document.data["y"]["unit"] == "ms"


def test_load_yaml_reads_a_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "i.yaml"
    path.write_text("a: [1, 2]\n")
    document = load_yaml(path)
    assert isinstance(document, Document) and document.data == {"a": [1, 2]}
    assert document.path == str(path)


def test_expect_mapping_false_allows_a_list() -> None:
    assert load_yaml_text("- a\n- b\n", "f.yaml", expect_mapping=False).data == ["a", "b"]


# --- hostile input: each a positioned YamlError ------------------------------------------------


def test_syntax_error_at_its_mark() -> None:
    line, col, message = only("a: 1\nb: [1, 2\nc: 3\n")
    assert (line, col) == (3, 2)
    assert "did not find expected ',' or ']'" in message and "line 2" in message


def test_unexpected_colon() -> None:
    assert only("title: Latency: high\n")[:2] == (1, 15)


def test_tabs_in_indentation_are_named() -> None:
    tab = "tab character used for indentation; YAML indentation must use spaces"
    assert only("a:\n\tb: 1\n") == (2, 1, tab)
    assert only("a: 1\n\tb: 2\n") == (2, 1, tab)
    assert only("a:\n  b: 1\n \tc: 2\n") == (3, 2, tab)


def test_duplicate_keys_name_the_first_line() -> None:
    assert fail("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n") == [
        (4, 3, "duplicate key 'c' (first at line 3)"),
        (5, 1, "duplicate key 'a' (first at line 1)"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo pwned']\n",
        "a: !!python/object:collections.OrderedDict {}\n",
        "a: !!python/name:os.system\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
        "a: !custom 3\n",
    ],
)
def test_non_standard_tags_are_refused(text: str) -> None:
    line, col, message = only(text)
    assert (line, col) == (1, 4)
    assert "is not allowed" in message


def test_billion_laughs_is_refused_fast() -> None:
    rows = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        rows.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
    start = time.perf_counter()
    line, col, message = only("\n".join(rows) + "\n")
    assert time.perf_counter() - start < 1.0
    assert (line, col) == (3, 4)  # the anchor whose copies blow the budget
    assert "expand to more than 10,000 nodes" in message


def test_recursive_alias_is_refused() -> None:
    assert only("a: &x [1, *x]\n")[:2] == (1, 4)


def test_undefined_alias() -> None:
    assert only("a: *nope\n") == (1, 4, "alias '*nope' has no anchor defined before it")


def test_deep_nesting_is_limited() -> None:
    assert only("a: " + "[" * 70 + "]" * 70 + "\n") == (
        1, 67, "nesting is too deep: more than 64 levels"
    )  # fmt: skip
    block = "".join(" " * i + "k:\n" for i in range(80))
    assert only(block)[:2] == (65, 65)
    line, col, message = only("[" * 50_000 + "]" * 50_000)  # beyond libyaml's own limit
    assert "nesting is too deep" in message


def test_deep_nesting_through_an_alias_is_limited() -> None:
    inner = "[" * 40 + "]" * 40
    assert "nesting is too deep" in only(f"a: &x {inner}\nb: {'[' * 30}*x{']' * 30}\n")[2]


def test_file_over_max_bytes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 300)
    with pytest.raises(YamlError) as caught:
        load_yaml(path, max_bytes=1000)
    [problem] = caught.value.problems
    assert (problem.line, problem.col) == (1, 1)
    assert problem.message == "the file is too large: 1,500 bytes (limit 1,000)"
    assert only("a" * 2000, max_bytes=1000)[2] == "the file is too large: 2,000 bytes (limit 1,000)"


def test_unreadable_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for path in (tmp_path / "missing.yaml", tmp_path):
        with pytest.raises(YamlError) as caught:
            load_yaml(path)
        assert caught.value.problems[0].message.startswith("cannot read the file")


def test_binary_and_non_utf8_bytes_say_where() -> None:
    assert only(b"a: 1\nb: \xff\xfe\n") == (
        2, 4, "byte 0xff at offset 8 (line 2) is not UTF-8"
    )  # fmt: skip
    assert only(b"a: 1\nbb: x\x00y\n") == (
        2, 6, "byte 0x00 at offset 10 (line 2) is a NUL byte: this looks like a binary file"
    )  # fmt: skip
    assert "UTF-16" in only("a: 1\n".encode("utf-16"))[2]
    assert only("a: \x07\n")[:2] == (1, 4)
    assert "U+0007" in only("a: \x07\n")[2]


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    assert only(text) == (1, 1, "the file is empty (it holds no YAML document)")


@pytest.mark.parametrize(
    ("text", "found"),
    [("- a\n- b\n", "a list"), ("hello\n", "a single value"), ("---\n", "nothing")],
)
def test_top_level_must_be_a_mapping(text: str, found: str) -> None:
    assert only(text)[2] == f"expected a mapping of keys at the top level, but found {found}"


def test_several_documents() -> None:
    assert only("a: 1\n---\nb: 2\n") == (
        2, 1, "a second YAML document starts at line 2; put one document in each file"
    )  # fmt: skip


def test_nan_and_infinity_are_refused_where_they_appear() -> None:
    assert [p[:2] for p in fail("a: .nan\nb: [1, -.inf]\nc: 1.0e+999\nd: .NaN\n")] == [
        (1, 4), (2, 8), (3, 4), (4, 4),
    ]  # fmt: skip
    assert "not a finite number" in only("a: .inf\n")[2]


def test_keys_must_be_strings() -> None:
    problems = fail("404: a\ntrue: b\n~: c\n[x]: d\n1.5: e\n'quoted': ok\non: yaml 1.2 text\n")
    assert [p[:2] for p in problems] == [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]
    assert problems[0][2] == "key '404' is read by YAML as a number, not a string; put it in quotes"
    assert "as true/false" in problems[1][2] and "as null" in problems[2][2]
    assert "not a list or a mapping" in problems[3][2]


def test_merge_keys_are_refused() -> None:
    assert only("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n") == (
        3, 3, "merge keys ('<<') are not supported; write the keys out in full"
    )  # fmt: skip


def test_too_many_nodes_fails_fast() -> None:
    start = time.perf_counter()
    small = Limits(max_nodes=1000)
    assert "more than 1,000 values" in only("a: [" + "1, " * 5000 + "]\n", limits=small)[2]
    assert "more than 50,000 values" in only("a:\n" + "- x\n" * 60_000)[2]
    assert time.perf_counter() - start < 2.0


def test_explicit_tags_and_aliases_count_towards_the_node_budget() -> None:
    text = "a: &x 1\nb: [" + "*x, " * 200 + "]\nc: [" + "!!str y, " * 200 + "]\n"
    assert "more than 300 values" in only(text, limits=Limits(max_nodes=300))[2]


def test_problems_are_capped() -> None:
    problems = fail("".join(f"{i}: x\n" for i in range(500)))
    assert len(problems) == 100


def test_long_plain_scalars_are_strings() -> None:
    digits = "1" * 500
    assert load_yaml_text(f"a: {digits}\nb: {'1:' * 300}1\n", "f.yaml").data == {
        "a": digits, "b": "1:" * 300 + "1",
    }  # fmt: skip


def test_bad_explicit_scalars() -> None:
    assert fail("a: !!int abc\nb: !!bool maybe\nc: !!float x\n") == [
        (1, 4, "'abc' is not a whole number"),
        (2, 4, "'maybe' is not true or false"),
        (3, 4, "'x' is not a number"),
    ]


def test_numbers_are_read_as_yaml_12() -> None:
    text = "a: 0x1F\nb: 017\nc: 1_000\nd: 1:30\ne: -0b101\nf: 1.5e+3\ng: +12\nh: 0\ni: 1:2.5\n"
    assert load_yaml_text(text, "f.yaml").data == {
        "a": 31, "b": 17, "c": "1_000", "d": "1:30", "e": "-0b101", "f": 1500.0, "g": 12, "h": 0,
        "i": "1:2.5"}


# --- pydantic errors as positioned problems ----------------------------------------------------


class Severity(enum.Enum):
    """Alert severities, as an Enum."""

    PAGE = "page"
    CRITICAL = "critical"
    WARNING = "warning"


class Strict(BaseModel):
    """Base for the test models: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


class Step(Strict):
    """A step effect."""

    kind: Literal["step"]
    at: int
    height: float = 1.0


class Ramp(Strict):
    """A ramp effect."""

    kind: Literal["ramp"]
    slope: float


class Alert(Strict):
    """An alert rule with an aliased `for` key."""

    name: str
    severity: Severity
    for_: int = Field(default=5, alias="for")


class Signal(Strict):
    """A signal with a discriminated list, an optional nested model and a smart union."""

    name: str
    dashboard: Literal["operational", "quality", "drift"]
    effects: list[Annotated[Step | Ramp, Field(discriminator="kind")]] = []
    alert: Alert | None = None
    window: int | list[int] = 5

    @field_validator("name")
    @classmethod
    def _no_spaces(cls, value: str) -> str:
        if " " in value:
            raise ValueError("a signal name cannot contain spaces")
        return value


class Incident(Strict):
    """The top-level test model."""

    title: str
    signals: list[Signal]
    labels: dict[Literal["team", "tier"], int] = {}


BAD_INCIDENT = """\
title: Latency
signals:
  - name: p99 latency
    dashbord: quality
    effects:
      - kind: step
        at: soon
      - kind: rampp
      - slope: 2
    alert:
      name: high
      severity: critcal
      fore: 10
  - name: ok
    dashboard: drift
    window: abc
  - name: ok2
    dashboard: drift
    window: [1, x]
    alert: {name: a, severity: page, for: later}
labels: {team: 1, owner: 2}
"""

EXPECTED = [
    (3, 5, "signals[0].dashboard", "missing required key 'dashboard'"),
    (3, 11, "signals[0].name", "a signal name cannot contain spaces"),
    (4, 5, "signals[0].dashbord", "unknown key 'dashbord' (did you mean 'dashboard'?)"),
    (7, 13, "signals[0].effects[0].at", "expected a whole number, got the string 'soon'"),
    (8, 15, "signals[0].effects[1].kind",
     "'rampp' is not a valid kind; expected one of: step, ramp (did you mean 'ramp'?)"),
    (9, 9, "signals[0].effects[2].kind", "missing required key 'kind' (one of: step, ramp)"),
    (12, 17, "signals[0].alert.severity",
     "'critcal' is not one of: page, critical, warning (did you mean 'critical'?)"),
    (13, 7, "signals[0].alert.fore", "unknown key 'fore' (did you mean 'for'?)"),
    (16, 13, "signals[1].window", "expected a whole number or a list, got the string 'abc'"),
    (19, 17, "signals[2].window[1]", "expected a whole number, got the string 'x'"),
    (20, 43, "signals[2].alert.for", "expected a whole number, got the string 'later'"),
    (21, 19, "labels.owner", "'owner' is not one of: team, tier"),
]  # fmt: skip


def validation_problems(text: str, model: type[BaseModel], *, with_model: bool) -> list[Problem]:
    """Load `text`, validate it against `model`, and return the problems."""
    document = load_yaml_text(text, "i.yaml")
    with pytest.raises(ValidationError) as caught:
        model.model_validate(document.data)
    chosen = model if with_model else None
    problems = problems_from_validation_error(caught.value, document, "i.yaml", model=chosen)
    assert all(problem.path == "i.yaml" for problem in problems)
    return problems


def test_every_pydantic_error_is_positioned_and_friendly() -> None:
    problems = validation_problems(BAD_INCIDENT, Incident, with_model=True)
    assert [(p.line, p.col, p.key, p.message) for p in problems] == EXPECTED


def test_without_the_model_positions_hold_and_suggestions_drop() -> None:
    problems = validation_problems(BAD_INCIDENT, Incident, with_model=False)
    assert [(p.line, p.col, p.key) for p in problems] == [row[:3] for row in EXPECTED]
    by_key = {p.key: p.message for p in problems}
    assert by_key["signals[0].dashbord"] == "unknown key 'dashbord'"
    assert by_key["signals[0].alert.severity"] == EXPECTED[6][3]
    assert by_key["signals[0].effects[2].kind"] == "missing required key 'kind'"


class Curve(Strict):
    """A generator whose tag ('curve') is also the name of one of its keys."""

    kind: Literal["curve"]
    curve: str
    noise: float


class Physics(Strict):
    """The other generator."""

    kind: Literal["physics"]
    model: str


class Generated(Strict):
    """Holds a discriminated union field."""

    gen: Curve | Physics = Field(discriminator="kind")


def test_the_model_tells_a_tag_from_a_key_of_the_same_name() -> None:
    text = "gen:\n  kind: curve\n  curve: sine\n  noise: loud\n"
    [problem] = validation_problems(text, Generated, with_model=True)
    assert (problem.line, problem.col, problem.key) == (4, 10, "gen.noise")


class Pack(Strict):
    """A model with a whole-model validator."""

    items: list[str]

    @model_validator(mode="after")
    def _not_empty(self) -> Pack:
        if not self.items:
            raise ValueError("a pack needs at least one item")
        return self


def test_model_validator_errors_point_at_the_mapping() -> None:
    [problem] = validation_problems("# a pack\nitems: []\n", Pack, with_model=True)
    assert (problem.line, problem.col, problem.key) == (2, 1, "")
    assert problem.message == "a pack needs at least one item"


def test_wrong_shape_is_described() -> None:
    problems = validation_problems("title: [a]\nsignals: {}\n", Incident, with_model=True)
    assert [(p.line, p.col, p.message) for p in problems] == [
        (1, 8, "expected a string, got a list"),
        (2, 10, "expected a list, got a mapping"),
    ]


# --- fuzzing: nothing but YamlError, and fast --------------------------------------------------

VALID = BAD_INCIDENT.replace("p99 latency", "p99").replace("dashbord", "dashboard")
YAMLISH = st.sampled_from(list(" :-[]{},&*!|>'\"#\t\n%@?~.0123456789aeknrstz<=") + ["\ufeff", "é"])


def check_loads_or_fails_fast(source: str | bytes) -> None:
    """Load `source`: a Document or a YamlError, quickly; validate and locate errors too."""
    start = time.perf_counter()
    try:
        document = load_yaml_text(source, "f.yaml")
    except YamlError as error:
        assert error.problems and all(p.line >= 1 and p.col >= 1 for p in error.problems)
    else:
        try:
            Incident.model_validate(document.data)
        except ValidationError as error:
            for model in (Incident, None):
                problems = problems_from_validation_error(error, document, "f.yaml", model=model)
                assert problems and all(p.line >= 1 and p.col >= 1 for p in problems)
    assert time.perf_counter() - start < 5.0  # a hang guard, not a speed measure


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text_never_raises_anything_else(text: str) -> None:
    check_loads_or_fails_fast(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise_anything_else(data: bytes) -> None:
    check_loads_or_fails_fast(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(VALID)), st.integers(0, 3), YAMLISH), max_size=6))
def test_mutated_documents_never_raise_anything_else(edits: list[tuple[int, int, str]]) -> None:
    text = VALID
    for at, drop, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + drop :]
    check_loads_or_fails_fast(text)


def _has_date(value: object) -> bool:
    if isinstance(value, dict):
        return any(_has_date(k) or _has_date(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_date(item) for item in value)
    return hasattr(value, "isoformat")


# Text without control characters or Unicode line breaks, which YAML folds or we refuse.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")) | st.sampled_from("\t\n")
)
PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(TEXT, PLAIN, min_size=1, max_size=5), st.booleans())
def test_dumped_data_round_trips(data: dict[str, object], flow: bool) -> None:
    from triage.model.yaml12 import dump_yaml

    text = dump_yaml(data, default_flow_style=flow, allow_unicode=True)
    assert load_yaml_text(text, "f.yaml").data == data
    assert yaml.safe_load(text) == data  # and YAML 1.1 readers read it the same
