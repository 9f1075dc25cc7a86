"""Old name of `triage.text.plot`, kept while the on-call loop's files still import it.

Import from `triage.text.plot` in new code.
"""

from __future__ import annotations

from triage.text.plot import BLOCKS, format_value, resample, sparkline

__all__ = ["BLOCKS", "format_value", "resample", "sparkline"]
