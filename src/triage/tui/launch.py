"""Start the TUI from the command line: `triage` (home screen) and `triage play [ID] [--seed N]`."""

from __future__ import annotations

import argparse
from pathlib import Path


def launch(args: argparse.Namespace, *, incident_ref: str | None, seed: int | None) -> int:
    """Find the named incident, run the app (it loads the catalog when first needed) and return
    the exit code.

    The incident is found through the index cache (`triage.model.playsource`): its page is drawn
    from the cached facts, and the play is built while the page is read, so nothing heavy is
    imported before the first frame. A file with no cached verdict is validated first.

    Returns 1 when the named incident cannot be loaded (its problems are printed), 2 without a
    terminal (`triage.terminal`), 3 when a play ended but could not be stored (as `triage play
    --headless`), else 0.
    """
    from triage.model.pack import load_catalog
    from triage.model.playsource import play_source
    from triage.model.problems import print_problems
    from triage.terminal import refuse_without_terminal

    dirs: list[Path] = list(getattr(args, "dirs", None) or [])
    source = None
    if incident_ref:
        try:
            source = play_source(incident_ref, dirs)
        except Exception as error:  # noqa: BLE001 - IncidentError's module loads pydantic
            from triage.model.loader import IncidentError

            if not isinstance(error, IncidentError):
                raise
            print_problems(error.problems)
            return 1
    # A bad incident is reported first; then, without a terminal, one line and exit 2 before
    # Textual is imported (the game would start and wait for keys that never come).
    if (refused := refuse_without_terminal("play" if incident_ref else "the game")) is not None:
        return refused
    from triage.tui.app import PlayOptions, create_app
    from triage.tui.caches import freeze_startup_objects

    options = PlayOptions(
        player=getattr(args, "player", None),
        save=not getattr(args, "no_save", False),
        gameday_run=getattr(args, "gameday", None),
        team=getattr(args, "team", None),
    )
    # The catalog is loaded when first needed (the home screen), not before the page is shown.
    app = create_app(lambda: load_catalog(dirs), incident=source, seed=seed, options=options)
    freeze_startup_objects()
    app.run()
    if app.not_saved:
        import sys

        plays = "1 play was" if app.not_saved == 1 else f"{app.not_saved} plays were"
        print(f"triage: {plays} not saved (the reason was shown in the game)", file=sys.stderr)
        return 3
    return 0
