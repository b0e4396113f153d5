"""Dates between Qt's widgets and the domain: QDate ⇄ date, and the 和暦 shown beside a date field.

Qt's date edits speak 西暦 only; the clerk reads 和暦, so every date field has its day in 和暦 with
the weekday next to it, kept up to date here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel

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


def show_wareki_beside(edit: QDateEdit, label: QLabel) -> None:
    """Keep ``label`` showing ``edit``'s day in 和暦 with its weekday."""

    def update() -> None:
        label.setText(wareki_or_blank(to_date(edit.date())))

    edit.dateChanged.connect(update)
    update()
