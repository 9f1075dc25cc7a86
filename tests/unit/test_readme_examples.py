"""What the README shows a player must work when they copy it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from triage.cli import main

README = Path(__file__).parents[2] / "README.md"


def test_the_readme_actions_file_plays_the_incident_it_names(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TRIAGE_HOME", str(tmp_path / "home"))
    text = README.read_text(encoding="utf-8")
    command = re.search(r"`triage play (\S+) --seed (\d+) --headless --actions FILE`:", text)
    block = re.search(r"```yaml\n(- acknowledge\n.*?)```", text, re.S)
    assert command and block, "the README shows an actions file and the play it is for"
    actions = tmp_path / "actions.yaml"
    actions.write_text(block.group(1), encoding="utf-8")
    code = main(["play", command.group(1), "--seed", command.group(2), "--headless",
                 "--actions", str(actions), "--format", "json"])
    debrief = json.loads(capsys.readouterr().out)
    assert code == 0
    assert debrief["breakdown"]["diagnosis"]["detail"] == "right root cause"
    assert debrief["breakdown"]["remediation"]["detail"] == "chose 1 resolving"
    # The example shows a supported diagnosis: it cites decisive evidence and passes well.
    assert "cap" not in debrief["breakdown"]["evidence"], debrief["breakdown"]["evidence"]
    assert {"ref": "optimizer-change", "role": "decisive"} in debrief["cited"]
    assert debrief["grade"] in ("A", "B")
    assert debrief["rules"] == 3 and debrief["resolved"] is True, "it plays the on-call loop"
    assert debrief["breakdown"]["resolution"]["points"] == 5, "resolved once the harm stopped"
