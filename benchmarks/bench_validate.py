"""Validate at scale: `triage validate` over 1,000 incident files, process start to exit.

The files are copies of the built-in pack, each with its own id (so all are valid). Baseline: one
Python process that merely parses the same files with PyYAML's C loader (`yaml.CSafeLoader`).
Target: within 1.5x. Runs are interleaved (base, ours, base, ours ...).

Run: `python benchmarks/bench_validate.py [--files N] [--repeat N]`.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from _harness import (
    PYTHON,
    Figure,
    interleaved,
    medians,
    paired_ratio,
    spawn,
    table,
    triage_command,
)

TARGET = 1.5
PARSE_ONLY = """\
import sys, pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def make_corpus(folder: Path, count: int) -> None:
    """Write `count` valid incident files into `folder`, cycling through the built-in pack."""
    from triage.model.pack import builtin_dir, yaml_files

    sources = [p.read_text(encoding="utf-8") for p in yaml_files([builtin_dir()])]
    for index in range(count):
        suffix = f"-{index:05d}"
        text, found = re.subn(r"^id: *(\S+)", lambda m, s=suffix: f"id: {m.group(1)}{s}",
                              sources[index % len(sources)], count=1, flags=re.MULTILINE)
        assert found == 1, "every incident has a top-level id"
        (folder / f"incident-{index:05d}.yaml").write_text(text, encoding="utf-8")


def figures(files: int = 1000, repeat: int = 5) -> list[Figure]:
    """Time `triage validate DIR` against parsing DIR's files with CSafeLoader."""
    with tempfile.TemporaryDirectory(prefix="triage-bench-corpus-") as folder:
        make_corpus(Path(folder), files)
        runs = {
            "base": lambda: spawn([PYTHON, "-c", PARSE_ONLY, folder])[0],
            "ours": lambda: spawn([*triage_command(), "validate", folder])[0],
        }
        results = interleaved(runs, repeat)
    times, ratio = medians(results), paired_ratio(results, "ours", "base")
    return [Figure(f"validate {files:,} files", times["ours"], times["base"], "s",
                   f"<= {TARGET}x", ratio <= TARGET, ratio=ratio)]


def main() -> None:
    """Print this benchmark's row of the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(table(figures(args.files, args.repeat)))


if __name__ == "__main__":
    main()
