"""Authoring the on-call loop: `validate` reports bad impact, inject, owner and mitigation values
at their line and column with a did-you-mean, and `preview` shows the impact, the injects and
the owners, keeping what each inject is for (and the mitigations) for --spoilers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triage.cli import main

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
BASE = FIXTURE.read_text(encoding="utf-8")
LOOP = """impact:
  unit: support chats answered slowly
  per_minute: 30
  signal: p99_latency
  severity: 2
injects:
  - at: 6m
    who: Dana (support lead)
    kind: eta_request
    text: Chats are piling up. When will answers be fast again?
  - at: 2m
    after: acknowledged
    who: Sam (teammate)
    kind: wrong_fix
    text: 'Trust me: "Raise the client timeout to 60s" and the errors go away.'
  - at: 15m
    who: Platform team
    relevant: true
    text: The support-bot deploy two minutes before the page shipped prompt v7.
owners:
  - id: prompt-owner
    who: Lee (prompt owner)
    cost: 8m
    facts:
      - Prompt v7 appends the FAQ to every request.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "incident.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def loop_incident(tmp_path: Path, loop: str = LOOP, mitigation: bool = True) -> Path:
    text = BASE.replace("dashboards:\n", loop + "dashboards:\n", 1)
    if mitigation:
        text = text.replace("effect: helps,", "effect: helps, mitigation: true,", 1)
    return write(tmp_path, text)


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_a_well_written_loop_validates(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = loop_incident(tmp_path)
    assert main(["validate", str(path)]) == 0, capsys.readouterr().out


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    ("  signal: p99_latency\n", "  signal: p99_latncy\n", "signal: p99_latncy",
     "no signal named 'p99_latncy' (did you mean 'p99_latency'?)"),
    ('"Raise the client timeout to 60s"', '"Raise the client timeouts"', "Trust me",
     "quotes the text of the option it pushes, word for word, so the debrief can judge it "
     "(did you mean 'Raise the client timeout to 60s'?)"),
    ('"Raise the client timeout to 60s"', '"Roll back system prompt v7"', "Trust me",
     "pushes 'rollback_prompt', whose effect is resolves"),
    ("  - at: 15m\n", "  - at: 9h\n", "at: 9h", "comes after the timeline ends (360 min)"),
    ("    who: Platform team\n", "    who: '  '\n", "who: '  '", "who is blank"),
    ("    kind: eta_request\n", "    kind: eta_request\n    relevant: true\n",
     "relevant: true", "this inject is eta_request"),
    ("      - Prompt v7 appends the FAQ to every request.\n",
     "      - Prompt v7 appends the FAQ to every request.\n      - ' '\n", "- ' '",
     "a fact is blank"),
])
def test_each_bad_value_is_reported_where_it_is(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                old: str, new: str, where: str,
                                                message: str) -> None:
    assert LOOP.count(old) == 1
    path = loop_incident(tmp_path, LOOP.replace(old, new))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    line = line_of(path, where)
    reported = [row for row in out.splitlines() if message in row]
    assert reported, out
    assert reported[0].startswith(f"{path}:{line}:"), (reported[0], line)


def test_duplicate_owners_and_a_mitigation_that_stops_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    twice = LOOP + "  - {id: prompt-owner, who: Kim (platform), facts: [Nothing changed.]}\n"
    path = loop_incident(tmp_path, twice, mitigation=False)
    text = path.read_text().replace("effect: no_effect}", "effect: no_effect, mitigation: true}")
    path.write_text(text)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{line_of(path, 'Kim (platform)')}:" in out
    assert "duplicate id 'prompt-owner' in owners" in out
    assert f"{path}:{line_of(path, 'mitigation: true')}:" in out
    assert "'retrain' is no_effect, so it stops no bleeding" in out


def test_preview_shows_the_loop_and_keeps_its_answers_for_spoilers(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = loop_incident(tmp_path)
    assert main(["preview", str(path), "--seed", "1"]) == 0
    plain = capsys.readouterr().out
    loop = plain[plain.index("ON-CALL LOOP"):plain.index("DIAGNOSES")]
    assert "30 support chats answered slowly a minute" in loop and "SEV2" in loop
    assert "6m after page, Dana (support lead):" in loop
    assert "2m after acknowledged, Sam (teammate):" in loop
    assert "prompt-owner: Lee (prompt owner), joins after 8m" in loop
    for secret in ("wrong_fix", "eta_request", "relevant", "p99_latency", "appends the FAQ",
                   "mitigation"):
        assert secret not in loop, secret
    assert "(mitigation)" not in plain
    assert main(["preview", str(path), "--seed", "1", "--spoilers"]) == 0
    spoiled = capsys.readouterr().out
    loop = spoiled[spoiled.index("ON-CALL LOOP"):spoiled.index("DIAGNOSES")]
    assert "Sam (teammate) [wrong_fix]:" in loop and "[report, relevant]" in loop
    assert "harm read from: p99_latency" in loop and "Prompt v7 appends the FAQ" in loop
    assert "helps     scale_out: Add replicas (mitigation)" in spoiled


def test_preview_without_a_loop_shows_the_defaults(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture) -> None:
    assert main(["preview", str(FIXTURE), "--seed", "1", "--format", "json"]) == 0
    loop = json.loads(capsys.readouterr().out)["loop"]
    assert loop["impact"] == {"unit": "minutes of degraded service", "per_minute": 1.0,
                              "severity": 3, "authored": False}
    assert not loop["injects_authored"] and len(loop["injects"]) == 3
    assert all("kind" not in inject for inject in loop["injects"])
    assert [owner["id"] for owner in loop["owners"]] == ["model-owner"]
    assert "facts" not in loop["owners"][0]
