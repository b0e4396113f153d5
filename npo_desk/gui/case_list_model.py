"""設立申請 (formerly 案件一覧): every 設立 application as a lean row, filtered as the clerk types and
sorted by real values.

Filtering runs in the model over precomputed, normalised search strings (one ``in`` per row), not in a
``QSortFilterProxyModel`` that would call back into Python for every row on every keystroke; with
50,000 cases a keystroke costs a few milliseconds (benchmarks/bench_gui_models.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, Signal

from npo_desk.domain.agenda import natural_key
from npo_desk.domain.deadlines import short_basis
from npo_desk.domain.lifecycle import STAGE_LABELS, Stage, stage_of
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_fiscal_year, format_wareki
from npo_desk.gui.table_model import CASE_ID_ROLE, Column, RowTableModel, freed_in_parts
from npo_desk.store import CaseSummary, OpenDeadline
from npo_desk.store import normalize_search as fold  # the store's own search folding

_STAGE_ORDER = {stage: number for number, stage in enumerate(Stage)}


def fiscal_year_label(year: int) -> str:
    """4月始まりの年度 in 和暦: 2026 -> 「令和8年度」; FY2019 is 令和元年度 (the era began on 1 May)."""
    return format_fiscal_year(date(year, 5, 1))


@dataclass(frozen=True, slots=True)
class CaseListRow:
    case_id: int
    number: str
    name: str
    kana: str
    representative: str
    address: str
    stage: Stage
    received_on: date | None
    next_due: date | None  # the day the next deadline counts to (``Due.counts``): the sort key
    next_label: str
    fiscal_year: int
    clerk: str
    next_text: str = ""  # how it reads (``Due.summary``: the law's date, a manual date marked 手動)
    next_basis: str = ""  # its legal basis, in full
    # Derived once per row, not once per sort or keystroke (50,000 rows): see __post_init__.
    search_text: str = field(init=False, repr=False, compare=False)
    number_key: tuple[Any, ...] = field(init=False, repr=False, compare=False)
    name_key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        number, name, kana, representative, address = (
            fold(part) for part in (self.number, self.name, self.kana, self.representative, self.address)
        )
        object.__setattr__(self, "search_text", "\n".join((number, name, kana, representative, address)))
        object.__setattr__(self, "number_key", natural_key(self.number))
        object.__setattr__(self, "name_key", kana or name)


def row_from_summary(
    summary: CaseSummary, settings: Settings, today: date, upcoming: OpenDeadline | None
) -> CaseListRow:
    """The list's view of a case: its stage for ``today`` from the domain, its next pending deadline
    (the law's date, a manual date beside it, as ``domain.due`` judges them) from the dashboard's list."""
    facts = summary.facts
    return CaseListRow(
        case_id=summary.id,
        number=summary.number,
        name=summary.name,
        kana=summary.name_kana,
        representative=summary.representative,
        address=summary.main_address,
        stage=stage_of(facts, settings, today),
        received_on=facts.received_on,
        next_due=upcoming.due.counts if upcoming else None,
        next_label=upcoming.deadline.label if upcoming else "",
        fiscal_year=summary.fiscal_year,
        clerk=summary.clerk,
        next_text=upcoming.due.summary() if upcoming else "",
        next_basis=upcoming.deadline.basis if upcoming else "",
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseListModel", text)


def _wareki(d: date | None) -> str:
    return format_wareki(d) if d is not None else ""


class CaseListModel(RowTableModel[CaseListRow]):
    """Every case; ``set_search``/``set_stages``/``set_year`` narrow what is shown."""

    # The shown or total count may have changed without a reset (one case saved or deleted): the
    # 「N件」 beside the list follows it, not only the next search (a first case showed 「0件」).
    counts_changed = Signal()

    # 根拠 came last, so a header layout the clerk saved before keeps its columns.
    NUMBER, NAME, REPRESENTATIVE, ADDRESS, STAGE, RECEIVED = range(6)
    NEXT_DUE, NEXT_LABEL, YEAR, CLERK, BASIS = range(6, 11)

    def __init__(self, parent: QObject | None = None) -> None:
        columns = (
            Column[CaseListRow](_tr("案件番号"), lambda r: r.number, lambda r: r.number_key),
            Column[CaseListRow](_tr("法人名"), lambda r: r.name, lambda r: r.name_key),
            Column[CaseListRow](
                _tr("代表者"), lambda r: r.representative, lambda r: r.representative or None
            ),
            Column[CaseListRow](_tr("主たる事務所"), lambda r: r.address, lambda r: r.address or None),
            Column[CaseListRow](
                _tr("段階"), lambda r: STAGE_LABELS[r.stage], lambda r: _STAGE_ORDER[r.stage]
            ),
            Column[CaseListRow](_tr("申請受理日"), lambda r: _wareki(r.received_on), lambda r: r.received_on),
            Column[CaseListRow](
                _tr("次の期限"), lambda r: r.next_text or _wareki(r.next_due), lambda r: r.next_due
            ),
            Column[CaseListRow](_tr("期限の種類"), lambda r: r.next_label, lambda r: r.next_label or None),
            Column[CaseListRow](
                _tr("年度"), lambda r: fiscal_year_label(r.fiscal_year), lambda r: r.fiscal_year
            ),
            Column[CaseListRow](_tr("担当"), lambda r: r.clerk, lambda r: r.clerk or None),
            Column[CaseListRow](
                _tr("根拠"), lambda r: short_basis(r.next_basis), lambda r: r.next_basis or None
            ),
        )
        super().__init__(columns, parent)
        self._all: list[CaseListRow] = []
        self._haystacks: dict[int, str] = {}
        self._terms: list[str] = []
        self._stages: frozenset[Stage] | None = None
        self._year: int | None = None

    # --- data ------------------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[CaseListRow]) -> None:
        """Replace all cases (after a refresh); the search, filters and sort order stay."""
        for _ in self.fill(rows):
            pass

    def fill(self, rows: Iterable[CaseListRow]) -> Iterator[None]:
        """``set_rows`` a part at a time (``loader.Steps``: one per turn of the event loop); the shown
        rows are replaced at once at the end."""
        before = [self._all, self._rows]  # let go of after the new rows are in
        by_number = sorted(rows, key=attrgetter("number_key"))  # ties in the column's sort: by number
        yield
        every = yield from self._sorted_in_parts(by_number)
        self._all = every
        self._haystacks = {row.case_id: row.search_text for row in every}
        yield
        self._refilter()
        yield from freed_in_parts(*before)

    def total(self) -> int:
        return len(self._all)

    def fiscal_years(self) -> list[int]:
        return sorted({row.fiscal_year for row in self._all}, reverse=True)

    def row_of_case(self, case_id: int) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.case_id == case_id), None)

    # --- filters ---------------------------------------------------------------------------------
    def set_search(self, text: str) -> None:
        """Every whitespace-separated term must occur in number, name, kana, representative or address."""
        terms = [fold(term) for term in text.split()]
        if terms != self._terms:
            self._terms = terms
            self._refilter()

    def set_stages(self, stages: frozenset[Stage] | None) -> None:
        """Show only cases in one of ``stages`` (None: every stage)."""
        if stages != self._stages:
            self._stages = stages
            self._refilter()

    def set_year(self, year: int | None) -> None:
        if year != self._year:
            self._year = year
            self._refilter()

    def _refilter(self) -> None:
        rows = self._all
        if self._stages is not None:
            stages = self._stages
            rows = [r for r in rows if r.stage in stages]
        if self._year is not None:
            rows = [r for r in rows if r.fiscal_year == self._year]
        for term in self._terms:
            haystacks = self._haystacks
            rows = [r for r in rows if term in haystacks[r.case_id]]
        self._replace_rows(rows if rows is not self._all else list(rows))

    def _accepts(self, row: CaseListRow) -> bool:
        if self._stages is not None and row.stage not in self._stages:
            return False
        if self._year is not None and row.fiscal_year != self._year:
            return False
        return all(term in self._haystacks[row.case_id] for term in self._terms)

    # --- one case changed ------------------------------------------------------------------------
    def upsert(self, row: CaseListRow) -> None:
        """Put a saved case in (new or changed) without a reset: selection and scroll position stay."""
        self._haystacks[row.case_id] = row.search_text
        old = next((n for n, r in enumerate(self._all) if r.case_id == row.case_id), None)
        if old is None:
            self._all.append(row)
        else:
            self._all[old] = row
        shown = self.row_of_case(row.case_id)
        if not self._accepts(row):
            if shown is not None:
                self.beginRemoveRows(QModelIndex(), shown, shown)
                del self._rows[shown]
                self.endRemoveRows()
            self.counts_changed.emit()
            return
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

    def remove(self, case_id: int) -> None:
        """Take a deleted case out."""
        self._all = [r for r in self._all if r.case_id != case_id]
        self._haystacks.pop(case_id, None)
        shown = self.row_of_case(case_id)
        if shown is not None:
            self.beginRemoveRows(QModelIndex(), shown, shown)
            del self._rows[shown]
            self.endRemoveRows()
        self.counts_changed.emit()

    def _reordered(self) -> list[CaseListRow]:
        """Sort all cases once (so the next filter change keeps the order) and keep the shown ones."""
        self._all = self._sorted(self._all)
        if len(self._rows) == len(self._all):
            return list(self._all)
        shown = {row.case_id for row in self._rows}
        return [row for row in self._all if row.case_id in shown]

    # --- roles -----------------------------------------------------------------------------------
    def row_data(self, row: CaseListRow, column: int, role: int) -> Any:
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NAME:  # the full name (the cell may be elided) and its reading
                return f"{row.name}\n{row.kana}" if row.kana else row.name
            if column == self.ADDRESS:
                return row.address or None
            if column == self.BASIS and row.next_basis:
                return row.next_basis
            if column == self.NEXT_DUE and row.next_due is not None:
                return f"{row.next_text or format_wareki(row.next_due, weekday=True)} {row.next_label}"
        return None
