"""Issue 18, item 11: one bad row never hides the history. A stored play that cannot be decoded
is skipped and named by id (`history`, `history profile`); only that play's own commands fail,
and never with "damaged" (whose way out would move every good play aside). `Store.check()` is
`triage history check`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from triage.cli import main
from triage.store import Store, db_path

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
GOOD = "- acknowledge\n- open: tokens_per_request\n- diagnose: prompt_bloat\n  confidence: 0.9\n" \
       "- remediate: [rollback_prompt]\n"


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def three_plays(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    actions = tmp_path / "good.actions.yaml"
    actions.write_text(GOOD)
    for seed in (1, 2, 3):
        assert cli(capsys, "play", str(FIXTURE), "--seed", str(seed), "--headless",
                   "--actions", str(actions))[0] == 0


def tamper(sql: str) -> None:
    with sqlite3.connect(db_path()) as raw:
        raw.execute(sql)
    raw.close()


@pytest.mark.parametrize("damage", [
    "UPDATE plays SET actions = '{not json' WHERE id = 2",
    "UPDATE plays SET breakdown = '[1, 2]' WHERE id = 2",
    "UPDATE plays SET ended_at = 'yesterday' WHERE id = 2",
    "UPDATE plays SET seed = 'abc' WHERE id = 2",
    "UPDATE plays SET mode = 'bogus' WHERE id = 2",
])
def test_history_lists_the_good_plays_and_names_the_bad_one(
        damage: str, three_plays: None, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(damage)
    code, out, err = cli(capsys, "history")
    assert code == 0, err
    ids = [line.split()[0] for line in out.splitlines()[1:3]]
    assert ids == ["3", "1"] and "2 plays" in out
    assert "play 2: unreadable, skipped" in out and "damaged" not in out + err

    code, out, err = cli(capsys, "history", "--format", "json")
    assert code == 0 and [row["id"] for row in json.loads(out)] == [3, 1]
    assert "play 2: unreadable" in err  # named on stderr, the JSON stays what scripts expect

    code, out, err = cli(capsys, "history", "profile")
    assert code == 0 and "play 2: unreadable" in err

    for argv in (["history", "export", "2"], ["replay", "2"]):
        code, out, err = cli(capsys, *argv)
        assert code == 1 and "play 2" in err and "cannot be read" in err
        assert "damaged" not in err and "--reset-damaged-db" not in err
    assert cli(capsys, "replay", "3", "--dir", str(FIXTURE.parent))[0] == 0

    code, out, err = cli(capsys, "history", "check")
    assert code == 1 and "play 2: unreadable" in out and "1 problem in 3 plays" in out


def test_history_check_is_ok_on_a_sound_database(three_plays: None,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "history", "check")
    assert code == 0 and out.startswith(f"{db_path()}: ok (3 plays")
    code, out, _ = cli(capsys, "history", "check", "--format", "json")
    assert code == 0 and json.loads(out) == {"database": str(db_path()), "plays": 3,
                                             "ok": True, "problems": []}


def test_history_check_finds_a_changed_action_log(three_plays: None,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """An edit that still decodes is invisible to `history`; its checksum gives it away."""
    tamper("UPDATE plays SET actions = '[\"acknowledge\"]' WHERE id = 1")
    assert cli(capsys, "history")[0] == 0
    code, out, _ = cli(capsys, "history", "check", "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    assert report["problems"] == ["play 1: checksum mismatch (its action log or score breakdown "
                                  "was changed after it was saved)"]


def test_the_store_api_skips_and_names(three_plays: None) -> None:
    tamper("UPDATE plays SET actions = 'x' WHERE id = 1")
    with Store() as store:
        plays = store.list_plays()
        assert [play.id for play in plays] == [3, 2]
        assert [(bad.id, "action log" in bad.reason) for bad in plays.unreadable] == [(1, True)]
        assert store.list_plays(limit=1).unreadable == ()
