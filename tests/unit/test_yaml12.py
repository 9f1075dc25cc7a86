"""Incident files are read as YAML 1.2 (core schema), as the editor reads them, and a value that
YAML 1.1 read otherwise gets a positioned message instead of a silent change of meaning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage.authoring.validation import validate_file
from triage.model.problems import YamlError
from triage.model.yaml12 import dump_yaml
from triage.model.yamlsource import load_yaml_text

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"


class Core12Loader(yaml.SafeLoader):
    """A reference YAML 1.2 core-schema reader, written from the spec's tag-resolution table
    (YAML 1.2.2, 10.3.2) on PyYAML's parser, independent of triage's resolver."""


Core12Loader.yaml_implicit_resolvers = {}
for _tag, _regex in (
    ("null", r"^(?:~|null|Null|NULL|)$"),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
):
    Core12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_regex),
                                       list("-+0123456789.~nNtTfF") + [""])


def _int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    text = node.value
    return int(text[2:], {"o": 8, "x": 16}[text[1]]) if text[:2] in ("0o", "0x") else int(text)


def _float(loader: yaml.SafeLoader, node: yaml.Node) -> float:
    text = node.value.lower()
    return float(text.replace(".inf", "inf").replace(".nan", "nan"))


Core12Loader.add_constructor("tag:yaml.org,2002:int", _int)
Core12Loader.add_constructor("tag:yaml.org,2002:float", _float)
Core12Loader.add_constructor("tag:yaml.org,2002:bool",
                             lambda loader, node: node.value.lower() == "true")
Core12Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def read(value: str) -> object:
    return load_yaml_text(f"a: {value}\n", "f.yaml").data["a"]


@pytest.mark.parametrize(("written", "value"), [
    # the YAML 1.2.2 spec's core-schema examples
    ("null", None), ("Null", None), ("~", None), ("", None), ("true", True), ("False", False),
    ("TRUE", True), ("0", 0), ("0o7", 7), ("0x3A", 58), ("-19", -19), ("0.", 0.0), ("-0.0", 0.0),
    (".5", 0.5), ("+12e03", 12000.0), ("-2E+05", -200000.0),
    # what the editor and triage used to read differently
    ("5e-2", 0.05), ("yes", "yes"), ("on", "on"), ("No", "No"), ("1:30", "1:30"), ("010", 10),
    ("1_000", "1_000"), ("0b101", "0b101"), ("2025-01-01", "2025-01-01"),
])
def test_plain_scalars_follow_the_core_schema(written: str, value: object) -> None:
    result = read(written)
    assert result == value and type(result) is type(value)


def test_nan_and_infinity_are_still_refused() -> None:
    for text in (".inf", "-.Inf", ".NaN", "1e999"):
        with pytest.raises(YamlError, match="not a finite number"):
            read(text)


YAMLISH = st.sampled_from(list(" :-[]{},&*!|>'\"#\t\n%@?~.0123456789aeknrstzoxEOY_<=") + ["é"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(YAMLISH, max_size=120))
def test_data_matches_a_reference_yaml_12_reader_whenever_both_accept(text: str) -> None:
    if "!" in text:  # explicit tags are tested on their own (a bare '!' is text, as YAML says)
        return
    try:
        ours = load_yaml_text(text, "f.yaml", expect_mapping=False).data
        theirs = yaml.load(text, Loader=Core12Loader)
    except (YamlError, yaml.YAMLError):
        return
    assert ours == theirs


@pytest.mark.parametrize(("value", "written"), [
    ("1e3", "'1e3'"), ("0o10", "'0o10'"), ("yes", "'yes'"), ("010", "'010'"), ("5e-2", "'5e-2'"),
])
def test_the_dumper_quotes_what_either_yaml_would_misread(value: str, written: str) -> None:
    text = dump_yaml({"a": value})
    assert text == f"a: {written}\n"
    assert load_yaml_text(text, "f.yaml").data == yaml.safe_load(text) == {"a": value}


def one_edit(tmp_path: Path, old: str, new: str) -> list[str]:
    source = FIXTURE.read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / "edited.yaml"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    result = validate_file(path)
    found = result.problems + [w for w in result.warnings if "YAML" in w.message
                               or "comment" in w.message]
    return [p.format().replace(str(path), "F") for p in found]


def test_a_leading_zero_is_decimal_and_says_so(tmp_path: Path) -> None:
    lines = one_edit(tmp_path, "- {at: 1m, level: WARN", "- {at: 010, level: WARN")
    assert lines == ["F:66:10: warning: '010' is read as 10 (YAML 1.2); YAML 1.1 tools read a "
                     "leading 0 as octal (8): write 10, or 0o10 for octal"]


def test_sexagesimal_is_a_positioned_error_with_the_spelling_to_use(tmp_path: Path) -> None:
    lines = one_edit(tmp_path, "- {at: 1m, level: WARN", "- {at: 1:30, level: WARN")
    assert lines == ["F:66:10: '1:30' is text in YAML 1.2 (there is no base 60): write a duration "
                     "such as 1h30m, or a plain number"]


def test_yes_for_a_boolean_says_to_write_true(tmp_path: Path) -> None:
    lines = one_edit(tmp_path, "signals:\n", "systems:\n  t:\n    kind: training\n"
                     "    warm_start: yes\nsignals:\n")
    assert lines == ["F:20:17: 'yes' is text in YAML 1.2, not a boolean: write true"]


def test_an_exponent_is_a_number(tmp_path: Path) -> None:
    assert one_edit(tmp_path, "    baseline: 420\n", "    baseline: 4.2e2\n") == []


def test_a_comment_that_cuts_a_value_short_is_a_warning(tmp_path: Path) -> None:
    lines = one_edit(tmp_path, "summary: p99 latency above 800 ms",
                     "summary: p99 latency above #800 ms")
    assert lines == ["F:63:14: warning: the value ends at 'p99 latency above': an unquoted ' #' "
                     "starts a comment, so '#800 ms' is not part of it; put the whole value in "
                     "quotes if it is"]
    # a comment set apart, or after a single word, is a comment
    assert one_edit(tmp_path, "summary: p99 latency above 800 ms",
                    "summary: p99 latency above 800 ms  # the SLO") == []
    assert one_edit(tmp_path, "    dashboard: ops\n    unit: ms",
                    "    dashboard: ops # first tab\n    unit: ms") == []


def test_check_shows_the_yaml_warnings_even_without_spoilers(tmp_path, capsys):
    from triage.cli import main

    source = FIXTURE.read_text(encoding="utf-8")
    path = tmp_path / "cut.yaml"
    path.write_text(source.replace("summary: p99 latency above 800 ms",
                                   "summary: p99 latency above #800 ms"), encoding="utf-8")
    main(["check", str(path), "--seeds", "1"])
    out = capsys.readouterr().out
    assert f"{path}:63:14: warning: the value ends at 'p99 latency above'" in out
    assert "wording warnings hidden" in out  # the lints that quote the answer stay hidden
