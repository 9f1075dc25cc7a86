"""People in the loop: who speaks up while the incident runs, and who the player can call.

An incident's `injects:` are what people say; left out, a default set fits any incident: a
stakeholder asks for an ETA a quarter of an hour in, a teammate confidently pushes the most
tempting wrong fix soon after the acknowledgement, and another team reports news that turns out
to be noise. An incident's `owners:` can be escalated to; left out, the model owner joins after
ten minutes and brings the ML team's factual answers (never its opinions).
"""

from __future__ import annotations

from dataclasses import dataclass

from triage.model.incident import Incident
from triage.model.loop import Inject, Owner

MODEL_OWNER = "model-owner"


@dataclass(frozen=True)
class Delivered:
    """An inject that has been said, at a minute since the page."""

    minute: float
    inject: Inject


def injects_for(incident: Incident) -> list[Inject]:
    """The incident's injects, or the default set when it defines none."""
    if incident.injects is not None:
        return list(incident.injects)
    false_alarm = incident.is_false_alarm
    injects = [Inject(
        at=15, who="Sam (support lead)", kind="eta_request",
        text=("Is this page real? Do I need to warn anyone, or can I ignore it?" if false_alarm
              else "Customers are starting to notice. How bad is it, and when will it be "
                   "fixed? I need a line for the status page."))]
    tempting = next((r for r in incident.remediations if r.effect == "harmful"), None) or next(
        (r for r in incident.remediations if r.effect == "no_effect"), None)
    if tempting is not None:
        injects.append(Inject(
            at=4, after="acknowledged", who="Alex (on-call teammate)", kind="wrong_fix",
            text=f"I've seen this one before, I'm sure of it. Just do it: "
                 f"\u201c{tempting.text}\u201d"))
    herring = next((c for c in incident.changes
                    if c.id and c.id in incident.evidence.red_herrings), None)
    news = (f"FYI from our side: {herring.summary}" if herring is not None
            else "FYI: we rotated the certificates on the shared load balancers this morning. "
                 "Nothing is failing on our side.")
    injects.append(Inject(at=25, who="Platform team", kind="report", text=news))
    return injects


def owners_for(incident: Incident) -> list[Owner]:
    """Who can be escalated to: the incident's owners, or the model owner."""
    if incident.owners:
        return list(incident.owners)
    facts = [q.answer for q in incident.questions if q.topic != "opinion"][:6]
    return [Owner(id=MODEL_OWNER, who="the model owner", cost=10.0,
                  facts=facts or ["Nothing beyond what the dashboards already show."])]


def fact_questions(incident: Incident, owner_id: str) -> list[str]:
    """The ML-team answers an escalation to `owner_id` counts as heard (citable afterwards):
    the model owner's facts are the factual answers; an authored owner's are their own text."""
    if owner_id != MODEL_OWNER or incident.owners:
        return []
    return [q.id for q in incident.questions if q.topic != "opinion"][:6]
