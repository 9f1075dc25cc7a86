"""The war room's messages: what people said during the incident (the on-call loop's injects) and
who joined the call, newest first, in the sidebar.

A new message also arrives as a notification. Notifications sit in the corner over the panels;
the message stays here, so nothing said is lost when it fades, and nothing covers the page (the
page screen is over before anyone speaks).
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from triage.engine.people import owners_for
from triage.engine.session import Session
from triage.tui.render.text import plain, since

SHOWN = 3
"""How many messages the sidebar keeps in view."""


class MessagesBox(Static):
    """The latest messages; `sync` adds new ones and notifies the player of each."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self._count = -1
        self._said = 0

    def sync(self) -> None:
        """Show what has been said; a message not seen before is also a notification."""
        oncall = self.session.oncall
        if oncall is None:
            self.display = False
            return
        count = len(oncall.delivered) + len(oncall.escalated)
        if count == self._count:
            return
        if self._count >= 0:
            for item in oncall.delivered[self._said:]:
                self.notify(item.inject.text, title=item.inject.who, timeout=8, markup=False)
        self._count = count
        self._said = len(oncall.delivered)
        self.display = count > 0
        self.update(self._render_messages())

    def _render_messages(self) -> Group:
        oncall = self.session.oncall
        assert oncall is not None
        owners = {owner.id: owner for owner in owners_for(self.session.incident)}
        items: list[tuple[float, Text]] = []
        for item in oncall.delivered:
            body = Text()
            body.append(f"{since(item.minute)} ", "dim")
            body.append_text(plain(item.inject.who, "#87afd7"))
            body.append(": ")
            body.append_text(plain(item.inject.text, multiline=True))
            items.append((item.minute, body))
        for owner_id, minute in oncall.escalated.items():
            owner = owners.get(owner_id)
            if owner is None:
                continue
            body = Text()
            body.append(f"{since(minute)} ", "dim")
            body.append_text(plain(owner.who, "#87afd7"))
            body.append(" joined: ")
            body.append_text(plain(" ".join(owner.facts), multiline=True))
            items.append((minute, body))
        items.sort(key=lambda pair: pair[0], reverse=True)
        return Group(Text("Messages", "bold"), *(text for _, text in items[:SHOWN]))
