"""Widget ids made from the ids authors write.

An incident's ids may hold `.` (`ops.v2`), which Textual refuses in a widget id, so a dashboard,
panel or diagnosis named that way used to crash the war room with a traceback. `dom_id` keeps
the readable `prefix + id` whenever Textual accepts it, and otherwise replaces the refused
characters and adds a short hash, so two ids that differ only there stay apart.
"""

from __future__ import annotations

import hashlib
import re

_ACCEPTED = re.compile(r"[a-zA-Z_-][a-zA-Z0-9_-]*")
_REFUSED = re.compile(r"[^a-zA-Z0-9_-]")


def dom_id(prefix: str, ident: str) -> str:
    """A valid Textual id for `ident`: `prefix + ident` when that is one (the usual case)."""
    plain = prefix + ident
    if _ACCEPTED.fullmatch(plain):
        return plain
    digest = hashlib.sha1(ident.encode("utf-8")).hexdigest()[:8]
    return f"{prefix}{_REFUSED.sub('_', ident)}-{digest}"
