"""Tools for incident authors: validation, JSON Schema export, scaffolds, previews and checks.

Pure logic only: the `triage validate`, `schema`, `new`, `preview` and `check` commands call these
modules and print what they return. Nothing here imports Textual, and the validation path avoids
the engine and the simulator so that `triage validate` starts fast.
"""
