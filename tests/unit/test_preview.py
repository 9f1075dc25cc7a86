"""`triage preview`: the incident as plain text or JSON, without playing it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from triage.cli import main

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"


def test_text_preview_shows_briefing_dashboards_alerts_and_options(capsys):
    from triage.engine.alerts import evaluate_alerts
    from triage.model.loader import load_incident
    from triage.sim.world import build_world

    assert main(["preview", str(FIXTURE), "--seed", "4"]) == 0
    out = capsys.readouterr().out
    incident = load_incident(FIXTURE).incident
    fires = evaluate_alerts(incident, build_world(incident, 4).series)[0].fires_at
    assert "p99 latency of the support bot is climbing." in out
    for heading in ("BRIEFING", "DASHBOARD Operational (ops)", "DASHBOARD Quality (quality)",
                    "ALERTS", "CHANGES", "DIAGNOSES", "REMEDIATIONS"):
        assert heading in out
    for signal in incident.signals:
        assert f"  {signal.id}: {signal.title}" in out
    assert f"LatencySLOBurn [page] p99_latency > 800 for 3m: fires at minute {fires}" in out
    assert "<- pages" in out
    for option in [*incident.diagnoses, *incident.remediations]:
        assert f"\n  {option.id}: {option.text}\n" in out
    sparklines = [line.strip() for line in out.splitlines()
                  if line.strip() and set(line.strip()) <= set("▁▂▃▄▅▆▇█")]
    assert len(sparklines) == len(incident.signals)
    assert all(len(line) == 68 for line in sparklines)  # width 72, the whole 360-minute timeline
    assert "\x1b" not in out


def test_text_preview_gives_no_answer_without_spoilers(capsys):
    from triage.model.loader import load_incident

    incident = load_incident(FIXTURE).incident
    assert main(["preview", str(FIXTURE), "--seed", "4"]) == 0
    out = capsys.readouterr().out
    options = out[out.index("\nDIAGNOSES\n"):]
    assert "* prompt_bloat" not in out and "*" not in options
    for effect in ("resolves", "helps", "no_effect", "harmful"):
        assert effect not in options
    assert "EVIDENCE" not in out and "decisive" not in out and "red herrings" not in out
    assert "pitfall" not in out and incident.pitfall not in out
    # Listed by id, not in the authored order (which puts the right answer first).
    listed = [line.split(":")[0].strip() for line in options.splitlines()
              if line.startswith("  ")]
    diagnoses = sorted(d.id for d in incident.diagnoses)
    remediations = sorted(r.id for r in incident.remediations)
    assert listed == diagnoses + remediations
    assert incident.diagnoses[0].id == "prompt_bloat" != diagnoses[0]
    assert out.rstrip().splitlines()[-1] == (
        "Answer key hidden: --spoilers shows it (diagnosis, effects, evidence).")


def test_text_preview_with_spoilers_shows_the_answer_key(capsys):
    assert main(["preview", str(FIXTURE), "--seed", "4", "--spoilers"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("pitfall llm_cost_latency · difficulty 1")
    assert "* prompt_bloat: The new prompt inflated tokens per request" in out
    assert "harmful   raise_timeout" in out and "resolves  rollback_prompt" in out
    assert "EVIDENCE\n  decisive: " in out and "  red herrings: " in out
    assert "--spoilers" not in out


def test_json_preview_is_byte_identical_per_seed_and_differs_across_seeds(capsys):
    outputs = []
    for seed in ("7", "7", "8"):
        assert main(["preview", str(FIXTURE), "--seed", seed, "--format", "json"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]
    data = json.loads(outputs[0])
    assert list(data) == ["id", "seed", "signals", "alerts", "loop"]
    assert (data["id"], data["seed"]) == ("test-latency-regression", 7)
    assert set(data["signals"]) == {"p99_latency", "tokens_per_request", "error_rate",
                                    "accuracy", "thumbs_down"}
    assert all(len(values) == 360 for values in data["signals"].values())
    assert all(float(f"{v:.6g}") == v for values in data["signals"].values() for v in values)
    assert data["alerts"][0]["name"] == "LatencySLOBurn"
    assert isinstance(data["alerts"][0]["fires_at"], int)
    for answer_word in ("answer", "prompt_bloat", "rollback_prompt", "harmful", "resolves"):
        assert answer_word not in outputs[0]


def test_json_preview_with_spoilers_has_the_answer(capsys):
    assert main(["preview", str(FIXTURE), "--seed", "7", "--format", "json"]) == 0
    hidden = json.loads(capsys.readouterr().out)
    assert main(["preview", str(FIXTURE), "--seed", "7", "--format", "json", "--spoilers"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["id", "seed", "signals", "alerts", "loop", "answer"]
    assert data["answer"] == {"diagnosis": "prompt_bloat", "remediations": ["rollback_prompt"]}
    del data["answer"]
    assert data == hidden


def test_values_are_rounded_to_six_significant_digits():
    from triage.authoring.preview import round_value

    assert round_value(123.456789) == 123.457
    assert round_value(0.000123456789) == 0.000123457
    assert round_value(-0.0) == 0.0 and str(round_value(-0.0)) == "0.0"
    assert round_value(float("nan")) is None and round_value(float("inf")) is None


def test_preview_by_id_from_an_extra_directory(tmp_path, capsys):
    (tmp_path / "mine.yaml").write_text(FIXTURE.read_text())
    assert main(["preview", "test-latency-regression", "--dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("test-latency-regression: ")


def test_missing_file_is_a_usage_error_and_invalid_file_exits_one(tmp_path, capsys):
    assert main(["preview", str(tmp_path / "nope.yaml")]) == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text(FIXTURE.read_text().replace("difficulty: 1", "difficulty: 7"))
    assert main(["preview", str(bad)]) == 1
    assert f"{bad}:" in capsys.readouterr().err


def test_preview_works_in_a_pipe_without_textual():
    code = ("import sys\nfrom triage.cli import main\nrc = main(sys.argv[1:])\n"
            "print('textual' in sys.modules, file=sys.stderr)\nsys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code, "preview", str(FIXTURE)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stderr.strip() == "False"
    assert "DASHBOARD Operational" in proc.stdout and "\x1b" not in proc.stdout


def test_reports_are_rendered_as_of_the_page(tmp_path, capsys):
    path = tmp_path / "drift.yaml"
    assert main(["new", str(path), "--pitfall", "input_drift"]) == 0
    capsys.readouterr()
    assert main(["preview", str(path), "--seed", "2"]) == 0
    out = capsys.readouterr().out
    report = out[out.index("REPORTS (as of minute "):]
    assert "drift_report: Drift report" in report and "amount" in report
