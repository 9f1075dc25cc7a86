"""Replays: a stored play run again through the engine from its action log, to the same debrief.

A play is stored with its incident's id and file hash, its seed and every action taken, so the
engine can rebuild the session exactly; a play stored since schema version 6 also keeps the file
its incident was read from, so one played from a file (not the built-in pack) is found again. If
the incident file changed since (its hash differs) the replay still runs, and the caller warns
that the score may differ. `export_text` writes the log as an actions file that
`triage play ID|PATH --seed N --headless --actions FILE` replays.

Stored logs come in two shapes, both accepted: plain actions-file steps (`triage play`, the TUI)
and `{"minute": m, "step": ...}` entries (game days). Stored JSON sorts its keys, so a step may
read `{"confidence": 0.8, "diagnose": ...}`; steps are put back in actions-file order here.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from triage.engine.actionfile import ActionFileError, parse_actions
from triage.engine.actions import KEYED_ACTIONS, Action
from triage.engine.debrief import Debrief, build_debrief, play_actions
from triage.engine.session import Session
from triage.model.loader import LoadedIncident
from triage.model.yaml12 import SafeDumper12, dump_yaml
from triage.model.yamlsource import YamlError, load_yaml_text
from triage.practice.playfile import PlayIncidentMissing, find_play_incident, replay_target
from triage.store import StoredPlay
from triage.text.safe import clean_line

__all__ = ["PlayIncidentMissing", "Replay", "action_step", "action_steps", "export_text",
           "find_play_incident", "load_replay", "replay_command", "replay_play", "replay_seed",
           "replay_target", "steps_yaml", "stored_actions"]


def action_step(entry: Any) -> Any:
    """One stored log entry as an actions-file step (action key first)."""
    if isinstance(entry, dict) and "step" in entry and set(entry) <= {"minute", "step"}:
        entry = entry["step"]
    if not isinstance(entry, dict):
        return entry
    if "kind" in entry:  # an Action written out field by field
        fields = {key: entry.get(key) for key in ("target", "minutes", "confidence")}
        remediations = tuple(entry.get("remediations") or ())
        return Action(entry["kind"], remediations=remediations, **fields).to_step()
    kind = next((key for key in entry if key in KEYED_ACTIONS), None)
    if kind is None:
        return entry
    return {kind: entry[kind], **{key: value for key, value in entry.items() if key != kind}}


def action_steps(log: Iterable[Any]) -> list[Any]:
    """Every stored log entry as an actions-file step."""
    return [action_step(entry) for entry in log]


class _StepDumper(SafeDumper12):
    """Block-style steps, with short lists of ids (remediations) on one line; strings that YAML
    1.1 or 1.2 would misread (`1e3`, `yes`) are quoted."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flat = all(not isinstance(item, dict | list) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)


_StepDumper.add_representer(list, _represent_list)


def steps_yaml(steps: list[Any]) -> str:
    """Actions-file YAML for these steps, written as a person would: `- open: grad_norm`."""
    if not steps:
        return "[]\n"
    out: list[str] = []
    for step in steps:
        if not isinstance(step, dict):
            out.append(dump_yaml([step], allow_unicode=True).rstrip("\n"))
            continue
        text = yaml.dump(step, Dumper=_StepDumper, sort_keys=False, allow_unicode=True,
                         default_flow_style=False).rstrip("\n").split("\n")
        out.append("- " + text[0])
        out.extend("  " + line for line in text[1:])
    return "\n".join(out) + "\n"


def stored_actions(play: StoredPlay, loaded: LoadedIncident) -> list[Action]:
    """The play's log as Actions for its incident; ActionFileError names every step that the
    incident (as it is now) no longer has."""
    label = f"play {play.id} actions"
    try:
        document = load_yaml_text(steps_yaml(action_steps(play.actions)), label,
                                  expect_mapping=False)
    except YamlError as error:
        raise ActionFileError(error.problems) from None
    variant = replay_variant(play, loaded)
    incident = loaded.incident
    if variant is not None:
        from triage.model.variants import resolved

        return parse_actions(document, resolved(incident, variant), label)
    return parse_actions(document, incident, label, play.seed)


@dataclass(frozen=True)
class Replay:
    """A stored play re-run: the play as stored, the incident now, and the rebuilt result."""

    play: StoredPlay
    loaded: LoadedIncident
    session: Session
    debrief: Debrief

    @property
    def incident_changed(self) -> bool:
        """True when the incident file's hash differs from the one stored with the play."""
        return self.loaded.sha256 != self.play.incident_hash

    @property
    def score_changed(self) -> bool:
        """True when the replay scores differently from the stored play."""
        return self.debrief.score != self.play.score

    def warnings(self) -> list[str]:
        """What the player should know before trusting the replay: a changed incident or score."""
        notes = []
        if self.incident_changed:
            notes.append(
                f"incident {self.play.incident_id} changed since play {self.play.id} was "
                f"recorded (file hash {self.play.incident_hash[:12]} then, "
                f"{self.loaded.sha256[:12]} now: {self.loaded.path}); the replay may differ")
        if self.score_changed:
            notes.append(f"the replay scores {self.debrief.score}, the stored play scored "
                         f"{self.play.score}")
        return notes


def replay_variant(play: StoredPlay, loaded: LoadedIncident) -> str | None:
    """The root-cause variant a stored play is replayed on: the one it had; for a play stored
    before its incident had variants, the first variant (by convention the incident's original
    cause, docs/authoring.md)."""
    if play.variant is not None:
        return play.variant
    variants = loaded.incident.variants
    return variants[0].id if variants else None


def replay_play(play: StoredPlay, loaded: LoadedIncident) -> Replay:
    """Rebuild the play's Session and Debrief from its seed and action log.

    Raises ActionFileError when a stored step no longer fits the incident, and the engine's
    ActionError when a step is refused (both only after the incident changed)."""
    actions = stored_actions(play, loaded)
    # Plays scored under rules 3 or later were the on-call loop; earlier ones were one-shot.
    session = play_actions(loaded.incident, play.seed, actions, replay_variant(play, loaded),
                           loop=play.rules >= 3)
    return Replay(play, loaded, session, build_debrief(session, play.rules))


def replay_seed(play: StoredPlay) -> int:
    """The `--seed` that replays `play`: its seed, or for a negative one stored before seeds
    were checked, the seed in 0..2**64-1 that draws the very same world (the simulation keeps
    the low 64 bits)."""
    return play.seed & (2**64 - 1)


def replay_command(play: StoredPlay, actions: str = "THIS_FILE") -> str:
    """The command line that replays `play` from its exported actions file at `actions`."""
    quoted = actions if actions == "THIS_FILE" else shlex.quote(actions)
    return (f"triage play {replay_target(play)} --seed {replay_seed(play)} --headless "
            f"--actions {quoted}")


def export_text(play: StoredPlay, actions_path: str | None = None) -> str:
    """The play's actions file, with a header saying how to replay it (naming the file it is
    written to, when given; the incident by the file it was played from, unless built in)."""
    header = (
        f"# triage play {play.id}: {clean_line(play.incident_id)}, seed {play.seed}, played by "
        f"{clean_line(play.player)}"
        f" on {play.ended_at.strftime('%Y-%m-%d %H:%M')}, score {play.score} ({play.grade}).\n"
        f"# Replay: {clean_line(replay_command(play, actions_path or 'THIS_FILE'))}\n"
    )
    return header + steps_yaml(action_steps(play.actions))


def load_replay(
    play_id: int, *, catalog: Any = None, dirs: Iterable[Path] = (), store: Any = None
) -> Replay:
    """Read play `play_id` from the store and rebuild it (what the history screen opens).

    The incident is read from the file the play was played from, else looked up by id in
    `catalog` (a loaded `Catalog`), the built-in pack and `dirs` (`find_play_incident`). Raises
    LookupError for an unknown play, StoreError for a database problem, PlayIncidentMissing
    when the incident is gone, ActionFileError or ActionError when the incident changed so much
    that the log no longer fits.
    """
    from triage.store import Store

    if store is None:
        with Store() as own:
            play = own.get_play(play_id)
    else:
        play = store.get_play(play_id)
    if play is None:
        raise LookupError(f"there is no play {play_id}")
    return replay_play(play, find_play_incident(play, dirs, catalog))
