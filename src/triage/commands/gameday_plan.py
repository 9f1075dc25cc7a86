"""What `triage gameday new` and `triage gameday validate` do: plans on disk, written and checked.

Imported only when one of those subcommands runs. Exit codes: 0 success; 1 a bad plan; 2 usage
error. Running, joining and reporting on a game day are in `gameday_run`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from triage.commands.common import print_problems, usage_error


def load_plan_or_report(path: Path, dirs: list[Path]) -> Any:
    """The loaded plan at `path`, or an exit code after printing why not (2: no such file;
    1: its problems, each at its `path:line:col`)."""
    from triage.gameday.checks import PlanError, load_plan

    if not path.exists():
        return usage_error(f"plan not found: {path}")
    try:
        return load_plan(path, dirs)
    except PlanError as error:
        print_problems(error.problems)
        return 1


def run_new(args: argparse.Namespace) -> int:
    """Write the example plan, naming incidents from the catalog; only a plan that validates is
    written, and only where `triage.commands.output` allows."""
    from triage.commands.output import check_path, write_file
    from triage.gameday.example import example_plan
    from triage.model.pack import load_catalog

    path: Path = args.path
    if path.suffix not in (".yaml", ".yml"):
        return usage_error(f"{path}: a plan file name ends in .yaml or .yml")
    refused = check_path(path, force=args.force)
    if refused:
        return refused
    title = " ".join(args.title.split())
    if not title:
        return usage_error("--title must not be empty")
    if len(title) > TITLE_LIMIT:
        return usage_error(f"--title is limited to {TITLE_LIMIT} characters (it has {len(title)})")
    base = path.resolve().parent
    outside = [str(d) for d in args.dirs if not Path(d).resolve().is_relative_to(base)]
    if outside:
        return usage_error(f"--dir {outside[0]} is outside the plan's folder ({base}); a plan may "
                           "only name folders inside its own, so write the plan in a folder "
                           "that holds the incidents, or pass --dir to 'gameday run' instead")
    catalog = load_catalog(args.dirs).sorted()
    dirs = [os.path.relpath(Path(d).resolve(), base) for d in args.dirs]
    text = example_plan(path.name, catalog, dirs, title)
    problem = _first_problem(text, path, base, resolve=bool(catalog))
    if problem is not None:
        return usage_error(f"the plan would not validate, so it was not written: {problem}")
    code = write_file(path, text, force=args.force, make_parents=True)
    if code:
        return code
    print(f"wrote {path}; check it with 'triage validate {path}'", file=sys.stderr)
    if not catalog:
        print("warning: no incidents were found, so round 1 names a placeholder id; "
              "edit it before running", file=sys.stderr)
    return 0


TITLE_LIMIT = 100
"""The longest title a plan may have (`GamePlan.title`); a test keeps the two equal."""


def _first_problem(text: str, path: Path, base: Path, *, resolve: bool) -> str | None:
    """The first problem `triage validate` would find in the plan `text` about to be written
    at `path` (None if none); without `resolve`, its incidents are not looked up."""
    from triage.gameday.checks import check_plan_document
    from triage.gameday.plan import GamePlan
    from triage.model.error_mapping import problems_from_validation_error
    from triage.model.yamlsource import YamlError, load_yaml_text

    try:
        document = load_yaml_text(text, str(path))
    except YamlError as error:
        return error.problems[0].message
    if resolve:
        problems = check_plan_document(document, str(path), base_dir=base)[2]
    else:
        from pydantic import ValidationError

        try:
            GamePlan.model_validate(document.data)
            problems = []
        except ValidationError as error:
            problems = problems_from_validation_error(error, document, str(path), model=GamePlan)
    return problems[0].format() if problems else None


def run_validate(args: argparse.Namespace) -> int:
    """Check plans: every problem at its `path:line:col`, and each round's incident resolved."""
    from triage.text.safe import clean_line

    code = 0
    for path in args.plans:
        loaded = load_plan_or_report(path, args.dirs)
        if isinstance(loaded, int):
            code = max(code, loaded)
            continue
        rounds = ", ".join(f"{r.title}: {r.incident_id} (seed {r.seed})" for r in loaded.rounds)
        print(clean_line(f"{path}: valid plan, {len(loaded.plan.teams)} teams; {rounds}"))
    return code
