"""``npo-desk due``: the dashboard's open deadlines on the command line (table, JSON, .ics), exit codes.

The deadlines are the Act's (法10条2項・4項, 12条2項, 13条, 29条) as the dashboard computes them; these
tests hold the command to the dashboard's rows and to ``npo-desk deadlines`` for the same case.
"""

from __future__ import annotations

import dataclasses
import json
import stat
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from npo_desk import store
from npo_desk.cli import main
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui.dashboard_model import DashboardModel, Horizon, row_from_open_deadline
from npo_desk.reports.sheets import display_width
from npo_desk.store import DeadlineOverride
from tests.reports.conftest import SAMPLE_CASES, TODAY, add_cases

AS_OF = TODAY.isoformat()


@pytest.fixture
def db(tmp_path) -> str:
    path = tmp_path / "cases.db"
    st = store.open_store(str(path))
    try:
        cases = add_cases(st, SAMPLE_CASES)
        # Two clerks, and a manual date earlier than the law's on one decision deadline.
        first, second = cases[0], cases[1]
        store.save_case(st, dataclasses.replace(first, clerk="田中"), who="テスト")
        store.save_case(st, dataclasses.replace(second, clerk="黒木"), who="テスト")
    finally:
        st.close()
    return str(path)


def _due(capsys, db: str, *args: str) -> dict:
    assert main(["--db", db, "due", "--as-of", AS_OF, "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def _dashboard(qtbot, db: str, horizon: Horizon, clerk: str | None) -> list[tuple[str, str]]:
    """What the dashboard shows for the same day, horizon and 担当: (case number, deadline label)."""
    st = store.open_store(db, create=False)
    try:
        pending = store.corporation_pending_deadlines(st, store.load_settings(st), TODAY)  # the loader's
    finally:
        st.close()
    model = DashboardModel()
    model.set_rows([row_from_open_deadline(item) for item in pending], TODAY)
    model.set_horizon(horizon)
    model.set_clerk(clerk)
    return [(model.row_at(i).case_number, model.row_at(i).label) for i in range(model.rowCount())]


@pytest.mark.parametrize(
    ("horizon", "days", "clerk"),
    [
        (Horizon.ALL, None, None),
        (Horizon.WEEK, "7", None),
        (Horizon.MONTH, "30", "田中"),
        (Horizon.OVERDUE, None, None),
    ],
)
def test_due_lists_what_the_dashboard_shows_in_its_order(qtbot, db, capsys, horizon, days, clerk) -> None:
    args = [*(["--days", days] if days else []), *(["--clerk", clerk] if clerk else [])]
    listed = _due(capsys, db, *args)["deadlines"]
    if horizon is Horizon.OVERDUE:  # the dashboard's 期限超過のみ is due's overdue lines
        listed = [d for d in listed if d["overdue"]]
    assert [(d["number"], d["label"]) for d in listed] == _dashboard(qtbot, db, horizon, clerk)
    assert listed or horizon is Horizon.OVERDUE


def test_json_contract_and_the_law_s_date(db, capsys) -> None:
    """The decision deadline is 法12条2項's, the same date ``npo-desk deadlines`` gives for the case."""
    payload = _due(capsys, db)
    assert payload["as_of"] == AS_OF
    required = {"number", "name", "key", "label", "date", "days_left", "overdue", "basis", "manual"}
    for entry in payload["deadlines"]:
        assert required <= entry.keys()
        assert entry["overdue"] is (entry["days_left"] < 0)
        counts_to = date.fromisoformat(entry.get("counts_to", entry["date"]))
        assert (counts_to - TODAY).days == entry["days_left"]
        assert DeadlineKey(entry["key"])  # a known key
    decision = next(
        d for d in payload["deadlines"] if d["name"] == "ひなた子ども食堂" and d["key"] == "decision_deadline"
    )
    assert main(["--db", db, "deadlines", "--received", "2026-11-20", "--json"]) == 0
    single = json.loads(capsys.readouterr().out)["deadlines"]["decision_deadline"]
    assert (decision["date"], decision["basis"]) == (single["date"], single["basis"])
    assert decision["manual"] is None


@pytest.mark.parametrize(("shift", "status"), [(-5, "reminder"), (5, "superseded")])
def test_a_manual_date_is_reported_beside_the_law_s_date(db, capsys, shift, status) -> None:
    before = next(d for d in _due(capsys, db)["deadlines"] if d["key"] == "decision_deadline")
    law = date.fromisoformat(before["date"])
    st = store.open_store(db, create=False)
    try:
        case = store.case_by_number(st, before["number"])
        assert case is not None
        override = DeadlineOverride("decision_deadline", law + timedelta(days=shift), "理事会の日程")
        store.save_case(st, dataclasses.replace(case, deadline_overrides=(override,)), who="テスト")
    finally:
        st.close()
    after = next(
        d
        for d in _due(capsys, db)["deadlines"]
        if (d["number"], d["key"]) == (before["number"], "decision_deadline")
    )
    assert after["manual"] == {
        "date": (law + timedelta(days=shift)).isoformat(),
        "reason": "理事会の日程",
        "status": status,
    }
    assert (after["date"], after["days_left"]) == (
        before["date"],
        before["days_left"],
    )  # the law's date counts


def test_the_table_is_japanese_wareki_and_aligned(db, capsys) -> None:
    assert main(["--db", db, "due", "--as-of", AS_OF]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(format_wareki(TODAY, weekday=True) + "現在の期限")
    header, rule, *rows = lines[2:]
    assert header.split()[:4] == ["残り日数", "期限", "案件番号", "法人名"]
    assert set(rule) == {"-"}
    payload = _due(capsys, db)
    assert len(rows) == len(payload["deadlines"])
    number_column = display_width(header[: header.index("案件番号")])
    for row, entry in zip(rows, payload["deadlines"], strict=True):
        assert (
            format_wareki(date.fromisoformat(entry["date"]), weekday=False)[:-1] in row
        )  # 和暦, e.g. 令和8年12月
        start = next(i for i in range(len(row)) if display_width(row[:i]) == number_column)
        assert row[start:].startswith(entry["number"])  # the 案件番号 column lines up under its header


def test_an_unknown_clerk_or_a_short_horizon_lists_less(db, capsys) -> None:
    assert _due(capsys, db, "--clerk", "誰もいない")["deadlines"] == []
    everything = _due(capsys, db)["deadlines"]
    today_only = _due(capsys, db, "--days", "0")["deadlines"]
    assert today_only == [d for d in everything if d["days_left"] <= 0]
    assert main(["--db", db, "due", "--as-of", AS_OF, "--clerk", "誰もいない"]) == 0
    assert "0件" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--as-of", "2026-02-30"], "--as-of"),
        (["--days", "-1"], "0以上"),
        (["--days", "abc"], "入力エラー"),
        (["--days", "99999999"], "暦の範囲"),
    ],
)
def test_bad_input_is_one_japanese_line_and_exit_2(db, capsys, args, words) -> None:
    assert _exit_code(["--db", db, "due", *args]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def _exit_code(argv: list[str]) -> int:
    """The status the shell sees: main's return value, or argparse's own exit for a usage error."""
    try:
        return main(argv)
    except SystemExit as done:
        return int(done.code or 0)


def test_a_missing_database_is_refused_not_created(tmp_path, capsys) -> None:
    missing = tmp_path / "nothing.db"
    assert main(["--db", str(missing), "due"]) == 2
    assert "ありません" in capsys.readouterr().err
    assert not missing.exists()
    assert main(["due"]) == 2  # nor the default database
    assert not any(tmp_path.rglob("*.db"))


def test_ics_writes_the_listed_deadlines(db, capsys, tmp_path) -> None:
    listed = _due(capsys, db, "--days", "30")["deadlines"]
    out = tmp_path / "期限.ics"
    assert main(["--db", db, "due", "--as-of", AS_OF, "--days", "30", "--ics", str(out)]) == 0
    assert f"{len(listed)}件" in capsys.readouterr().out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        f"{d['number']} {d['procedure']} {d['label']} ({d['name']})" for d in listed
    ]
    assert [e.decoded("DTSTART") for e in events] == [
        date.fromisoformat(d.get("counts_to", d["date"])) for d in listed
    ]
