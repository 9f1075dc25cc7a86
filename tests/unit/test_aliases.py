"""Renaming an incident keeps every old reference working through `aliases:`."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from triage.cli import main
from triage.model.pack import find_incident, load_catalog
from triage.store import PlayRecord, Store

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
OLD = "test-latency-regression"


def renamed(tmp_path: Path) -> Path:
    """The fixture renamed to `support-bot-p99` with its old id kept as an alias."""
    folder = tmp_path / "pack"
    folder.mkdir()
    text = FIXTURE.read_text(encoding="utf-8").replace(
        f"id: {OLD}\n", f"id: support-bot-p99\naliases: [{OLD}]\n")
    (folder / "support-bot-p99.yaml").write_text(text, encoding="utf-8")
    return folder


def test_an_old_id_finds_the_renamed_incident(tmp_path) -> None:
    folder = renamed(tmp_path)
    assert find_incident(OLD, [folder]).incident.id == "support-bot-p99"
    catalog = load_catalog([folder], builtin=False)
    assert list(catalog.incidents) == ["support-bot-p99"]
    assert catalog.resolve_id(OLD) == "support-bot-p99" and catalog.resolve_id("nope") is None


def test_a_stored_play_under_the_old_id_still_replays(tmp_path, capsys) -> None:
    folder = renamed(tmp_path)
    when = datetime(2026, 5, 1, tzinfo=timezone.utc)
    steps = [{"diagnose": "prompt_bloat", "confidence": 1.0, "cite": ["tokens_per_request"]},
             {"remediate": ["rollback_prompt"]}]
    with Store() as store:
        play_id = store.save_play(PlayRecord(
            player="ana", incident_id=OLD, incident_hash="0" * 64, pitfall="llm_cost_latency",
            difficulty=1, seed=3, actions=steps, score=0, grade="F", breakdown={},
            started_at=when, ended_at=when))
    assert main(["replay", str(play_id), "--dir", str(folder), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["incident"] == "support-bot-p99"


def test_an_alias_that_is_another_incidents_id_is_a_problem(tmp_path, capsys) -> None:
    folder = renamed(tmp_path)
    (folder / "old.yaml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    catalog = load_catalog([folder], builtin=False)
    assert catalog.resolve_id(OLD) == OLD  # the real id wins
    assert main(["list", "--dir", str(folder)]) == 1
    assert f"alias '{OLD}' is the id of" in capsys.readouterr().err


def test_plays_under_a_former_id_still_count_as_finished_and_seen(tmp_path, capsys) -> None:
    from triage.practice.coach import next_incident
    from triage.practice.finished import finished_incidents

    folder = renamed(tmp_path)
    when = datetime(2026, 5, 1, tzinfo=timezone.utc)
    with Store() as store:
        store.save_play(PlayRecord(
            player="ana", incident_id=OLD, incident_hash="0" * 64, pitfall="llm_cost_latency",
            difficulty=1, seed=3, actions=[], score=70, grade="C", breakdown={},
            started_at=when, ended_at=when))
    catalog = load_catalog([folder], builtin=False)
    assert "support-bot-p99" in finished_incidents("ana", aliases=catalog.aliases)
    assert main(["list", "--player", "ana", "--dir", str(folder)]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "support-bot-p99" in line)
    assert "llm_cost_latency" in row
    assert next_incident(catalog, "ana", __import__("random").Random(1)) == "support-bot-p99"
