"""Choose your team: the first screen of a browser tab that joins a game day."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from triage.tui.gameday.card import GamedayScreen
from triage.tui.render.text import plain
from triage.tui.widgets.footer import KeyFooter


class TeamPickScreen(GamedayScreen):
    """A list of the run's teams; choosing one dismisses the screen with its name."""

    DEFAULT_CSS = """
    TeamPickScreen #gd-pick {
        align: center middle;
    }
    TeamPickScreen #gd-heading {
        width: 100%;
        text-align: center;
        margin-bottom: 1;
    }
    TeamPickScreen #gd-teams {
        width: 40;
        height: auto;
        max-height: 16;
    }
    """

    def __init__(self, title: str, teams: list[str], played: dict[str, int]) -> None:
        super().__init__()
        self.game_title = title
        self.teams = teams
        self.played = played

    def compose(self) -> ComposeResult:
        with Vertical(id="gd-pick"):
            heading = plain(self.game_title, "bold")
            heading.append("\nWhich team are you?")
            yield Static(heading, id="gd-heading")
            with Center():
                yield OptionList(*(Option(self._label(t), id=t) for t in self.teams),
                                 id="gd-teams")
        yield KeyFooter()

    def _label(self, team: str) -> Text:
        text = Text(team, "bold")
        done = self.played.get(team, 0)
        if done:
            text.append(f"  ({done} round{'s' if done != 1 else ''} played)", "dim")
        return text

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Join as the chosen team."""
        self.dismiss(event.option.id or "")
