"""triage.tui."""
