"""Export an incident's simulated series: OpenMetrics text for Prometheus, or CSV.

The OpenMetrics output is what `promtool tsdb create-blocks-from openmetrics FILE DIR` loads: one
gauge family per signal (`# HELP`, `# TYPE x gauge`, `# UNIT` only when the name already ends in
the unit, as the format requires), one sample per simulated minute with its timestamp in seconds,
labels `incident` and `seed`, and `# EOF` last. Metric names are the signal ids made safe for
Prometheus (`[a-zA-Z_:][a-zA-Z0-9_:]*`): other characters become `_`, a leading digit gets a `_`
in front, and names that would collide get a numeric suffix. Names also pass `promtool check
metrics`, whose linter reads `_`-separated words as units: an abbreviation (`conversion_us`, where
`us` means the United States, reads as microseconds) is joined to the word before it, a
non-base unit in the singular (`psi_days_since` becomes `psi_day_since`), and the family's type
word (`gauge`) joined to the word before it. A signal's `metric:` names its family instead of
its id. The values are never converted.

Minute 0 of the timeline is `start` (by default a fixed epoch, so exports are byte-identical for
the same incident and seed).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

from triage.model.incident import Signal
from triage.sim.world import World
from triage.text.safe import clean_line

DEFAULT_START = datetime(2025, 1, 1, tzinfo=timezone.utc)
"""Minute 0 of an export when no `--start` is given."""

_BAD_CHARS = re.compile(r"[^a-zA-Z0-9_:]")
_UNIT_WORD = re.compile(r"^[a-z][a-z0-9_]*$")
_RESERVED_SUFFIXES = ("_total", "_created", "_count", "_sum", "_bucket", "_gcount", "_gsum",
                      "_info")
_LINT_ABBREVIATIONS = frozenset(
    ("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d"))
"""Words promtool's linter reads as abbreviated units ("metric names should not contain
abbreviated units")."""
_LINT_NON_BASE = frozenset(("minutes", "hours", "days", "weeks", "kelvins", "fahrenheit",
                            "rankine", "inches", "yards", "miles", "bits", "calories", "pounds",
                            "ounces"))
"""Units the linter asks to replace by a base unit ("use base unit ... instead of ...")."""
_LINT_BASE = frozenset(("amperes", "bytes", "celsius", "grams", "joules", "kelvin", "meters",
                        "metres", "seconds", "volts"))
_LINT_PREFIXES = ("pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo",
                  "kibi", "mega", "mibi", "giga", "gibi", "tera", "tebi", "peta", "pebi")


def sanitize_metric_name(text: str) -> str:
    """`text` as a valid Prometheus metric name."""
    name = _BAD_CHARS.sub("_", text) or "_"
    return f"_{name}" if name[0].isdigit() else name


def _non_base_unit(word: str) -> bool:
    if word in _LINT_NON_BASE:
        return True
    return any(word.startswith(p) and word[len(p):] in _LINT_BASE | _LINT_NON_BASE
               for p in _LINT_PREFIXES)


def lint_clean_name(name: str, kind: str = "gauge") -> str:
    """`name` with the words `promtool check metrics` would flag rewritten.

    The linter splits names on `_`. A non-base unit goes into the singular (`psi_days_since` ->
    `psi_day_since`); an abbreviated unit or the type word, which it flags only after a `_`, is
    joined to the word before it (`conversion_us` -> `conversionus`). A signal's `metric:` lets
    an author choose a better name (`conversion_united_states`).
    """
    words = name.split("_")
    out: list[str] = []
    for word in words:
        lower = word.lower()
        if out and out[-1] and (lower in _LINT_ABBREVIATIONS or lower == kind):
            out[-1] += word
            continue
        if _non_base_unit(lower):
            singular = word[:-1] if lower.endswith("s") else ""
            word = singular if singular and not _non_base_unit(singular.lower()) else "deg" + word
        out.append(word)
    return "_".join(out)


def metric_names(signals: Iterable[Signal], prefix: str = "") -> dict[str, str]:
    """A unique metric name for each signal id, in order, that promtool's linter accepts."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for signal in signals:
        name = lint_clean_name(sanitize_metric_name(prefix + (signal.metric or signal.id)))
        if name.endswith(_RESERVED_SUFFIXES):  # a gauge named like a counter's part confuses
            name += "_value"
        candidate, number = name, 2
        while candidate in taken:
            candidate, number = f"{name}_{number}", number + 1
        taken.add(candidate)
        names[signal.id] = candidate
    return names


def parse_start(text: str) -> datetime:
    """An ISO 8601 time (`2026-06-12T09:00:00Z`); a time without a zone is taken as UTC."""
    when = datetime.fromisoformat(text.strip().replace("z", "Z"))
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)


def _escape_help(text: str) -> str:
    return clean_line(text.replace("\\", "\\\\").replace("\n", "\\n"))


def _escape_label(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def format_value(value: float) -> str:
    """A sample value as OpenMetrics writes it (`NaN`, `+Inf`, `-Inf` or a plain number)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def openmetrics_text(world: World, *, start: datetime = DEFAULT_START, prefix: str = "") -> str:
    """The world's series as an OpenMetrics exposition, one gauge family per signal."""
    incident = world.incident
    names = metric_names(incident.signals, prefix)
    base = int(start.timestamp())
    labels = f'{{incident="{_escape_label(incident.id)}",seed="{world.seed}"}}'
    out = io.StringIO()
    for signal in incident.signals:
        name = names[signal.id]
        help_text = signal.title + (f" ({signal.unit})" if signal.unit else "")
        out.write(f"# HELP {name} {_escape_help(help_text)}\n")
        out.write(f"# TYPE {name} gauge\n")
        unit = signal.unit.strip().lower()
        if _UNIT_WORD.match(unit) and name.endswith(f"_{unit}"):
            out.write(f"# UNIT {name} {unit}\n")
        values = world.series[signal.id]
        for minute, value in enumerate(values):
            out.write(f"{name}{labels} {format_value(float(value))} {base + 60 * minute}\n")
    out.write("# EOF\n")
    return out.getvalue()


def csv_text(world: World, *, start: datetime = DEFAULT_START) -> str:
    """The world's series as CSV: `minute`, `timestamp` (UTC, ISO 8601), one column per signal."""
    signals = world.incident.signals
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["minute", "timestamp", *(s.id for s in signals)])
    columns = [world.series[s.id] for s in signals]
    begin = start.astimezone(timezone.utc)
    for minute in range(world.minutes):
        stamp = (begin + timedelta(minutes=minute)).strftime("%Y-%m-%dT%H:%M:%SZ")
        writer.writerow([minute, stamp, *(format_value(float(c[minute])) for c in columns)])
    return out.getvalue()
