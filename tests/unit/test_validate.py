"""`triage validate`: every error, at its exact line and column, in three formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage.cli import main

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
BASE = FIXTURE.read_text(encoding="utf-8")
# The fixture's options give the answer away (the correct one is the longest by far), so
# `validate` warns about it; CLEAN has the same incident with options in parallel form.
CLEAN = BASE.replace(
    "text: The new prompt inflated tokens per request,",
    'text: "A prompt change made each request longer, so latency rose",').replace(
    "text: A traffic spike,", 'text: "A traffic spike queued requests, so latency rose",').replace(
    "text: A GPU fault,", 'text: "A GPU fault slowed every step, so latency rose",')


def where(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based (line, col) of the first occurrence of `needle` (plus `offset` characters)."""
    index = text.index(needle) + offset
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def write(tmp_path: Path, text: str, name: str = "incident.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_valid_file_exits_zero_and_prints_nothing_on_stdout(tmp_path, capsys):
    code, lines, err = run(capsys, str(write(tmp_path, CLEAN)))
    assert (code, lines) == (0, [])
    assert err.strip() == "1 file valid"


@pytest.mark.parametrize(
    ("old", "new", "needle", "offset", "message"),
    [
        pytest.param("pitfall: llm_cost_latency", "pitfall: llm_cost_latncy", "llm_cost_latncy", 0,
                     "(did you mean 'llm_cost_latency'?)", id="bad-enum"),
        pytest.param("    noise: 10\n", "    nois: 10\n", "nois:", 0,
                     "unknown key 'nois' (did you mean 'noise'?)", id="unknown-key"),
        pytest.param("difficulty: 1", "difficulty: 9", "difficulty: 9", 12,
                     "difficulty must be at most 5; got 9", id="out-of-range"),
        pytest.param("  duration: 6h", "  duration: 6 hours", "6 hours", 0,
                     "is not a duration", id="bad-duration"),
        pytest.param("{kind: step, at: 0m, by: 1800}", "{kind: stepp, at: 0m, by: 1800}",
                     "stepp", 0, "(did you mean 'step'?)", id="bad-effect-kind"),
        pytest.param("    signal: p99_latency\n", "    signal: p99_latncy\n", "p99_latncy", 0,
                     "no signal named 'p99_latncy' (did you mean 'p99_latency'?)",
                     id="alert-missing-signal"),
        pytest.param("supporting: [changes, p99_latency]", "supporting: [changes, p99_latenc]",
                     "p99_latenc]", 0,
                     "no panel, report, question, log line or change named 'p99_latenc'",
                     id="evidence-missing-panel"),
        pytest.param("restores: [p99_latency, tokens_per_request]",
                     "restores: [p99_latency, tokens_per_requests]", "tokens_per_requests", 0,
                     "no signal named 'tokens_per_requests'", id="restores-missing-signal"),
        pytest.param("      - {signal: p99_latency, effect:", "      - {signal: p99, effect:",
                     "p99, effect", 0, "no signal named 'p99'", id="effect-missing-signal"),
        pytest.param("alerts:\n", "page: LatencyBurn\nalerts:\n", "LatencyBurn", 0,
                     "no alert named 'LatencyBurn' (did you mean 'LatencySLOBurn'?)",
                     id="page-missing-alert"),
        pytest.param("{id: traffic_spike, text: A traffic spike,",
                     "{id: traffic_spike, correct: true, text: A traffic spike,",
                     "- {id: prompt_bloat", 0, "exactly one diagnosis must be correct",
                     id="two-correct"),
        pytest.param("  - {id: quality, title: Quality}",
                     "  - {id: quality, title: Quality}\n  - {id: ops, title: Ops again}",
                     "{id: ops, title: Ops again}", 5, "duplicate id 'ops'",
                     id="duplicate-dashboard"),
        # YAML 1.2 reads `1e999` as a number (1.1 read it as text): infinity, refused.
        pytest.param("    above: 800", "    above: 1e999", "1e999", 0,
                     "'1e999' is not a finite number (NaN and infinity)", id="infinite"),
        # Quoted, it is text: no lax coercion turns it into a number (or infinity).
        pytest.param("    above: 800", "    above: '1e999'", "'1e999'", 0,
                     "expected a number, got the string '1e999'", id="number-as-text"),
    ],
)
def test_each_error_class_is_pinned_to_its_line_and_column(
    tmp_path, capsys, old, new, needle, offset, message
):
    text = edit(old, new)
    code, lines, _ = run(capsys, str(write(tmp_path, text)))
    line, col = where(text, needle, offset)
    assert code == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{tmp_path / 'incident.yaml'}:{line}:{col}: "), lines[0]
    assert message in lines[0]


def test_yaml_syntax_error_is_reported_at_its_position(tmp_path, capsys):
    text = edit("tags: [test]", "tags: [test\nextra: 1")
    code, lines, _ = run(capsys, str(write(tmp_path, text)))
    assert code == 1 and len(lines) == 1
    line, _ = where(text, "extra: 1")
    assert lines[0].split(":")[1] == str(line) and "YAML syntax error" in lines[0]


def test_every_error_in_a_file_is_reported_schema_and_cross_references_together(tmp_path, capsys):
    text = edit("pitfall: llm_cost_latency", "pitfall: llm_cost_latncy")
    text = edit("    signal: p99_latency\n", "    signal: p99_latncy\n", text)
    text = edit("    dashboard: quality\n    unit: \"%\"\n    baseline: 91",
                "    dashbord: quality\n    unit: \"%\"\n    baseline: 91", text)
    code, lines, _ = run(capsys, str(write(tmp_path, text)))
    assert code == 1
    positions = [tuple(int(x) for x in line.split(":")[1:3]) for line in lines]
    assert positions == sorted(positions)
    joined = "\n".join(lines)
    assert "did you mean 'llm_cost_latency'" in joined
    assert "unknown key 'dashbord' (did you mean 'dashboard'?)" in joined
    assert "no signal named 'p99_latncy'" in joined
    # The misspelt key is one mistake, not also a "missing required key".
    assert "missing required key 'dashboard'" not in joined
    # A dashboard whose only panel was rejected is not reported as empty.
    assert "has no signals" not in joined
    assert len(lines) == 3


def test_every_file_is_reported_and_directories_are_searched(tmp_path, capsys):
    write(tmp_path, CLEAN, "pack/a.yaml")
    write(tmp_path, edit("difficulty: 1", "difficulty: 0"), "pack/deep/b.yml")
    write(tmp_path, edit("id: test-latency-regression", "id: other\nbogus: 1"), "pack/c.yaml")
    (tmp_path / "pack" / "notes.txt").write_text("not yaml")
    code, lines, err = run(capsys, str(tmp_path / "pack"))
    assert code == 1
    # Sorted paths: pack/a.yaml, pack/c.yaml, pack/deep/b.yml; b.yml also repeats a.yaml's id.
    assert [Path(line.split(":")[0]).name for line in lines] == ["c.yaml", "b.yml", "b.yml"]
    assert "duplicate id 'test-latency-regression'" in lines[2]
    assert "3 problems in 2 of 3 files" in err


def test_duplicate_incident_id_across_a_pack(tmp_path, capsys):
    first = write(tmp_path, CLEAN, "pack/a.yaml")
    write(tmp_path, "# a copy\n" + CLEAN, "pack/b.yaml")
    code, lines, _ = run(capsys, str(tmp_path / "pack"))
    line, col = where("# a copy\n" + CLEAN, "test-latency-regression")
    assert code == 1
    assert lines == [f"{tmp_path / 'pack' / 'b.yaml'}:{line}:{col}: duplicate id "
                     f"'test-latency-regression': also used in {first}:{line - 1}"]


def test_unknown_schema_value_gets_a_did_you_mean(tmp_path, capsys):
    text = edit("schema: triage/incident@1", "schema: triage/incidnet@1")
    code, lines, _ = run(capsys, str(write(tmp_path, text)))
    line, col = where(text, "triage/incidnet@1")
    assert code == 1 and len(lines) == 1
    assert lines[0].startswith(f"{tmp_path / 'incident.yaml'}:{line}:{col}: unknown schema")
    assert "(did you mean 'triage/incident@1'?)" in lines[0]


def test_schema_dispatch_has_a_hook_for_new_kinds(tmp_path, capsys, monkeypatch):
    from triage.authoring import validation

    calls = []

    def fake(document, label):
        calls.append(label)
        return validation.KindResult([document.problem(("teams",), "no teams")], "plan-1")

    monkeypatch.setitem(validation.KINDS, "triage/gameday@1", fake)
    path = write(tmp_path, "schema: triage/gameday@1\nteams: []\n", "plan.yaml")
    code, lines, _ = run(capsys, str(path))
    assert calls == [str(path)] and code == 1
    assert lines == [f"{path}:2:8: no teams"]


ACTIONS = "- acknowledge\n- open: tokens_per_requets\n- diagnose: prompt_bloat\n  confidence: 2\n"


def test_actions_file_is_checked_against_the_incident_it_names(tmp_path, capsys):
    write(tmp_path, CLEAN, "test-latency-regression.yaml")
    actions = write(tmp_path, ACTIONS, "test-latency-regression.actions.yaml")
    code, lines, _ = run(capsys, str(tmp_path))
    assert code == 1
    assert lines == [
        f"{actions}:2:9: no panel, report or view named 'tokens_per_requets' "
        "(did you mean 'tokens_per_request'?)",
        f"{actions}:4:15: confidence must be a number from 0 to 1 (0.8 is 80% sure)",
    ]


def test_actions_file_with_incident_flag_and_unknown_incident(tmp_path, capsys):
    incident = write(tmp_path, BASE, "somewhere/incident.yaml")
    good = write(tmp_path, "- acknowledge\n- open: logs\n", "replay.actions.yaml")
    code, lines, _ = run(capsys, str(good), "--incident", str(incident))
    assert (code, lines) == (0, [])
    code, lines, _ = run(capsys, str(good))
    assert code == 1 and len(lines) == 1
    assert "cannot tell which incident these actions play" in lines[0]


def test_a_list_not_named_as_actions_file_is_explained(tmp_path, capsys):
    code, lines, _ = run(capsys, str(write(tmp_path, "- acknowledge\n", "steps.yaml")))
    assert code == 1 and "name it INCIDENT_ID.actions.yaml" in lines[0]


def test_json_format(tmp_path, capsys):
    text = edit("    signal: p99_latency\n", "    signal: p99_latncy\n")
    path = write(tmp_path, text)
    code = main(["validate", "--format", "json", str(path)])
    data = json.loads(capsys.readouterr().out)
    line, col = where(text, "p99_latncy")
    assert code == 1
    assert data == [{"path": str(path), "line": line, "col": col, "key": "alerts[0].signal",
                     "message": "no signal named 'p99_latncy' (did you mean 'p99_latency'?)"}]
    assert main(["validate", "--format", "json", str(write(tmp_path, CLEAN, "ok.yaml"))]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_github_format_escapes_properties_and_data(tmp_path, capsys):
    text = edit("    signal: p99_latency\n", "    signal: p99_latncy\n")
    path = write(tmp_path, text, "a,b.yaml")
    code, lines, _ = run(capsys, "--format", "github", str(path))
    line, col = where(text, "p99_latncy")
    assert code == 1
    assert lines == [f"::error file={str(path).replace(',', '%2C')},line={line},col={col},"
                     "title=alerts[0].signal::no signal named 'p99_latncy' "
                     "(did you mean 'p99_latency'?)"]


def test_missing_path_is_a_usage_error(tmp_path, capsys):
    code, lines, err = run(capsys, str(tmp_path / "nope.yaml"))
    assert (code, lines) == (2, []) and "no such file or directory" in err
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, str(tmp_path / "empty"))
    assert code == 2 and "no .yaml or .yml files" in err


def test_a_bug_in_triage_is_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    from triage.authoring import validation

    def broken(document, label):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setitem(validation.KINDS, "triage/incident@1", broken)
    code, lines, err = run(capsys, str(write(tmp_path, BASE)))
    assert code == 1
    assert lines == [f"{tmp_path / 'incident.yaml'}:1:1: internal error in triage "
                     "(RuntimeError: boom); please report it"]
    assert "Traceback" not in err


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=200),
    st.text(max_size=300),
    st.lists(st.sampled_from(BASE.splitlines()), max_size=60).map("\n".join),
))
def test_no_input_makes_validate_crash(tmp_path, capsys, data):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code in (0, 1)
    assert "Traceback" not in out + err
    for line in out.splitlines():
        assert line.startswith(f"{path}:")


def test_exit_codes_in_a_subprocess_without_textual(tmp_path):
    good = write(tmp_path, BASE, "good.yaml")
    bad = write(tmp_path, edit("difficulty: 1", "difficulty: x"), "bad.yaml")
    code = ("import sys\nfrom triage.cli import main\nrc = main(sys.argv[1:])\n"
            "print('textual' in sys.modules, file=sys.stderr)\nsys.exit(rc)")
    results = {}
    for name, argv in {"good": [str(good)], "bad": [str(good), str(bad)],
                       "missing": [str(tmp_path / "missing.yaml")]}.items():
        proc = subprocess.run([sys.executable, "-c", code, "validate", *argv],
                              capture_output=True, text=True, timeout=60)
        assert proc.stderr.strip().splitlines()[-1] == "False", proc.stderr
        assert "Traceback" not in proc.stderr
        results[name] = proc.returncode
    assert results == {"good": 0, "bad": 1, "missing": 2}


def test_game_day_plans_are_validated_by_their_own_kind(tmp_path, capsys):
    path = write(tmp_path, "schema: triage/gameday@1\ntitle: Test day\nteamz: [red]\n"
                 "rounds: []\n", "plan.yaml")
    code, lines, _ = run(capsys, str(path))
    assert code == 1
    assert f"{path}:3:1: unknown key 'teamz' (did you mean 'teams'?)" in lines
