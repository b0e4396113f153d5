"""A read-only table model over a Python list of row objects, sorted in Python by real values.

Both the dashboard and the case list show lists of frozen rows. Sorting happens here, in one
``list.sort`` with a per-column key (dates as dates, numbers as numbers, empty values last), instead of
a ``QSortFilterProxyModel`` calling ``data()`` back into Python O(n log n) times: with 50,000 cases that
is the difference between a few tens of milliseconds and seconds (benchmarks/bench_gui_models.py).
``SORT_ROLE`` exposes the same keys to anyone who asks (tests, a proxy, a delegate).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
)
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from npo_desk.gui.ui_state import restore_header

R = TypeVar("R")

# Rows per step when a load goes into a model on the GUI thread (``loader.Steps``): a few ms each.
PART = 5_000

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
CORPORATION_ID_ROLE = Qt.ItemDataRole.UserRole + 3  # the 法人 list's rows, and a procedure's corporation

_Index = QModelIndex | QPersistentModelIndex


def fixed_row_height(view: QTableView) -> None:
    """One text line per row, never measured: the view then scrolls 50,000 rows without sizing them."""
    header = view.verticalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultSectionSize(view.fontMetrics().height() + 8)


def offer_column_menu(view: QTableView) -> None:
    """Right-click on the header: show or hide columns (the header state, hidden ones included, is saved)."""
    header = view.horizontalHeader()
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show_menu(position: QPoint) -> None:
        model = view.model()
        menu = QMenu(header)
        menu.setTitle(QCoreApplication.translate("TableColumns", "表示する列"))
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        for column in range(header.count()):
            action = menu.addAction(str(model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setEnabled(not (column in shown and len(shown) == 1))  # never hide the last column
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(position))

    header.customContextMenuRequested.connect(show_menu)


def prepare_table_view(
    view: QTableView,
    widths: Sequence[int],
    state_key: str,
    sort_column: int,
    order: Qt.SortOrder,
    visual_order: Sequence[int] = (),
) -> None:
    """The app's large tables: movable columns, fixed row height, the column menu, and the clerk's
    remembered column state (or these widths, this column order and this sort the first time); the
    model sorts at once. ``visual_order`` lists logical columns left to right (columns added later
    come last in the model, so a layout saved before keeps its columns, yet show where they belong)."""
    header = view.horizontalHeader()
    header.setSectionsMovable(True)
    header.setHighlightSections(False)
    # A narrow cell keeps both ends: 「特定非営利活動法人 日南…ガイドの会」, and of a deadline on a closed
    # day its legal date and the last open day (「令和9年1月11日(月…実務上は1月8日(金)まで」).
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    fixed_row_height(view)
    offer_column_menu(view)
    if not restore_header(state_key, header):
        for position, column in enumerate(visual_order):
            header.moveSection(header.visualIndex(column), position)
        header.setSortIndicator(sort_column, order)
    view.model().sort(header.sortIndicatorSection(), header.sortIndicatorOrder())


def freed_in_parts(*lists: list[Any]) -> Iterator[None]:
    """Let go of the rows a model showed before, ``PART`` at a time (freeing 50,000 rows at once is
    one C call of tens of ms on the GUI thread)."""
    for rows in lists:
        while rows:
            del rows[-PART:]
            yield


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header, what it shows and the real value it sorts by (``None`` sorts last)."""

    header: str
    display: Callable[[R], str]
    sort_key: Callable[[R], Any]
    align_right: bool = False


def none_last(value: Any) -> tuple[bool, Any]:
    return (value is None, value if value is not None else 0)


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Rows of type ``R`` shown through ``columns``; subclasses add colours, tooltips, the case id."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[R] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- the rows -------------------------------------------------------------------------------
    def rows(self) -> list[R]:
        """The rows in display order (a copy)."""
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def _replace_rows(self, rows: list[R]) -> None:
        """Swap in new rows (already in display order) with a model reset."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _sorted(self, rows: list[R]) -> list[R]:
        """``rows`` in the current sort order (stable, so ties keep their given order)."""
        if self._sort_column < 0:
            return rows
        return sorted(rows, key=self._sort_key(), reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _sort_key(self) -> Callable[[R], Any]:
        """The current column's sort key of a row, ``None`` last."""
        key = self._columns[self._sort_column].sort_key
        return lambda r: none_last(key(r))

    def _sorted_in_parts(self, rows: list[R]) -> Generator[None, None, list[R]]:
        """``_sorted``, yielding after each ``PART`` rows' keys (a load on the GUI thread, one part per
        turn of the event loop); the sort itself then compares the keys in C."""
        if self._sort_column < 0:
            return rows
        column, order, key = self._sort_column, self._sort_order, self._sort_key()
        keys: list[Any] = []
        for start in range(0, len(rows), PART):
            keys.extend([key(row) for row in rows[start : start + PART]])
            yield
        if (column, order) != (self._sort_column, self._sort_order):  # the clerk sorted meanwhile
            return self._sorted(rows)
        descending = order == Qt.SortOrder.DescendingOrder
        positions = sorted(range(len(rows)), key=keys.__getitem__, reverse=descending)
        yield
        return [rows[position] for position in positions]

    def _reordered(self) -> list[R]:
        """The shown rows in the new sort order (subclasses with hidden rows sort those too)."""
        return self._sorted(self._rows)

    # --- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == SORT_ROLE:
            return column.sort_key(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return self.row_data(row, index.column(), role)

    def row_data(self, row: R, column: int, role: int) -> Any:
        """Extra roles (colours, tooltips, the case id) for subclasses."""
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by the real values of ``column``, keeping selected rows selected."""
        if not 0 <= column < len(self._columns):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        tracked = [(index, self._rows[index.row()]) for index in persistent]
        self._rows = self._reordered()
        position = {id(row): number for number, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent,
            [self.index(position[id(row)], index.column()) for index, row in tracked],
        )
        self.layoutChanged.emit()
