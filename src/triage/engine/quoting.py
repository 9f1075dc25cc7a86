"""Fill the lesson's `{signal@moment}` placeholders (`triage.model.quotes`) from a play's world.

`quoted(incident, moments)` is the incident with its debrief texts and explanations filled, as
the debrief shows them; `Moments.of(session)` reads the moments off a play (the decision is the
what-if's: the remediation, or the end of the play). A placeholder that cannot be read (an
unknown signal, which `triage validate` reports) is left as written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from triage.model.quotes import LESSON_FIELDS, Quote, quotes
from triage.text.plot import format_value

if TYPE_CHECKING:
    from triage.engine.session import Session
    from triage.model.incident import Incident
    from triage.sim.world import World

BEFORE_WINDOW = 60
"""Minutes before the onset whose median is the usual value (`before`)."""


@dataclass(frozen=True)
class Moments:
    """The minutes a play's placeholders read: its world, onset, page and decision."""

    world: World
    page_minute: int
    decision_minute: float

    @classmethod
    def of(cls, session: Session) -> Moments:
        """The moments of a play (the decision as the what-if has it)."""
        from triage.engine.whatif import decision_minute

        return cls(session.world, session.page_minute, decision_minute(session))

    def value(self, signal: str, moment: str) -> float:
        """The signal's value at a moment (NaN when there is no such series)."""
        series = self.world.series.get(signal)
        if series is None or not len(series):
            return math.nan
        last = len(series) - 1
        onset = min(max(int(self.world.onset), 0), last)
        decision = min(max(int(self.decision_minute), 0), last)
        with np.errstate(all="ignore"):
            if moment == "before":
                window = series[max(0, onset - BEFORE_WINDOW):onset]
                finite = window[np.isfinite(window)]
                return float(np.median(finite)) if finite.size else float(series[0])
            if moment in ("peak", "low"):
                span = series[min(onset, decision):decision + 1]
                finite = span[np.isfinite(span)]
                if not finite.size:
                    return math.nan
                return float(finite.max() if moment == "peak" else finite.min())
        at = {"onset": onset, "page": self.page_minute, "decision": decision,
              "end": last}.get(moment)
        return math.nan if at is None else float(series[min(max(at, 0), last)])


def _unit(text: str, unit: str) -> str:
    unit = unit.strip()
    if not unit:
        return text
    if unit.startswith("$"):  # `$39`, `$4,408/h`
        return f"${text}{unit[1:]}"
    return f"{text}{unit}" if unit[0] in "%/x" else f"{text} {unit}"


def render_quote(incident: Incident, moments: Moments, quote: Quote) -> str | None:
    """What a placeholder reads as, or None when it names no signal."""
    try:
        signal = incident.signal(quote.signal)
    except KeyError:
        return None
    value = moments.value(quote.signal, quote.moment)
    if quote.over is not None:
        base = moments.value(quote.signal, quote.over)
        if not (math.isfinite(value) and math.isfinite(base)) or base == 0:
            return "n/a"
        ratio = value / base
        decimals = quote.decimals if quote.decimals is not None else (0 if ratio >= 10 else 1)
        return f"{ratio:,.{decimals}f}x"
    if not math.isfinite(value):
        return "NaN"
    decimals = quote.decimals if quote.decimals is not None else signal.decimals
    return _unit(format_value(value, decimals), signal.unit)


def fill(text: str, incident: Incident, moments: Moments) -> str:
    """`text` with each placeholder replaced by what it reads as in this play, and `%%` (a
    percentage that is no panel's reading) shown as `%`."""
    found = quotes(text)
    out, last = [], 0
    for match, quote in found:
        shown = render_quote(incident, moments, quote)
        out += [text[last:match.start()], match.group(0) if shown is None else shown]
        last = match.end()
    return ("".join(out) + text[last:]).replace("%%", "%")


def has_quotes(incident: Incident) -> bool:
    """Whether any filled text of the incident has a placeholder or a `%%`."""
    from triage.model.quotes import filled_texts

    return any(quotes(text) or "%%" in text for _, text in filled_texts(incident))


def ideal_quoted(incident: Incident, seed: int) -> Incident:
    """The incident (as `seed` plays it) with its lesson filled along that seed's ideal path:
    for a text shown without a play of its own, such as a game day's answer."""
    from triage.engine.debrief import ideal_actions, play_actions
    from triage.engine.session import ActionError, Session

    try:
        session = play_actions(incident, seed, ideal_actions(incident, seed))
    except ActionError:  # an ideal path that cannot play (check says so): the page's moments
        session = Session(incident, seed)
    return quoted(session.incident, Moments.of(session))


def quoted(incident: Incident, moments: Moments) -> Incident:
    """The incident with its debrief texts and option explanations filled for this play."""
    if not has_quotes(incident):
        return incident
    lesson = incident.debrief.model_copy(update={
        name: fill(getattr(incident.debrief, name), incident, moments) for name in LESSON_FIELDS})
    diagnoses = [option.model_copy(update={"explanation": fill(option.explanation, incident,
                                                               moments)})
                 for option in incident.diagnoses]
    remediations = [option.model_copy(update={"explanation": fill(option.explanation, incident,
                                                                  moments)})
                    for option in incident.remediations]
    return incident.model_copy(update={"debrief": lesson, "diagnoses": diagnoses,
                                       "remediations": remediations})
