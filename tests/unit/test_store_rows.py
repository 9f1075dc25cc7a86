"""Issue 18, item 11: one bad row never hides the history. A listing (`history`, its JSON,
`history profile`) skips a stored play and names it by id only when a field that listing shows
cannot be read (issue 21: listings no longer decode every action log); opening the play fails,
and never with "damaged" (whose way out would move every good play aside), and `Store.check()`,
which is `triage history check`, finds every such play."""

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


@pytest.mark.parametrize("damage, in_table, in_json, in_profile", [
    # the action count is in the JSON; the table shows no field of the log
    ("UPDATE plays SET actions = '{not json' WHERE id = 2", False, True, False),
    ("UPDATE plays SET breakdown = '[1, 2]' WHERE id = 2", False, False, False),
    ("UPDATE plays SET ended_at = 'yesterday' WHERE id = 2", False, True, False),
    ("UPDATE plays SET seed = 'abc' WHERE id = 2", False, True, False),
    ("UPDATE plays SET mode = 'bogus' WHERE id = 2", True, True, False),
    ("UPDATE plays SET score = 'lots' WHERE id = 2", True, True, True),
])
def test_history_lists_the_good_plays_and_names_the_bad_one(
        damage: str, in_table: bool, in_json: bool, in_profile: bool, three_plays: None,
        capsys: pytest.CaptureFixture[str]) -> None:
    tamper(damage)
    code, out, err = cli(capsys, "history")
    assert code == 0, err
    ids = [line.split()[0] for line in out.splitlines()[1:4] if line]
    if in_table:
        assert ids == ["3", "1"] and "2 plays" in out
        assert "play 2: unreadable, skipped" in out and "damaged" not in out + err
    else:
        assert ids == ["3", "2", "1"] and "3 plays" in out and "unreadable" not in out + err

    code, out, err = cli(capsys, "history", "--format", "json")
    listed = [row["id"] for row in json.loads(out)]
    assert code == 0 and listed == ([3, 1] if in_json else [3, 2, 1])
    # named on stderr, the JSON stays what scripts expect
    assert ("play 2: unreadable" in err) == in_json

    code, out, err = cli(capsys, "history", "profile")
    assert code == 0 and ("play 2: unreadable" in err) == in_profile

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
