"""履歴: the store's audit history of the case, newest first (read-only; the store writes it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.wareki import format_wareki
from npo_desk.store import HistoryEntry

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def shown(value: str | None) -> str:
    """A recorded value as the clerk reads it: stored 2026-11-28, shown 令和8年11月28日."""

    def wareki(match: re.Match[str]) -> str:
        try:
            return format_wareki(date(int(match[1]), int(match[2]), int(match[3])))
        except (ValueError, InvalidInput):
            return match[0]  # not a real date after all: show it as recorded

    return _ISO_DATE.sub(wareki, value or "")


class HistoryTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setHeaderLabels(
            [self.tr("日時"), self.tr("職員"), self.tr("項目"), self.tr("変更前"), self.tr("変更後")]
        )
        header = self.tree.header()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree, 1)
        self.show_entries(None)

    def show_entries(self, entries: Sequence[HistoryEntry] | None) -> None:
        """``None`` for a case not saved yet."""
        self.tree.clear()
        if entries is None:
            self.note.setText(
                self.tr("この案件はまだ保存されていません。保存すると、変更の履歴がここに記録されます。")
            )
            return
        self.note.setText(
            self.tr("保存された変更の記録です (新しい順、{count}件)。").format(count=len(entries))
        )
        for entry in sorted(entries, key=lambda e: e.at, reverse=True):
            local = entry.at.astimezone()  # stored in UTC; the clerk reads local time
            when = f"{format_wareki(local.date())} {local:%H:%M}"
            item = QTreeWidgetItem([when, entry.who, entry.label, shown(entry.old), shown(entry.new)])
            for column in (3, 4):
                item.setToolTip(column, item.text(column))
            self.tree.addTopLevelItem(item)
