"""What the 設立申請, 法人 and 手続 tabs share: a table over a filtering model built from the main
window's form, search as you type, the 「N件」 beside it, remembered columns and opening a row.

One place for that scaffolding, so that a fix to one list (a count that missed a save, Enter that did
not open a row) reaches all three; each tab keeps only its filters, its columns and its model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView, QWidget

from npo_desk.gui.filtered_model import search_as_you_type
from npo_desk.gui.forms import child
from npo_desk.gui.table_model import prepare_table_view
from npo_desk.gui.ui_state import save_header


class ListModel(Protocol):
    """What a panel asks of its model (``CaseListModel`` and every ``FilteredRowModel``, both a
    ``RowTableModel``). Their signals are ``Signal`` class attributes, which mypy does not match to a
    protocol's ``SignalInstance``: hence ``Any``."""

    modelReset: Any
    counts_changed: Any  # the shown or total count changed without a reset (one row saved or deleted)

    def rowCount(self) -> int: ...

    def data(self, index: QModelIndex, role: int) -> Any: ...

    def set_search(self, text: str) -> None: ...

    def fill(self, rows: Iterable[Any]) -> Iterator[None]: ...

    def total(self) -> int: ...


M = TypeVar("M", bound=ListModel)
R = TypeVar("R")


class ListPanel(QObject, Generic[M, R]):
    """Binds one tab's widgets (found by name in ``main_window.ui``) to a model of ``R`` rows.

    ``widgets`` names the table, the search field and the count label. The header is laid out by
    ``prepare_table_view`` (``widths``, ``visual_order``, first sort) unless the clerk's own layout
    is remembered under ``state_key``. Double-click or Enter on a row passes the row's ``opens`` role
    (an id) to ``_open_row``, which each tab sends out on its own signal.
    """

    def __init__(
        self,
        root: QWidget,
        model: Callable[[QObject], M],
        widgets: tuple[str, str, str],
        state_key: str,
        widths: Sequence[int],
        sort: tuple[int, Qt.SortOrder],
        opens: int,
        visual_order: Sequence[int] = (),
    ) -> None:
        super().__init__(root)
        view, search, count = widgets
        self.view = child(root, QTableView, view)
        self.search = child(root, QLineEdit, search)
        self.count = child(root, QLabel, count)
        self.model = model(self)
        self._state_key = state_key
        self._opens = opens
        self.view.setModel(self.model)  # type: ignore[arg-type]  # a RowTableModel: see ListModel
        prepare_table_view(self.view, widths, state_key, *sort, visual_order)
        self.debounce = search_as_you_type(self.search, self.model.set_search)
        self.model.modelReset.connect(self._update_count)
        self.model.counts_changed.connect(self._update_count)
        self.view.doubleClicked.connect(self._open)
        self.view.activated.connect(self._open)

    def set_rows(self, rows: list[R]) -> None:
        """Replace every row (after a load); the search, the filters and the sort order stay."""
        for _ in self.fill(rows):
            pass

    def fill(self, rows: list[R]) -> Iterator[None]:
        """``set_rows`` a part at a time (the model's ``fill``: ``loader.Steps`` runs one per turn)."""
        yield from self.model.fill(rows)  # keeps the sort order the header asked for

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def save_state(self) -> None:
        save_header(self._state_key, self.view.horizontalHeader())

    def _selected(self, role: int) -> int | None:
        """The ``role`` (an id) of the selected row, None when no row is selected."""
        rows = self.view.selectionModel().selectedRows()
        return int(self.model.data(rows[0], role)) if rows else None

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if shown == total:
            self.count.setText(self.tr("{0}件").format(total))
        else:
            self.count.setText(self.tr("{0}件 / 全{1}件").format(shown, total))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open_row(int(self.model.data(index, self._opens)))

    def _open_row(self, row_id: int) -> None:
        """Send ``row_id`` out on the tab's own signal (``open_case``, ``open_corporation`` …)."""
        raise NotImplementedError
