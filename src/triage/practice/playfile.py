"""Where a stored play's incident is now: the file it was played from, kept with the play since
schema version 6, or the incident's id in the pack, the `--dir` folders and the folder of that
file; and how `triage play` names it in a replay command (`replay_target`).

Plays stored before version 6 have no file: they are found by id as before, and when that fails
the message says which `--dir` to pass.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from triage.model.loader import LoadedIncident
from triage.model.yamlsource import Problem
from triage.store import StoredPlay
from triage.text.safe import clean_line


class PlayIncidentMissing(Exception):
    """A stored play's incident cannot be found: `str()` says where it was played from and which
    `--dir` to pass; `problems` are those of the file it was played from, if that no longer
    loads."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


def _holds(loaded: LoadedIncident, incident_id: str) -> bool:
    return incident_id == loaded.incident.id or incident_id in loaded.incident.aliases


def _same_file(path: Path, other: Path) -> bool:
    try:
        return os.path.abspath(path) == str(other) or path.samefile(other)
    except OSError:
        return False


def _played_from(play: StoredPlay) -> Path | None:
    return Path(play.incident_path) if play.incident_path else None


def find_play_incident(
    play: StoredPlay, dirs: Iterable[Path] = (), catalog: Any = None
) -> LoadedIncident:
    """The play's incident: from the file it was played from when that still holds it (taken
    from `catalog`, a loaded `Catalog`, when it has that file), else by id from `catalog`, the
    built-in pack, `dirs` and the YAML files beside the file it was played from (a renamed
    file). PlayIncidentMissing when none has it."""
    from triage.model.loader import IncidentError, load_incident
    from triage.model.pack import YAML_SUFFIXES, find_incident

    played_from, problems, holds = _played_from(play), [], None
    found = getattr(catalog, "incidents", {}).get(play.incident_id) if catalog else None
    if found is not None and (played_from is None or _same_file(found.path, played_from)):
        return found  # already loaded, from the very file
    if played_from is not None and played_from.is_file():
        try:
            loaded = load_incident(played_from)
        except IncidentError as error:
            problems = error.problems
        else:
            if _holds(loaded, play.incident_id):
                return loaded
            holds = loaded.incident.id
    if found is not None:
        return found
    search = list(dirs)
    if played_from is not None and played_from.parent.is_dir():
        search += sorted(p for p in played_from.parent.iterdir()
                         if p.suffix in YAML_SUFFIXES and p.is_file())
    try:
        return find_incident(play.incident_id, search)
    except IncidentError:
        raise PlayIncidentMissing(_missing(play, played_from, holds, bool(problems)),
                                  problems) from None


def _missing(play: StoredPlay, played_from: Path | None, holds: str | None,
             broken: bool) -> str:
    """Where the play's incident was looked for, and the `--dir` that would find it."""
    name = clean_line(play.incident_id)
    if played_from is None:
        return (f"its incident '{name}' is not in the built-in pack or the --dir folders given. "
                f"The play was stored before triage kept the incident's file, so pass the folder "
                f"that holds the file it was played from: triage replay {play.id} --dir FOLDER")
    where = clean_line(str(played_from))
    if broken:
        why = f"the file it was played from, {where}, no longer loads"
    elif holds is not None:
        why = f"the file it was played from, {where}, now holds incident '{clean_line(holds)}'"
    else:
        why = f"the file it was played from, {where}, is no longer there"
    return (f"{why}, and no other file in the built-in pack, that folder or the --dir folders "
            f"given has the id '{name}'. Pass the folder that holds that incident now: "
            f"triage replay {play.id} --dir FOLDER")


def replay_target(play: StoredPlay) -> str:
    """What `triage play` is given to replay `play`: the incident's id when it came from the
    built-in pack (or its file is gone and the pack has it), otherwise the file it was played
    from, quoted for a POSIX shell."""
    from triage.model.pack import builtin_dir

    played_from = _played_from(play)
    if played_from is None or played_from.parent == builtin_dir():
        return play.incident_id
    if not played_from.is_file():
        from triage.model.index import incident_index
        from triage.model.pack import incident_files

        pack = incident_index(incident_files([builtin_dir()]))
        if play.incident_id in pack.entries or play.incident_id in pack.aliases:
            return play.incident_id
    return shlex.quote(str(played_from))
