"""The editor says what `triage validate` says: the real yaml-language-server, given `triage
schema`, reports the same values at the same positions, with the same words for patterns.

Needs node and the `yaml-language-server` npm package (`.ci/run` installs it under
.ci/node_modules; `YAML_LANGUAGE_SERVER_MODULES` may point at another node_modules). Skipped
without them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from triage.authoring.jsonschema_export import json_schema
from triage.authoring.validation import validate_file

REPO = Path(__file__).parent.parent.parent
MODULES = Path(os.environ.get("YAML_LANGUAGE_SERVER_MODULES", REPO / ".ci" / "node_modules"))
SCRIPT = REPO / "tests" / "tools" / "yamlls_diagnostics.js"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (MODULES / "yaml-language-server").is_dir(),
    reason="node and yaml-language-server are not installed")


def editor(schema: Path, path: Path) -> list[str]:
    result = subprocess.run(["node", str(SCRIPT), str(schema), str(path)], capture_output=True,
                            text=True, timeout=60, env={**os.environ, "NODE_PATH": str(MODULES)})
    lines = result.stdout.splitlines()
    assert lines and lines[-1] == "--done--", result.stdout + result.stderr
    return lines[:-1]


def test_the_editor_and_validate_report_the_same_places_and_words(tmp_path):
    schema = tmp_path / "incident.schema.json"
    schema.write_text(json.dumps(json_schema("incident")), encoding="utf-8")
    text = (REPO / "tests" / "fixtures" / "shapes_only.yaml").read_text(encoding="utf-8")
    for old, new in (("name: LatencySLOBurn", "name: latency-slo"),
                     ("  - id: p99_latency", "  - id: P99"),
                     ("every: 30m", "every: -30m"),
                     ("difficulty: 1", 'difficulty: "1"'),
                     ("    baseline: 420", "    baseline: 5e-2")):  # a number to both
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "probe.yaml"
    path.write_text(text, encoding="utf-8")
    seen = editor(schema, path)
    problems = validate_file(path).problems
    assert [line.split(": ", 1)[0] for line in seen] == [f"{p.line}:{p.col}" for p in problems]
    assert "6:13: Incorrect type. Expected \"integer\"." in seen
    words = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in seen}
    for problem in problems:
        said = words[f"{problem.line}:{problem.col}"]
        if "is not valid here: " in problem.message:  # a pattern: the same words in both
            assert problem.message.endswith(said), (problem.message, said)
