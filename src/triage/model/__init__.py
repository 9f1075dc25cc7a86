"""triage.model."""
