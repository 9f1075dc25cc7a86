"""The lesson quotes the play: `{signal@moment}` placeholders are filled with the values the
player saw (at their decision, the onset, the peak...), `triage validate` rejects a placeholder
that names nothing, and `triage check` fails a percentage no panel showed by the decision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triage.cli import main
from triage.engine import actions as act
from triage.engine.debrief import build_debrief, ideal_actions, play_actions
from triage.engine.debrief_text import render_debrief_text
from triage.model.pack import find_incident

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
SAW = "saw: Latency rose with tokens per request right after a deploy."


def decided_after(incident, seed: int, minutes: float):
    """The ideal play, with `minutes` of waiting before the fix."""
    steps = ideal_actions(incident, seed)
    waits = [act.wait(minutes)] if minutes else []
    return play_actions(incident, seed, [*steps[:-1], *waits, steps[-1]])


def panel(value: float) -> str:
    return f"{value:,.0f}%"


def test_the_lesson_quotes_the_accuracy_the_player_saw_at_their_decision() -> None:
    incident = find_incident("fraud-scorer-accuracy-slo").incident
    lessons = []
    for wait in (0, 200):
        session = decided_after(incident, 3, wait)
        at = int(session.page_minute + session.remediated_at)
        seen = session.world.series["accuracy"][at]
        saw = build_debrief(session).incident.debrief.saw
        assert f"to {panel(seen)} by your decision" in " ".join(saw.split())
        assert "{" not in saw and "towards 78%" not in saw
        lessons.append(saw)
    assert lessons[0] != lessons[1]  # a later decision saw a lower number, and is told so


def test_the_lr_lesson_gives_the_loss_jump_this_play_had_not_the_guides() -> None:
    incident = find_incident("fraud-scorer-ct-grad-norm").incident
    session = play_actions(incident, 3, ideal_actions(incident, 3))
    debrief = build_debrief(session)
    world, onset = session.world, int(session.world.onset)
    loss = world.series["train_loss"]
    decided = int(session.page_minute + session.remediated_at)
    ratio = loss[onset:decided + 1].max() / float(sorted(loss[onset - 60:onset])[30])
    text = render_debrief_text(debrief)
    assert "5-10x" not in text and f"({ratio:.0f}x)" in text


def write(tmp_path: Path, old: str, new: str) -> Path:
    text = FIXTURE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "incident.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(("new", "message"), [
    ("saw: Accuracy held at {acuracy@decision}.",
     "{acuracy@decision} quotes no signal: there is none named 'acuracy' (did you mean "
     "'accuracy'?)"),
    ("saw: Accuracy held at {accuracy@decison}.",
     "no moment named 'decison' (did you mean 'decision'?)"),
])
def test_validate_names_a_placeholder_that_quotes_nothing(tmp_path, capsys, new, message) -> None:
    path = write(tmp_path, SAW, new)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:" in out and message in out


def test_a_placeholder_where_it_is_never_filled_is_refused(tmp_path, capsys) -> None:
    path = write(tmp_path, "briefing: ", "briefing: Accuracy reads {accuracy@decision}. ")
    assert main(["validate", str(path)]) == 1
    assert "only filled in the debrief's texts" in capsys.readouterr().out


def check(tmp_path: Path, capsys, saw: str) -> dict:
    path = write(tmp_path, SAW, saw)
    main(["check", "--spoilers", "--format", "json", "--seeds", "2", str(path)])
    report = json.loads(capsys.readouterr().out)[0]
    return {c["name"]: c for c in report["checks"]}["lesson numbers match the play"]


def test_check_fails_a_percentage_no_panel_showed(tmp_path, capsys) -> None:
    result = check(tmp_path, capsys, "saw: Accuracy slid to 70% while latency rose.")
    assert not result["ok"]
    assert "debrief.saw says '70%'" in result["detail"] and "accuracy" in result["detail"]
    assert check(tmp_path, capsys, "saw: Accuracy held near 91% while latency rose.")["ok"]
    assert check(tmp_path, capsys, "saw: Accuracy read {accuracy@end:0} in the end.")["ok"]
    assert check(tmp_path, capsys, "saw: A 70%% review sample showed it.")["ok"]
    session = play_actions(find_incident("fraud-scorer-accuracy-slo").incident, 1, [])
    assert "%%" not in build_debrief(session).incident.debrief.saw
