"""Repeated log lines vary from the seed (`{5 to 7}`, `{a|b}`) without moving any other draw of
the play: the same seed gives the same words, and every series, time and other line stays
bit-identical to the play without the variation."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from triage.cli import main
from triage.model.logvary import pattern
from triage.model.pack import find_incident
from triage.sim.world import build_world

TASK_DONE = "task done: {5 to 7} tool calls, {8.4 to 9.8}k tokens, posted to ledger"
CANNED = "task done: 6 tool calls, 9.1k tokens, posted to ledger"


def test_a_repeated_line_reads_differently_and_moves_no_other_draw() -> None:
    incident = find_incident("recon-agent-spend").incident
    index = next(i for i, line in enumerate(incident.logs) if line.message == TASK_DONE)
    world = build_world(incident, 3)
    done = [e.message for e in world.logs if e.index == index]
    assert len(done) > 10 and len(set(done)) > 5, "the line no longer repeats word for word"
    for message in done:
        match = re.fullmatch(r"task done: ([5-7]) tool calls, (\d\.\d)k tokens, posted to ledger",
                             message)
        assert match and 8.4 <= float(match.group(2)) <= 9.8, message
    assert [e.message for e in build_world(incident, 3).logs if e.index == index] == done
    assert [e.message for e in build_world(incident, 4).logs if e.index == index] != done

    logs = list(incident.logs)
    logs[index] = logs[index].model_copy(update={"message": CANNED})
    canned = build_world(incident.model_copy(update={"logs": logs}), 3)
    assert world.series.keys() == canned.series.keys()
    for name, values in world.series.items():
        assert values.tobytes() == canned.series[name].tobytes(), name
    for name, result in world.systems.items():
        for output, values in result.series.items():
            assert np.array_equal(values, canned.systems[name].series[output], equal_nan=True)
    assert [e.minute for e in world.logs] == [e.minute for e in canned.logs]
    others = [(e.minute, e.message) for e in world.logs if e.index != index]
    assert others == [(e.minute, e.message) for e in canned.logs if e.index != index]
    assert world.changes == canned.changes


def test_labels_show_the_range_and_a_backwards_range_is_refused(tmp_path: Path, capsys) -> None:
    assert pattern(TASK_DONE) == "task done: 5-7 tool calls, 8.4-9.8k tokens, posted to ledger"
    literal = "status {ok|ok|slow}; {{literal|braces}}"
    assert pattern(literal) == "status ok/slow; {{literal|braces}}"
    fixture = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
    text = fixture.read_text(encoding="utf-8")
    old = 'message: "request exceeded 4096 tokens"'
    assert text.count(old) == 1
    path = tmp_path / "incident.yaml"
    path.write_text(text.replace(old, 'message: "retrying (attempt {8 to 2} of 8)"'),
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert "{8 to 2} runs from high to low: write {2 to 8}" in capsys.readouterr().out
