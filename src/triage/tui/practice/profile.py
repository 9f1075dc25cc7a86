"""The profile screen: the player's rating on each pitfall, with a sparkline of recent scores.

Ratings and trends come from `triage.practice.coach` (the formulas are in
`triage.store.mastery`); this screen only lays them out. When the app has a catalog it also
names the incident "Start" would pick next, and `s` starts it if the app can start plays.
"""

from __future__ import annotations

import random
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Sparkline, Static

from triage.practice.coach import Profile, Standing, build_profile, catalog_entries, next_incident
from triage.practice.labmastery import alerting_cell, player_lab_results
from triage.store.summaries import scored_plays
from triage.tui.practice.common import player_name, read_store
from triage.tui.widgets.footer import KeyFooter

BAND_STYLES = {"new": "dim", "weak": "#ff5f5f", "fair": "#d7af5f", "strong": "#87d787"}
BAR_WIDTH = 10


def rating_text(standing: Standing) -> Text:
    """`██████░░░░  62 fair`, or `not played yet` for an unrated pitfall."""
    if not standing.rated:
        return Text("not played yet", "dim")
    filled = round(standing.rating / 100 * BAR_WIDTH)
    style = BAND_STYLES[standing.band]
    return Text.assemble(("█" * filled, style), ("░" * (BAR_WIDTH - filled), "dim"),
                         (f" {standing.rating:>3.0f} ", "bold"), (standing.band, style))


class StandingRow(Horizontal):
    """One pitfall: title, rating bar, number of plays, and the sparkline of recent scores."""

    DEFAULT_CSS = """
    StandingRow { height: 1; }
    StandingRow .standing-title { width: 30; }
    StandingRow .standing-rating { width: 23; }
    StandingRow .standing-plays { width: 9; }
    StandingRow .standing-labs { width: 14; }
    StandingRow Sparkline { width: 24; height: 1; }
    StandingRow .standing-last { width: auto; padding-left: 1; }
    """

    def __init__(self, standing: Standing, labs: bool = False) -> None:
        super().__init__(id=f"standing-{standing.pitfall}")
        self.standing = standing
        self.labs = labs

    def compose(self) -> ComposeResult:
        standing = self.standing
        yield Static(Text(standing.title), classes="standing-title")
        yield Static(rating_text(standing), classes="standing-rating")
        plays = f"{standing.plays} play{'s' if standing.plays != 1 else ''}"
        yield Static(Text(plays, "dim"), classes="standing-plays")
        if self.labs:  # the alert lab's incidents of this pitfall, beside the rating
            alerting = standing.alerting
            style = "#ff5f5f" if alerting and alerting.keeps_missing else "dim"
            yield Static(Text(alerting_cell(alerting).rstrip("!"), style),
                         classes="standing-labs")
        if standing.trend:
            # A plain list: Sparkline tests its data for truthiness.
            yield Sparkline(list(standing.trend), summary_function=max,
                            min_color="#d7875f", max_color="#87d787")
            yield Static(Text(f"last {standing.trend[-1]:.0f}", "dim"), classes="standing-last")


class ProfileScreen(Screen[None]):
    """Per-pitfall mastery for one player, weakest first, and what to practise next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start_next", "Start suggested", id="profile.start"),
        Binding("escape", "back", "Back", id="profile.back"),
    ]

    DEFAULT_CSS = """
    ProfileScreen #profile-rows { height: 1fr; padding: 1 1 0 1; }
    ProfileScreen #profile-header { height: 1; margin-bottom: 1; color: $text-muted; }
    ProfileScreen #profile-next { height: auto; padding: 0 1; border-top: solid $primary 30%; }
    """

    def __init__(self, player: str | None = None) -> None:
        super().__init__()
        self.player = player
        self.profile: Profile | None = None
        self.suggested: str | None = None

    def compose(self) -> ComposeResult:
        player = player_name(self.app, self.player)
        found, problem = read_store(lambda store: (scored_plays(store, player)[0],
                                                   player_lab_results(store, player)))
        plays, results = found or ([], [])
        catalog = getattr(self.app, "catalog", None)
        pitfalls = [entry["pitfall"] for entry in catalog_entries(catalog)] if catalog else []
        self.profile = build_profile(player, plays, pitfalls, results)
        labs = bool(self.profile.labs)
        count = self.profile.total_plays
        yield Static(Text.assemble(("Mastery", "bold"), (f"  {player}, {count} play"
                                                          f"{'s' if count != 1 else ''}", "dim")),
                     id="profile-title", classes="screen-title")
        with VerticalScroll(id="profile-rows"):
            column = f"{'alert labs':<14}" if labs else ""
            yield Static(Text(f"{'pitfall':<30}{'rating (0-100)':<23}{'plays':<9}{column}"
                              "recent scores"), id="profile-header")
            for standing in self.profile.standings:
                yield StandingRow(standing, labs)
            if not self.profile.standings:
                yield Static(Text("No pitfalls to show yet: play an incident first.", "dim"))
            if labs:
                yield Static(self._labs_text(), id="profile-labs")
        yield Static(self._next_text(problem, catalog, plays or []), id="profile-next")
        yield KeyFooter()

    def _labs_text(self) -> Text:
        """The alert labs: best, replays and last score per lab, and what the rules keep
        missing (listed beside the ratings, not counted in them)."""
        profile = self.profile
        assert profile is not None
        text = Text("\nAlert labs", "bold")
        text.append("  best, replays, last score and recall; alert labs above: the pitfall's "
                    "lab incidents your rules caught (last 3 replays per lab)", "dim")
        for lab in profile.labs:
            recall = "" if lab.last_recall is None else f", recall {lab.last_recall:.2f}"
            text.append(f"\n{lab.lab_id:<30}best {lab.best:5.1f}   {lab.replays} "
                        f"replay{'s' if lab.replays != 1 else ''}   last {lab.last:.1f}{recall}")
        missing = profile.missed_in_labs
        if missing:
            text.append("\nYour alert rules keep missing: " + ", ".join(s.title for s in missing)
                        + " (the ratings are for diagnosing; lab misses do not move them)",
                        "#ff5f5f")
        return text

    def _next_text(self, problem: str, catalog: Any, plays: list[Any]) -> Text:
        if problem:
            return Text(problem, "#ff5f5f")
        if not catalog or not getattr(catalog, "incidents", None):
            return Text("Ratings move with every play, recent plays counting most.", "dim")
        player = self.profile.player if self.profile else None
        next_up = getattr(self.app, "next_up", None)
        if callable(next_up):  # the game app: the same pick its Practise entry starts
            self.suggested = next_up(player)
        else:
            rng = getattr(self.app, "rng", None) or random.Random()
            self.suggested = next_incident(catalog, player, rng, plays=plays)
        incident = catalog.incidents[self.suggested].incident
        text = Text.assemble(("Next up  ", "bold"), (incident.title, ""),
                             (f"  ({incident.id}, difficulty {incident.difficulty})", "dim"))
        if hasattr(self.app, "start_play"):
            text.append("   press s to start it", "dim")
        return text

    def action_start_next(self) -> None:
        """Start the suggested incident, when the app can start plays."""
        start = getattr(self.app, "start_play", None)
        catalog = getattr(self.app, "catalog", None)
        if start is None or catalog is None or self.suggested is None:
            self.notify("Nothing to start from here.", severity="warning", markup=False)
            return
        self.app.pop_screen()
        start(catalog.incidents[self.suggested])

    def action_back(self) -> None:
        """Back to where the player came from."""
        self.app.pop_screen()
