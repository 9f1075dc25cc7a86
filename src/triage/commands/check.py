"""`triage check`: prove incidents are playable (alerts fire, the ideal path wins, and more)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from triage.commands.common import add_format, usage_error

if TYPE_CHECKING:
    from triage.authoring.checker import CheckReport


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `check` subcommand."""
    parser = subparsers.add_parser(
        "check", help="prove incidents are playable: valid, alerts fire, the ideal path wins",
        description="Validate each incident, then play it headless for several seeds: every "
        "alert fires, a page comes in time, the decisive panels move, the ideal path earns an A, "
        "a harmful remediation scores lower, and the series are deterministic. Directories are "
        "searched recursively. Exit 0 when every check passes, 1 otherwise, 2 on a usage error.")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="incident files or directories")
    parser.add_argument("--seeds", type=int, default=5, metavar="N",
                        help="check seeds 1..N (default 5)")
    parser.add_argument("--incident", metavar="ID|PATH",
                        help="the incident that actions files play (default: from their name)")
    parser.add_argument("--spoilers", action="store_true",
                        help="name the decisive panels, the fixes and what gives the answer away "
                        "(authors need it; without it, check keeps the answer key to itself)")
    add_format(parser, "json")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check every file, print a report per file, and return 0 or 1."""
    from triage.commands.validate import collect_files

    if not 1 <= args.seeds <= 100:
        return usage_error("--seeds must be between 1 and 100")
    files = collect_files(args.paths)
    if isinstance(files, str):
        return usage_error(files)
    try:
        reports = check_files(files, list(range(1, args.seeds + 1)), args.incident,
                              spoilers=args.spoilers)
    except Exception as error:  # noqa: BLE001 - never a traceback, even for a bug of ours
        print(f"triage: internal error ({type(error).__name__}: {error}); please report it",
              file=sys.stderr)
        return 1
    if args.format == "json":
        from triage.commands.common import print_json

        print_json([report.as_dict() for report in reports])
    else:
        print_reports(reports)
    return 0 if all(report.ok for report in reports) else 1


def check_files(files: list[Path], seeds: list[int], incident_ref: str | None, *,
                spoilers: bool = True) -> list[CheckReport]:
    """Validate every file, then run the playability checks on each valid incident. Without
    `spoilers`, checks that name the answer show their public form and the wording warnings
    (which quote the right option) are counted, not shown; the YAML warnings are shown."""
    from triage.authoring.checker import CheckResult, check_incident
    from triage.authoring.linted_report import LintedReport
    from triage.authoring.validation import DEFAULT_KIND, validate_paths

    reports: list[CheckReport] = []
    for result in validate_paths(files, incident_ref).results:
        warnings = list(result.warnings)
        shown = warnings if spoilers else [w for w in warnings if w in result.yaml_warnings]
        report = LintedReport(result.path, result.id, list(result.problems), warnings=shown,
                              hidden_warnings=len(warnings) - len(shown))
        if result.ok and result.kind == DEFAULT_KIND and result.value is not None:
            checks = check_incident(result.value, seeds)
            report.checks = [CheckResult("valid", True, "schema and cross-references"),
                             *(checks if spoilers else (c.without_spoilers() for c in checks))]
        elif result.ok and result.kind == "triage/lab@1" and result.value is not None:
            from triage.lab.checks import check_lab

            report.checks = [CheckResult("valid", True, "schema and cross-references"),
                             *check_lab(result.value, seeds)]
        elif result.ok:
            report.checks = [CheckResult("valid", True, f"a valid {result.kind} file; "
                                         "nothing to play")]
        reports.append(report)
    return reports


def print_reports(reports: list[CheckReport]) -> None:
    """A block per file: PASS/FAIL, its problems, each check on its own line, then warnings."""
    from triage.text.safe import clean_line

    for report in reports:
        title = f" ({report.id})" if report.id else ""
        print(clean_line(f"{'PASS' if report.ok else 'FAIL'} {report.path}{title}"))
        for problem in report.problems:
            print(clean_line(f"  {problem.format()}"))
        if report.problems:
            print("  not checked further: fix the problems above first")
        for check in report.checks:
            mark = "ok  " if check.ok else "FAIL"
            print(clean_line(f"  {mark} {check.name}: {check.detail}"))
        for warning in getattr(report, "warnings", []):
            print(clean_line(f"  {warning.format()}"))
        if hidden := getattr(report, "hidden_warnings", 0):
            print(f"  {hidden} wording warning{'s' * (hidden != 1)} hidden (they quote the answer):"
                  " 'triage validate' or 'check --spoilers' shows them")
    passed = sum(1 for report in reports if report.ok)
    print(f"{passed} of {len(reports)} file{'s' * (len(reports) != 1)} pass", file=sys.stderr)
