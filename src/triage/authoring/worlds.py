"""One world per seed, shared by every headless play `triage check` makes of an incident.

Building a world (the whole timeline, physics included) is most of what a headless play costs,
and `check` plays each seed many times: the ideal path, every other resolving option, every
harmful one, four blind strategies. All of them start from the same world for that incident and
seed (the seed also picks the root-cause variant), and a session never changes its world in place
(`engine.session.Session.world`), so the world is built once per seed here and handed to each
session. Worlds after a decision (the what-if curves) depend on the decision and are not shared.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triage.engine.actions import Action
    from triage.engine.session import Session
    from triage.model.incident import Incident
    from triage.sim.world import World


class SharedWorlds:
    """The worlds of one incident, by seed, each built on first use."""

    def __init__(self, incident: Incident) -> None:
        self.incident = incident
        self._worlds: dict[int, World] = {}
        self._ideal: dict[int, list[Action]] = {}

    def ideal(self, seed: int) -> list[Action]:
        """The ideal path for `seed` (`engine.debrief.ideal_actions`, which plays the looks to
        know what may be cited: worked out once per seed, for the check and the blind table)."""
        path = self._ideal.get(seed)
        if path is None:
            from triage.engine.debrief import ideal_actions

            path = self._ideal[seed] = ideal_actions(self.incident, seed)
        return list(path)

    def world(self, seed: int) -> World:
        """The world before any action for `seed` (built once)."""
        world = self._worlds.get(seed)
        if world is None:
            from triage.sim.world import build_world

            world = self._worlds[seed] = build_world(self.incident, seed)
        return world

    def session(self, seed: int, loop: bool = False) -> Session:
        """A fresh session of the incident with `seed`, on the shared world (the on-call loop
        when `loop`, else a one-shot play)."""
        from triage.engine.session import Session

        return Session(self.incident, seed, world=self.world(seed), loop=loop)

    def play(self, seed: int, actions: Iterable[Action]) -> Session:
        """Apply `actions` in order to a fresh session (as `engine.debrief.play_actions` does);
        raises ActionError naming the step number; stops once the session ends."""
        from triage.engine.session import ActionError

        session = self.session(seed)
        for number, action in enumerate(actions, start=1):
            try:
                session.apply(action)
            except ActionError as error:
                raise ActionError(f"step {number} ({action.describe()}): {error}",
                                  number) from None
            if session.ended:
                break
        return session
