"""The version of the scoring rules new plays are scored under.

Kept in its own tiny module so the store can record it without importing the engine's scoring.
Version 1: evidence earned by opening things, confidence from 50%. Version 2: evidence earned by
citing it, unsupported diagnoses capped below a pass, confidence from 0%.
"""

RULES_VERSION = 2
"""Bump when a rule changes what a play scores; keep the old rules for replays."""
