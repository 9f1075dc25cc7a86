"""Run triage as `python -m triage`."""

from triage.cli import entry

entry()
