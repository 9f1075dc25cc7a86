"""triage.store."""
