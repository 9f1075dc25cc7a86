"""Cross-reference checks of the story around the signals: what log lines quote and how long they
repeat. Called by `triage.model.crossref.check_incident`; each finding points at the value."""

from __future__ import annotations

from collections.abc import Iterator

from triage.model.crossref import Finding, suggest
from triage.model.incident import Incident
from triage.model.logtemplate import quoted_signals


def _low(value: float | tuple[float, float]) -> float:
    return value[0] if isinstance(value, tuple) else value


def _high(value: float | tuple[float, float]) -> float:
    return value[1] if isinstance(value, tuple) else value


def check_story(inc: Incident) -> Iterator[Finding]:
    """Quoted signals exist; `until` ends a repeating line, no earlier than it starts."""
    signals = [signal.id for signal in inc.signals]
    for index, line in enumerate(inc.logs):
        for name in dict.fromkeys(quoted_signals(line.message)):
            if name not in signals:
                yield Finding(("logs", index, "message"), (
                    f"the message quotes {{{name}}}, but no signal is named '{name}'"
                    f"{suggest(name, signals)}; write {{{{ and }}}} for literal braces"))
        if line.until is None:
            continue
        if line.every is None:
            yield Finding(("logs", index, "until"),
                          "until stops a repeating line: give the line an every, or drop until")
        elif _high(line.until) < _low(line.at):
            yield Finding(("logs", index, "until"), (
                f"until ({_high(line.until):g} min) comes before the line's first time "
                f"({_low(line.at):g} min, both from the onset)"))
