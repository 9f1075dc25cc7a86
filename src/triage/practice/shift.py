"""Shift mode: a simulated on-call shift in which pages arrive over time, real and noise alike.

**Schedule** (`build_shift`). Everything comes from the seed. A shift of M minutes gets about one
page per half hour (at least 3); roughly 30% are real incidents from the catalog, the rest noise
(`triage.practice.noise`), and a flapping noise alert pages again later in the shift. Which pages
exist, when they arrive and which are real depend only on the seed and M; the catalog only fills
the real slots, so a decisions file keeps working as incidents are added.

**Clock** (`ShiftSession`). The player handles one page at a time, and handling takes time:
resolving a page as noise costs 2 minutes, escalating 5 (writing the hand-off), investigating 20
(a real incident, in the war room) or 15 (noise: you look until you are sure it is nothing). Pages
that arrive meanwhile wait, so time spent on noise is time a real page waits to be acknowledged.
A noise page may clear by itself; a real one never does. Scoring is in `shiftscore`.

**Real or noise** is what the incident's own answer says: an incident whose correct diagnosis is
a false alarm (`false_alarm: true`, or any `false_alarm` incident; for an incident with variants,
the variant its seed plays) pages as noise, never as a real incident. Such incidents fill real
slots only when the catalog has nothing else, and then their pages are labelled noise.

**Pace** (in the TUI). The clock runs on its own, in simulated minutes: while a page waits for a
decision, one minute every `WAITING_SECONDS` (6) real seconds, so the 5-minute acknowledge target
leaves half a real minute to read the page and decide; while no page waits, one minute every
`QUIET_SECONDS` (1) second, and `w` skips ahead to the next page. The clock stands still while a
dialog is open. Headless shifts have no pace: their decisions file says when things happen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from triage.model.variants import for_seed
from triage.practice.noise import NOISE

PageKind = Literal["real", "noise"]
Choice = Literal["investigate", "escalate", "noise"]
CHOICES: tuple[Choice, ...] = ("investigate", "escalate", "noise")
MIN_MINUTES, MAX_MINUTES, DEFAULT_MINUTES = 30, 1440, 240
REAL_SHARE = 0.3
COST: dict[str, float] = {"noise": 2.0, "escalate": 5.0}
INVESTIGATE_COST: dict[str, float] = {"real": 20.0, "noise": 15.0}
WAITING_SECONDS = 6.0
"""Real seconds per simulated minute in the TUI while a page waits for a decision."""
QUIET_SECONDS = 1.0
"""Real seconds per simulated minute in the TUI while no page waits."""


class ShiftError(ValueError):
    """A shift decision that cannot be taken (unknown page, handled twice, shift over)."""


@dataclass(frozen=True)
class Page:
    """One page of the shift: what the pager shows, and (for scoring) what it really is."""

    id: str
    arrives_at: float
    kind: PageKind
    alert: str
    severity: str
    service: str
    summary: str
    context: str
    """What a look at the alert's history and neighbouring dashboards shows."""
    lesson: str
    """After the shift: for a real page the incident's title, for noise what to fix."""
    clears_at: float | None = None
    incident_id: str | None = None
    incident_seed: int | None = None
    repeat: int = 0
    """0 for the first firing of an alert; n for its n-th flap."""

    def as_json(self) -> dict[str, Any]:
        """The page as a JSON object (including what it really was)."""
        return {"id": self.id, "arrives_at": self.arrives_at, "kind": self.kind,
                "alert": self.alert, "severity": self.severity, "service": self.service,
                "summary": self.summary, "incident": self.incident_id,
                "incident_seed": self.incident_seed, "clears_at": self.clears_at}


@dataclass(frozen=True)
class Shift:
    """A shift's schedule: its seed, length in minutes and pages in order of arrival."""

    seed: int
    minutes: int
    pages: tuple[Page, ...]

    def page(self, page_id: str) -> Page:
        """The page with this id; ShiftError if there is none."""
        for page in self.pages:
            if page.id == page_id:
                return page
        raise ShiftError(f"no page '{page_id}' in this shift (pages p1 to p{len(self.pages)})")


def _paging_alert(incident: Any) -> Any:
    alerts = list(incident.alerts)
    named = [alert for alert in alerts if alert.name == getattr(incident, "page", None)]
    urgent = [alert for alert in alerts if alert.severity in ("page", "critical")]
    return (named or urgent or alerts)[0]


def answers_false_alarm(incident: Any, seed: int | None = None) -> bool:
    """Whether the incident's own answer (the variant `seed` plays, when given) is that its page
    needed nothing: a `false_alarm` incident, or a correct diagnosis marked `false_alarm`."""
    if seed is not None:
        incident = for_seed(incident, seed)
    return incident.is_false_alarm


def _incident_page(slot: float, incident: Any, incident_seed: int) -> dict[str, Any]:
    alert = _paging_alert(incident)
    noise = answers_false_alarm(incident, incident_seed)
    if noise:  # its lesson, with any numbers it quotes filled along the ideal path
        from triage.engine.quoting import ideal_quoted

        incident = ideal_quoted(incident, incident_seed)
    return {"arrives_at": slot, "kind": "noise" if noise else "real", "alert": alert.name,
            "severity": alert.severity, "service": incident.service,
            "summary": alert.summary, "context": incident.briefing,
            "lesson": incident.debrief.do if noise else incident.title,
            "incident_id": incident.id, "incident_seed": incident_seed}


def build_shift(incidents: list[Any], seed: int, minutes: int = DEFAULT_MINUTES) -> Shift:
    """The schedule of a shift drawn from `seed`, with real pages from `incidents`.

    `incidents` are `Incident`s or `LoadedIncident`s; incidents whose answer is a false alarm
    are only used when nothing else is available (and then page as noise). Raises ShiftError
    when there are none, or for a bad length."""
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ShiftError(f"a shift lasts {MIN_MINUTES} to {MAX_MINUTES} minutes, not {minutes}")
    pool = sorted((getattr(item, "incident", item) for item in incidents), key=lambda i: i.id)
    if not pool:
        raise ShiftError("a shift needs at least one incident in the catalog")
    pool = [i for i in pool if not answers_false_alarm(i)] or pool
    rng = np.random.default_rng(seed)
    total = max(3, round(minutes / 30))
    real_count = max(1, round(total * REAL_SHARE))
    real_slots = sorted(float(round(x)) for x in
                        rng.uniform(0.1 * minutes, 0.8 * minutes, real_count))
    picks = rng.choice(len(NOISE), size=total - real_count,
                       replace=total - real_count > len(NOISE))
    noise_slots = rng.uniform(0.0, 0.9 * minutes, total - real_count)
    drafts: list[dict[str, Any]] = []
    for index, start in zip(picks, noise_slots, strict=True):
        template = NOISE[int(index)]
        for repeat in range(template.flaps + 1):
            at = float(round(start + repeat * template.flap_every))
            if at >= minutes:
                break
            clears = None if template.clears_after is None else at + template.clears_after
            drafts.append({"arrives_at": at, "kind": "noise", "alert": template.alert,
                           "severity": template.severity, "service": template.service,
                           "summary": template.summary, "context": template.context,
                           "lesson": template.lesson, "clears_at": clears, "repeat": repeat})
    # A separate stream for the incidents, so the catalog never shifts the schedule.
    chooser = np.random.default_rng([seed, 1])
    order = chooser.permutation(len(pool)).tolist()
    for number, slot in enumerate(real_slots):
        incident = pool[order[number % len(order)]]
        drafts.append(_incident_page(slot, incident, int(chooser.integers(1_000_000))))
    drafts.sort(key=lambda d: (d["arrives_at"], d["kind"] != "real", d["alert"]))
    pages = tuple(Page(id=f"p{n}", **draft) for n, draft in enumerate(drafts, start=1))
    return Shift(seed, minutes, pages)


@dataclass(frozen=True)
class ShiftAction:
    """One step of a shift: wait, decide on a page (investigate, escalate, noise), or end."""

    kind: Literal["wait", "investigate", "escalate", "noise", "end"]
    page: str | None = None
    minutes: float | None = None
    """For wait: how long. For investigate: time actually spent (default: the usual cost)."""


@dataclass(frozen=True)
class Decision:
    """What the player did with a page, when they started (the acknowledgement) and for how
    long it kept them busy."""

    page: str
    choice: Choice
    at: float
    busy: float


@dataclass
class ShiftSession:
    """A shift in progress: the clock, the decisions, and what the player can see."""

    shift: Shift
    now: float = 0.0
    decisions: dict[str, Decision] = field(default_factory=dict)
    log: list[ShiftAction] = field(default_factory=list)
    ended: bool = False

    def arrived(self) -> list[Page]:
        """The pages that have arrived by now, in order of arrival."""
        return [page for page in self.shift.pages if page.arrives_at <= self.now]

    def pending(self) -> list[Page]:
        """Arrived pages with no decision yet (including any that cleared by themselves)."""
        return [page for page in self.arrived() if page.id not in self.decisions]

    def cleared(self, page: Page) -> bool:
        """Whether a page's alert has stopped firing by now (noise only ever does)."""
        return page.clears_at is not None and page.clears_at <= self.now

    def next_arrival(self) -> float | None:
        """The minute the next page arrives, or None when all have arrived."""
        later = [page.arrives_at for page in self.shift.pages if page.arrives_at > self.now]
        return min(later) if later else None

    def apply(self, action: ShiftAction) -> None:
        """Apply one step or raise ShiftError, changing nothing."""
        if self.ended:
            raise ShiftError("the shift is over")
        if action.kind == "end":
            self.ended = True
        elif action.kind == "wait":
            minutes = action.minutes or 0.0
            if minutes <= 0:
                raise ShiftError("wait needs a positive number of minutes")
            self._advance(minutes)
        elif action.kind in CHOICES:
            self._decide(action)
        else:
            raise ShiftError(f"unknown shift action '{action.kind}'")
        self.log.append(action)

    def finish(self) -> None:
        """End the shift: the rest of it passes with no more decisions."""
        self.now, self.ended = float(self.shift.minutes), True

    def _advance(self, minutes: float) -> None:
        self.now = min(self.now + minutes, float(self.shift.minutes))
        if self.now >= self.shift.minutes:
            self.ended = True

    def _decide(self, action: ShiftAction) -> None:
        page = self.shift.page(action.page or "")
        if page.id in self.decisions:
            raise ShiftError(f"page {page.id} was already handled "
                             f"({self.decisions[page.id].choice})")
        if action.minutes is not None and not 0 < action.minutes <= self.shift.minutes:
            raise ShiftError(f"time spent must be between 0 and {self.shift.minutes} minutes")
        # Deciding on a page that has not arrived means waiting for it.
        self.now = max(self.now, page.arrives_at)
        if action.kind == "investigate":
            busy = action.minutes if action.minutes is not None else INVESTIGATE_COST[page.kind]
        else:
            busy = COST[action.kind]
        self.decisions[page.id] = Decision(page.id, action.kind, self.now, busy)  # type: ignore[arg-type]
        self._advance(busy)


def run_shift(shift: Shift, actions: list[ShiftAction]) -> ShiftSession:
    """Apply steps in order, then let the rest of the shift pass; ShiftError names the step."""
    session = ShiftSession(shift)
    for number, action in enumerate(actions, start=1):
        if session.ended:
            break
        try:
            session.apply(action)
        except ShiftError as error:
            raise ShiftError(f"step {number}: {error}") from None
    session.finish()
    return session
