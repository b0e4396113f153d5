"""The officers of the draft as a table model; every change becomes one undo step in the session.

The model owns no data: it reads ``session.case.officers`` and writes back a new tuple. That keeps
undo, the live requirement findings and the store in step without any syncing code.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionComboBox, QStyleOptionViewItem

from npo_desk.domain.requirements import ROLE_LABELS, Role
from npo_desk.gui.editor.draft_table import ChoiceDelegate, DraftTableModel, Index
from npo_desk.gui.editor.session import EditorSession
from npo_desk.store import Officer

NAME, KANA, ROLE, PAID, RELATIVES, STAFF = range(6)
_TEXT_FIELDS = {NAME: "name", KANA: "kana", RELATIVES: "relative_group"}
_CHECK_FIELDS = {PAID: "paid", STAFF: "is_staff"}
_HEADERS = ("氏名", "フリガナ", "役職", "報酬あり", "親族グループ", "職員を兼ねる")
_TOOLTIPS = (
    "",
    "",
    "理事または監事",
    "役員報酬を受ける役員 (報酬を受ける役員は役員総数の3分の1以下)",
    "配偶者または三親等以内の親族どうしに同じ記号(例: A)を付けます",
    "その法人の職員を兼ねる役員 (監事は職員を兼ねられません)",
)


class OfficersModel(DraftTableModel[int]):
    def __init__(self, session: EditorSession) -> None:
        super().__init__(
            session, _HEADERS, _TOOLTIPS, editable=(*_TEXT_FIELDS, ROLE), checkable=_CHECK_FIELDS
        )

    def _listed(self) -> range:
        # The rows by position alone: an edited officer repaints its row, only a count resets the view.
        return range(len(self.session.case.officers))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        officer = self.session.case.officers[index.row()]
        column = index.column()
        if column in _CHECK_FIELDS:
            if role == Qt.ItemDataRole.CheckStateRole:
                on = getattr(officer, _CHECK_FIELDS[column])
                return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == ROLE:
                return (
                    officer.role if role == Qt.ItemDataRole.EditRole else self.tr(ROLE_LABELS[officer.role])
                )
            return getattr(officer, _TEXT_FIELDS[column]) or ""
        return None

    def _tick(self, row: int, column: int, on: bool) -> bool:
        return self._set(row, _CHECK_FIELDS[column], on)

    def _write(self, row: int, column: int, value: Any) -> bool:
        if column == ROLE:
            if value not in ROLE_LABELS:
                return False
            return self._set(row, "role", value)
        if column in _TEXT_FIELDS:
            text = str(value).strip()
            field = _TEXT_FIELDS[column]
            return self._set(row, field, (text or None) if field == "relative_group" else text)
        return False

    def _set(self, row: int, field: str, value: Any) -> bool:
        officers = list(self.session.case.officers)
        officers[row] = replace(officers[row], **{field: value})
        label = self.tr("役員「{name}」の{what}").format(
            name=officers[row].name or str(row + 1), what=self.tr(_HEADERS[_column_of(field)])
        )
        self.session.edit(label, officers=tuple(officers))
        return True

    # --- rows --------------------------------------------------------------------------------
    def add_officer(self, role: str = Role.DIRECTOR.value) -> int:
        """Append an officer (理事 by default) and return its row."""
        officers = (*self.session.case.officers, Officer(name="", role=role))
        self.session.edit(self.tr("役員の追加"), officers=officers)
        return len(officers) - 1

    def remove_officers(self, rows: list[int]) -> None:
        if not rows:
            return
        keep = tuple(o for i, o in enumerate(self.session.case.officers) if i not in set(rows))
        self.session.edit(self.tr("役員の削除"), officers=keep)

    def move_officer(self, row: int, delta: int) -> int:
        """Move one officer up (-1) or down (+1) in the list; returns its new row."""
        officers = list(self.session.case.officers)
        target = row + delta
        if not (0 <= row < len(officers) and 0 <= target < len(officers)):
            return row
        officers[row], officers[target] = officers[target], officers[row]
        self.session.edit(self.tr("役員の並べ替え"), officers=tuple(officers))
        return target


def _column_of(field: str) -> int:
    for column, name in (*_TEXT_FIELDS.items(), *_CHECK_FIELDS.items(), (ROLE, "role")):
        if name == field:
            return column
    raise KeyError(field)


class RoleDelegate(ChoiceDelegate):
    """理事 / 監事 chosen from a list, never typed.

    The column is as wide as that list needs (``sizeHint``): sized to the two-character labels alone,
    the dropdown's arrow covered them and the clerk could not read what was chosen.
    """

    labels = ROLE_LABELS

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        widest = max(option.fontMetrics.horizontalAdvance(self.tr(label)) for label in ROLE_LABELS.values())
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        box = QStyleOptionComboBox()
        if widget is not None:
            box.initFrom(widget)
        needed = style.sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, box, QSize(widest, option.fontMetrics.height()), widget
        )
        return QSize(max(hint.width(), needed.width() + 8), max(hint.height(), needed.height()))
