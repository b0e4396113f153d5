"""What the editor's tables over the draft share: a model that owns no rows, and choice cells.

The officers (役員) and the attached documents (書類) are tables over ``session.case``: each reads the
draft on every ``data`` call and writes a new tuple back through ``session.edit`` (one undo step), so
undo, the live findings and the store stay in step without any syncing code. Written once here: following
the session's ``changed`` (a reset only when the rows themselves change, else a repaint of every cell,
so the clerk's selection and an open cell editor stay), the headers with their tooltips, which columns
are typed in or ticked, and the checks every ``setData`` starts with.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from npo_desk.gui.editor.session import EditorSession

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex


class DraftTableModel(QAbstractTableModel, Generic[R]):
    """Rows of the draft (``_listed``), shown and edited cell by cell; subclasses say what a cell
    shows (``data``) and how a typed value or a tick changes the draft (``_write``, ``_tick``)."""

    def __init__(
        self,
        session: EditorSession,
        headers: Sequence[str],
        tooltips: Sequence[str],
        *,
        editable: Collection[int],
        checkable: Collection[int] = (),
    ) -> None:
        """``tooltips``: one a header ("" for none); ``editable``: the columns typed or chosen in,
        ``checkable``: those ticked (the clerk cannot type in a ticked column)."""
        super().__init__(session)
        self.session = session
        self._headers = tuple(headers)
        self._tooltips = tuple(tooltips)
        self._editable = frozenset(editable)
        self._checkable = frozenset(checkable)
        self._rows = self._listed()
        session.changed.connect(self._case_changed)

    def _listed(self) -> Sequence[R]:
        """The rows the draft has now; the model resets only when these differ (``==``) from the shown."""
        raise NotImplementedError

    def _case_changed(self) -> None:
        rows = self._listed()
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self._headers) - 1))

    # --- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self._headers[section])
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltips[section]:
            return self.tr(self._tooltips[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self._checkable:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in self._editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = index.row(), index.column()
        if column in self._checkable and role == Qt.ItemDataRole.CheckStateRole:
            return self._tick(row, column, Qt.CheckState(value) == Qt.CheckState.Checked)
        if role != Qt.ItemDataRole.EditRole:
            return False
        return self._write(row, column, value)

    # --- writing -----------------------------------------------------------------------------
    def _write(self, row: int, column: int, value: Any) -> bool:
        """Put the value typed or chosen in a cell into the draft; False: not a value of the cell."""
        return False

    def _tick(self, row: int, column: int, on: bool) -> bool:
        """Tick (or clear) a cell of a ``checkable`` column."""
        return False


class ChoiceDelegate(QStyledItemDelegate):
    """A cell chosen from a list (``labels``: the stored value → its label), never typed."""

    labels: Mapping[Any, str] = {}

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self.labels.items():
            combo.addItem(self.tr(label), str(value))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


__all__ = ["ChoiceDelegate", "DraftTableModel", "Index"]
