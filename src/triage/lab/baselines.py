"""Rule sets that are not a player's: none at all, and one that pages on any movement.

`check` and the tests replay both against every lab: the empty set catches nothing, and a set
that pages whenever a signal leaves the middle of its training range drowns its few real pages in
false ones.
"""

from __future__ import annotations

import numpy as np

from triage.lab.expr import parse_expr
from triage.lab.history import History
from triage.lab.load import RuleSet
from triage.lab.rules_model import Rule, RuleLabels


def empty_rules() -> RuleSet:
    """No rules at all."""
    return RuleSet((), (), "no rules")


def any_movement_rules(history: History, spread: float = 0.8) -> RuleSet:
    """Page at once when any visible signal leaves the central `spread` of its training values
    (both ways), calling for the menu's first action."""
    first = history.training_steps
    action = history.lab.actions[0].id
    rules = []
    for signal in history.lab.signals:
        if signal.hidden:
            continue
        values = history.series[signal.id][:first]
        tail = (1.0 - spread) / 2
        low, high = np.quantile(values, [tail, 1.0 - tail])
        for name, op, bound in (("High", ">", high), ("Low", "<", low)):
            alert = f"{name}{''.join(part.title() for part in signal.id.split('_'))}"
            rules.append(Rule(alert=alert, expr=f"{signal.id} {op} {float(bound)!r}",
                              labels=RuleLabels(severity="page", action=action)))
    return RuleSet(tuple(rules), tuple(parse_expr(r.expr) for r in rules), "any movement")
