"""Shared text utilities, used by every layer from `model` up: plain values in, strings out.

- `triage.text.safe`: authored text made safe to print (control characters shown, not obeyed);
- `triage.text.plot`: one-line Unicode sparklines and value formatting for plain-text output;
- `triage.text.clock`: the simulated wall clock as the player reads it (`09:49`, `-1d 14:15`).

The package sits below `model` in the layers (pyproject.toml, import-linter) and imports nothing
else of triage's, nor Textual or Rich.
"""
