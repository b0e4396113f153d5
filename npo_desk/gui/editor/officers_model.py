"""The officers of the draft as a table model; every change becomes one undo step in the session.

The model owns no data: it reads ``session.case.officers`` and writes back a new tuple. That keeps
undo, the live requirement findings and the store in step without any syncing code.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QWidget,
)

from npo_desk.domain.requirements import ROLE_LABELS, Role
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

Index = QModelIndex | QPersistentModelIndex


class OfficersModel(QAbstractTableModel):
    def __init__(self, session: EditorSession) -> None:
        super().__init__(session)
        self.session = session
        self._rows = len(session.case.officers)
        session.changed.connect(self._case_changed)

    def _case_changed(self) -> None:
        rows = len(self.session.case.officers)
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, STAFF))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and _TOOLTIPS[section]:
            return self.tr(_TOOLTIPS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in _CHECK_FIELDS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

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

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column = index.column()
        if column in _CHECK_FIELDS and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._set(index.row(), _CHECK_FIELDS[column], checked)
        if role != Qt.ItemDataRole.EditRole:
            return False
        if column == ROLE:
            if value not in ROLE_LABELS:
                return False
            return self._set(index.row(), "role", value)
        if column in _TEXT_FIELDS:
            text = str(value).strip()
            field = _TEXT_FIELDS[column]
            return self._set(index.row(), field, (text or None) if field == "relative_group" else text)
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


class RoleDelegate(QStyledItemDelegate):
    """理事 / 監事 chosen from a list, never typed.

    The column is as wide as that list needs (``sizeHint``): sized to the two-character labels alone,
    the dropdown's arrow covered them and the clerk could not read what was chosen.
    """

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

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for value, label in ROLE_LABELS.items():
            combo.addItem(self.tr(label), str(value))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
