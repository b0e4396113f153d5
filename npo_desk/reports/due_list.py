"""``npo-desk due``: every open deadline of the database as the dashboard lists it, as a table, JSON or a
calendar file, for a clerk's scheduled morning task or a script.

The lines are the store's ``corporation_pending_deadlines`` (the dashboard's data: every open deadline
of every procedure, 設立 or later) through ``domain.agenda`` (the dashboard's horizon, 担当 filter and
order); the texts are the domain ``Due``'s, so the table says what the window says. Each line names its
procedure (「定款変更認証」, JSON ``kind`` and ``procedure``), so a 定款変更's 縦覧 never reads as a 設立's.
The law's date is the one reported as ``date``; the day the days left count to (its last open day when
the law's day is closed, or the clerk's 督促目安) is ``counts_to`` when it differs.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from npo_desk.domain.agenda import agenda
from npo_desk.domain.deadlines import short_basis
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.wareki import format_wareki, parse_date_field
from npo_desk.reports.sheets import display_width

if TYPE_CHECKING:
    from npo_desk.domain.settings import Settings
    from npo_desk.store import OpenDeadline, Store


def check_days(as_of: date, days: int | None) -> None:
    """Refuse a horizon the calendar cannot hold, before any database is opened."""
    if days is None:
        return
    if days < 0:
        raise InvalidInput("--days: 日数は0以上で指定してください。")
    try:
        as_of + timedelta(days=days)
    except OverflowError:
        raise InvalidInput(f"--days: {as_of.isoformat()}から{days}日後は暦の範囲を超えます。") from None


def due_payload(lines: Sequence[OpenDeadline], as_of: date) -> dict[str, Any]:
    """The JSON of ``due --json`` (a contract for scripts: keys are only ever added)."""
    deadlines = []
    for item in lines:
        due = item.due
        entry: dict[str, Any] = {
            "number": item.case_number,
            "name": item.case_name,
            "kind": item.kind.value,  # the procedure: establishment, articles_amendment, merger, ...
            "procedure": item.procedure,  # its name: 設立認証, 定款変更認証, ...
            "stage": item.stage,
            "clerk": item.clerk,
            "key": str(due.deadline.key),
            "label": due.deadline.label,
            "date": due.law_date.isoformat(),
            "days_left": due.days_left(as_of),
            "overdue": due.days_left(as_of) < 0,
            "basis": due.deadline.basis,
            "manual": None,
        }
        if due.counts != due.law_date:
            entry["counts_to"] = due.counts.isoformat()
        if due.manual is not None and due.status is not None:
            entry["manual"] = {
                "date": due.manual.on.isoformat(),
                "reason": due.manual.reason,
                "status": str(due.status),
            }
        deadlines.append(entry)
    return {"as_of": as_of.isoformat(), "deadlines": deadlines}


HEADER = ("残り日数", "期限", "案件番号", "法人名", "手続", "期限の種類", "担当", "手動", "根拠")


def due_table(lines: Sequence[OpenDeadline], as_of: date) -> list[str]:
    """The table ``due`` prints: the dashboard's columns (段階 aside), padded for a fixed-width font."""
    overdue = sum(item.due.days_left(as_of) < 0 for item in lines)
    title = f"{format_wareki(as_of, weekday=True)}現在の期限: {len(lines)}件（うち期限超過 {overdue}件）"
    if not lines:
        return [title]
    rows = [
        (
            item.due.days_left_text(as_of),
            item.due.date_text(),
            item.case_number,
            item.case_name,
            item.procedure,
            item.due.deadline.label,
            item.clerk,
            item.due.manual_text(),
            short_basis(item.due.deadline.basis),
        )
        for item in lines
    ]
    return [title, "", *aligned([HEADER, *rows], right=(0,))]


def aligned(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """Rows as lines of columns two spaces apart, 全角 counted as two (``display_width``); a rule under
    the first row. The last column is not padded (no trailing spaces)."""
    width_of: dict[str, int] = {}  # most cells repeat (labels, bases, dates): measure each text once
    measured = [[width_of.get(t) or width_of.setdefault(t, display_width(t)) for t in row] for row in rows]
    widths = [max(column) for column in zip(*measured, strict=True)]
    last = len(widths) - 1

    def line(row: Sequence[str], sizes: list[int]) -> str:
        cells = []
        for i, text in enumerate(row):
            gap = " " * (widths[i] - sizes[i])
            cells.append(gap + text if i in right else text + ("" if i == last else gap))
        return "  ".join(cells).rstrip()

    rule = "-" * (sum(widths) + 2 * last)
    lines = [line(row, sizes) for row, sizes in zip(rows, measured, strict=True)]
    return [lines[0], rule, *lines[1:]]


def open_lines(
    st: Store, settings: Settings, as_of: date, days: int | None = None, clerk: str | None = None
) -> list[OpenDeadline]:
    """The lines listed for ``as_of``: the dashboard's data (``corporation_pending_deadlines``, every
    kind of procedure) under the dashboard's rule (``domain.agenda``). ``due``, the window's calendar
    export and the 期限一覧表 all read them here."""
    from npo_desk import store as store_api

    return agenda(store_api.corporation_pending_deadlines(st, settings, as_of), as_of, days, clerk)


def load_due(
    st: Store, as_of: date, days: int | None = None, clerk: str | None = None
) -> tuple[Settings, list[OpenDeadline]]:
    """The installation's settings and ``open_lines`` for ``as_of``."""
    from npo_desk import store as store_api

    settings = store_api.load_settings(st)
    return settings, open_lines(st, settings, as_of, days, clerk)


def cmd_due(args: argparse.Namespace) -> int:
    """List (or write as .ics) the open deadlines of an existing database; never creates one."""
    import json

    from npo_desk import store as store_api

    as_of = parse_date_field(args.as_of, "--as-of") or date.today()
    check_days(as_of, args.days)
    st = store_api.open_store(args.db, create=False)
    try:
        settings, lines = load_due(st, as_of, args.days, args.clerk)
    finally:
        st.close()
    if args.ics is not None:
        from npo_desk.reports.calendar_file import write_calendar

        write_calendar(Path(args.ics), lines, settings, as_of)
        print(f"{args.ics}: 期限 {len(lines)}件をカレンダー形式 (iCalendar) で書き出しました。")
        return 0
    if args.json:
        print(json.dumps(due_payload(lines, as_of), ensure_ascii=False))
        return 0
    print("\n".join(due_table(lines, as_of)))
    return 0
