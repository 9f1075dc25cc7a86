"""triage.sim."""
