"""Game days play the on-call loop: a team that resolves has its status update in the report,
a team's old one-shot actions still play as they did, and a plan that weighs speed weighs the
harm the same."""

from __future__ import annotations

from pathlib import Path

from triage.engine import actions as act
from triage.gameday.checks import load_plan
from triage.gameday.plan import Weights
from triage.gameday.report import report_markdown
from triage.gameday.runner import run_plan_headless

INCIDENT = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"


def test_the_report_shows_each_teams_status_update(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    (tmp_path / INCIDENT.name).write_bytes(INCIDENT.read_bytes())
    plan.write_text("schema: triage/gameday@1\ntitle: Loop day\nteams: [red, blue]\n"
                    f"rounds:\n  - {{incident: {INCIDENT.name}, seed: 1, time_limit: 2h}}\n",
                    encoding="utf-8")
    loop = [act.acknowledge(), act.declare(2), act.diagnose("prompt_bloat", 0.9),
            act.remediate("rollback_prompt"), act.wait(50),
            act.update(impact="stopped", cause="prompt_bloat", done=["rollback_prompt"],
                       next="monitor", eta="recovered"), act.resolve()]
    one_shot = [act.acknowledge(), act.diagnose("prompt_bloat", 0.9),
                act.remediate("rollback_prompt")]
    game = run_plan_headless(load_plan(plan), {("red", 0): loop, ("blue", 0): one_shot})
    red, blue = (next(r for r in game.results if r.team == team) for team in ("red", "blue"))
    assert red.summary.resolved is not None and red.summary.severity == 2
    assert "communication" in red.breakdown and "speed" not in red.breakdown
    assert blue.summary.resolved is None and "speed" in blue.breakdown, "one-shot, rules 2"
    report = report_markdown(game.standings())
    assert "Status update: impact: stopped; cause: prompt_bloat; done: rollback_prompt" in report
    assert "status update right in every part" in report
    assert "(ended: resolved)" in report and "(ended: remediated)" in report


def test_a_plan_that_weighs_speed_weighs_the_harm() -> None:
    assert Weights(speed=2).as_dict()["impact"] == 2.0
    assert Weights(speed=2, impact=0.5).as_dict()["impact"] == 0.5
    assert Weights().as_dict()["communication"] == 1.0
