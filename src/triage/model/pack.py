"""Find incidents: the built-in pack, extra directories, and single files.

The built-in pack lives in `incidents/` at the top of a source checkout and is copied into the
package (`triage/incidents/`) when a wheel is built; `builtin_dir()` finds whichever exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

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


@dataclass
class Catalog:
    """Incidents loaded from one or more places, by id, plus the problems met on the way."""

    incidents: dict[str, LoadedIncident] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

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

    def sorted(self) -> list[LoadedIncident]:
        """Incidents ordered by pitfall, difficulty and id."""
        return sorted(self.incidents.values(),
                      key=lambda x: (x.incident.pitfall, x.incident.difficulty, x.incident.id))


def load_catalog(extra_dirs: Iterable[Path] = (), *, builtin: bool = True) -> Catalog:
    """Load the built-in pack and any extra directories; bad files become problems."""
    from triage.model.loader import IncidentError, load_incident

    catalog = Catalog()
    roots = ([builtin_dir()] if builtin else []) + list(extra_dirs)
    for path in yaml_files(roots):
        try:
            catalog.add(load_incident(path))
        except IncidentError as error:
            catalog.problems.extend(error.problems)
    return catalog


def find_incident(ref: str, extra_dirs: Iterable[Path] = ()) -> LoadedIncident:
    """An incident by id (built-in pack and extra dirs) or by file path.

    An id is looked up in the cached index (`triage.model.index`), so only the incident found is
    loaded, not the whole catalog; the first file with that id wins, as in `load_catalog`.
    """
    from triage.model.index import incident_index
    from triage.model.loader import IncidentError, load_incident

    candidate = Path(ref)
    if candidate.suffix in YAML_SUFFIXES or candidate.is_file():
        return load_incident(candidate)
    index = incident_index(yaml_files([builtin_dir(), *extra_dirs]))
    if ref in index.entries:
        return load_incident(index.entries[ref].path)
    from triage.model.crossref import suggest
    from triage.model.yamlsource import Problem

    raise IncidentError([Problem(ref, 1, 1, "", f"no incident with id '{ref}'"
                                 f"{suggest(ref, index.entries)}")])
