"""Dates between Qt's widgets and the domain: QDate ⇄ date, and the 和暦 text shown beside a date.

The clerk reads 和暦, so every date field (gui.date_field) has its day in 和暦 with the weekday next
to it; Qt's calendar speaks QDate.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.wareki import format_wareki


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def wareki_or_blank(d: date) -> str:
    """令和8年4月1日(水); blank before 平成, where the 西暦 field itself is all there is to show."""
    try:
        return format_wareki(d, weekday=True)
    except InvalidInput:
        return ""
