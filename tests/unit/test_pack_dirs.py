"""`--dir` folders hold more than incidents: plans and actions files are not read as incidents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from triage.cli import main

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"


def test_list_skips_plans_and_actions_files(tmp_path: Path, capsys) -> None:
    shutil.copy(FIXTURE, tmp_path / "latency.yaml")
    (tmp_path / "plan.yaml").write_text(
        "schema: triage/gameday@1\ntitle: Drill\nteams: [red]\nrounds: []\n", encoding="utf-8")
    (tmp_path / "latency.actions.yaml").write_text("- acknowledge\n", encoding="utf-8")
    assert main(["list", "--dir", str(tmp_path), "--format", "json"]) == 0
    listed = {row["id"] for row in json.loads(capsys.readouterr().out)}
    assert "test-latency-regression" in listed


def test_a_broken_incident_beside_them_is_still_reported(tmp_path: Path, capsys) -> None:
    (tmp_path / "broken.yaml").write_text("schema: triage/incident@1\nid: x\n", encoding="utf-8")
    assert main(["list", "--dir", str(tmp_path)]) == 1
    assert "broken.yaml" in capsys.readouterr().err
