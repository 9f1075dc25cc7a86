"""Old name of `triage.text.safe`, kept while the on-call loop's files still import it.

Import from `triage.text.safe` in new code.
"""

from __future__ import annotations

from triage.text.safe import clean, clean_line, inert_json

__all__ = ["clean", "clean_line", "inert_json"]
