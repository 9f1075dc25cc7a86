"""Root-cause variants: the seed picks the cause behind the same page, and everything follows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triage.cli import main
from triage.engine import actions as act
from triage.engine.debrief import build_debrief, ideal_actions, play_actions
from triage.engine.session import Session
from triage.model.loader import IncidentError, incident_from_bytes
from triage.model.variants import pick_variant
from triage.sim.world import build_world

GUIDE = Path(__file__).parents[2] / "docs" / "authoring.md"


def example_text() -> str:
    """The worked example of the guide's "Variants" section, as written."""
    guide = GUIDE.read_text(encoding="utf-8")
    start = guide.index("```yaml\n", guide.index("## Variants")) + len("```yaml\n")
    return guide[start:guide.index("```\n", start)]


def load(text: str):
    return incident_from_bytes(text.encode(), Path("bot-latency.yaml")).incident


@pytest.fixture(scope="module")
def incident():
    return load(example_text())


def seeds_of(incident, variant_id: str, count: int = 2) -> list[int]:
    return [s for s in range(1, 100) if pick_variant(incident, s).id == variant_id][:count]


def test_the_guides_example_validates_and_checks_every_variant(tmp_path, capsys) -> None:
    path = tmp_path / "bot-latency.yaml"
    path.write_text(example_text(), encoding="utf-8")
    assert main(["check", "--spoilers", "--format", "json", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)[0]
    played = next(c for c in report["checks"] if c["name"] == "every variant is played")
    assert "longer-prompt: seeds" in played["detail"]
    assert "throttled-node: seeds" in played["detail"]


def test_the_seed_picks_the_cause_and_the_page_stays_the_same(incident) -> None:
    prompt, node = seeds_of(incident, "longer-prompt")[0], seeds_of(incident, "throttled-node")[0]
    a, b = Session(incident, prompt), Session(incident, node)
    assert (a.variant, b.variant) == ("longer-prompt", "throttled-node")
    assert a.incident.correct_diagnosis.id == "prompt_grew"
    assert b.incident.correct_diagnosis.id == "node_throttled"
    assert a.page.alert.name == b.page.alert.name == "LatencySLOBurn"
    assert [d.text for d in a.incident.diagnoses] == [d.text for d in b.incident.diagnoses]
    # Each variant's clue is there, and only there.
    tokens = [max(s.world.series["tokens_per_request"]) for s in (a, b)]
    assert tokens[0] > 2000 > tokens[1]
    assert max(b.world.series["time_per_token"]) > 50 > max(a.world.series["time_per_token"])
    assert any(entry.message.startswith("GPU 7") for entry in b.world.logs)
    assert not any(entry.message.startswith("GPU 7") for entry in a.world.logs)


def test_the_same_seed_always_plays_the_same_variant(incident) -> None:
    for seed in (1, 7, 42):
        assert Session(incident, seed).variant == Session(incident, seed).variant
        first, again = build_world(incident, seed), build_world(incident, seed)
        assert first.series["p99_latency"].tobytes() == again.series["p99_latency"].tobytes()


def test_the_right_answer_depends_on_the_seed(incident) -> None:
    node_seed = seeds_of(incident, "throttled-node")[0]
    remembered = [act.acknowledge(), act.diagnose("prompt_grew", 1.0, ["p99_latency"]),
                  act.remediate("rollback_prompt")]
    debrief = build_debrief(play_actions(incident, node_seed, remembered))
    lines = {line.part: line for line in debrief.lines}
    assert lines["diagnosis"].points == 0 and debrief.variant == "throttled-node"
    ideal = build_debrief(play_actions(incident, node_seed, ideal_actions(incident, node_seed)))
    assert ideal.grade == "A" and ideal.as_json()["variant"] == "throttled-node"
    assert ("throttle", "decisive") in ideal.cited


def test_a_problem_inside_a_variant_is_reported_at_its_line() -> None:
    text = example_text().replace("    correct: node_throttled", "    correct: node_throtled")
    text = text.replace("        dashboard: gpu\n        unit: ms\n        baseline: 28\n"
                        "        noise: 0.8\n        effects:",
                        "        dashboard: gpux\n        unit: ms\n        baseline: 28\n"
                        "        noise: 0.8\n        effects:")
    with pytest.raises(IncidentError) as caught:
        load(text)
    messages = [(p.key, p.message) for p in caught.value.problems]
    assert ("variants[1].correct", "no diagnosis named 'node_throtled'") in messages
    lines = text.splitlines()
    problem = caught.value.problems[0]
    assert "node_throtled" in lines[problem.line - 1]


def test_a_variant_cannot_add_an_option_and_the_incident_names_none_correct() -> None:
    text = example_text().replace("      - {id: drain_node, effect: resolves",
                                  "      - {id: reboot_node, effect: resolves")
    text = text.replace('  - {id: prompt_grew, text:', '  - {id: prompt_grew, correct: true, text:')
    with pytest.raises(IncidentError) as caught:
        load(text)
    text_of = " | ".join(p.message for p in caught.value.problems)
    assert "cannot add one: every variant shows the same menus" in text_of
    assert "each variant names its right diagnosis" in text_of


def test_preview_with_spoilers_shows_every_variants_answer(tmp_path, capsys) -> None:
    path = tmp_path / "bot-latency.yaml"
    path.write_text(example_text(), encoding="utf-8")
    assert main(["preview", str(path), "--seed", "1", "--spoilers"]) == 0
    out = capsys.readouterr().out
    assert "longer-prompt (weight 1): prompt_grew; fix rollback_prompt" in out
    assert "throttled-node (weight 1): node_throttled; fix drain_node" in out
    assert main(["preview", str(path), "--seed", "1"]) == 0
    assert "VARIANTS" not in capsys.readouterr().out


def test_a_replay_plays_the_variant_the_play_had(incident, tmp_path, capsys) -> None:
    from datetime import datetime, timezone

    from triage.engine.record import finished_play
    from triage.store import PlayRecord, Store
    from triage.store.recording import store_play

    path = tmp_path / "bot-latency.yaml"
    path.write_text(example_text(), encoding="utf-8")
    node_seed = seeds_of(incident, "throttled-node")[0]
    session = play_actions(incident, node_seed, ideal_actions(incident, node_seed))
    from triage.model.loader import load_incident

    loaded = load_incident(path)
    play_id = store_play(finished_play(loaded, session, build_debrief(session)), player="ana")
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    with Store() as store:
        assert store.get_play(play_id).variant == "throttled-node"
        # A play stored before the incident had variants replays on its first variant.
        old = store.save_play(PlayRecord(
            player="ana", incident_id="bot-latency", incident_hash=loaded.sha256,
            pitfall="llm_cost_latency", difficulty=2, seed=node_seed,
            actions=[{"diagnose": "prompt_grew", "confidence": 1.0,
                      "cite": ["tokens_per_request"]}, {"remediate": ["rollback_prompt"]}],
            score=0, grade="F", breakdown={}, started_at=when, ended_at=when))
    assert main(["replay", str(play_id), "--dir", str(tmp_path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["variant"] == "throttled-node"
    assert main(["replay", str(old), "--dir", str(tmp_path), "--format", "json"]) == 0
    replayed = json.loads(capsys.readouterr().out)
    assert replayed["variant"] == "longer-prompt"
    assert replayed["breakdown"]["diagnosis"]["detail"] == "right root cause"


def test_an_actions_file_may_cite_what_only_the_seeds_variant_has(incident, tmp_path,
                                                                  capsys) -> None:
    path = tmp_path / "bot-latency.yaml"
    path.write_text(example_text(), encoding="utf-8")
    seed = seeds_of(incident, "throttled-node")[0]
    actions = tmp_path / "a.yaml"
    actions.write_text("- acknowledge\n- open: logs\n- diagnose: node_throttled\n"
                       "  confidence: 0.9\n  cite: [throttle, time_per_token]\n"
                       "- remediate: drain_node\n", encoding="utf-8")
    assert main(["play", str(path), "--seed", str(seed), "--headless", "--actions",
                 str(actions), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["grade"] == "A"


def test_an_option_whose_effect_differs_by_variant_is_checked_for_each_claim(tmp_path,
                                                                           capsys) -> None:
    # In the guide's example scale_out helps in both variants; make it resolve in one of them.
    text = example_text().replace(
        "      - {id: drain_node, effect: resolves, restores: [p99_latency, time_per_token]}",
        "      - {id: drain_node, effect: resolves, restores: [p99_latency, time_per_token]}\n"
        "      - {id: scale_out, effect: resolves, restores: [p99_latency, time_per_token]}")
    path = tmp_path / "bot-latency.yaml"
    path.write_text(text, encoding="utf-8")
    main(["check", "--spoilers", "--format", "json", str(path)])
    names = [c["name"] for c in json.loads(capsys.readouterr().out)[0]["checks"]]
    assert "helps scale_out brings a curve back" in names
    assert "resolves scale_out brings the curves back" in names
