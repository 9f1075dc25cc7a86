"""Panel titles cut to fit a narrow tile, without two tiles ending up with the same title.

A title too long for its tile loses its end to `…`. When two titles on a dashboard differ only
after the cut (`gen_ai.client.token.usage (input) per request` and `(output) per request` both
became `gen_ai.client.tok…` at 80 columns), the cut keeps the word that tells them apart:
`gen_ai.cli…(input)…` and `gen_ai.cl…(output)…`.
"""

from __future__ import annotations

from collections.abc import Sequence
from os.path import commonprefix

from rich.cells import cell_len

ELLIPSIS = "…"
BREAKS = " ._-/"
"""Characters after which a word starts (an opening bracket starts one itself)."""


def fit_title(title: str, others: Sequence[str], width: int) -> str:
    """`title` in at most `width` cells, distinct from how the `others` on its dashboard fit."""
    if cell_len(title) <= width:
        return title
    if width <= 1 or cell_len(title) != len(title):
        return _end_cut(title, width)
    shared = max((len(commonprefix([title, other])) for other in others if other != title),
                 default=0)
    if width - 1 > shared:
        return _end_cut(title, width)  # the end cut keeps the first character that differs
    start = max((i + (char in BREAKS) for i, char in enumerate(title[:shared])
                 if char in BREAKS or char in "(["), default=0)
    end = next((i for i in range(shared + 1, len(title)) if title[i] in " )]"), len(title))
    end = min(len(title), end + (title[end:end + 1] in (")", "]")))
    piece = title[start:end]
    tail = ELLIPSIS if end < len(title) else ""
    room = width - len(piece) - len(tail) - 1
    if room < 1:
        return _end_cut(ELLIPSIS + title[start:], width)
    return title[:room] + ELLIPSIS + piece + tail


def _end_cut(text: str, width: int) -> str:
    """`text` cut to `width` cells, ending in `…` when cut."""
    if cell_len(text) <= width:
        return text
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out + ELLIPSIS if width >= 1 else ""
