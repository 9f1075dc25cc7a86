"""Where triage keeps its data, and who is playing.

`TRIAGE_HOME` wins; otherwise the XDG data directory (`$XDG_DATA_HOME/triage`), otherwise
`~/.local/share/triage`. The practice database is `triage.db` inside it. What can be rebuilt at
any time (the incident index's verdicts) goes to the cache directory instead: `$TRIAGE_HOME/cache`,
otherwise `$XDG_CACHE_HOME/triage`, otherwise `~/.cache/triage`, so cache cleaners may take it and
backups of the data leave it out.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_FILENAME = "triage.db"


def data_dir() -> Path:
    """The directory triage keeps its data in (not created here)."""
    home = os.environ.get("TRIAGE_HOME")
    if home:
        return Path(home).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    # The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "triage"
    return Path.home() / ".local" / "share" / "triage"


def cache_dir() -> Path:
    """The directory for files triage can rebuild (not created here)."""
    home = os.environ.get("TRIAGE_HOME")
    if home:
        return Path(home).expanduser() / "cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():  # a relative one is invalid (the XDG spec)
        return Path(xdg) / "triage"
    return Path.home() / ".cache" / "triage"


def db_path() -> Path:
    """The practice database: `data_dir()/triage.db`."""
    return data_dir() / DB_FILENAME


def default_player() -> str:
    """The name plays are saved under when none is given: the OS user, or "player"."""
    try:
        import getpass

        name = getpass.getuser()
    except Exception:  # getpass raises OSError, KeyError or ImportError depending on platform
        return "player"
    return name or "player"
