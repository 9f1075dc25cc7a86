"""The incident a play starts from, found without validating it again: `triage play ID|PATH`.

`find_incident` hands back the validated incident (pydantic objects), which is what a play
needs, but not what its first frame needs: the page. `play_source` answers from the incident
index (`triage.model.index`) instead: the file's bytes, as hashed and judged, and the page's
facts (`triage.model.pagefacts`) from the cached verdict. When the cache answers, nothing heavy
is imported; the play itself is then built from those same bytes (`PlaySource.load`), in the
background while the page is read. A file the cache has no verdict for is validated here, once
(a cold start), and its verdict kept for the next start.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from triage.model.pagefacts import PageFacts

if TYPE_CHECKING:
    from triage.model.loader import LoadedIncident


@dataclass(frozen=True)
class PlaySource:
    """A valid incident file's bytes (as judged) and its page's facts."""

    path: Path
    source: bytes
    facts: PageFacts

    def load(self) -> LoadedIncident:
        """The validated incident, from the bytes the index judged (imports pydantic)."""
        from triage.model.loader import incident_from_bytes

        return incident_from_bytes(self.source, self.path)


def play_source(ref: str, extra_dirs: Iterable[Path] = ()) -> PlaySource:
    """The incident `ref` names: an id (or former id) in the pack and `extra_dirs`, or a file.

    Finds what `find_incident` finds (the first file with an id wins) and raises the same
    `IncidentError` with the file's problems, or with a did-you-mean for an unknown id.
    """
    from triage.model.index import incident_index
    from triage.model.pack import YAML_SUFFIXES, builtin_dir, incident_files

    candidate = Path(ref)
    if candidate.suffix in YAML_SUFFIXES or candidate.is_file():
        index = incident_index([candidate])
        entry = next(iter(index.entries.values()), None)
    else:
        index = incident_index(incident_files([builtin_dir(), *extra_dirs]))
        entry = index.entries.get(ref) or index.entries.get(index.aliases.get(ref, ""))
        if entry is None:
            from triage.model.crossref import suggest
            from triage.model.loader import IncidentError
            from triage.model.yamlsource import Problem

            raise IncidentError([Problem(ref, 1, 1, "", f"no incident with id '{ref}'"
                                         f"{suggest(ref, index.entries)}")])
    if entry is None:
        from triage.model.loader import IncidentError

        raise IncidentError(list(index.problems))
    # Every valid verdict carries its page's facts (`index._sound` refuses one without).
    return PlaySource(entry.path, index.sources[entry.path], index.pages[entry.path])
