"""`triage check` on the on-call loop (authoring.loopcheck): it passes an incident whose fix
brings the harm back, whose harm lasts without one and whose harmful option hurts visibly, and
each failure names what to change in the YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.authoring.loopcheck import loop_checks, loop_figures
from triage.authoring.worlds import SharedWorlds
from triage.model.loader import incident_from_bytes

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
BASE = FIXTURE.read_text(encoding="utf-8")
SEEDS = (1, 2)
IMPACT = """impact:
  unit: support chats answered slowly
  per_minute: 30
  severity: 2
"""
HARMFUL = """    signal_effects:
      - {signal: p99_latency, effect: {kind: ramp, over: 20m, by: 400}}
"""
QUEUE = """  - id: queue_wait
    title: Queue wait
    dashboard: ops
    baseline: 2
    noise: 0.1
    effects:
      - {kind: spike, at: 0m, by: 30, width: 40m}
"""
DRIFT = """  - id: token_psi
    title: PSI of prompt length
    dashboard: ops
    baseline: 0.02
    noise: 0.005
    effects:
      - {kind: step, at: 0m, by: 0.8}
"""


def results(tmp_path: Path, text: str) -> dict[str, tuple[bool, str]]:
    incident = incident_from_bytes(text.encode(), tmp_path / "incident.yaml").incident
    found = loop_checks(incident, SEEDS, SharedWorlds(incident))
    return {result.name: (result.ok, result.detail) for result in found}


def with_signal(text: str, signal_yaml: str, impact: str) -> str:
    text = text.replace("alerts:\n", signal_yaml + "alerts:\n", 1)
    return text.replace("dashboards:\n", impact + "dashboards:\n", 1)


def test_an_incident_whose_loop_works_passes_each_loop_check(tmp_path: Path) -> None:
    found = results(tmp_path, BASE.replace("dashboards:\n", IMPACT + "dashboards:\n", 1))
    assert found["the ideal loop resolves"][0], found
    assert "graded A" in found["the ideal loop resolves"][1]
    ok, detail = found["waiting does not resolve it"]
    assert ok and "support chats answered slowly" in detail and "never heals" in detail
    ok, detail = found["harmful raise_timeout visibly hurts"]
    assert ok and "accrues more than the ideal loop" in detail and "p99_latency" in detail


def test_a_harm_signal_the_fix_never_brings_back_fails_and_names_the_key(tmp_path: Path) -> None:
    text = with_signal(BASE, DRIFT, IMPACT + "  signal: token_psi\n")
    ok, detail = results(tmp_path, text)["the ideal loop resolves"]
    assert not ok
    assert "'token_psi'" in detail and "impact.signal" in detail and "restores" in detail


def test_harm_that_heals_by_itself_fails_waiting_and_says_what_to_change(tmp_path: Path) -> None:
    text = with_signal(BASE, QUEUE, IMPACT + "  signal: queue_wait\n")
    ok, detail = results(tmp_path, text)["waiting does not resolve it"]
    assert not ok
    assert "with nothing done, the harm on 'queue_wait' stops" in detail
    assert "impact.signal" in detail


def test_a_harmful_option_that_moves_nothing_fails(tmp_path: Path) -> None:
    text = BASE.replace("dashboards:\n", IMPACT + "dashboards:\n", 1).replace(HARMFUL, "")
    ok, detail = results(tmp_path, text)["harmful raise_timeout visibly hurts"]
    assert not ok
    assert "moves no signal by 10% of its range" in detail and "signal_effects" in detail


def test_a_harm_share_is_counted_while_the_option_is_in_effect(tmp_path: Path) -> None:
    accrued = []
    for harm in ("0", "1.5"):
        text = BASE.replace("dashboards:\n", IMPACT + "dashboards:\n", 1)
        text = text.replace("    effect: harmful\n", f"    effect: harmful\n    harm: {harm}\n", 1)
        incident = incident_from_bytes(text.encode(), tmp_path / "incident.yaml").incident
        play = loop_figures(incident, 1).harmful[0]
        assert play.option == "raise_timeout" and play.accrued > play.ideal
        accrued.append(play.accrued)
    # 1.5 x 30 a minute for the hour or more the option stays in force
    assert accrued[1] - accrued[0] > 1.5 * 30 * 60


@pytest.mark.parametrize("per_minute", [0])
def test_nothing_to_heal_when_no_harm_is_counted(tmp_path: Path, per_minute: int) -> None:
    impact = IMPACT.replace("per_minute: 30", f"per_minute: {per_minute}")
    text = with_signal(BASE, QUEUE, impact + "  signal: queue_wait\n")
    ok, detail = results(tmp_path, text)["waiting does not resolve it"]
    assert ok and "no harm to heal" in detail
