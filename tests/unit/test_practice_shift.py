"""Shift mode: a seeded schedule of real and noise pages, a clock that makes noise expensive,
a score that counts misses, waste and time to acknowledge, and `triage shift --headless`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from triage.cli import main
from triage.model.loader import load_incident
from triage.practice.shift import (
    DEFAULT_MINUTES,
    ShiftAction,
    ShiftError,
    ShiftSession,
    build_shift,
    run_shift,
)
from triage.practice.shiftfile import DecisionsError, decisions_from_text, dump_decisions
from triage.practice.shiftscore import score_shift
from triage.practice.shifttext import render_schedule_text, render_shift_text

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "fixtures" / "shapes_only.yaml"
LATENCY = load_incident(FIXTURE)
IDS = {"test-latency-regression", "test-drift-variant"}


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with two incidents: the shapes fixture and a variant of it on another pitfall."""
    folder = tmp_path_factory.mktemp("pack")
    shutil.copy(FIXTURE, folder / "latency.yaml")
    (folder / "variant.yaml").write_text(
        FIXTURE.read_text().replace("id: test-latency-regression", "id: test-drift-variant")
        .replace("pitfall: llm_cost_latency", "pitfall: silent_degradation"))
    return folder


@pytest.fixture(scope="module")
def both(pack: Path) -> list:
    return [load_incident(path) for path in sorted(pack.glob("*.yaml"))]


def ideal(shift) -> list[ShiftAction]:
    return [ShiftAction("investigate" if p.kind == "real" else "noise", p.id)
            for p in shift.pages]


def test_the_schedule_comes_from_the_seed_alone(both) -> None:
    one = build_shift(both, 3)
    assert one == build_shift(both[::-1], 3)
    assert one != build_shift(both, 4)
    # The catalog fills the real slots but never moves a page.
    shape = [(p.id, p.arrives_at, p.kind) for p in one.pages]
    assert shape == [(p.id, p.arrives_at, p.kind) for p in build_shift([LATENCY], 3).pages]
    for seed in range(40):
        shift = build_shift(both, seed, 120)
        kinds = [p.kind for p in shift.pages]
        assert "real" in kinds and "noise" in kinds
        assert [p.arrives_at for p in shift.pages] == sorted(p.arrives_at for p in shift.pages)
        assert all(0 <= p.arrives_at < 120 for p in shift.pages)
        assert [p.id for p in shift.pages] == [f"p{n}" for n in range(1, len(shift.pages) + 1)]
        for page in shift.pages:
            if page.kind == "real":
                assert page.incident_id in IDS
                assert page.clears_at is None and page.incident_seed is not None


def test_bad_shifts_are_refused() -> None:
    with pytest.raises(ShiftError, match="at least one incident"):
        build_shift([], 1)
    with pytest.raises(ShiftError, match="30 to 1440"):
        build_shift([LATENCY], 1, 10)


def test_the_clock_makes_every_decision_cost_time(both) -> None:
    shift = build_shift(both, 3)
    session = ShiftSession(shift)
    first = shift.pages[0]
    session.apply(ShiftAction("noise", first.id))  # waits for the page, then 2 minutes
    assert session.decisions[first.id].at == first.arrives_at
    assert session.now == first.arrives_at + 2
    with pytest.raises(ShiftError, match="already handled"):
        session.apply(ShiftAction("escalate", first.id))
    with pytest.raises(ShiftError, match="no page 'p99'"):
        session.apply(ShiftAction("noise", "p99"))
    session.apply(ShiftAction("wait", minutes=10_000))
    assert session.ended and session.now == shift.minutes
    with pytest.raises(ShiftError, match="over"):
        session.apply(ShiftAction("wait", minutes=1))


def test_the_score_rewards_triage_and_punishes_fatigue(both) -> None:
    shift = build_shift(both, 3)
    best = score_shift(run_shift(shift, ideal(shift)))
    everything = score_shift(run_shift(
        shift, [ShiftAction("investigate", p.id) for p in shift.pages]))
    dismiss = score_shift(run_shift(shift, [ShiftAction("noise", p.id) for p in shift.pages]))
    nothing = score_shift(run_shift(shift, []))
    assert best.score > everything.score > dismiss.score > nothing.score
    assert best.missed == [] and best.wasted_minutes == 0
    noise_pages = [p for p in shift.pages if p.kind == "noise"]
    assert everything.wasted_minutes == 15 * len(noise_pages)
    assert [r.page.id for r in dismiss.missed] == [p.id for p in shift.pages if p.kind == "real"]
    assert any("resolved as noise: the costliest mistake" in n for n in dismiss.notes)
    breakdown = best.as_json()["breakdown"]
    assert set(breakdown) == {"incidents", "noise", "acknowledge"}
    assert sum(part["max"] for part in breakdown.values()) == 100


def test_a_real_page_kept_waiting_by_noise_is_called_out(both) -> None:
    for seed in range(100):
        shift = build_shift(both, seed)
        pairs = [(a, b) for a, b in zip(shift.pages, shift.pages[1:], strict=False)
                 if a.kind == "noise" and b.kind == "real" and b.arrives_at - a.arrives_at < 9]
        if pairs:
            break
    noise, real = pairs[0]
    steps = [ShiftAction("investigate", noise.id), ShiftAction("investigate", real.id)]
    result = score_shift(run_shift(shift, steps))
    assert any(f"{real.id} {real.alert} (real) waited" in n and "investigating noise" in n
               for n in result.notes)
    waited = next(r for r in result.pages if r.page is real).acknowledged_after
    assert waited == noise.arrives_at + 15 - real.arrives_at


def test_escalating_noise_wastes_a_colleagues_half_hour(both) -> None:
    shift = build_shift(both, 3)
    noise = next(p for p in shift.pages if p.kind == "noise")
    result = score_shift(run_shift(shift, [ShiftAction("escalate", noise.id)]))
    assert result.wasted_minutes == 30
    assert next(r for r in result.pages if r.page is noise).outcome.startswith("noise escalated")


def test_decisions_files_report_every_problem_with_its_place() -> None:
    shift = build_shift([LATENCY], 3)
    text = "- noise: p1\n- nosie: p2\n- investigate: p77\n- wait: -5m\n- end: now\n"
    with pytest.raises(DecisionsError) as caught:
        decisions_from_text(text, shift, "d.yaml")
    messages = [problem.format() for problem in caught.value.problems]
    assert len(messages) == 4
    assert messages[0].startswith("d.yaml:2:") and "did you mean 'noise'" in messages[0]
    assert messages[1].startswith("d.yaml:3:") and "no page 'p77'" in messages[1]
    assert "more than 0 minutes" in messages[2] and "takes no value" in messages[3]
    steps = [ShiftAction("noise", "p1"), ShiftAction("wait", minutes=5),
             ShiftAction("investigate", "p2", minutes=30), ShiftAction("end")]
    assert decisions_from_text(dump_decisions(steps), shift) == steps


def test_text_never_reveals_the_schedule_and_explains_the_result(both) -> None:
    shift = build_shift(both, 3)
    schedule = render_schedule_text(shift)
    assert "real" not in schedule.split() and "test-latency-regression" not in schedule
    text = render_shift_text(score_shift(run_shift(shift, ideal(shift))))
    assert "Score" in text and "Alert fatigue" in text and "Fix these alerts" in text


# ---- the command -----------------------------------------------------------------------------


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_headless_shift_from_a_decisions_file(capsys, tmp_path: Path, both, pack) -> None:
    dirs = ("--dir", str(pack))
    code, out, _ = run_cli(capsys, "shift", "--pages", "--seed", "3", "--format", "json", *dirs)
    listed = json.loads(out)
    assert code == 0 and listed["seed"] == 3 and listed["minutes"] == DEFAULT_MINUTES
    assert all("kind" not in page and "incident" not in page for page in listed["pages"])
    shift = build_shift(both, 3)
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(dump_decisions(ideal(shift)))
    code, out, _ = run_cli(capsys, "shift", "--headless", "--decisions", str(decisions),
                           "--seed", "3", "--format", "json", "--dir", str(pack))
    result = json.loads(out)
    expected = score_shift(run_shift(shift, ideal(shift))).as_json()
    # The built-in pack may fill the real slots with other incidents; the outcome cannot change.
    def outcome(data: dict) -> tuple:
        pages = [(p["id"], p["kind"], p["decision"], p["acknowledged_after"], p["outcome"])
                 for p in data["pages"]]
        return data["score"], data["grade"], data["breakdown"], data["missed"], pages

    assert code == 0 and outcome(result) == outcome(expected)
    assert result["missed"] == [] and result["wasted_minutes"] == 0
    code, out, _ = run_cli(capsys, "shift", "--headless", "--decisions", str(decisions),
                           "--seed", "3", "--dir", str(pack))
    assert code == 0 and out.startswith("SHIFT DEBRIEF") and f"Score {result['score']}" in out


def test_headless_shift_input_errors(capsys, tmp_path: Path, pack) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- investigate: p1\n- investigate: p1\n")
    code, _, err = run_cli(capsys, "shift", "--headless", "--decisions", str(bad), "--seed", "3",
                           "--dir", str(pack))
    assert code == 1 and "step 2: page p1 was already handled" in err
    bad.write_text("- escalte: p1\n")
    code, _, err = run_cli(capsys, "shift", "--headless", "--decisions", str(bad),
                           "--dir", str(pack))
    assert code == 1 and f"{bad}:1:" in err
    assert run_cli(capsys, "shift", "--decisions", str(bad))[0] == 2
    assert run_cli(capsys, "shift", "--headless")[0] == 2
    assert run_cli(capsys, "shift", "--headless", "--decisions", str(tmp_path / "none"))[0] == 2
    assert run_cli(capsys, "shift", "--pages", "--minutes", "5", "--dir", str(pack))[0] == 2


def test_headless_commands_never_import_textual(tmp_path: Path, pack) -> None:
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text("- noise: p1\n- end\n")
    code = ("import sys\nfrom triage.cli import main\nrc = main(%r)\n"
            "print('textual' in sys.modules, file=sys.stderr)\nsys.exit(rc)")
    dirs = ["--dir", str(pack)]
    for argv in (["shift", "--headless", "--decisions", str(decisions), "--seed", "2", *dirs],
                 ["shift", "--pages", *dirs], ["history"], ["history", "profile"]):
        result = subprocess.run([sys.executable, "-c", code % argv], capture_output=True,
                                text=True)
        assert result.returncode == 0, result.stderr
        assert result.stderr.strip().splitlines()[-1] == "False"


def test_the_command_default_length_matches_the_logic() -> None:
    from triage.commands import shift as command

    assert command.DEFAULT_MINUTES == DEFAULT_MINUTES
