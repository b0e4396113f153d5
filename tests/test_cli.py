"""The command line reads the installation's saved settings, and never creates a database to do so."""

from __future__ import annotations

import dataclasses
import json

from npo_desk import store
from npo_desk.cli import main
from npo_desk.domain.settings import DecisionPeriod, Settings


def _saved(tmp_path, **changes) -> str:
    path = tmp_path / "cases.db"
    st = store.open_store(str(path))
    try:
        store.save_settings(st, dataclasses.replace(Settings(), **changes), who="test")
    finally:
        st.close()
    return str(path)


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_deadlines_follow_the_saved_ordinance_period(tmp_path, capsys) -> None:
    db = _saved(tmp_path, decision_period=DecisionPeriod(months=1, days=None))
    assert main(["--db", db, "deadlines", "--received", "2025-04-07", "--json"]) == 0
    decision = _json(capsys)["deadlines"]["decision_deadline"]
    assert decision["date"] == "2025-05-21"
    assert decision["basis"].endswith("及び条例")


def test_without_a_database_the_law_defaults_apply_and_none_is_created(tmp_path, capsys) -> None:
    assert main(["deadlines", "--received", "2025-04-07", "--json"]) == 0
    assert _json(capsys)["deadlines"]["decision_deadline"]["date"] == "2025-06-21"
    assert not any(tmp_path.rglob("*.db"))


def test_jurisdiction_judges_for_the_saved_authority(tmp_path, capsys) -> None:
    db = _saved(tmp_path, home_authority="宮崎県")
    assert main(["--db", db, "jurisdiction", "--office", "宮崎県日南市中央通1-1", "--json"]) == 0
    verdict = _json(capsys)
    assert (verdict["authority"], verdict["ours"]) == ("宮崎県", True)


def test_a_named_database_that_does_not_exist_is_an_error(tmp_path, capsys) -> None:
    missing = tmp_path / "nothing.db"
    assert main(["--db", str(missing), "deadlines", "--received", "2025-04-07"]) == 2
    err = capsys.readouterr().err
    assert "nothing.db" in err and "ありません" in err and "Traceback" not in err
    assert not missing.exists()
