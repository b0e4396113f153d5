"""A row model that filters in Python over precomputed search strings, and takes single rows in place.

The 法人 and 手続 lists filter like the 設立申請 list (``case_list_model``): one ``in`` per row and
term over a folded search string built once per row, no ``QSortFilterProxyModel`` calling back into
Python. After a save the window replaces one corporation's rows without a reset, so the selection and
the scroll position stay where the clerk left them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit

from npo_desk.gui.table_model import PART, Column, RowTableModel, freed_in_parts, none_last
from npo_desk.store import normalize_search as fold  # the store's own search folding

R = TypeVar("R")

SEARCH_DELAY_MS = 200  # long enough to let a word be typed, short enough to feel immediate


def search_as_you_type(edit: QLineEdit, apply: Callable[[str], None]) -> QTimer:
    """Apply ``edit``'s text a moment after the last keystroke (at once on Enter); Esc empties it."""
    timer = QTimer(edit)
    timer.setSingleShot(True)
    timer.setInterval(SEARCH_DELAY_MS)

    def now() -> None:
        timer.stop()
        apply(edit.text())

    timer.timeout.connect(now)
    edit.textChanged.connect(timer.start)
    edit.returnPressed.connect(now)
    clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), edit, edit.clear)
    clear.setContext(Qt.ShortcutContext.WidgetShortcut)
    return timer


class FilteredRowModel(RowTableModel[R]):
    """Rows keyed by ``key`` (an id), searched in ``haystack(row)``; subclasses add filters through
    ``accepts_row`` and call ``refilter`` when one changes."""

    # The shown or total count changed without a reset (one corporation's rows replaced).
    counts_changed = Signal()

    def __init__(
        self,
        columns: Sequence[Column[R]],
        key: Callable[[R], int],
        haystack: Callable[[R], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self._key = key
        self._haystack = haystack
        self._all: list[R] = []
        self._terms: list[str] = []
        self._cache_column = -1
        self._cache: dict[int, tuple[R, Any]] = {}  # key -> (the row, its sort key): see _sorted
        self._filter_runs = 0  # a filtering in parts gives way to one begun after it

    # --- data ------------------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[R]) -> None:
        """Replace every row (after a load); the search, the filters and the sort order stay."""
        for _ in self.fill(rows):
            pass

    def fill(self, rows: Iterable[R]) -> Iterator[None]:
        """``set_rows`` a part at a time (``loader.Steps`` runs one per turn of the event loop): the
        shown rows are replaced at once at the end, never mixed with the rows before."""
        before = [self._all, self._rows]  # let go of after the new rows are in
        self._cache_column = -1  # every row is new
        self._all = yield from self._sorted_in_parts(list(rows))
        yield from self._refiltered_in_parts()
        yield from freed_in_parts(*before)

    def all_rows(self) -> list[R]:
        """Every row, shown or filtered out (a copy)."""
        return list(self._all)

    def total(self) -> int:
        return len(self._all)

    def row_of(self, key: int) -> int | None:
        """The shown position of the row with ``key``, None when it is not shown."""
        return next((n for n, row in enumerate(self._rows) if self._key(row) == key), None)

    # --- filters ---------------------------------------------------------------------------------
    def set_search(self, text: str) -> None:
        """Every whitespace-separated term must occur in the row's search text."""
        terms = [fold(term) for term in text.split()]
        if terms != self._terms:
            self._terms = terms
            self.refilter()

    def accepts_row(self, row: R) -> bool:
        """The subclass's own filters (everything passes here)."""
        return True

    def filtering(self) -> bool:
        """Whether ``accepts_row`` may turn a row away now (else the full list is taken as it is)."""
        return False

    def _accepts(self, row: R) -> bool:
        if not self.accepts_row(row):
            return False
        haystack = self._haystack(row)
        return all(term in haystack for term in self._terms)

    def refilter(self) -> None:
        """Apply the filters and the search to every row (one pass each, over 50,000 rows)."""
        for _ in self._refiltered_in_parts():
            pass

    def _refiltered_in_parts(self) -> Iterator[None]:
        self._filter_runs += 1
        run, every = self._filter_runs, self._all
        rows: list[R] = []
        if self.filtering():
            for start in range(0, len(every), PART):
                rows.extend([row for row in every[start : start + PART] if self.accepts_row(row)])
                yield
                if run != self._filter_runs or every is not self._all:
                    return  # filtered anew meanwhile (the clerk chose a filter): that result stands
        else:
            rows = list(every)
        haystack = self._haystack
        for term in self._terms:
            rows = [row for row in rows if term in haystack(row)]
        self._replace_rows(rows)

    # --- some rows changed -----------------------------------------------------------------------
    def replace_rows(self, dropped: Callable[[R], bool], rows: Iterable[R]) -> None:
        """Take out the rows ``dropped`` selects, put ``rows`` in (new or changed), without a reset."""
        new = list(rows)
        keys = {self._key(row) for row in new}
        self._all = [row for row in self._all if not dropped(row) and self._key(row) not in keys] + new
        for position in reversed(range(len(self._rows))):
            row = self._rows[position]
            if (dropped(row) or self._key(row) in keys) and not any(
                self._key(n) == self._key(row) and self._accepts(n) for n in new
            ):
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._rows[position]
                self.endRemoveRows()
        for row in new:
            if not self._accepts(row):
                continue
            shown = self.row_of(self._key(row))
            if shown is None:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
                self._rows.append(row)
                self.endInsertRows()
            else:
                self._rows[shown] = row
                self.dataChanged.emit(self.index(shown, 0), self.index(shown, self.columnCount() - 1))
        if self._sort_column >= 0:
            self.sort(self._sort_column, self._sort_order)
        self.counts_changed.emit()

    def _sort_key(self) -> Callable[[R], Any]:
        """As ``RowTableModel._sort_key``, each row's sort key worked out once per row and column: after
        a save only the replaced rows' keys are new, so re-sorting 50,000 rows is a list sort alone."""
        if self._cache_column != self._sort_column:
            self._cache_column, self._cache = self._sort_column, {}
        key, cache, sort_key = self._key, self._cache, self._columns[self._sort_column].sort_key

        def cached(row: R) -> Any:
            entry = cache.get(key(row))
            if entry is None or entry[0] is not row:
                entry = (row, none_last(sort_key(row)))
                cache[key(row)] = entry
            return entry[1]

        return cached

    def _reordered(self) -> list[R]:
        """Sort every row once (a later filter change keeps the order) and keep the shown ones."""
        self._all = self._sorted(self._all)
        shown = {self._key(row) for row in self._rows}
        return [row for row in self._all if self._key(row) in shown]

    def row_data(self, row: R, column: int, role: int) -> Any:
        return None
