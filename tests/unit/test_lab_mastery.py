"""Lab results beside mastery: best score per lab, and each pitfall's lab incidents caught, in
`triage history profile` (text and JSON), without moving the pitfall's rating."""

from __future__ import annotations

import json
from pathlib import Path

from triage.cli import main
from triage.practice.coach import build_profile, render_profile_text
from triage.practice.labmastery import alerting_by_pitfall, lab_standings
from triage.store.labs import LabResult, lab_results

ERRORS_ONLY = (Path(__file__).parent.parent / "fixtures" / "labs"
               / "support-bot-alerts.errors-only.rules.yaml").read_text()


def _result(ident: int, lab: str, score: float, fates: list[tuple[str, bool]] | None,
            when: str) -> LabResult:
    figures: dict = {"score": score, "recall": 0.5}
    if fates is not None:
        figures["incidents"] = [{"id": f"i{n}", "pitfall": p, "caught": c}
                                for n, (p, c) in enumerate(fates)]
    return LabResult(ident, "ann", lab, "h", 1, "", score, figures, when)


def test_a_replay_records_each_incidents_pitfall_and_fate(tmp_path: Path, capsys) -> None:
    rules = tmp_path / "errors.rules.yaml"
    rules.write_text(ERRORS_ONLY)
    assert main(["lab", "alerts", "support-bot-alerts", "--rules", str(rules)]) == 0
    capsys.readouterr()
    from triage.store import Store

    with Store(quick_check=False) as store:
        (stored,) = lab_results(store, _player(), "support-bot-alerts")
    fates = {(i["pitfall"], i["caught"]) for i in stored.figures["incidents"]}
    # The errors rule catches the provider outage and nothing that is silent.
    assert ("llm_cost_latency", True) in fates
    assert ("silent_degradation", False) in fates and ("hallucination", False) in fates


def _player() -> str:
    from triage.store.paths import default_player

    return default_player()


def test_profile_lists_labs_and_what_the_rules_keep_missing(tmp_path: Path, capsys) -> None:
    rules = tmp_path / "errors.rules.yaml"
    rules.write_text(ERRORS_ONLY)
    for seed in ("1", "2"):
        assert main(["lab", "alerts", "support-bot-alerts", "--rules", str(rules),
                     "--seed", seed]) == 0
    capsys.readouterr()
    assert main(["history", "profile"]) == 0
    out = capsys.readouterr().out
    assert "ALERT LABS" in out and all(len(line) <= 80 for line in out.splitlines())
    silent = next(line for line in out.splitlines() if line.startswith("Silent accuracy"))
    assert "caught 0/2!" in silent and " - " in silent  # unrated: the lab did not rate it
    assert "Your alert rules keep missing: Hallucination risk" in out
    assert "support-bot-alerts" in out.split("ALERT LAB ")[1]
    assert main(["history", "profile", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [lab["lab"] for lab in data["labs"]] == ["support-bot-alerts"]
    assert data["labs"][0]["replays"] == 2
    rows = {row["pitfall"]: row for row in data["pitfalls"]}
    assert rows["silent_degradation"]["alert_labs"] == {
        "caught": 0, "incidents": 2, "labs": ["support-bot-alerts"], "keeps_missing": True}
    assert rows["silent_degradation"]["rated"] is False and rows["input_drift"]["alert_labs"] \
        is None


def test_lab_misses_do_not_move_the_rating_and_recent_replays_count() -> None:
    old_misses = [_result(n, "lab-a", 10.0, [("input_drift", False)] * 2, f"2026-01-0{n}")
                  for n in (1, 2, 3)]
    recent_hits = [_result(n, "lab-a", 80.0, [("input_drift", True)] * 2, f"2026-02-0{n}")
                   for n in (4, 5, 6)]
    alerting = alerting_by_pitfall(old_misses + recent_hits)
    assert (alerting["input_drift"].caught, alerting["input_drift"].incidents) == (6, 6)
    assert not alerting["input_drift"].keeps_missing
    assert alerting_by_pitfall(old_misses)["input_drift"].keeps_missing
    profile = build_profile("ann", [], ["input_drift"], old_misses)
    (row,) = profile.standings
    assert row.rating == 50.0 and not row.rated and row.alerting is not None


def test_best_last_and_results_from_before_fates_were_recorded() -> None:
    results = [_result(1, "lab-b", 40.0, None, "2026-01-01"),
               _result(2, "lab-b", 70.0, None, "2026-01-02"),
               _result(3, "lab-b", 55.0, None, "2026-01-03")]
    (standing,) = lab_standings(results)
    assert (standing.best, standing.replays, standing.last) == (70.0, 3, 55.0)
    assert alerting_by_pitfall(results) == {}
    text = render_profile_text(build_profile("ann", [], ["input_drift"], results))
    assert "ALERT LABS" not in text  # no fates: no column, but the lab is listed
    assert "lab-b" in text and "70.0" in text
