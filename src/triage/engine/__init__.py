"""triage.engine."""
