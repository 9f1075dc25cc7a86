"""Cross-reference checks of the on-call loop's keys: `impact`, `injects`, `owners` and the
remediations' `mitigation`. Called once per incident by `triage.model.crossref.check_incident`;
each finding points at the offending value.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from triage.model.crossref import Finding, suggest
from triage.model.incident import Incident


def check_loop(inc: Incident) -> Iterator[Finding]:
    """The impact signal exists; injects and owners say something sane; a mitigation can help."""
    yield from _impact(inc)
    yield from _injects(inc)
    yield from _owners(inc)
    yield from _mitigations(inc)


def _signals_everywhere(inc: Incident) -> list[str]:
    """Signals every play has: the incident's, and those every variant adds."""
    names = [s.id for s in inc.signals]
    if inc.variants:
        added = [{s.id for s in v.signals} for v in inc.variants]
        names += sorted(set.intersection(*added) - set(names))
    return names


def _impact(inc: Incident) -> Iterator[Finding]:
    if inc.impact is None or inc.impact.signal is None:
        return
    signals = _signals_everywhere(inc)
    if inc.impact.signal not in signals:
        yield Finding(("impact", "signal"), f"no signal named '{inc.impact.signal}'"
                      f"{suggest(inc.impact.signal, signals)}; the harm is read from a signal "
                      "every play has")


def _blank(text: str) -> bool:
    return not text.strip()


def _injects(inc: Incident) -> Iterator[Finding]:
    duration = inc.timeline.duration
    texts = [r.text for r in inc.remediations]
    for index, inject in enumerate(inc.injects or []):
        for key in ("who", "text"):
            if _blank(getattr(inject, key)):
                yield Finding(("injects", index, key), f"{key} is blank: say who speaks and "
                              "what they say")
        if "\n" in inject.who:
            yield Finding(("injects", index, "who"), "who fits on one line: a name and a role")
        if inject.at >= duration:
            yield Finding(("injects", index, "at"), f"at {inject.at:g} min comes after the "
                          f"timeline ends ({duration:g} min): nobody would hear it")
        if inject.relevant and inject.kind != "report":
            yield Finding(("injects", index, "relevant"), "relevant marks a report's bearing "
                          f"on the cause; this inject is {inject.kind}")
        if inject.kind == "wrong_fix":
            yield from _wrong_fix(inc, index, inject.text, texts)


def _wrong_fix(inc: Incident, index: int, text: str, texts: list[str]) -> Iterator[Finding]:
    """A pushed fix quotes its option's text word for word, so the debrief can judge it; it is
    a wrong fix, so the option it pushes must not resolve or help."""
    pushed = next((r for r in inc.remediations if r.text in text), None)
    if pushed is None:
        close = difflib.get_close_matches(text, texts, n=1, cutoff=0.3)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        yield Finding(("injects", index, "text"), "a wrong_fix inject quotes the text of the "
                      f"option it pushes, word for word, so the debrief can judge it{hint}")
    elif pushed.effect in ("resolves", "helps") and not inc.variants:
        yield Finding(("injects", index, "text"), f"this wrong_fix pushes '{pushed.id}', whose "
                      f"effect is {pushed.effect}: push a harmful or no_effect option, or make "
                      "the inject a report")


def _owners(inc: Incident) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, owner in enumerate(inc.owners):
        if owner.id in seen:
            yield Finding(("owners", index, "id"), f"duplicate id '{owner.id}' in owners")
        seen.add(owner.id)
        if _blank(owner.who) or "\n" in owner.who:
            yield Finding(("owners", index, "who"), "who is a name and a role on one line")
        for k, fact in enumerate(owner.facts):
            if _blank(fact):
                yield Finding(("owners", index, "facts", k), "a fact is blank: say what they "
                              "know, or drop the line")


def _mitigations(inc: Incident) -> Iterator[Finding]:
    """`mitigation: true` on an option that never resolves or helps would stop nothing."""
    for index, option in enumerate(inc.remediations):
        if not option.mitigation:
            continue
        effects = {option.effect} | {patch.effect for v in inc.variants for patch in v.remediations
                                     if patch.id == option.id and patch.effect is not None}
        if not effects & {"resolves", "helps"}:
            yield Finding(("remediations", index, "mitigation"), (
                f"'{option.id}' is {option.effect}, so it stops no bleeding: mark a mitigation "
                "only on an option that resolves or helps (in some variant)"))
