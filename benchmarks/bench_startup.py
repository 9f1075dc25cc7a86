"""Start-up: `triage list` and `triage validate ONE.yaml`, process start to exit.

Baseline: `python -c "import yaml, pydantic, numpy"`, the libraries either command could need.
Target: each within 1.5x of the baseline, and neither imports Textual (checked with
`python -X importtime`). Runs are interleaved (base, list, validate, base, ...); `list` runs with
its own empty TRIAGE_HOME, warmed by one untimed run, as a player's second `triage list` would.

Run: `python benchmarks/bench_startup.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _harness import (
    PYTHON,
    Figure,
    child_env,
    imports_of,
    interleaved,
    medians,
    paired_ratio,
    spawn,
    table,
    triage_command,
)

TARGET = 1.5


def one_incident() -> Path:
    """The largest incident file of the built-in pack: the most work for `validate`."""
    from triage.model.pack import builtin_dir, yaml_files

    return max(yaml_files([builtin_dir()]), key=lambda p: (p.stat().st_size, p.name))


def figures(repeat: int = 11) -> list[Figure]:
    """Time the two commands against the import baseline, and check their imports."""
    incident = one_incident()
    with tempfile.TemporaryDirectory(prefix="triage-bench-home-") as home:
        env = child_env(TRIAGE_HOME=home)
        triage = triage_command()
        commands = {
            "base": [PYTHON, "-c", "import yaml, pydantic, numpy"],
            "list": [*triage, "list"],
            "validate": [*triage, "validate", str(incident)],
        }
        runs = {name: (lambda argv=argv: spawn(argv, env=env)[0])
                for name, argv in commands.items()}
        results = interleaved(runs, repeat)
        times = medians(results)
        textual = {name: "textual" in imports_of(commands[name], env)
                   for name in ("list", "validate")}
    result = []
    for name, label in (("list", "start-up: triage list"),
                        ("validate", f"start-up: triage validate {incident.name}")):
        ratio = paired_ratio(results, name, "base")
        note = "imports textual!" if textual[name] else ""
        result.append(Figure(label, times[name], times["base"], "s", f"<= {TARGET}x, no textual",
                             ratio <= TARGET and not textual[name], ratio=ratio, note=note))
    return result


def main() -> None:
    """Print this benchmark's rows of the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    print(table(figures(parser.parse_args().repeat)))


if __name__ == "__main__":
    main()
