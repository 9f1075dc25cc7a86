"""Make text from authored files safe to print: control characters are shown, never obeyed.

Incident files are shared between teams. A title or log line may contain terminal escape
sequences (colours, OSC 8 hyperlinks, bells, cursor moves); printed raw they would take over the
player's terminal. `clean()` replaces every C0/C1 control character except newline and tab with
its visible Unicode symbol (ESC becomes `␛`), so the text is shown literally. Rich markup is a
separate concern: the TUI always builds `rich.text.Text` objects, never parses markup.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_JSON_RAW = re.compile(r"[\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def clean(text: str) -> str:
    """`text` with every control character (except newline and tab) made visible and inert."""
    return _CONTROL.sub(_visible, text)


def inert_json(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with DEL and C1 controls escaped.

    JSON escapes C0 controls itself but may leave U+007F-U+009F raw, and U+009B is an 8-bit CSI.
    Those characters can only occur inside JSON strings, where `\\u009b` means the same thing.
    """
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def clean_line(text: str) -> str:
    """Like `clean`, for one-line fields: newlines and tabs become spaces too."""
    return clean(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))
