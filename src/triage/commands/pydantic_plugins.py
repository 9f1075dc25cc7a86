"""Keep pydantic from searching installed packages for plugins when `triage` runs as a command.

The first time pydantic builds a validator it imports `pydantic.plugin._loader`, which imports
`importlib.metadata` (and with it `email`, `zipfile`, `csv` ...) to read the entry points of every
installed distribution, looking for validation plugins. That is about a twentieth of the whole
run of `triage validate ONE.yaml` (69 million of its 1,030 million instructions, counted with
callgrind), spent to find plugins that triage never wants: its validation must not change with
what else happens to be installed.

`skip_plugin_discovery()` registers a stand-in for that loader module which reports no plugins,
the answer pydantic itself gives when `PYDANTIC_DISABLE_PLUGINS=__all__` is set. Only the command
line calls it (`triage.cli.main`), before any model is built; code that imports `triage` as a
library keeps pydantic's own behaviour. It does nothing when the loader is already imported, or
when the user names plugins to disable (`PYDANTIC_DISABLE_PLUGINS=name,...`), since that means
they use plugins on purpose.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterable
from typing import Any

LOADER = "pydantic.plugin._loader"


def _no_plugins() -> Iterable[Any]:
    return ()


def skip_plugin_discovery() -> bool:
    """Make pydantic see no plugins without importing `importlib.metadata`; True if it did."""
    chosen = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
    if LOADER in sys.modules or chosen not in (None, "__all__", "1", "true"):
        return False
    stand_in = types.ModuleType(LOADER, "triage: pydantic plugin discovery is skipped")
    stand_in.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[LOADER] = stand_in
    return True
