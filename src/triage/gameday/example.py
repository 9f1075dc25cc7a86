"""The commented example plan `triage gameday new PATH` writes.

The example names real incidents from the catalog it is given, so it validates as written; with
extra incident directories it lists them (relative to the plan) in `incident_dirs`.
"""

from __future__ import annotations

from collections.abc import Sequence

from triage.model.loader import LoadedIncident

_HEADER = """\
# A game-day plan for triage. Check it with:  triage validate {name}
# Run it hot-seat in one terminal:            triage gameday run {name}
# Or serve it to one browser tab per team:    triage serve --gameday {name}
schema: triage/gameday@1

# Shown on the scoreboard and at the top of the report.
title: {title}
description: >
  Two rounds of ML incidents. Each team plays the same incident with the same seed,
  so everyone sees the same curves; the scoreboard appears after every round.

# Teams play in this order in round 1; the order rotates by one team every round.
teams: [red, blue]

# Whether teams may buy hints (each still costs its points). A round can override it.
hints: true
"""

_DIRS = """
# Extra folders (relative to this file) where incident ids are looked up,
# besides the built-in pack.
incident_dirs: {dirs}
"""

_ROUNDS = """
rounds:
  - title: Warm-up
    # An incident id (built-in pack or incident_dirs) or a path to an incident file.
    incident: {first}
    seed: 7            # every team plays this seed
    time_limit: 10m    # wall-clock time per team; at 0:00 the incident ends as it stands

  - title: Finale
    # Or let triage pick an incident (reproducibly) by pitfall and difficulty.
    pick: {{pitfall: {pitfall}, difficulty: [{low}, {high}]}}
    seed: 11
    time_limit: 15m
    weight: 2          # this round's points count double
    hints: false       # no hints in the finale

  # Or a lab round: every team writes alert rules for the same alert lab and seed
  # (triage lab list), and the points are the lab score. Hot-seat or headless only:
  # browser tabs (triage serve) cannot play lab rounds yet.
  # - title: Pager rules
  #   lab: support-bot-alerts
  #   seed: 3
  #   time_limit: 20m
"""

_SCORING = """
# Optional: how much each part of the score counts (1 = normal, 0 = ignore).
scoring:
  diagnosis: 1
  remediation: 1
  evidence: 1.5        # reward looking before leaping
  speed: 1
  confidence: 1
  hints: 1
"""


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar: characters written as they are (an emoji stays an
    emoji), and anything not printable as an escape, so the line reads back as exactly `text`.
    (`json.dumps` would write an emoji as a surrogate pair, which YAML refuses.)"""
    out = []
    for char in text:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char.isprintable() and not 0xD800 <= ord(char) <= 0xDFFF:
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def example_plan(name: str, catalog: Sequence[LoadedIncident], dirs: Sequence[str] = (),
                 title: str = "ML on-call fire drill") -> str:
    """The example plan text for a file called `name`, naming incidents from `catalog`."""
    text = _HEADER.format(name=name, title=yaml_string(title))
    if dirs:
        text += _DIRS.format(dirs="[" + ", ".join(yaml_string(d) for d in dirs) + "]")
    if catalog:
        first = catalog[0].incident
        second = catalog[1].incident if len(catalog) > 1 else first
        low, high = max(1, second.difficulty - 1), min(5, second.difficulty + 1)
        text += _ROUNDS.format(first=first.id, pitfall=second.pitfall, low=low, high=high)
    else:
        text += _ROUNDS.format(first="REPLACE-WITH-AN-INCIDENT-ID", pitfall="training_divergence",
                               low=1, high=3)
    return text + _SCORING
