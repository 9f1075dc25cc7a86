"""The on-call loop (scoring rules version 3): acting on a running world until it is resolved.

In the loop a remediation no longer ends the play. It is applied to the simulation from that
minute on (the world is rebuilt with the schedule of everything applied, so curves respond with
their own delays, alerts clear or keep firing and a harmful option shows its damage), and the
player keeps watching and acting: revert an option, escalate to an owner, declare a severity, send
a status update, and finally declare the incident resolved. People speak up on their own
(`triage.engine.people`). A play recorded before the loop existed has no `OnCall` state and plays
as it always did: its first remediation ends it.

`LoopActions` holds the loop's action handlers; `Session` inherits them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from triage.engine.impact import ImpactModel, accrued, impact_model, side_harm
from triage.engine.people import Delivered, fact_questions, injects_for, owners_for
from triage.engine.status_update import PARTS, StatusUpdate, choices, compose
from triage.model.loop import Inject
from triage.sim.world import Applied, World, build_world

if TYPE_CHECKING:
    from triage.engine.actions import Action

APPLY_COST = 2.0
"""Simulated minutes applying a change takes (it acts from the minute it was started)."""
UPDATE_COST = 1.0
"""Simulated minutes writing a status update takes."""


def parse_severity(text: object) -> int | None:
    """`SEV2`, `sev2` or `2` as the number 2; None for anything that is not 1 to 4."""
    value = str(text).strip().upper().removeprefix("SEV")
    return int(value) if value in ("1", "2", "3", "4") else None


@dataclass
class OnCall:
    """What the loop adds to a play: options in force, severity, escalations, updates, injects."""

    applied: list[Applied] = field(default_factory=list)
    """Every option applied, with its absolute minute (and the minute it was reverted)."""
    severity: int | None = None
    severity_at: float | None = None
    """Minutes since the page the severity was first declared."""
    escalated: dict[str, float] = field(default_factory=dict)
    """Owner ids escalated to, with the minute (since the page) each was called."""
    updates: list[StatusUpdate] = field(default_factory=list)
    delivered: list[Delivered] = field(default_factory=list)
    resolved_at: float | None = None
    """Minutes since the page the player declared the incident resolved."""

    def in_force(self) -> list[str]:
        """The options applied and not reverted, in the order applied."""
        return [entry.option for entry in self.applied if entry.until is None]


class LoopActions:
    """The loop's action handlers and live readings, mixed into `Session`."""

    @cached_property
    def impact(self) -> ImpactModel:
        """The incident's impact as this play reads it (resolved from the untouched world)."""
        page = self.page.alert.signal if self.page is not None else None
        return impact_model(self.incident, self.untouched, self.page_minute, page)

    def harm_rates(self) -> np.ndarray:
        """Harm per minute at every minute of the current world (for a one-shot play, the world
        its remediation made, from the minute it was chosen)."""
        if self.oncall is not None:
            key = (id(self.world), tuple(self.oncall.applied))
            cached = self.__dict__.get("_rates")
            if cached is None or cached[0] != key:  # the status bar asks on every tick
                cached = (key, self.impact.rates(self.world, self.oncall.applied))
                self.__dict__["_rates"] = cached
            return cached[1]
        return self.impact.rates(self.played_world(), self.legacy_schedule())

    def played_world(self) -> World:
        """The world this play made: the current one in the loop; for a one-shot play, the
        world its remediation made from the minute it was chosen (built once, then kept)."""
        schedule = self.legacy_schedule() if self.oncall is None else []
        if not schedule:
            return self.world
        key = tuple(schedule)
        cached = self.__dict__.get("_legacy_world")
        if cached is None or cached[0] != key:
            cached = (key, build_world(self.incident, self.seed, schedule=schedule))
            self.__dict__["_legacy_world"] = cached
        return cached[1]

    def harm_ongoing(self) -> bool:
        """Whether the incident is still doing harm now: its signal has not come back (see
        `ImpactModel.stopped`), or a harmful option is in effect."""
        if self.impact.per_minute > 0 and not self.impact.stopped(self.world, self.minute):
            return True
        in_force = self.oncall.in_force() if self.oncall else []
        return any(side_harm(self.incident, option) > 0 for option in in_force)

    def accrued(self, until: float | None = None) -> float:
        """Harm accrued from the page up to `until` (an absolute minute; default now)."""
        end = self.now if until is None else until
        return accrued(self.harm_rates(), self.page_minute, end)

    def legacy_schedule(self) -> list[Applied]:
        """A one-shot play's remediation as a schedule (applied at the minute it was chosen)."""
        if self.remediated_at is None:
            return []
        at = self.page_minute + self.remediated_at
        return [Applied(option, at) for option in self.remediations]

    def _rebuild(self) -> None:
        from triage.engine.alerts import evaluate_alerts

        assert self.oncall is not None
        self.world = build_world(self.incident, self.seed, schedule=self.oncall.applied)
        self.alerts = evaluate_alerts(self.incident, self.world.series)
        self._firing = None

    def _apply_options(self, action: Action) -> None:
        from triage.engine.session import ActionError

        assert self.oncall is not None
        in_force = self.oncall.in_force()
        again = [option for option in action.remediations if option in in_force]
        if again:
            raise ActionError(f"{again[0]} is already in effect")
        for option in dict.fromkeys(action.remediations):
            self.oncall.applied.append(Applied(option, self.now))
        self.remediations = tuple(dict.fromkeys(
            [*self.remediations, *action.remediations]))
        if self.remediated_at is None:
            self.remediated_at = self.elapsed
        self._rebuild()
        self._advance(APPLY_COST)

    def _do_revert(self, action: Action) -> None:
        from triage.engine.session import ActionError

        if self.oncall is None:
            raise ActionError("nothing can be reverted in a one-shot play")
        entry = next((e for e in self.oncall.applied
                      if e.option == action.target and e.until is None), None)
        if entry is None:
            raise ActionError(f"{action.target} is not in effect")
        index = self.oncall.applied.index(entry)
        self.oncall.applied[index] = Applied(entry.option, entry.at, self.now)
        self._rebuild()
        self._advance(APPLY_COST)

    def _do_resolve(self, action: Action) -> None:
        from triage.engine.session import ActionError

        if self.oncall is None:
            raise ActionError("a one-shot play ends with its remediation")
        self.oncall.resolved_at = self.elapsed
        self.ended, self.end_reason = True, "declared resolved"

    def _do_escalate(self, action: Action) -> None:
        from triage.engine.session import ActionError

        if self.oncall is None:
            raise ActionError("escalation is part of the on-call loop")
        owners = {owner.id: owner for owner in owners_for(self.incident)}
        owner = owners.get(action.target or "")
        if owner is None:
            raise ActionError(f"no one to escalate to named '{action.target}' "
                              f"(owners: {', '.join(owners)})")
        if owner.id in self.oncall.escalated:
            raise ActionError(f"{owner.who} is already on the call")
        self.oncall.escalated[owner.id] = self.elapsed
        self._advance(owner.cost)
        for question in fact_questions(self.incident, owner.id):
            self.asked.setdefault(question, self.elapsed)

    def _do_declare(self, action: Action) -> None:
        from triage.engine.session import ActionError

        if self.oncall is None:
            raise ActionError("severity is part of the on-call loop")
        level = parse_severity(action.target)
        if level is None:
            raise ActionError(f"declare a severity from SEV1 (worst) to SEV4, not {action.target}")
        self.oncall.severity = level
        if self.oncall.severity_at is None:
            self.oncall.severity_at = self.elapsed

    def _do_update(self, action: Action) -> None:
        from triage.engine.session import ActionError

        if self.oncall is None:
            raise ActionError("a status update is part of the on-call loop")
        chosen = dict(action.parts)
        menus = choices(self.incident)
        for part, value in chosen.items():
            if part not in PARTS:
                raise ActionError(f"a status update has no part '{part}' "
                                  f"(parts: {', '.join(PARTS)})")
            for choice in ((value,) if isinstance(value, str) else value):
                if choice not in menus[part]:
                    raise ActionError(f"'{choice}' is not a choice for {part}")
        self.oncall.updates.append(compose(self, chosen))
        self._advance(UPDATE_COST)

    def _deliver(self) -> list[Delivered]:
        """Say every inject whose moment has come; returns the new ones."""
        if self.oncall is None:
            return []
        starts = {"page": 0.0, "acknowledged": self.acknowledged_at,
                  "remediated": self.remediated_at, "diagnosed": self.diagnosed_at}
        said = {id(item.inject) for item in self.oncall.delivered}
        new = []
        for inject in self.injects:
            start = starts[inject.after]
            if id(inject) in said or start is None or start + inject.at > self.elapsed:
                continue
            new.append(Delivered(start + inject.at, inject))
        new.sort(key=lambda item: item.minute)
        self.oncall.delivered.extend(new)
        return new

    @cached_property
    def injects(self) -> list[Inject]:
        """The injects of this play (the incident's, or the default set)."""
        return injects_for(self.incident)
