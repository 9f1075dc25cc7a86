"""The cached incident index behind `triage list` and `find_incident`: same answers, less work."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from triage.model.index import CACHE_NAME, incident_index
from triage.model.pack import builtin_dir, find_incident, load_catalog, yaml_files

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    """A directory with a valid incident, a schema error, a YAML error and a duplicate id."""
    folder = tmp_path / "extra"
    folder.mkdir()
    shutil.copy(FIXTURES / "shapes_only.yaml", folder / "good.yaml")
    (folder / "bad.yaml").write_text("schema: triage/incident@1\nid: bad one\n")
    (folder / "broken.yaml").write_text("a: [\n")
    shutil.copy(FIXTURES / "shapes_only.yaml", folder / "zz-again.yaml")
    return folder


def _as_catalog(index):  # noqa: ANN001, ANN202
    return ([(e.id, e.title, e.pitfall, e.difficulty, e.service, e.path) for e in index.sorted()],
            index.problems)


def test_index_agrees_with_the_catalog_cold_and_warm(extra: Path, tmp_path: Path) -> None:
    catalog = load_catalog([extra])
    expected = ([(x.incident.id, x.incident.title, x.incident.pitfall, x.incident.difficulty,
                  x.incident.service, x.path) for x in catalog.sorted()], catalog.problems)
    files = yaml_files([builtin_dir(), extra])
    cold = incident_index(files, tmp_path / "cache")
    assert (tmp_path / "cache" / CACHE_NAME).is_file()
    warm = incident_index(files, tmp_path / "cache")
    assert _as_catalog(cold) == expected == _as_catalog(warm)
    assert any("duplicate incident id" in p.message for p in warm.problems)


def test_a_changed_file_is_judged_again(extra: Path, tmp_path: Path) -> None:
    files = yaml_files([extra])
    incident_index(files, tmp_path)
    good = extra / "good.yaml"
    good.write_text(good.read_text().replace("difficulty: ", "difficulty: 9", 1))
    problems = incident_index(files, tmp_path).problems
    assert any(p.path == str(good) and p.key == "difficulty" for p in problems)


@pytest.mark.parametrize("damage", ["{", '{"format": 1, "fingerprint": 3}', "[]",
                                    '{"format": 1, "fingerprint": "x", "files": {"a": 1}}'])
def test_a_damaged_cache_is_ignored(extra: Path, tmp_path: Path, damage: str) -> None:
    files = yaml_files([extra])
    expected = _as_catalog(incident_index(files, tmp_path))
    (tmp_path / CACHE_NAME).write_text(damage)
    assert _as_catalog(incident_index(files, tmp_path)) == expected


def test_a_cache_that_cannot_be_written_only_costs_time(extra: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    index = incident_index(yaml_files([extra]), blocker / "cache")
    assert [e.id for e in index.sorted()] == ["test-latency-regression"]


def test_find_incident_by_id_uses_the_index(extra: Path) -> None:
    assert find_incident("test-latency-regression", [extra]).path == extra / "good.yaml"
    with pytest.raises(Exception, match="did you mean .test-latency-regression."):
        find_incident("test-latency-regresion", [extra])


def test_warm_list_imports_neither_pydantic_nor_yaml(tmp_path: Path) -> None:
    code = ("import sys\nfrom triage.cli import main\nmain(['list'])\n"
            "print(sorted(m for m in ('pydantic', 'yaml', 'textual') if m in sys.modules),"
            " file=sys.stderr)")
    env = {"TRIAGE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    assert runs[1].stderr.strip().splitlines()[-1] == "[]"


def test_the_catalog_validates_an_incident_only_when_it_is_used(extra: Path) -> None:
    catalog = load_catalog([extra])
    assert "test-latency-regression" in catalog.incidents and len(catalog.incidents) > 1
    assert not catalog.incidents._loaded  # type: ignore[attr-defined]
    loaded = catalog.incidents["test-latency-regression"]
    assert loaded is catalog.incidents["test-latency-regression"]
    assert loaded.path == extra / "good.yaml" and loaded.incident.difficulty == 1
    assert list(catalog.incidents)[-1] == "test-latency-regression"
    assert catalog.incidents.get("nope") is None and "nope" not in catalog.incidents
