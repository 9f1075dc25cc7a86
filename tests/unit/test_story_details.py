"""Story details an author controls: when repeating log lines stop, log lines that quote a
signal's value, the wall-clock time at minute 0, and an incident's own pitfall card."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from triage.cli import main
from triage.engine.debrief import build_debrief, ideal_actions, play_actions
from triage.engine.debrief_text import render_debrief_text
from triage.model.incident import Timeline
from triage.model.loader import load_incident
from triage.model.pitfalls import PITFALLS, card_for
from triage.sim.world import build_world

REPO = Path(__file__).parents[2]
SHAPES = REPO / "tests" / "fixtures" / "shapes_only.yaml"


def with_logs(tmp_path: Path, *lines: str) -> Path:
    """The shapes fixture with its `logs:` replaced by `lines` (YAML flow mappings)."""
    text = SHAPES.read_text()
    head, rest = text.split("logs:\n", 1)
    tail = rest[rest.index("changes:"):]
    path = tmp_path / "incident.yaml"
    path.write_text(head + "logs:\n" + "".join(f"  - {line}\n" for line in lines) + tail)
    return path


def validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["validate", str(path)])
    return code, capsys.readouterr().out.splitlines()


def test_until_stops_a_repeating_line(tmp_path: Path) -> None:
    path = with_logs(tmp_path, '{at: -1h, source: api, message: "heartbeat ok", every: 10m, '
                               'until: 20m}')
    world = build_world(load_incident(path).incident, 1)
    times = [entry.minute - world.onset for entry in world.logs]
    assert times == pytest.approx([-60, -50, -40, -30, -20, -10, 0, 10, 20])


@pytest.mark.parametrize("line, message", [
    ('{at: 0m, message: "x", until: 20m}',
     "until stops a repeating line: give the line an every, or drop until"),
    ('{at: 30m, message: "x", every: 5m, until: 20m}', "until (20 min) comes before the line's "
                                                        "first time (30 min, both from the onset)"),
])
def test_until_is_checked_against_every_and_at(tmp_path: Path, capsys, line: str,
                                               message: str) -> None:
    path = with_logs(tmp_path, line)
    code, out = validate(path, capsys)
    assert code == 1 and out[0].endswith(message)
    row = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "until" in text)
    column = path.read_text().splitlines()[row - 1].index("20m") + 1
    assert out[0].startswith(f"{path}:{row}:{column}: ")  # at the value of `until`


def test_a_log_line_quotes_a_signals_value_at_its_minute(tmp_path: Path) -> None:
    path = with_logs(tmp_path, '{at: 20m, source: gw, message: "p99 {p99_latency} ms, '
                               'budget {{800}} ms; rate {error_rate}%", every: 30m}')
    incident = load_incident(path).incident
    world = build_world(incident, 2)
    first = world.logs[0]
    minute = int(first.minute)
    assert first.message == (f"p99 {world.series['p99_latency'][minute]:,.0f} ms, budget {{800}} "
                             f"ms; rate {world.series['error_rate'][minute]:.2f}%")
    assert world.logs[1].message != first.message  # each repeat quotes its own minute


def test_a_quoted_signal_must_exist(tmp_path: Path, capsys) -> None:
    code, out = validate(with_logs(tmp_path, '{at: 1m, message: "p99 {p99_latncy} ms"}'), capsys)
    assert code == 1
    assert out[0].endswith("the message quotes {p99_latncy}, but no signal is named 'p99_latncy' "
                           "(did you mean 'p99_latency'?); write {{ and }} for literal braces")


def test_messages_without_templates_are_left_exactly_as_written(tmp_path: Path) -> None:
    path = with_logs(tmp_path, '{at: 1m, message: "json {\\"a\\": 1} and {Upper} stay"}')
    assert build_world(load_incident(path).incident, 1).logs[0].message == (
        'json {"a": 1} and {Upper} stay')


def test_timeline_clock_is_hh_mm() -> None:
    assert Timeline().clock_minutes == 0
    assert Timeline(clock="09:40").clock_minutes == 580
    for bad in ("9:40", "24:00", "09:60", "morning"):
        with pytest.raises(ValidationError):
            Timeline(clock=bad)


def test_export_starts_at_the_incidents_clock(tmp_path: Path, capsys) -> None:
    path = tmp_path / "clocked.yaml"
    path.write_text(SHAPES.read_text().replace("  duration: 6h\n",
                                               '  duration: 6h\n  clock: "09:40"\n'))
    assert main(["export", str(path), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[1].startswith("0,2025-01-01T09:40:00Z,")
    assert main(["export", str(path), "--format", "csv", "--start", "2026-01-01T00:00:00Z"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("0,2026-01-01T00:00:00Z,")


def test_overfitting_scenario_c_ends_with_its_own_card_not_the_contradicting_one() -> None:
    incident = load_incident(REPO / "incidents" / "spam-filter-train-not-converged.yaml").incident
    generic = PITFALLS["overfitting"]
    assert "Stop early" in generic.do  # what this incident's lesson warns against
    card = card_for(incident)
    assert card.do.startswith("Lower the learning rate") and "Stop early" not in card.do
    session = play_actions(incident, 1, ideal_actions(incident, 1))
    text = render_debrief_text(build_debrief(session))
    assert "Pitfall card: Overfitting, or instability that looks like it" in text
    assert "Stop early at the best validation checkpoint" not in text


def test_a_partial_card_keeps_the_pitfalls_other_lines() -> None:
    incident = load_incident(SHAPES).incident
    assert card_for(incident) == PITFALLS[incident.pitfall]
    data = incident.model_dump(by_alias=True, mode="json")
    changed = type(incident).model_validate({**data, "pitfall_card": {"do": "Cap the prompt."}})
    card = card_for(changed)
    assert card.do == "Cap the prompt." and card.see == PITFALLS[incident.pitfall].see
