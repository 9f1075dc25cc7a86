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
                    "ALERTS", "CHANGES", "DIAGNOSES", "REMEDIATIONS", "EVIDENCE"):
        assert heading in out
    for signal in incident.signals:
        assert f"  {signal.id}: {signal.title}" in out
    assert f"LatencySLOBurn [page] p99_latency > 800 for 3m: fires at minute {fires}" in out
    assert "<- pages" in out
    assert "* prompt_bloat: The new prompt inflated tokens per request" in out
    assert "harmful   raise_timeout" in out
    sparklines = [line.strip() for line in out.splitlines()
                  if line.strip() and set(line.strip()) <= set("▁▂▃▄▅▆▇█")]
    assert len(sparklines) == len(incident.signals)
    assert all(len(line) == 68 for line in sparklines)  # width 72, the whole 360-minute timeline
    assert "\x1b" not in out


def test_json_preview_is_byte_identical_per_seed_and_differs_across_seeds(capsys):
    outputs = []
    for seed in ("7", "7", "8"):
        assert main(["preview", str(FIXTURE), "--seed", seed, "--format", "json"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]
    data = json.loads(outputs[0])
    assert list(data) == ["id", "seed", "signals", "alerts", "answer"]
    assert (data["id"], data["seed"]) == ("test-latency-regression", 7)
    assert set(data["signals"]) == {"p99_latency", "tokens_per_request", "error_rate",
                                    "accuracy", "thumbs_down"}
    assert all(len(values) == 360 for values in data["signals"].values())
    assert all(float(f"{v:.6g}") == v for values in data["signals"].values() for v in values)
    assert data["alerts"][0]["name"] == "LatencySLOBurn"
    assert isinstance(data["alerts"][0]["fires_at"], int)
    assert data["answer"] == {"diagnosis": "prompt_bloat", "remediations": ["rollback_prompt"]}


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
