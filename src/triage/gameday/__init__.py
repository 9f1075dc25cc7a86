"""triage.gameday."""
