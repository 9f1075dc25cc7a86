"""The catalog's index: each incident file's metadata, cached so `triage list` starts fast.

`triage list` reports every bad file, so every file must be validated; but a file whose bytes have
not changed, judged by the same triage and pydantic, gets the same verdict. `incident_index` keeps
each verdict (the metadata `list` prints and the page's facts, `triage.model.pagefacts`, or the
file's problems) in `data_dir()/cache/`, keyed by
the file's path and SHA-256 and by a fingerprint of the code that judged it. A run hashes the
files and validates only those without a cached verdict, so when nothing has changed it imports
neither pydantic nor the YAML loader. A missing, damaged or unwritable cache only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage.fileio import read_regular_bytes
from triage.model.cachedir import default_cache_dir
from triage.model.pagefacts import PageFacts, facts_of

if TYPE_CHECKING:
    from triage.model.yamlsource import Problem

CACHE_FORMAT = 3
CACHE_NAME = "incident-index.json"
_META = ("id", "title", "pitfall", "difficulty", "service", "aliases")


@dataclass(frozen=True)
class IndexEntry:
    """What the catalog lists about one valid incident file."""

    path: Path
    sha256: str
    id: str
    title: str
    pitfall: str
    difficulty: int
    service: str
    aliases: tuple[str, ...] = ()


@dataclass
class IncidentIndex:
    """Valid incidents by id, in catalog order, and the problems of the files that are not."""

    entries: dict[str, IndexEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    sources: dict[Path, bytes] = field(default_factory=dict)
    """The bytes of each entry's file, as hashed and judged (so a lazy load sees the same)."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Former ids to the id of the incident that now answers to them."""
    pages: dict[Path, PageFacts] = field(default_factory=dict)
    """What each entry's page shows (`triage.model.pagefacts`), by the entry's path."""

    def sorted(self) -> list[IndexEntry]:
        """Entries ordered by pitfall, difficulty and id (as `Catalog.sorted`)."""
        return sorted(self.entries.values(), key=lambda e: (e.pitfall, e.difficulty, e.id))


def incident_index(paths: Iterable[Path], cache_dir: Path | None = None) -> IncidentIndex:
    """The index of these incident files, validating only the files the cache cannot answer for.

    Gives the same entries and problems as `load_catalog` over the same files, duplicates
    included. `cache_dir` defaults to what `triage.model.cachedir.use_cache_dir` set; with
    neither, nothing is cached.
    """
    paths = list(paths)
    if cache_dir is not None:
        return _index(paths, cache_dir)
    cache_dir = default_cache_dir()
    # `triage play ID` asks twice in a row (does the id exist? then its page): files whose
    # stat is unchanged since this process last indexed them get that index again.
    again = (cache_dir, [(str(path), _stat(path)) for path in paths])
    if _last is not None and _last[0] == again:
        return replace(_last[1])
    index = _index(paths, cache_dir)
    _remember(again, index)
    return replace(index)


_last: tuple[Any, IncidentIndex] | None = None


def _remember(key: Any, index: IncidentIndex) -> None:
    global _last
    _last = (key, index)


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def _index(paths: list[Path], cache_dir: Path | None) -> IncidentIndex:
    cache_file = cache_dir / CACHE_NAME if cache_dir is not None else None
    fingerprint = _code_fingerprint()
    cached = _read_cache(cache_file, fingerprint) if cache_file is not None else {}
    verdicts: dict[str, dict[str, Any]] = {}
    sources: dict[Path, bytes] = {}
    for path in paths:
        label = str(path)
        try:
            # A FIFO or a device is refused unopened-for-blocking: reading one would hang.
            raw: bytes | None = read_regular_bytes(path)
        except OSError as error:  # unreadable: reported as a problem, never cached
            verdicts[label] = {"sha256": "", "problems": [
                {"path": label, "line": 1, "col": 1, "key": "",
                 "message": f"cannot read the file: {error.strerror or error}"}]}
            continue
        digest = hashlib.sha256(raw).hexdigest() if raw is not None else ""
        verdict = cached.get(label)
        if raw is None or verdict is None or verdict.get("sha256") != digest:
            verdict = _judge(path, raw, digest)
        verdicts[label] = verdict
        if raw is not None and "meta" in verdict:
            sources[path] = raw
    if cache_file is not None and verdicts != {k: cached.get(k) for k in verdicts}:
        kept = {k: v for k, v in cached.items() if k not in verdicts and os.path.exists(k)}
        _write_cache(cache_file, fingerprint, {**kept, **{k: v for k, v in verdicts.items()
                                                          if v["sha256"]}})
    index = _build(verdicts)
    index.sources = {entry.path: sources[entry.path] for entry in index.entries.values()}
    for entry in index.entries.values():
        facts = PageFacts.from_json(verdicts[str(entry.path)].get("page"))
        if facts is not None:
            index.pages[entry.path] = facts
    return index


def _judge(path: Path, raw: bytes | None, digest: str) -> dict[str, Any]:
    """Validate one file fully and return its verdict: its metadata, or its problems."""
    from triage.model.loader import IncidentError, incident_from_bytes, load_incident

    try:
        loaded = load_incident(path) if raw is None else incident_from_bytes(raw, path)
        incident = loaded.incident
    except IncidentError as error:
        return {"sha256": digest, "problems": [p._asdict() for p in error.problems]}
    meta = {name: getattr(incident, name) for name in _META}
    return {"sha256": digest, "meta": {**meta, "aliases": list(incident.aliases)},
            "page": facts_of(incident).as_json()}


def _build(verdicts: dict[str, dict[str, Any]]) -> IncidentIndex:
    index = IncidentIndex()
    problems: list[dict[str, Any]] = []
    for label, verdict in verdicts.items():
        if "meta" not in verdict:
            problems.extend(verdict["problems"])
            continue
        meta = {**verdict["meta"], "aliases": tuple(verdict["meta"]["aliases"])}
        entry = IndexEntry(Path(label), verdict["sha256"], **meta)
        existing = index.entries.get(entry.id)
        if existing is None:
            index.entries[entry.id] = entry
            for alias in entry.aliases:
                index.aliases.setdefault(alias, entry.id)
        else:  # the message `Catalog.add` gives
            problems.append({"path": label, "line": 1, "col": 1, "key": "id",
                             "message": f"duplicate incident id '{entry.id}' "
                                        f"(also in {existing.path})"})
    for alias, owner in list(index.aliases.items()):
        if alias in index.entries:  # an id wins over another incident's former id
            del index.aliases[alias]
            problems.append({"path": str(index.entries[owner].path), "line": 1, "col": 1,
                             "key": "aliases", "message": f"alias '{alias}' is the id of "
                             f"{index.entries[alias].path}; an alias must not be a current id"})
    if problems:  # only now: Problem's module imports pydantic
        from triage.model.yamlsource import Problem

        index.problems = [Problem(**p) for p in problems]
    return index


def _code_fingerprint() -> str:
    """Changes whenever the code that judges a file may have: triage's sources or the libraries."""
    package = Path(__file__).resolve().parent.parent
    parts = []
    for root, _dirs, files in os.walk(package):
        for name in sorted(files):
            if name.endswith(".py"):
                stat = os.stat(os.path.join(root, name))
                parts.append(f"{root}/{name}:{stat.st_mtime_ns}:{stat.st_size}")
    for library in ("pydantic", "pydantic_core", "yaml"):
        spec = find_spec(library)
        origin = spec.origin if spec is not None else None
        if origin:
            stat = os.stat(origin)
            parts.append(f"{origin}:{stat.st_mtime_ns}:{stat.st_size}")
    return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()


def _read_cache(cache_file: Path, fingerprint: str) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if (not isinstance(data, dict) or data.get("format") != CACHE_FORMAT
            or data.get("fingerprint") != fingerprint or not isinstance(data.get("files"), dict)):
        return {}
    return {label: verdict for label, verdict in data["files"].items() if _sound(verdict)}


def _sound(verdict: Any) -> bool:
    """Whether a cached verdict has the shape `_build` relies on (the file may be damaged)."""
    if not isinstance(verdict, dict) or not isinstance(verdict.get("sha256"), str):
        return False
    meta, problems = verdict.get("meta"), verdict.get("problems")
    if isinstance(meta, dict):
        return (PageFacts.from_json(verdict.get("page")) is not None
                and set(meta) == set(_META) and isinstance(meta["difficulty"], int)
                and isinstance(meta["aliases"], list)
                and all(isinstance(a, str) for a in meta["aliases"])
                and all(isinstance(meta[k], str) for k in _META
                        if k not in ("difficulty", "aliases")))
    keys = {"path": str, "line": int, "col": int, "key": str, "message": str}
    return isinstance(problems, list) and all(
        isinstance(p, dict) and set(p) == set(keys)
        and all(isinstance(p[k], t) for k, t in keys.items()) for p in problems)


def _write_cache(cache_file: Path, fingerprint: str, files: dict[str, dict[str, Any]]) -> None:
    """Replace the cache atomically; a cache that cannot be written is simply not kept."""
    payload = {"format": CACHE_FORMAT, "fingerprint": fingerprint, "files": files}
    temporary = None
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache_file.parent, prefix=".index-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(payload, stream, ensure_ascii=False)
        os.replace(temporary, cache_file)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
