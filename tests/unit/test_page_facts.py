"""The page's facts kept in the incident index: what `triage play ID` draws before the play exists.

The facts must be the incident's own (as the validated incident gives them), come back from the
cache unchanged, be judged again when the cache's copy is damaged, and report an unknown id or a
bad file as `find_incident` does.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from triage.model.index import CACHE_NAME, incident_index
from triage.model.loader import IncidentError, load_incident
from triage.model.pack import builtin_dir, incident_files
from triage.model.pagefacts import PageFacts, facts_of
from triage.model.playsource import play_source

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_every_pack_incident_keeps_its_page_facts_through_the_cache(tmp_path: Path) -> None:
    files = incident_files([builtin_dir()])
    cold = incident_index(files, tmp_path)
    warm = incident_index(files, tmp_path)
    assert set(cold.pages) == {entry.path for entry in cold.entries.values()}
    for path, facts in warm.pages.items():
        assert facts == cold.pages[path]
        incident = load_incident(path).incident
        assert facts == facts_of(incident)
        assert facts.complete and facts.alert is not None
        assert facts.alert.name == incident.page  # every built-in incident names its page


def test_damaged_page_facts_are_judged_again(tmp_path: Path) -> None:
    target = tmp_path / "one.yaml"
    shutil.copy(FIXTURES / "shapes_only.yaml", target)
    first = incident_index([target], tmp_path / "cache").pages[target]
    cache = tmp_path / "cache" / CACHE_NAME
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["files"][str(target)]["page"]["difficulty"] = "hard"  # not a number
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert incident_index([target], tmp_path / "cache").pages[target] == first


def test_an_incident_without_a_named_page_waits_for_the_simulation(tmp_path: Path) -> None:
    text = (FIXTURES / "shapes_only.yaml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("page:")]
    target = tmp_path / "unnamed.yaml"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    facts = play_source(str(target)).facts
    assert facts.alert is None and not facts.complete
    assert facts.title == load_incident(target).incident.title


def test_unknown_ids_and_bad_files_are_reported_as_find_incident_does(tmp_path: Path) -> None:
    with pytest.raises(IncidentError) as unknown:
        play_source("no-such-incident-xyz")
    assert "no incident with id 'no-such-incident-xyz'" in unknown.value.problems[0].message
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: triage/incident@1\nid: bad one\n", encoding="utf-8")
    with pytest.raises(IncidentError) as invalid:
        play_source(str(bad))
    assert invalid.value.problems and all(p.path == str(bad) for p in invalid.value.problems)


def test_facts_refuse_a_shape_they_do_not_have() -> None:
    good = facts_of(load_incident(FIXTURES / "shapes_only.yaml").incident).as_json()
    assert PageFacts.from_json(good) is not None
    assert PageFacts.from_json({**good, "title": 5}) is None
    assert PageFacts.from_json({**good, "clock_minutes": True}) is None
    assert PageFacts.from_json({k: v for k, v in good.items() if k != "briefing"}) is None
    assert PageFacts.from_json("not a mapping") is None
