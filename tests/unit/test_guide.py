"""docs/authoring.md says what an author runs into, and stays true: its generated tables equal the
code, every full incident it shows validates without a warning and passes `check` as written,
its fragments are valid, and the behaviour it warns about (which alert pages) is what happens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter

from triage.authoring.guidetables import TABLES, regenerate, section
from triage.cli import main
from triage.model.colleague import Question
from triage.model.pitfalls import PITFALLS
from triage.model.quotes import MOMENTS, PLACEHOLDER

REPO = Path(__file__).parents[2]
GUIDE = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```\n", GUIDE, re.S)
INCIDENTS = [block for block in BLOCKS if re.search(r"^schema: triage/incident@1$", block, re.M)]


def incident_id(text: str) -> str:
    found = re.search(r"^id: ([\w.-]+)", text, re.M)
    assert found, "a full example has an id"
    return found.group(1)


# -- generated tables ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_generated_tables_are_the_codes(name: str) -> None:
    shown = section(GUIDE, name)
    assert shown is not None, f"docs/authoring.md has no {name} markers"
    assert shown == TABLES[name](), (
        f"the {name} table in docs/authoring.md is out of date: run "
        "'python -m triage.authoring.guidetables docs/authoring.md'")
    assert regenerate(GUIDE) == GUIDE


def test_every_pitfall_card_is_in_the_guide_line_for_line() -> None:
    cards = section(GUIDE, "pitfall-cards") or ""
    for card in PITFALLS.values():
        assert f"**{card.title}** (`{card.id}`)" in cards
        for text in (card.see, card.means, card.monitor, card.do):
            assert text in cards
    templates = REPO / "src" / "triage" / "authoring" / "templates"
    quick_start = GUIDE[GUIDE.index("## Quick start"):GUIDE.index("## Editor support")]
    for pitfall in PITFALLS:  # every pitfall `triage new` scaffolds is named where it is used
        assert (templates / f"{pitfall}.yaml").is_file()
        assert f"`{pitfall}`" in quick_start


def test_a_list_that_is_too_short_is_reported_as_the_table_says(tmp_path, capsys) -> None:
    sizes = section(GUIDE, "list-sizes") or ""
    assert "| `diagnoses` | 2 | 12 |" in sizes
    path = tmp_path / "lr-push-divergence.yaml"
    example = INCIDENTS[0]
    start = example.index("\ndiagnoses:")
    end = example.index("\n  - id: bad_batch", start)
    after = example.index("\nremediations:", end)
    path.write_text(example[:end] + example[after:], encoding="utf-8")  # one diagnosis left
    assert main(["validate", str(path)]) == 1
    assert "diagnoses needs at least 2 items; it has 1" in capsys.readouterr().out


# -- worked examples ----------------------------------------------------------------------------


def test_the_guide_shows_the_complete_and_the_variants_examples() -> None:
    assert [incident_id(text) for text in INCIDENTS][:2] == ["lr-push-divergence", "bot-latency"]


@pytest.mark.parametrize("text", INCIDENTS, ids=[incident_id(t) for t in INCIDENTS])
def test_every_full_example_validates_without_warnings_and_checks(text, tmp_path, capsys) -> None:
    path = tmp_path / f"{incident_id(text)}.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "warning" not in out, out
    assert main(["check", "--spoilers", "--seeds", "1", str(path)]) == 0, \
        capsys.readouterr().out


def test_the_fragments_are_valid_as_far_as_they_go() -> None:
    questions = next(b for b in BLOCKS if b.startswith("questions:"))
    parsed = TypeAdapter(list[Question]).validate_python(yaml.safe_load(questions)["questions"])
    assert {q.topic for q in parsed} <= {"recent-changes", "data-sources", "evaluation",
                                         "opinion"}
    lesson = next(b for b in BLOCKS if b.startswith("debrief:"))
    found = PLACEHOLDER.findall(lesson)
    assert len(found) >= 4
    for _signal, moment, ratio, _decimals in found:
        assert moment in MOMENTS and (not ratio or ratio in MOMENTS)


# -- what the guide warns about -----------------------------------------------------------------


def test_without_page_a_warning_that_fires_first_pages(tmp_path) -> None:
    """The guide: severity is a badge and decides nothing; the first alert to fire pages."""
    from triage.engine.session import Session
    from triage.model.loader import incident_from_bytes

    text = INCIDENTS[0].replace("page: GradientNormSpike", "")
    text = text.replace("    above: 0.8\n    severity: warning",
                        "    above: 0.0\n    severity: warning")  # fires at minute 0
    incident = incident_from_bytes(text.encode(), tmp_path / "x.yaml").incident
    page = Session(incident, 1).page
    assert page is not None and page.alert.name == "TrainingLossSpike"
    assert page.alert.severity == "warning"


def test_the_clock_starts_at_midnight_unless_the_timeline_sets_it(tmp_path) -> None:
    from triage.engine.session import Session
    from triage.model.loader import incident_from_bytes
    from triage.text.clock import clock

    text = INCIDENTS[0]
    later = text.replace("  duration: 6h\n", '  duration: 6h\n  clock: "09:40"\n')
    for written, start in ((text, 0), (later, 9 * 60 + 40)):
        incident = incident_from_bytes(written.encode(), tmp_path / "x.yaml").incident
        assert incident.timeline.clock_minutes == start
        page = Session(incident, 3).page_minute  # about two hours in
        shown = (int(page) + start) % (24 * 60)
        assert clock(page, page, start) == f"{shown // 60:02d}:{shown % 60:02d}"
