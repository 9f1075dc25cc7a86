"""How a replay counts: Prometheus `for`, pages and tickets, real and false, late and flapping.

Uses the `triage lab new` scaffold: errors step up 10 points for 3 hours (bad-dependency), the
inputs drift for 2 days (new-traffic-source), a weekly deploy lifts latency for a few minutes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from triage.lab.history import simulate
from triage.lab.load import load_lab, rules_from_text
from triage.lab.replay import firing_starts, replay
from triage.lab.scaffold import render_lab_scaffold


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    path = tmp_path_factory.mktemp("lab") / "scaffold.yaml"
    path.write_text(render_lab_scaffold(Path("scaffold.yaml")), encoding="utf-8")
    return simulate(load_lab(path), 1)


def run(history, *rules: str):
    text = "groups:\n- name: g\n  rules:\n" + "".join(
        f"  - alert: R{i}\n    {rule}\n" for i, rule in enumerate(rules))
    return replay(history, rules_from_text(text, history.lab))


def test_for_holds_like_prometheus():
    holds = np.array([True, True, False, True, True, True, True, False, True])
    assert list(firing_starts(holds, 0, 5)) == [0, 3, 8]
    assert list(firing_starts(holds, 10, 5)) == [5]  # held at 3 evaluations: 0, 5 and 10 min
    assert list(firing_starts(holds, 11, 5)) == [6]  # 11 minutes need a fourth


def test_a_page_acts_at_once_and_a_ticket_after_the_ticket_delay(history):
    page = run(history, "expr: error_rate_pct > 3\n    labels: {severity: page, action: rollback}")
    ticket = run(history, "expr: error_rate_pct > 3\n"
                 "    labels: {severity: ticket, action: rollback}")
    caught_page, caught_ticket = page.catches[0], ticket.catches[0]
    assert caught_page.delay is not None and caught_page.delay < 5
    assert caught_ticket.delay == pytest.approx(caught_page.delay + 240)
    assert ticket.overall.harm_before_detection > page.overall.harm_before_detection
    assert page.overall.pages_per_week > 0 and ticket.overall.pages_per_week == 0


def test_a_rule_that_would_fire_anyway_is_false_even_during_an_incident(history):
    """Latency moves at every deploy and during no incident: all its pages are false."""
    loud = run(history, "expr: p95_latency_ms > 150\n"
               "    labels: {severity: page, action: scale_out}")
    assert loud.notifications and all(n.incident is None for n in loud.notifications)
    assert loud.overall.recall == 0 and loud.overall.precision == 0


def test_a_flapping_rule_pages_again_and_again(history):
    """PSI without an average crosses its threshold back and forth as the drift ramps."""
    raw = run(history, "expr: input_psi > 0.1\n    labels: {severity: page, action: retrain}")
    smooth = run(history, "expr: avg_over_time(input_psi[2h]) > 0.25\n    for: 1h\n"
                 "    labels: {severity: page, action: retrain}")
    assert raw.overall.pages_per_week > smooth.overall.pages_per_week
    assert raw.overall.score < smooth.overall.score
    assert smooth.overall.precision == 1.0 and smooth.catches[1].caught


def test_the_wrong_action_costs_fit(history):
    right = run(history, "expr: error_rate_pct > 3\n    labels: {severity: page, action: rollback}")
    wrong = run(history, "expr: error_rate_pct > 3\n"
                "    labels: {severity: page, action: scale_out}")
    assert right.overall.action_fit == 1.0 and wrong.overall.action_fit == 0.0
    assert wrong.overall.score < right.overall.score
