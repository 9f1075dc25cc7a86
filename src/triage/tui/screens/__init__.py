"""triage.tui.screens."""
