"""Find incidents: the built-in pack, extra directories, and single files.

The built-in pack lives in `incidents/` at the top of a source checkout and is copied into the
package (`triage/incidents/`) when a wheel is built; `builtin_dir()` finds whichever exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

from triage.fileio import read_regular

# The loader (and with it pydantic and every model) is imported only by the functions that load,
# so `triage list` and `triage validate` can find files without paying for it.
if TYPE_CHECKING:
    from triage.model.loader import LoadedIncident
    from triage.model.yamlsource import Problem

YAML_SUFFIXES = (".yaml", ".yml")


def builtin_dir() -> Path:
    """The directory of the built-in incident pack."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "incidents"
    if installed.is_dir():
        return installed
    return package.parent.parent / "incidents"


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    """Every YAML file named, or found recursively under the directories named, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES
                                and p.is_file()))
        else:
            found.append(path)
    return found


_OTHER_SCHEMA = re.compile(rb"(?m)^schema:[ \t]*[\"']?triage/(?!incident@)")
ACTIONS_SUFFIXES = (".actions.yaml", ".actions.yml")


def incident_files(paths: Iterable[Path]) -> list[Path]:
    """The YAML files under `paths` that may be incidents: not actions files (`*.actions.yaml`)
    and not files that declare another triage format (a game-day plan, say) in their head."""
    found = []
    for path in yaml_files(paths):
        if path.name.endswith(ACTIONS_SUFFIXES):
            continue
        try:
            head = read_regular(path, 4095)[0]  # never blocks on a FIFO, never reads a device
        except OSError:
            head = b""  # unreadable, or not a regular file: let the index report it
        if not _OTHER_SCHEMA.search(head):
            found.append(path)
    return found


class LazyIncidents(MutableMapping[str, "LoadedIncident"]):
    """Incidents by id, each validated when first asked for, from the bytes the index judged.

    `load_catalog` knows every id, title and verdict from the cached index without validating a
    file; building the pydantic objects of 24+ incidents up front cost a tenth of the TUI's
    start-up, when a play needs one. Behaves as the dict it replaces (insertion order kept).
    """

    def __init__(self, sources: dict[str, tuple[Path, bytes]]) -> None:
        self._sources = dict(sources)
        self._loaded: dict[str, LoadedIncident] = {}
        self._order = dict.fromkeys(sources)

    def __getitem__(self, key: str) -> LoadedIncident:
        loaded = self._loaded.get(key)
        if loaded is None:
            from triage.model.loader import incident_from_bytes

            path, raw = self._sources[key]  # KeyError for an unknown id, as a dict
            loaded = self._loaded[key] = incident_from_bytes(raw, path)
            del self._sources[key]
        return loaded

    def __setitem__(self, key: str, value: LoadedIncident) -> None:
        self._sources.pop(key, None)
        self._loaded[key] = value
        self._order[key] = None

    def __delitem__(self, key: str) -> None:
        del self._order[key]
        self._sources.pop(key, None)
        self._loaded.pop(key, None)

    def __contains__(self, key: object) -> bool:
        return key in self._order  # without loading it, unlike Mapping's default

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)


class Catalog:
    """Incidents loaded from one or more places, by id, plus the problems met on the way;
    `aliases` maps former ids to the id that now answers to them (`Incident.aliases`).

    A plain class: a dataclass compiles its generated methods when `triage list` and `triage
    validate` import this module, for nothing either uses."""

    __slots__ = ("incidents", "problems", "aliases")

    def __init__(self, incidents: MutableMapping[str, LoadedIncident] | None = None,
                 problems: list[Problem] | None = None,
                 aliases: dict[str, str] | None = None) -> None:
        self.incidents: MutableMapping[str, LoadedIncident] = {} if incidents is None else incidents
        self.problems: list[Problem] = [] if problems is None else problems
        self.aliases: dict[str, str] = {} if aliases is None else aliases

    def resolve_id(self, ref: str) -> str | None:
        """The id of the incident `ref` names, as its id or a former one (None if neither)."""
        if ref in self.incidents:
            return ref
        return self.aliases.get(ref)

    def add(self, loaded: LoadedIncident) -> None:
        """Add an incident; a second incident with the same id is a problem."""
        existing = self.incidents.get(loaded.incident.id)
        if existing is not None:
            from triage.model.yamlsource import Problem

            self.problems.append(Problem(
                str(loaded.path), 1, 1, "id",
                f"duplicate incident id '{loaded.incident.id}' (also in {existing.path})"))
            return
        self.incidents[loaded.incident.id] = loaded
        for alias in loaded.incident.aliases:
            self.aliases.setdefault(alias, loaded.incident.id)

    def sorted(self) -> list[LoadedIncident]:
        """Incidents ordered by pitfall, difficulty and id."""
        return sorted(self.incidents.values(),
                      key=lambda x: (x.incident.pitfall, x.incident.difficulty, x.incident.id))


def load_catalog(extra_dirs: Iterable[Path] = (), *, builtin: bool = True) -> Catalog:
    """Load the built-in pack and any extra directories; bad files become problems.

    Every file is judged through the cached index (`triage.model.index`); each valid incident is
    validated into its objects only when first used (`LazyIncidents`).
    """
    from triage.model.index import incident_index

    roots = ([builtin_dir()] if builtin else []) + list(extra_dirs)
    index = incident_index(incident_files(roots))
    incidents = LazyIncidents({entry.id: (entry.path, index.sources[entry.path])
                               for entry in index.entries.values()})
    return Catalog(incidents, list(index.problems), dict(index.aliases))


def find_incident(ref: str, extra_dirs: Iterable[Path] = ()) -> LoadedIncident:
    """An incident by id (built-in pack and extra dirs) or by file path.

    An id is looked up in the cached index (`triage.model.index`), so only the incident found is
    loaded, not the whole catalog; the first file with that id wins, as in `load_catalog`.
    """
    from triage.model.index import incident_index
    from triage.model.loader import IncidentError, incident_from_bytes, load_incident

    candidate = Path(ref)
    if candidate.suffix in YAML_SUFFIXES or candidate.is_file():
        return load_incident(candidate)
    index = incident_index(incident_files([builtin_dir(), *extra_dirs]))
    ref = ref if ref in index.entries else index.aliases.get(ref, ref)
    if ref in index.entries:
        path = index.entries[ref].path
        return incident_from_bytes(index.sources[path], path)
    from triage.model.crossref import suggest
    from triage.model.yamlsource import Problem

    raise IncidentError([Problem(ref, 1, 1, "", f"no incident with id '{ref}'"
                                 f"{suggest(ref, index.entries)}")])
