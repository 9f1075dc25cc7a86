"""Authoring lints: warnings about wording that gives the answer away without any evidence.

A player who never opens a dashboard can still win if the options tell the answer apart. These
lints flag the tells; they are warnings, so a file that validates still validates:

- **longest diagnosis**: the correct diagnosis is at least `LENGTH_RATIO` (1.25) times as long
  as the longest other option *and* at least `LENGTH_MARGIN` (15) characters longer.
- **only mechanism**: the correct diagnosis is the only option with a mechanism clause
  (`wording.has_clause`: a comma, semicolon, colon or spaced dash, or a connective such as
  because/so/since/which/after/when/until/while/as/by/through).
- **only comma**: the correct diagnosis is the only option with a comma (reported only when the
  mechanism lint is not, since a comma is already a clause).
- **longest fix**: an option that resolves is `LENGTH_RATIO` times as long as, and
  `LENGTH_MARGIN` characters longer than, every option that does not resolve.
- **bundled fix**: a remediation does more than one thing (`wording.actions`: "X and restart Y",
  "X, then Y", "X; Y").
- **give-away words** (`triage.authoring.giveaways`): the title, a hint or a question names two
  or more words found only in the correct diagnosis.

Each warning is a `Problem` with `severity="warning"`, at the offending option's `text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triage.authoring.giveaways import content_warnings
from triage.authoring.wording import actions, first_word, has_clause
from triage.model.yamlsource import Document, Problem

if TYPE_CHECKING:
    from triage.model.incident import Incident

LENGTH_RATIO = 1.25
"""An option this many times as long as the longest rival stands out..."""
LENGTH_MARGIN = 15
"""...when it is also at least this many characters longer (short options differ by chance)."""
PARALLEL = ("write options in parallel form: similar length, and a mechanism clause in every "
            "option")


def lint_incident(incident: Incident, document: Document) -> list[Problem]:
    """Every authoring warning for a valid incident, in line order. An incident with root-cause
    variants is linted as each variant plays it (the menus are the incident's, so the warnings
    point at the incident's option lines), each warning once."""
    from triage.model.variants import resolved

    played = [resolved(incident, v.id) for v in incident.variants] or [incident]
    warnings: list[Problem] = []
    for each in played:
        warnings += option_warnings(each, document) + remediation_warnings(each, document)
        warnings += content_warnings(each, document)
    unique = list(dict.fromkeys(warnings))
    return sorted(unique, key=lambda p: (p.line, p.col))


def stands_out(length: int, rival: int) -> bool:
    """True when an option of `length` characters is clearly longer than a `rival`."""
    return length >= LENGTH_RATIO * rival and length - rival >= LENGTH_MARGIN


def option_warnings(incident: Incident, document: Document) -> list[Problem]:
    """Warnings when the correct diagnosis is told apart by its length, clause or comma."""
    correct = incident.correct_diagnosis
    index = incident.diagnoses.index(correct)
    others = [d.text.strip() for d in incident.diagnoses if d is not correct]
    if not others:
        return []
    text, loc = correct.text.strip(), ("diagnoses", index, "text")
    found = []
    longest = max(len(t) for t in others)
    if stands_out(len(text), longest):
        found.append(f"the correct diagnosis is the longest option ({len(text)} characters; "
                     f"the longest other has {longest}), so it can be picked unread; {PARALLEL}")
    if has_clause(text) and not any(has_clause(t) for t in others):
        found.append("only the correct diagnosis explains a mechanism (a clause after ',', ';', "
                     "':', a dash, or 'because', 'so', 'after'...); the others are bare claims; "
                     f"{PARALLEL}")
    elif "," in text and not any("," in t for t in others):
        found.append(f"only the correct diagnosis has a comma; {PARALLEL}")
    return [document.problem(loc, message, severity="warning") for message in found]


def remediation_warnings(incident: Incident, document: Document) -> list[Problem]:
    """Warnings for a resolving option told apart by its length, and for bundled actions."""
    found = []
    rivals = [len(r.text.strip()) for r in incident.remediations if r.effect != "resolves"]
    verbs = frozenset(first_word(r.text) for r in incident.remediations) - {""}
    for index, option in enumerate(incident.remediations):
        loc, text = ("remediations", index, "text"), option.text.strip()
        if option.effect == "resolves" and rivals and stands_out(len(text), max(rivals)):
            found.append(document.problem(loc, (
                f"a remediation that resolves is the longest option ({len(text)} characters; "
                f"the longest that does not resolve has {max(rivals)}), so it can be picked "
                "unread; write options in parallel form: similar length, one action each"),
                severity="warning"))
        done = actions(text, verbs)
        if len(done) > 1:
            quoted = ", ".join(f"'{verb}'" for verb in done)
            found.append(document.problem(loc, (
                f"this remediation bundles {len(done)} actions ({quoted}); one action per "
                "option: offer the others as options of their own, or leave them to the "
                "debrief"), severity="warning"))
    return found
