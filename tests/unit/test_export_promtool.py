"""`triage export --format openmetrics` for every built-in incident: Prometheus's own parser reads
it, and `promtool check metrics` (its linter) accepts it. The promtool test skips when promtool is
not installed (Debian package `prometheus`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from triage.commands.exporting import lint_clean_name, metric_names, openmetrics_text
from triage.model.loader import load_incident
from triage.sim.world import build_world

PACK = sorted((Path(__file__).parents[2] / "incidents").glob("*.yaml"))


@pytest.fixture(scope="module")
def exports() -> dict[str, str]:
    return {path.stem: openmetrics_text(build_world(load_incident(path).incident, 1))
            for path in PACK}


def test_every_builtin_export_parses_with_prometheus_client(exports: dict[str, str]) -> None:
    parser = pytest.importorskip("prometheus_client.openmetrics.parser")
    assert len(exports) == len(PACK) >= 26
    for stem, text in exports.items():
        incident = load_incident(Path(PACK[0].parent / f"{stem}.yaml")).incident
        families = list(parser.text_string_to_metric_families(text))
        assert len(families) == len(incident.signals), stem
        assert all(len(f.samples) == incident.timeline.duration for f in families), stem


def test_every_builtin_export_passes_promtool_check_metrics(exports: dict[str, str]) -> None:
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.skip("promtool is not installed (Debian package 'prometheus')")
    failures = {}
    for stem, text in exports.items():
        run = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True,
                             text=True, timeout=60)
        if run.returncode != 0:
            failures[stem] = (run.stdout + run.stderr).strip()
    assert failures == {}


def test_names_that_promtool_reads_as_units_are_rewritten_not_converted() -> None:
    # `_us` is microseconds to the linter, `days` a non-base unit; neither may end a name.
    assert lint_clean_name("conversion_us") == "conversionus"
    assert lint_clean_name("psi_days_since") == "psi_day_since"
    assert lint_clean_name("p95_latency_ms") == "p95_latencyms"
    assert lint_clean_name("queue_gauge_depth") == "queuegauge_depth"
    assert lint_clean_name("cost_milliseconds_total") == "cost_millisecond_total"
    assert lint_clean_name("latency_seconds") == "latency_seconds"
    assert lint_clean_name("us_share") == "us_share"  # no `_` before it: the linter allows it


def test_a_signals_metric_names_its_family(shapes_incident) -> None:
    first, second = shapes_incident.signals[:2]
    named = first.model_copy(update={"id": "conversion_us", "metric": "conversion_united_states"})
    other = second.model_copy(update={"id": "rec_ctr_us"})
    assert list(metric_names([named, other]).values()) == ["conversion_united_states",
                                                           "rec_ctrus"]
