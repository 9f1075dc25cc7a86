"""triage.commands."""
