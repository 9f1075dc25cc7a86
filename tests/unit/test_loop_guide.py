"""docs/authoring.md teaches the on-call loop truthfully: its example, in place of the complete
example's impact, validates without a warning and passes `check` (the loop's checks included),
and the reference tables explain every key of the loop's models."""

from __future__ import annotations

import re
from pathlib import Path

from triage.cli import main
from triage.model import loop

REPO = Path(__file__).parents[2]
GUIDE = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```\n", GUIDE, re.S)
COMPLETE = next(b for b in BLOCKS if re.search(r"^id: lr-push-divergence", b, re.M))
SECTION = GUIDE[GUIDE.index("## The on-call loop"):GUIDE.index("## Writing options")]
EXAMPLE = next(b for b in re.findall(r"```yaml\n(.*?)```\n", SECTION, re.S)
               if b.startswith("impact:"))


def test_the_loop_example_validates_and_checks_in_the_complete_example(tmp_path, capsys):
    start = COMPLETE.index("\nimpact:")
    end = COMPLETE.index("\nsystems:")
    text = COMPLETE[:start] + "\n" + EXAMPLE + COMPLETE[end:]
    path = tmp_path / "lr-push-divergence.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert "warning" not in capsys.readouterr().out
    assert main(["check", "--spoilers", "--seeds", "1", str(path)]) == 0, \
        capsys.readouterr().out
    out = capsys.readouterr().out
    for name in ("the ideal loop resolves", "waiting does not resolve it",
                 "harmful raise_lr visibly hurts"):
        assert f"ok   {name}" in out, out


def test_the_complete_example_defines_the_smallest_impact() -> None:
    assert re.search(r"^impact:\n  unit: .+\n  per_minute: .+\n  severity: \d\n", COMPLETE, re.M)
    assert COMPLETE.index("  - id: raise_lr") < COMPLETE.index("  - id: restore_lr")


def test_the_reference_explains_every_key_of_the_loop() -> None:
    for model in (loop.Impact, loop.Inject, loop.Owner):
        table = GUIDE[GUIDE.index(f"#### {model.__name__}\n"):]
        table = table[:table.index("\n\n#### ")]
        for name in model.model_fields:
            assert f"| `{name}` |" in table, f"{model.__name__}.{name}"
    for key in ("impact", "injects", "owners", "mitigation", "harm"):
        assert f"| `{key}` |" in GUIDE, key
    for level, text in loop.SEVERITY_TEXT.items():
        assert f"| {level} | {text.split(': ', 1)[1].split(' (')[0]}" in SECTION
