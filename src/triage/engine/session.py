"""A play in progress: the clock, what the player has done, and what they can see.

The session owns the game state. The TUI, headless replays and `triage check` all drive a play
the same way: by applying `Action`s. Every action is checked against the incident and either
applied (possibly advancing the simulated clock) or refused with an `ActionError`; a refused
action changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from triage.engine.actions import Action, ActionError, LoggedAction
from triage.engine.alerts import AlertState, evaluate_alerts, paging_alert
from triage.engine.evidence import MAX_CITES, Citation, CitationError, resolve, unseen
from triage.engine.oncall import LoopActions, OnCall
from triage.model.colleague import topic_questions
from triage.model.incident import Incident
from triage.model.variants import for_seed, pick_variant, resolved
from triage.sim.physics.reports import Report
from triage.sim.world import ChangeEntry, LogEntry, World, build_world

PANEL_COST = 1.0
LOGS_COST = 3.0
CHANGES_COST = 2.0
MAX_WAIT = 240.0
MAX_MARKS = 6
"""How many marks a player may keep at once (a diagnosis cites at most `MAX_CITES` of them)."""

__all__ = ["ActionError", "LoggedAction", "MAX_MARKS", "MAX_WAIT", "Session"]


@dataclass
class Session(LoopActions):
    """One play of one incident with one seed: the on-call loop when `loop` is set (scoring rules
    3), else a one-shot play that its first remediation ends (rules 1 and 2)."""

    incident: Incident
    seed: int
    variant: str | None = None
    """The root-cause variant played (None for an incident without variants). Left out, the seed
    picks it; a replay names the one the stored play had."""
    world: World = None  # type: ignore[assignment]
    """The world before any action: built from the incident and seed when left out. A caller
    playing the same (incident, seed, variant) many times (`triage check`) may pass one built
    once; the session never changes a world in place, it replaces `world` with a new one."""
    loop: bool = False
    """Play the on-call loop: remediations act on the running world until `resolve`."""
    oncall: OnCall | None = field(default=None, init=False)
    """The loop's state (None in a one-shot play)."""
    untouched: World = field(init=False)
    """The world as it runs with nothing done (the what-if and the impact read it)."""
    alerts: list[AlertState] = field(init=False)
    page: AlertState | None = field(init=False)
    page_minute: int = field(init=False)
    now: float = field(init=False)
    acknowledged_at: float | None = None
    opened: dict[str, float] = field(default_factory=dict)
    asked: dict[str, float] = field(default_factory=dict)
    """Question ids answered, with the minute (since the page) each was first asked."""
    marks: dict[str, float] = field(default_factory=dict)
    """References marked as possible evidence, with the minute each was marked."""
    cites: tuple[str, ...] = ()
    """The evidence cited with the diagnosis."""
    hints_taken: int = 0
    diagnosis: str | None = None
    confidence: float | None = None
    diagnosed_at: float | None = None
    evidence_before_diagnosis: frozenset[str] = frozenset()
    remediations: tuple[str, ...] = ()
    remediated_at: float | None = None
    ended: bool = False
    end_reason: str = ""
    log: list[LoggedAction] = field(default_factory=list)
    _firing: tuple[int, list[AlertState]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # An incident with root-cause variants is played as the one its seed picks.
        if self.variant is not None and any(v.id == self.variant for v in self.incident.variants):
            self.incident = resolved(self.incident, self.variant)
        else:
            chosen = pick_variant(self.incident, self.seed)
            self.variant = chosen.id if chosen is not None else None
            self.incident = for_seed(self.incident, self.seed)
        if self.world is None or self.world.seed != self.seed:
            self.world = build_world(self.incident, self.seed)
        self.untouched = self.world
        self.oncall = OnCall() if self.loop else None
        self.alerts = evaluate_alerts(self.incident, self.world.series)
        self.page = paging_alert(self.incident, self.alerts)
        fired = self.page.fires_at if self.page and self.page.fires_at is not None else None
        self.page_minute = int(fired if fired is not None else self.world.onset)
        self.now = float(self.page_minute)

    # ---- what the player can see -------------------------------------------------------------

    @property
    def minute(self) -> int:
        """The current absolute minute of the timeline."""
        return int(self.now)

    @property
    def elapsed(self) -> float:
        """Simulated minutes since the page."""
        return self.now - self.page_minute

    @property
    def last_minute(self) -> int:
        """The last minute of the timeline."""
        return self.world.minutes - 1

    def values(self, signal_id: str, last: int | None = None) -> list[float]:
        """A signal's series from minute 0 to now (only the `last` minutes, if given), as plain
        floats."""
        start = 0 if last is None else max(0, self.minute + 1 - last)
        return self.world.values(signal_id, self.minute, start)

    def firing(self) -> list[AlertState]:
        """The alerts firing at the current minute (fired and condition still holding).

        Kept per minute: the answer depends on nothing else, and every panel of the war room
        asks for it on each redraw.
        """
        from triage.engine.alerts import condition_holds

        if self._firing is not None and self._firing[0] == self.minute:
            return list(self._firing[1])
        active = []
        for state in self.alerts:
            if state.fires_at is None or state.fires_at > self.minute:
                continue
            values = self.world.series[state.alert.signal][: self.minute + 1]
            if condition_holds(state.alert, values[-1:])[0]:
                active.append(state)
        self._firing = (self.minute, active)
        return list(active)

    def visible_logs(self) -> list[LogEntry]:
        """Log lines emitted up to now."""
        return [entry for entry in self.world.logs if entry.minute <= self.now]

    def visible_changes(self) -> list[ChangeEntry]:
        """Changes that landed up to now."""
        return [entry for entry in self.world.changes if entry.minute <= self.now]

    def report(self, report_id: str) -> Report | None:
        """A report as of now, computed by its physics system."""
        ref = next(r for r in self.incident.reports if r.id == report_id)
        return self.world.systems[ref.system].report(self.minute)

    def cost_of_open(self, target: str) -> float:
        """Simulated minutes opening `target` costs (nothing when already open once)."""
        if target in self.opened:
            return 0.0
        if target == "logs":
            return LOGS_COST
        if target == "changes":
            return CHANGES_COST
        for report in self.incident.reports:
            if report.id == target:
                return report.cost
        return PANEL_COST

    @property
    def hints_left(self) -> int:
        """How many hints are still available."""
        return len(self.incident.hints) - self.hints_taken

    # ---- applying actions --------------------------------------------------------------------

    def apply(self, action: Action) -> None:
        """Apply one action or raise ActionError, leaving the session unchanged."""
        if self.ended:
            raise ActionError("the incident is over")
        handler = getattr(self, f"_do_{action.kind}", None)
        if handler is None:
            raise ActionError(f"unknown action '{action.kind}'")
        taken_at = self.elapsed
        handler(action)
        self._deliver()
        previous = self.log[-1] if self.log else None
        if action.kind == "idle" and previous is not None and previous.action.kind == "idle":
            # One stretch of reading is one entry: `idle: 7m`, not seven ticks of a minute.
            total = (previous.action.minutes or 0.0) + (action.minutes or 0.0)
            self.log[-1] = LoggedAction(Action("idle", minutes=total), previous.minute)
        else:
            self.log.append(LoggedAction(action, taken_at))

    def _advance(self, minutes: float) -> None:
        self.now = min(self.now + minutes, float(self.last_minute))
        if self.now >= self.last_minute and not self.ended:
            self.ended, self.end_reason = True, "the timeline ran out"

    def _do_acknowledge(self, action: Action) -> None:
        if self.acknowledged_at is not None:
            raise ActionError("the page is already acknowledged")
        self.acknowledged_at = self.elapsed

    def _do_open(self, action: Action) -> None:
        target = action.target or ""
        if target not in self.incident.openable_ids():
            raise ActionError(f"nothing to open named '{target}'")
        cost = self.cost_of_open(target)
        self.opened.setdefault(target, self.elapsed)
        self._advance(cost)

    def _do_ask(self, action: Action) -> None:
        questions = [q for q in self.incident.questions if q.id == action.target]
        questions = questions or topic_questions(self.incident.questions, action.target or "")
        if not questions:
            raise ActionError(f"no question named '{action.target}'")
        cost = max((q.cost for q in questions if q.id not in self.asked), default=0.0)
        for question in questions:
            self.asked.setdefault(question.id, self.elapsed)
        self._advance(cost)

    def _citation(self, ref: str) -> Citation:
        try:
            citation = resolve(self.incident, ref)
        except CitationError as error:
            raise ActionError(str(error)) from None
        if why := unseen(self, citation):
            raise ActionError(f"cannot cite {ref} yet: {why}")
        return citation

    def _do_mark(self, action: Action) -> None:
        ref = action.target or ""
        self._citation(ref)
        if ref in self.marks:
            raise ActionError(f"{ref} is already marked")
        if len(self.marks) >= MAX_MARKS:
            raise ActionError(f"at most {MAX_MARKS} marks: drop one first")
        self.marks[ref] = self.elapsed

    def _do_unmark(self, action: Action) -> None:
        if self.marks.pop(action.target or "", None) is None:
            raise ActionError(f"{action.target} is not marked")

    def _do_wait(self, action: Action) -> None:
        minutes = action.minutes or 0.0
        if not 0 < minutes <= MAX_WAIT:
            raise ActionError(f"wait between 1s and {MAX_WAIT:g}m, not {minutes:g}m")
        self._advance(minutes)

    def _do_idle(self, action: Action) -> None:
        """Time that passed while the player read (the TUI clock's ticks, merged): advanced a
        minute at a time, as the ticks did, so a replay reaches exactly the same clock."""
        minutes = action.minutes or 0.0
        if minutes <= 0:
            raise ActionError(f"idle time must be above 0m, not {minutes:g}m")
        whole, rest = divmod(minutes, 1.0)
        for _ in range(int(whole)):
            self._advance(1.0)
        if rest:
            self._advance(rest)

    def _do_hint(self, action: Action) -> None:
        if self.hints_left <= 0:
            raise ActionError("no hints left")
        self.hints_taken += 1

    def _do_diagnose(self, action: Action) -> None:
        if self.diagnosis is not None:
            raise ActionError("a diagnosis is already stated")
        if action.target not in [d.id for d in self.incident.diagnoses]:
            raise ActionError(f"no diagnosis option named '{action.target}'")
        confidence = action.confidence if action.confidence is not None else -1.0
        if not 0.0 <= confidence <= 1.0:
            raise ActionError("confidence must be between 0 and 1 (0% to 100%)")
        cites = tuple(dict.fromkeys(action.cites))
        if len(cites) > MAX_CITES:
            raise ActionError(f"cite at most {MAX_CITES} things, not {len(cites)}")
        for ref in cites:
            self._citation(ref)
        self.diagnosis, self.confidence, self.cites = action.target, confidence, cites
        self.diagnosed_at = self.elapsed
        self.evidence_before_diagnosis = frozenset(self.opened)

    def _do_remediate(self, action: Action) -> None:
        if self.diagnosis is None and self.oncall is None:
            raise ActionError("state a diagnosis before remediating")
        known = [r.id for r in self.incident.remediations]
        unknown = [r for r in action.remediations if r not in known]
        if unknown or not action.remediations:
            raise ActionError(f"no remediation option named '{unknown[0]}'" if unknown
                              else "choose at least one remediation")
        if self.oncall is not None:
            return self._apply_options(action)
        self.remediations = tuple(dict.fromkeys(action.remediations))
        self.remediated_at = self.elapsed
        self.ended, self.end_reason = True, "remediation applied"

    def _do_timeout(self, action: Action) -> None:
        self.ended, self.end_reason = True, "time ran out"
