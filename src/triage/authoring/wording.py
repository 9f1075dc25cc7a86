"""Light text normalisation for the authoring lints: words, stems, clauses and actions.

Nothing here is linguistics; it is just enough to compare option texts written by one author:

- `stems(text)`: the content words of a text, lower-cased, punctuation stripped, stopwords
  dropped, each cut by a tiny stemmer (`stem`) so that "pushed", "push" and "pushes" meet.
- `has_clause(text)`: whether an option explains a mechanism (a comma, semicolon, colon or a
  spaced dash, or a connective such as "because", "so" or "after").
- `actions(text)`: the separate actions an option bundles ("Roll back X and restart Y").

Pure Python and standard library only: `triage validate` imports it for every file.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+(?:['._][a-z0-9]+)*")
_HYPHENATED = re.compile(r"[a-z0-9]+(?:['._-][a-z0-9]+)*")
_PARENTHESES = re.compile(r"\([^()]*\)")

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each even ever every few for
from further had has have having he her here hers him his how i if in into is it its itself just
least less let more most much must my no nor not now of off on once one only or other our ours
out over own per same she should since so some still such than that the their theirs them then
there these they this those though through to too under until up upon us very was way we were
what when where whether which while who whom why will with within without would yet you your
""".split())
"""Function words: they carry no hypothesis, so they never make a text give the answer away."""

CONNECTIVES = frozenset(
    "because so since which after when until while as by through therefore thus".split())
"""Words that introduce a mechanism clause ("... so the steps overshoot")."""

NOT_ACTIONS = frozenset("keep leave let".split())
"""Verbs that say what to leave alone ("..., leave fx.convert as it is"): no action of their own."""

ACTION_VERBS = frozenset("""
add adjust allow ask block buy cancel cap clip compare deploy disable drain drop enable evaluate
fit fix flip force-promote freeze gate hand hold increase lower make move notify override page
pause pin promote pull purge push raise rebuild recalibrate redeploy re-derive re-emit re-index
re-quantize re-run re-tune refit refresh reindex relabel remove replace reroute reschedule reset
restart restore retrain retune revert roll rollback route scale send serve set shadow shadow-test
ship silence snooze stop swap switch take tell tighten treat turn update upgrade
""".split())
"""Imperative verbs that start an action in a remediation option. The first word of each of an
incident's own remediations is added to these (see `actions`)."""

_CLAUSE_PUNCTUATION = re.compile(r"[,;:]|\s[-\u2013\u2014]\s|\u2014")
_SPLIT_ACTIONS = re.compile(r"\s*;\s*|,?\s+then\s+|,?\s+and\s+|,\s*")


def words(text: str, *, keep_hyphens: bool = False) -> list[str]:
    """The words of `text`, lower-cased, with surrounding punctuation and a possessive 's cut.

    Hyphenated words count as their parts ("agent-runner" mentions an agent) unless
    `keep_hyphens`; ids such as `item_price`, `fx.convert` and `v2.31` stay whole."""
    pattern = _HYPHENATED if keep_hyphens else _WORD
    found = pattern.findall(text.lower().replace("\u2019", "'"))
    return [w[:-2] if w.endswith("'s") else w.rstrip("'") for w in found]


_STEMS: dict[str, str] = {}
"""Words already stemmed (option texts of a pack share most of their words)."""


def stem(word: str) -> str:
    """A tiny stemmer: "overshoots", "pushed", "learning" lose their ending; numbers and ids
    with digits are kept as written. A final "e" and a doubled consonant are dropped too, so
    "raise"/"raised" and "stop"/"stopped" meet."""
    known = _STEMS.get(word)
    if known is None:
        known = _stem(word)
        if len(_STEMS) < 8192:
            _STEMS[word] = known
    return known


def _stem(word: str) -> str:
    """`stem`, worked out."""
    if any(ch.isdigit() for ch in word):
        return word
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


def stems(text: str) -> list[str]:
    """The stems of the content words of `text`, in order (stopwords and 1-2 letter words out,
    unless they hold a digit, like "v5")."""
    return [stem(w) for w in words(text)
            if w not in STOPWORDS and (len(w) > 2 or any(ch.isdigit() for ch in w))]


def has_clause(text: str) -> bool:
    """True when `text` explains a mechanism: clause punctuation (`,` `;` `:` or a dash with
    spaces around it) or a connective word such as "because", "so", "after" or "which"."""
    if _CLAUSE_PUNCTUATION.search(text):
        return True
    return any(w in CONNECTIVES for w in words(text))


def actions(text: str, extra_verbs: frozenset[str] = frozenset()) -> list[str]:
    """The verbs of the actions a remediation text bundles: one for a clean option.

    Parentheses are ignored. After a ";" or a "then" a new action always starts; after "and" or
    a comma, only when the next word is an imperative verb (`ACTION_VERBS` or `extra_verbs`).
    "Keep", "leave" and "let" say what not to touch, so they start no action.
    So "Cap retries at 2 and steps at 15" is one action, "Roll back v2 and restart the pods"
    two, and "Fit X, then gate Y" two.
    """
    verbs = (ACTION_VERBS | extra_verbs) - NOT_ACTIONS
    flat = _PARENTHESES.sub(" ", text)
    found: list[str] = []
    for index, (separator, piece) in enumerate(_pieces(flat)):
        first = first_word(piece)
        if first in NOT_ACTIONS or not first:
            continue
        if index == 0 or separator in (";", "then") or first in verbs:
            found.append(first)
    return found


def _pieces(text: str) -> list[tuple[str, str]]:
    """`text` cut at its separators, each piece with the separator before it ("" first)."""
    out, separator, start = [], "", 0
    for match in _SPLIT_ACTIONS.finditer(text):
        out.append((separator, text[start:match.start()]))
        token = match.group().strip(" ,")
        separator, start = (token if token else ","), match.end()
    out.append((separator, text[start:]))
    return out


def first_word(text: str) -> str:
    """The first word of `text`, lower-cased, hyphens kept ("" when it has none)."""
    found = words(text, keep_hyphens=True)
    return found[0] if found else ""
