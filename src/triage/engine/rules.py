"""The version of the scoring rules new plays are scored under.

Kept in its own tiny module so the store can record it without importing the engine's scoring.
Version 1: evidence earned by opening things, confidence from 50%. Version 2: evidence earned by
citing it, unsupported diagnoses capped below a pass, confidence from 0%. Version 3: the on-call
loop: remediations act on the running world, the time part became the harm accrued (impact),
and resolving and the status update are scored.
"""

RULES_VERSION = 3
"""Bump when a rule changes what a play scores; keep the old rules for replays."""
ONE_SHOT_RULES = 2
"""The last rules of one-shot plays (the first remediation ends the play): an actions file
without any of the loop's steps still plays, and scores, under these."""
