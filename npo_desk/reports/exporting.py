"""Export for the prefecture and the national portal: the store's cases into one of three layouts.

- ``cabinet-office``: the 内閣府 60 columns, NPOs established in law (registered; a revoked one
  carries its 解散情報), filtered by 法人設立認証年月日.
- ``ledger``: npo-desk's own ledger, every case in every stage, filtered by 申請受理日 (a consultation
  that was never received: by 相談日).
- ``statistics``: the 内閣府 statistics per 所轄庁 (申請受理数, 認証数, 不認証数, 解散数 and うち認証取消数),
  counting the events that fall in the date range.

An XLSX file always gets the chosen layout plus a 統計 sheet; a CSV file holds one layout.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date
from itertools import tee
from pathlib import Path

from npo_desk import store as store_api
from npo_desk.domain.errors import InvalidInput, NpoDeskError
from npo_desk.domain.jurisdiction import decide_authority
from npo_desk.domain.lifecycle import stage_of
from npo_desk.domain.settings import Settings
from npo_desk.refdata import municipality_index
from npo_desk.reports.layouts import (
    CABINET_OFFICE_HEADER,
    LEDGER_EXPORT_HEADER,
    authority_columns,
    authority_label,
    cabinet_office_row,
    case_label,
    case_profile,
    ledger_row,
)
from npo_desk.reports.options import ExportLayout, ExportOptions
from npo_desk.reports.sheets import Cell, Replacement, Sheet, write_csv, write_xlsx
from npo_desk.store import ExportCase, MilestoneKind

STATISTICS_HEADER = ("所轄庁", "申請受理数", "認証数", "不認証数", "解散数", "うち認証取消数")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    replacements: list[Replacement]


def _in_range(day: date | None, options: ExportOptions) -> bool:
    if options.date_from is None and options.date_to is None:
        return True
    if day is None:
        return False
    return (options.date_from is None or day >= options.date_from) and (
        options.date_to is None or day <= options.date_to
    )


def select_cases(
    cases: Iterable[ExportCase], options: ExportOptions, settings: Settings, today: date
) -> Iterator[ExportCase]:
    """The cases the layout covers, narrowed by the stage and the date range."""
    for case in cases:
        if options.layout is ExportLayout.CABINET_OFFICE:
            if case.date_of(MilestoneKind.REGISTERED) is None:
                continue
            if not _in_range(case.date_of(MilestoneKind.CERTIFIED), options):
                continue
        elif options.layout is ExportLayout.LEDGER:
            basis = case.date_of(MilestoneKind.RECEIVED) or case.date_of(MilestoneKind.CONSULTED)
            if not _in_range(basis, options):
                continue
        if options.stage is not None:
            case_profile(case)  # a stage needs the case's version of the Act: name the case without one
            if stage_of(case.facts(), settings, today) is not options.stage:
                continue
        yield case


def _authority_of(case: ExportCase, settings: Settings, fallback: str) -> str:
    """The 所轄庁 of a case under the law of its receipt date (ours when its addresses cannot be read)."""
    addresses = [address for address in case.addresses if address.strip()]
    as_of = case.date_of(MilestoneKind.RECEIVED) or case.date_of(MilestoneKind.CONSULTED)
    if not addresses or as_of is None:
        return fallback
    try:
        return decide_authority(addresses, as_of, settings, municipality_index()).authority
    except InvalidInput:
        return fallback


_STATISTICS_KEYS = ("received", "certified", "refused", "dissolved", "dissolved")


class Tally:
    """The statistics' counts per 所轄庁, fed one case at a time: an XLSX export counts every case
    while it writes its layout's rows, in one pass over the database."""

    def __init__(self, options: ExportOptions, settings: Settings) -> None:
        self.options = options
        self.settings = settings
        self.ours = authority_label(settings)
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.counts[self.ours].update()  # our row is there even with nothing to count

    def _counted(self, case: ExportCase, kind: MilestoneKind) -> bool:
        day = case.date_of(kind)
        return day is not None and _in_range(day, self.options)

    def add(self, case: ExportCase) -> None:
        count = self.counts[_authority_of(case, self.settings, self.ours)]
        count["received"] += self._counted(case, MilestoneKind.RECEIVED)
        count["certified"] += self._counted(case, MilestoneKind.CERTIFIED)
        count["refused"] += self._counted(case, MilestoneKind.REFUSED)
        # npo-desk records no voluntary 解散: the only dissolution it knows is the revocation of an
        # established (registered) NPO, so 解散数 and うち認証取消数 count the same cases.
        registered = case.date_of(MilestoneKind.REGISTERED) is not None
        count["dissolved"] += registered and self._counted(case, MilestoneKind.REVOKED)

    def through(self, cases: Iterable[ExportCase]) -> Iterator[ExportCase]:
        """``cases`` unchanged, each counted as it passes."""
        for case in cases:
            self.add(case)
            yield case

    def rows(self) -> list[tuple[str | int, ...]]:
        """One row per 所轄庁 (ours first), then 合計 when there is more than one."""
        names = sorted(self.counts, key=lambda n: (n != self.ours, n))
        keys = _STATISTICS_KEYS
        rows: list[tuple[str | int, ...]] = [(name, *(self.counts[name][k] for k in keys)) for name in names]
        if len(rows) > 1:
            totals = [sum(self.counts[name][k] for name in names) for k in keys]
            rows.append(("合計", *totals))
        return rows


def statistics_rows(
    cases: Iterable[ExportCase], options: ExportOptions, settings: Settings
) -> list[tuple[str | int, ...]]:
    """The statistics of ``cases``: ``Tally.rows``."""
    tally = Tally(options, settings)
    for case in cases:
        tally.add(case)
    return tally.rows()


def _statistics_sheet(rows: Callable[[], list[tuple[str | int, ...]]]) -> Sheet:
    """The 統計 sheet; ``rows`` is asked only when the writer reaches it (after the counting)."""

    def later() -> Iterator[tuple[str | int, ...]]:
        yield from rows()

    return Sheet("統計", STATISTICS_HEADER, later(), (str(row[0]) for row in later()))


def build_sheet(
    cases: Iterable[ExportCase],
    options: ExportOptions,
    settings: Settings,
    today: date,
) -> Sheet:
    """The layout's table. Its rows are made as the writer reads them, so a case the layout cannot
    write (UnexportableCase) is found then."""
    if options.layout is ExportLayout.STATISTICS:
        if options.stage is not None:
            raise InvalidInput("統計は段階では絞り込めません（期間で絞り込んでください）。")
        rows = statistics_rows(cases, options, settings)
        return _statistics_sheet(lambda: rows)
    chosen, named = tee(select_cases(cases, options, settings, today))  # read in step: one case kept
    labels = map(case_label, named)
    if options.layout is ExportLayout.LEDGER:
        return Sheet("台帳", LEDGER_EXPORT_HEADER, map(ledger_row, chosen), labels)
    columns = authority_columns(settings)
    cabinet = (cabinet_office_row(case, columns) for case in chosen)
    return Sheet("内閣府形式", CABINET_OFFICE_HEADER, cabinet, labels)


class _Counter:
    """Counts the rows a writer takes from a sheet."""

    def __init__(self) -> None:
        self.count = 0

    def of(self, rows: Iterable[tuple[Cell, ...]]) -> Iterator[tuple[Cell, ...]]:
        for row in rows:
            self.count += 1
            yield row


def export_cases(st: store_api.Store, path: Path, options: ExportOptions, today: date) -> ExportResult:
    """Write the export file, the cases streamed from the store into it; raises NpoDeskError
    (UnencodableText, UnexportableCase, an unwritable file) and then leaves no file."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise NpoDeskError(
            f"書き出すファイルの拡張子は .csv か .xlsx にしてください（指定: 「{path.name}」）。"
        )
    settings = store_api.load_settings(st)
    with closing(store_api.export_rows(st)) as stream:
        return _export(stream, path, options, settings, today)


def _export(
    stream: Iterable[ExportCase], path: Path, options: ExportOptions, settings: Settings, today: date
) -> ExportResult:
    suffix = path.suffix.lower()
    cases: Iterable[ExportCase] = stream
    statistics: list[Sheet] = []
    if suffix == ".xlsx" and options.layout is not ExportLayout.STATISTICS:
        # The workbook's 統計 sheet counts every case, as they stream past to the layout's sheet.
        tally = Tally(
            ExportOptions(ExportLayout.STATISTICS, date_from=options.date_from, date_to=options.date_to),
            settings,
        )
        cases = tally.through(cases)
        statistics.append(_statistics_sheet(tally.rows))
    counter = _Counter()
    sheet = build_sheet(cases, options, settings, today)
    sheet = replace(sheet, rows=counter.of(sheet.rows))
    if suffix == ".csv":
        replaced = write_csv(path, sheet, encoding=options.encoding, replace=options.replace_unencodable)
    else:
        replaced = write_xlsx(path, [sheet, *statistics], replace=options.replace_unencodable)
    return ExportResult(path, counter.count, replaced)
