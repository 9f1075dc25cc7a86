"""`triage export`: OpenMetrics that Prometheus tooling accepts, and CSV, both deterministic."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from triage.commands.exporting import (
    metric_names,
    openmetrics_text,
    parse_start,
    sanitize_metric_name,
)
from triage.model.loader import load_incident
from triage.sim.world import build_world

INCIDENT = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
METRIC = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")


def triage(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "triage", *argv], capture_output=True,
                          text=True, timeout=120)


def test_openmetrics_parses_with_the_strict_parser() -> None:
    parser = pytest.importorskip("prometheus_client.openmetrics.parser")
    run = triage("export", str(INCIDENT), "--seed", "3", "--format", "openmetrics")
    assert run.returncode == 0, run.stderr
    assert run.stdout.endswith("# EOF\n")
    families = list(parser.text_string_to_metric_families(run.stdout))
    incident = load_incident(INCIDENT).incident
    assert [f.name for f in families] == [s.id for s in incident.signals]
    assert {f.type for f in families} == {"gauge"}
    world = build_world(incident, 3)
    first = families[0].samples
    assert len(first) == world.minutes
    assert first[0].labels == {"incident": "test-latency-regression", "seed": "3"}
    stamps = [float(sample.timestamp) for sample in first[:2]]  # Timestamp objects
    assert stamps == [datetime(2025, 1, 1, tzinfo=timezone.utc).timestamp() + 60 * m
                      for m in (0, 1)]
    assert first[10].value == pytest.approx(float(world.series["p99_latency"][10]))


def test_export_is_deterministic_and_honours_start() -> None:
    one = triage("export", str(INCIDENT), "--seed", "5", "--start", "2026-06-12T09:00:00Z")
    two = triage("export", str(INCIDENT), "--seed", "5", "--start", "2026-06-12T09:00:00Z")
    assert one.stdout == two.stdout
    stamp = int(datetime(2026, 6, 12, 9, tzinfo=timezone.utc).timestamp())
    assert one.stdout.splitlines()[2].endswith(f" {stamp}")
    assert triage("export", str(INCIDENT), "--start", "yesterday").returncode == 2
    # An unknown id is a usage error, as a missing file is.
    assert triage("export", "no-such-incident").returncode == 2


def test_csv_has_minute_timestamp_and_a_column_per_signal(tmp_path: Path) -> None:
    out = tmp_path / "series.csv"
    run = triage("export", str(INCIDENT), "--seed", "3", "--format", "csv", "-o", str(out))
    assert run.returncode == 0, run.stderr
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0] == ["minute", "timestamp", "p99_latency", "tokens_per_request", "error_rate",
                       "accuracy", "thumbs_down"]
    assert rows[1][:2] == ["0", "2025-01-01T00:00:00Z"] and rows[2][1] == "2025-01-01T00:01:00Z"
    assert len(rows) == 1 + 360


def test_metric_names_are_sanitised_and_unique(shapes_incident) -> None:
    assert sanitize_metric_name("gen_ai.client.token-usage") == "gen_ai_client_token_usage"
    assert sanitize_metric_name("9lives") == "_9lives"
    signal = shapes_incident.signals[0]
    clones = [signal.model_copy(update={"id": name}) for name in
              ("a.b", "a-b", "requests_total", "x")]
    names = metric_names(clones, prefix="triage_")
    # `_b` would read as "bytes" to promtool's linter, so `b` joins the word before it
    assert list(names.values()) == ["triage_ab", "triage_ab_2", "triage_requests_total_value",
                                    "triage_x"]
    assert all(METRIC.match(n) for n in names.values())


def test_unit_is_declared_only_when_the_name_carries_it(shapes_incident) -> None:
    parser = pytest.importorskip("prometheus_client.openmetrics.parser")
    signal = shapes_incident.signals[0].model_copy(update={"id": "latency_seconds",
                                                            "unit": "seconds"})
    incident = shapes_incident.model_copy(update={"signals": [signal]})
    world = build_world(shapes_incident, 1)
    world.incident = incident
    world.series = {"latency_seconds": world.series["p99_latency"]}
    text = openmetrics_text(world, start=parse_start("2026-01-01T00:00:00"))
    assert "# UNIT latency_seconds seconds" in text
    family = next(iter(parser.text_string_to_metric_families(text)))
    assert family.unit == "seconds"
