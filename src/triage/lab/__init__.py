"""The alert lab: design alerting rules for an ML service and replay weeks of history against them.

A lab file (`schema: triage/lab@1`, `triage.lab.model`) declares a service, its signals, a
simulated history with benign noise and scheduled incidents, an action menu and the author's
reference rules. A player's rules file (Prometheus alerting-rule shape, `triage.lab.rules`) is
replayed over that history (`triage.lab.replay`) and scored on recall, precision, detection delay,
pages per week, harm before detection and action fit.

This package sits beside practice and gameday: it may import model, sim, engine, store and
authoring, and never Textual.
"""
