"""Text from files is text: markup and terminal escapes are shown, never obeyed.

One valid incident and one plan carry Rich markup (`[bold red]`, `[link=...]`) and terminal
escape sequences (CSI colours, OSC 8 hyperlinks, a bell, an 8-bit CSI, backspace, carriage
return, a full reset) in every text field. Every command that prints incident or plan text is
run on them, and its output must hold no control character but newline and tab, while the
markup stays as the very characters the author typed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from corpus import MARKUP, hostile_text_incident, hostile_text_plan
from hardening_helpers import run_cli

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ACTIONS = ("- acknowledge\n- open: tokens_per_request\n- ask: prompt-change\n- open: logs\n"
           "- open: changes\n- hint\n- diagnose: traffic_spike\n  confidence: 0.8\n"
           "- remediate: raise_timeout\n")


def assert_inert(text: str, *, shows_markup: bool = True) -> None:
    """No control character survives; the markup is printed as written."""
    found = sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(text)})
    assert not found, f"control characters reached the terminal: {found}"
    if shows_markup:
        assert MARKUP in text or "[bold red]B[/]" in text, "the title's markup was not shown"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A plan folder with the hostile-text incident (in incidents/), a plan and actions."""
    (tmp_path / "incidents").mkdir()
    (tmp_path / "incidents" / "hostile.yaml").write_bytes(hostile_text_incident())
    (tmp_path / "plan.yaml").write_bytes(hostile_text_plan("incidents/hostile.yaml"))
    (tmp_path / "steps.actions.yaml").write_text(ACTIONS)
    (tmp_path / "actions" / "red").mkdir(parents=True)
    (tmp_path / "actions" / "red" / "round-1.yaml").write_text(ACTIONS)
    return tmp_path


def both(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> str:
    status, out, err = run_cli(capsys, *argv)
    assert status == code, out + err
    return out + err


def test_list(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_inert(both(capsys, "list", "--dir", str(pack / "incidents")))


def test_json_output_keeps_the_text_but_escapes_the_controls(
    pack: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    incident = str(pack / "incidents" / "hostile.yaml")
    assert_inert(both(capsys, "preview", incident, "--format", "json"), shows_markup=False)
    assert_inert(both(capsys, "play", incident, "--headless", "--actions",
                      str(pack / "steps.actions.yaml"), "--no-save", "--format", "json"),
                 shows_markup=False)
    text = both(capsys, "list", "--dir", str(pack / "incidents"), "--format", "json")
    assert "\\u001b[31mR" in text and "\\u009b" in text  # the title, escaped but all there


def test_preview(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = both(capsys, "preview", str(pack / "incidents" / "hostile.yaml"))
    assert_inert(text)
    assert text.count("[bold red]B[/]") >= 10  # briefing, panels, logs, changes, options...


def test_play_headless_history_and_replay(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = both(capsys, "play", str(pack / "incidents" / "hostile.yaml"), "--headless", "--actions",
                str(pack / "steps.actions.yaml"), "--seed", "4")
    assert_inert(text)
    assert_inert(both(capsys, "history"), shows_markup=False)  # lists ids, not titles
    assert_inert(both(capsys, "history", "profile"), shows_markup=False)
    play_id = str(json.loads(both(capsys, "history", "--format", "json"))[0]["id"])
    assert_inert(both(capsys, "history", "export", play_id), shows_markup=False)
    assert_inert(both(capsys, "replay", play_id, "--dir", str(pack / "incidents")))


def test_check(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    incident = str(pack / "incidents" / "hostile.yaml")
    status, out, err = run_cli(capsys, "check", "--seeds", "1", incident)
    assert status in (0, 1)
    assert_inert(out + err, shows_markup=False)


def test_validate_messages_that_quote_values(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = yaml.safe_load(hostile_text_incident())
    data["pitfall"] = "\x1b[31m[bold]x\x07\x9b2J"
    data["difficulty"] = "\x1b]8;;https://evil.example\x1b\\9"
    data["\x1b[2Jkey"] = 1
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data))
    for output in ("text", "github", "json"):
        out = both(capsys, "validate", "--format", output, str(bad), code=1)
        assert_inert(out, shows_markup=False)
        assert "[bold]x" in out and "2Jkey" in out


def test_gameday_run_board_and_report(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = str(pack / "plan.yaml")
    assert_inert(both(capsys, "gameday", "validate", plan))
    assert_inert(both(capsys, "gameday", "run", plan, "--headless", "--actions-dir",
                      str(pack / "actions"), "--run-id", "hostile"))
    assert_inert(both(capsys, "gameday", "board", "hostile", "--once"))
    assert_inert(both(capsys, "gameday", "list"))
    for output in ("md", "csv", "json"):
        text = both(capsys, "gameday", "report", "hostile", "--format", output)
        # Markdown escapes the brackets (no link can form); rendered, the markup reads as typed.
        assert_inert(re.sub(r"\\(.)", r"\1", text) if output == "md" else text)


def test_export(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for output in ("openmetrics", "csv"):
        incident = str(pack / "incidents" / "hostile.yaml")
        assert_inert(both(capsys, "export", incident, "--format", output), shows_markup=False)


def test_an_internal_error_message_is_inert(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import triage.commands.listing

    def broken(args: object) -> int:
        raise ValueError("\x1b[31mboom\x07")

    monkeypatch.setattr(triage.commands.listing, "run", broken)
    out = both(capsys, "list", code=1)
    assert "internal error" in out and "boom" in out
    assert_inert(out, shows_markup=False)
