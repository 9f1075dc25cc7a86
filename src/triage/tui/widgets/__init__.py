"""triage.tui.widgets."""
