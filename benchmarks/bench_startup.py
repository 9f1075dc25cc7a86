"""Start-up: `triage list` and `triage validate ONE.yaml`, process start to exit, each against
honest baselines.

- `triage list` (warm: its incident index cached, as a player's second `triage list` finds it)
  against `python -c pass` (the interpreter alone: what `list` costs over nothing), and against
  `python -c "import yaml, pydantic, numpy"` (the libraries a catalog could need and `list`
  never imports). Target: within 1.5x of the import baseline; the `pass` ratio is reported too.
- `triage list` cold: the first run after a code change, when the cache no longer vouches for
  any file and every incident is validated again (a fresh TRIAGE_HOME each run). Reported beside
  the warm figure, against the same import baseline; no target.
- `triage validate ONE.yaml` (the largest built-in incident) against a Python process that
  imports exactly what `validate` itself imports: every library module it loads, submodules
  included, that is not triage's (found with `python -X importtime`). Target: within 1.5x.
- The same command against a process importing only the top-level names of those libraries.
  `import pydantic` defers `pydantic.main`, the schema generator, `pydantic.types` and the rest
  to first use, so this baseline leaves about 25 ms of pydantic's own imports on validate's
  side: reported, no target (it was the target row until the session that found that).

Neither command may import Textual (checked with `python -X importtime`). Runs are interleaved,
figures are medians of paired ratios.

Run: `python benchmarks/bench_startup.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import subprocess
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
NOT_LIBRARIES = ("triage", "__main__", "site", "sitecustomize", "usercustomize",
                 "_distutils_hack", "encodings")
"""Top-level names in an import trace that are not a library the command chose to import."""


def one_incident() -> Path:
    """The largest incident file of the built-in pack: the most work for `validate`."""
    from triage.model.pack import builtin_dir, yaml_files

    return max(yaml_files([builtin_dir()]), key=lambda p: (p.stat().st_size, p.name))


def imported_libraries(argv: list[str], env: dict[str, str]) -> list[str]:
    """The top-level modules (stdlib and third-party) a command imports, triage's own left out
    (and the names `-X importtime` lists for imports tried in vain, `nt` on Linux say)."""
    from importlib.util import find_spec

    return sorted(name for name in imports_of(argv, env)
                  if name and not name.startswith(NOT_LIBRARIES) and name.isidentifier()
                  and find_spec(name) is not None)


def imported_modules(argv: list[str], env: dict[str, str]) -> list[str]:
    """Every module (submodules included) a command imports that is not triage's own and that
    a plain `import` can load (`-X importtime` also lists private C modules and `__main__`)."""
    trace = subprocess.run([PYTHON, "-X", "importtime", "-m", "triage", *argv[1:]],
                           capture_output=True, env=env, check=False).stderr.decode()
    names = {line.rsplit("|", 1)[1].strip() for line in trace.splitlines()
             if line.startswith("import time:") and "|" in line}
    top = set(imported_libraries(argv, env))
    return sorted(name for name in names if name.split(".")[0] in top
                  and all(part.isidentifier() for part in name.split(".")))


def figures(repeat: int = 11) -> list[Figure]:
    """Time the two commands against their baselines, and check their imports."""
    incident = one_incident()
    triage = triage_command()
    with tempfile.TemporaryDirectory(prefix="triage-bench-home-") as home, \
            tempfile.TemporaryDirectory(prefix="triage-bench-cold-") as cold_root:
        env = child_env(TRIAGE_HOME=home)
        validate = [*triage, "validate", str(incident)]
        libraries = imported_libraries(validate, env)
        modules = imported_modules(validate, env)
        commands = {
            "pass": [PYTHON, "-c", "pass"],
            "libs": [PYTHON, "-c", "import yaml, pydantic, numpy"],
            "list": [*triage, "list"],
            "own": [PYTHON, "-c", f"import {', '.join(libraries)}"],
            "modules": [PYTHON, "-c", f"import {', '.join(modules)}"],
            "validate": validate,
        }
        runs = {name: (lambda argv=argv: spawn(argv, env=env)[0])
                for name, argv in commands.items()}
        cold_count = iter(range(10_000))

        def cold() -> float:
            fresh = Path(cold_root) / f"home-{next(cold_count)}"
            return spawn([*triage, "list"], env=child_env(TRIAGE_HOME=str(fresh)))[0]

        runs["cold"] = cold
        results = interleaved(runs, repeat)
        times = medians(results)
        textual = {name: "textual" in imports_of(commands[name], env)
                   for name in ("list", "validate")}
    flag = {name: "imports textual!" if textual[name] else "" for name in textual}
    over_libs = paired_ratio(results, "list", "libs")
    over_pass = paired_ratio(results, "list", "pass")
    cold_ratio = paired_ratio(results, "cold", "libs")
    over_own = paired_ratio(results, "validate", "own")
    over_modules = paired_ratio(results, "validate", "modules")
    return [
        Figure("start-up: triage list (warm) vs import yaml, pydantic, numpy", times["list"],
               times["libs"], "s", f"<= {TARGET}x, no textual",
               over_libs <= TARGET and not textual["list"], ratio=over_libs,
               note=" ".join(filter(None, [flag["list"], "list imports none of the three"]))),
        Figure("start-up: triage list (warm) vs python -c pass", times["list"], times["pass"],
               "s", "reported", True, ratio=over_pass),
        Figure("start-up: triage list (cold cache) vs import yaml, pydantic, numpy",
               times["cold"], times["libs"], "s", "reported", True, ratio=cold_ratio,
               note="the first run after a code change: every incident validated again"),
        Figure(f"start-up: triage validate {incident.name} vs importing what it imports",
               times["validate"], times["modules"], "s", f"<= {TARGET}x, no textual",
               over_modules <= TARGET and not textual["validate"], ratio=over_modules,
               note=" ".join(filter(None, [
                   flag["validate"], f"baseline imports the {len(modules)} library modules "
                   "validate loads (submodules included: pydantic.main, its schema generator"
                   "...), triage's own left out"]))),
        Figure(f"start-up: triage validate {incident.name} vs importing those libraries' "
               "top-level names", times["validate"], times["own"], "s", "reported", True,
               ratio=over_own,
               note=f"baseline imports the {len(libraries)} top-level names only; pydantic's "
                    "deferred submodules count on validate's side"),
    ]


def main() -> None:
    """Print this benchmark's rows of the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    print(table(figures(parser.parse_args().repeat)))


if __name__ == "__main__":
    main()
