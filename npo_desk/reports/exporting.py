"""Export for the prefecture and the national portal: the store's cases into one of three layouts.

- ``cabinet-office``: the 内閣府 60 columns, one row per corporation established in law (registered
  at some point; not one moved to another 所轄庁), with its latest facts: its own name, representative
  and 法人番号, its 設立 case's facts, its 認定/特例認定, 解散情報 and 監督情報 from its later procedures;
  filtered by 法人設立認証年月日 (docs/legal-reference.md §10).
- ``ledger``: npo-desk's own ledger, every 設立 case in every stage, filtered by 申請受理日 (a
  consultation that was never received: by 相談日), and every later procedure of the corporations on a
  手続 sheet (XLSX) or in a second file 「<name>-手続.csv」 (CSV).
- ``statistics``: the 内閣府 statistics per 所轄庁 (設立の申請受理数, 認証数, 不認証数, 解散数 and
  うち認証取消数), then 定款変更認証 (受理・認証・不認証) and 解散 by its ground (31条1項各号), counting
  the events that fall in the date range.

An XLSX file always gets the chosen layout plus a 統計 sheet; a CSV file holds one layout.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, replace
from datetime import date
from itertools import groupby, tee
from pathlib import Path

from npo_desk import store as store_api
from npo_desk.domain.corporations import dissolution_of
from npo_desk.domain.errors import InvalidInput, NpoDeskError
from npo_desk.domain.jurisdiction import decide_authority
from npo_desk.domain.lifecycle import stage_of
from npo_desk.domain.procedures import DissolutionGround
from npo_desk.domain.settings import Settings
from npo_desk.refdata import municipality_index
from npo_desk.reports.layouts import (
    CABINET_OFFICE_HEADER,
    LEDGER_EXPORT_HEADER,
    LEDGER_PROCEDURE_HEADER,
    PROCEDURES_SHEET,
    CorporationRecord,
    authority_columns,
    authority_label,
    cabinet_office_row,
    case_label,
    case_profile,
    corporation_record,
    ground_name,
    ledger_row,
    procedure_row,
)
from npo_desk.reports.options import ExportLayout, ExportOptions
from npo_desk.reports.sheets import Cell, Replacement, Sheet, write_csv, write_xlsx
from npo_desk.store import CaseKind, ExportCase, MilestoneKind

# The 内閣府's six columns first (設立 only), then 定款変更認証 and 解散 by ground (None: not recorded).
STATISTICS_GROUNDS: tuple[DissolutionGround | None, ...] = (*DissolutionGround, None)
STATISTICS_HEADER = (
    "所轄庁",
    "申請受理数",
    "認証数",
    "不認証数",
    "解散数",
    "うち認証取消数",
    "定款変更認証の申請受理数",
    "定款変更の認証数",
    "定款変更の不認証数",
    *(f"解散（{ground_name(g) if g is not None else '事由の記録なし'}）" for g in STATISTICS_GROUNDS),
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    replacements: list[Replacement]
    procedures: int = 0  # rows of the ledger's 手続 sheet or file
    procedures_file: Path | None = None  # a CSV ledger's second file (``procedures_path``)

    def describe(self) -> str:
        """What was written, for the clerk: 「18 行を書き出しました。」 and the 手続 beside it."""
        text = f"{self.rows} 行を書き出しました。"
        if self.procedures_file is not None:
            return text + f"手続 {self.procedures} 行は「{self.procedures_file.name}」に書き出しました。"
        if self.procedures:
            return text + f"手続 {self.procedures} 行は「手続」シートにあります。"
        return text


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
    """The 設立 cases the ledger covers, narrowed by the stage and the date range."""
    for case in cases:
        if case.kind is not CaseKind.ESTABLISHMENT:
            continue
        basis = case.date_of(MilestoneKind.RECEIVED) or case.date_of(MilestoneKind.CONSULTED)
        if not _in_range(basis, options):
            continue
        if options.stage is not None and not _in_stage(case, options, settings, today):
            continue
        yield case


def _in_stage(case: ExportCase, options: ExportOptions, settings: Settings, today: date) -> bool:
    case_profile(case)  # a stage needs the case's version of the Act: name the case without one
    return stage_of(case.facts(), settings, today) is options.stage


def corporations_of(cases: Iterable[ExportCase]) -> Iterator[CorporationRecord]:
    """The corporations of ``cases`` streamed by corporation (``export_rows(by_corporation=True)``)."""
    for _key, procedures in groupby(cases, key=lambda c: c.corporation.id if c.corporation else -c.id):
        yield corporation_record(list(procedures))


def select_corporations(
    corporations: Iterable[CorporationRecord], options: ExportOptions, settings: Settings, today: date
) -> Iterator[CorporationRecord]:
    """The corporations the national file lists: every 法人 (registered at some point, 13条1項; a
    dissolved one with its 解散情報) but one that moved to another 所轄庁 (26条: listed by that one) and a
    group never registered (申請中: not a 法人); narrowed by 法人設立認証年月日 and the 設立 case's stage."""
    for corporation in corporations:
        if not corporation.listed:
            continue
        holder = corporation.holder
        if not _in_range(holder.date_of(MilestoneKind.CERTIFIED), options):
            continue
        if options.stage is not None and not _in_stage(holder, options, settings, today):
            continue
        yield corporation


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


_STATISTICS_KEYS = (
    "received",
    "certified",
    "refused",
    "dissolved",
    DissolutionGround.REVOCATION,
    "amendment_received",
    "amendment_certified",
    "amendment_refused",
    *STATISTICS_GROUNDS,
)
_COUNTED_KINDS = {CaseKind.ESTABLISHMENT: "", CaseKind.ARTICLES_AMENDMENT: "amendment_"}
# The kinds whose facts can dissolve a corporation (besides a 取消し recorded on its 設立 case).
_DISSOLVING_KINDS = frozenset({CaseKind.DISSOLUTION, CaseKind.MERGER, CaseKind.REVOCATION})


class Tally:
    """The statistics' counts per 所轄庁, fed one case at a time: an XLSX export counts every case
    while it writes its layout's rows, in one pass over the database.

    申請受理・認証・不認証 are counted per procedure: 設立 in the 内閣府's columns, 定款変更認証 in its own.
    A 解散 is counted once per corporation, on the day and ground ``dissolution_of`` gives (its first:
    a 取消し and the 解散 it causes are one), in 解散数, by ground, and the 取消し also in うち認証取消数."""

    def __init__(self, options: ExportOptions, settings: Settings) -> None:
        self.options = options
        self.settings = settings
        self.ours = authority_label(settings)
        self.counts: dict[str, Counter[str | DissolutionGround | None]] = defaultdict(Counter)
        self.counts[self.ours].update()  # our row is there even with nothing to count
        # corporation -> (day, ground, 所轄庁) of its earliest dissolution seen so far
        self.dissolved: dict[int, tuple[date, DissolutionGround | None, str]] = {}

    def _counted(self, case: ExportCase, kind: MilestoneKind) -> bool:
        day = case.date_of(kind)
        return day is not None and _in_range(day, self.options)

    def add(self, case: ExportCase) -> None:
        authority = _authority_of(case, self.settings, self.ours)
        count = self.counts[authority]
        prefix = _COUNTED_KINDS.get(case.kind)
        if prefix is not None:
            count[prefix + "received"] += self._counted(case, MilestoneKind.RECEIVED)
            count[prefix + "certified"] += self._counted(case, MilestoneKind.CERTIFIED)
            count[prefix + "refused"] += self._counted(case, MilestoneKind.REFUSED)
        if case.kind not in _DISSOLVING_KINDS and MilestoneKind.REVOKED not in case.dates:
            return  # nothing in it dissolves the corporation: no need for the domain's view
        event = dissolution_of([case.procedure_facts()])
        if event is None:
            return
        key = case.corporation.id if case.corporation is not None else -case.id
        earlier = self.dissolved.get(key)
        if earlier is None or event[0] < earlier[0]:
            self.dissolved[key] = (*event, authority)

    def _with_dissolutions(self) -> dict[str, Counter[str | DissolutionGround | None]]:
        counts = {name: Counter(count) for name, count in self.counts.items()}
        for day, ground, authority in self.dissolved.values():
            if _in_range(day, self.options):
                count = counts.setdefault(authority, Counter())
                count["dissolved"] += 1
                count[ground] += 1
        return counts

    def through(self, cases: Iterable[ExportCase]) -> Iterator[ExportCase]:
        """``cases`` unchanged, each counted as it passes."""
        for case in cases:
            self.add(case)
            yield case

    def rows(self) -> list[tuple[str | int, ...]]:
        """One row per 所轄庁 (ours first), then 合計 when there is more than one."""
        counts = self._with_dissolutions()
        names = sorted(counts, key=lambda n: (n != self.ours, n))
        keys = _STATISTICS_KEYS
        rows: list[tuple[str | int, ...]] = [(name, *(counts[name][k] for k in keys)) for name in names]
        if len(rows) > 1:
            totals = [sum(counts[name][k] for name in names) for k in keys]
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
    write (UnexportableCase) is found then. The 内閣府 layout reads ``cases`` by corporation
    (``export_rows(by_corporation=True)``)."""
    if options.layout is ExportLayout.STATISTICS:
        if options.stage is not None:
            raise InvalidInput("統計は段階では絞り込めません（期間で絞り込んでください）。")
        rows = statistics_rows(cases, options, settings)
        return _statistics_sheet(lambda: rows)
    if options.layout is ExportLayout.LEDGER:
        chosen, named = tee(select_cases(cases, options, settings, today))  # read in step: one case kept
        return Sheet("台帳", LEDGER_EXPORT_HEADER, map(ledger_row, chosen), map(case_label, named))
    corporations = select_corporations(corporations_of(cases), options, settings, today)
    listed, named_corporations = tee(corporations)
    columns = authority_columns(settings)
    cabinet = (cabinet_office_row(corporation, columns) for corporation in listed)
    labels = (case_label(corporation.holder) for corporation in named_corporations)
    return Sheet("内閣府形式", CABINET_OFFICE_HEADER, cabinet, labels)


def procedures_sheet(cases: Iterable[ExportCase], options: ExportOptions) -> Sheet:
    """The ledger's 手続 sheet: every procedure after 設立 of ``cases`` (streamed by corporation, of the
    corporations that have one: ``export_rows(by_corporation=True, with_later_procedures=True)``), its
    first recorded day in the date range, oldest first within its corporation."""

    def chosen() -> Iterator[tuple[CorporationRecord, ExportCase]]:
        for corporation in corporations_of(cases):
            for procedure in corporation.procedures:
                if procedure.kind is CaseKind.ESTABLISHMENT:
                    continue
                first = min(procedure.dates.values(), default=None)
                if (options.date_from is None and options.date_to is None) or _in_range(first, options):
                    yield corporation, procedure

    listed, named = tee(chosen())
    rows = (procedure_row(corporation, procedure) for corporation, procedure in listed)
    return Sheet(PROCEDURES_SHEET, LEDGER_PROCEDURE_HEADER, rows, (case_label(p) for _c, p in named))


def procedures_path(path: Path) -> Path:
    """Where a CSV ledger's procedures go: 「台帳.csv」 → 「台帳-手続.csv」 beside it."""
    return path.with_name(f"{path.stem}-{PROCEDURES_SHEET}{path.suffix}")


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
    (UnencodableText, UnexportableCase, an unwritable file) and then leaves no file. A CSV ledger
    also writes its procedures after 設立 to ``procedures_path(path)`` (``ExportResult.procedures``)."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise NpoDeskError(
            f"書き出すファイルの拡張子は .csv か .xlsx にしてください（指定: 「{path.name}」）。"
        )
    settings = store_api.load_settings(st)
    by_corporation = options.layout is ExportLayout.CABINET_OFFICE
    # Python's cycle collector paused: an export makes a few objects per cell and keeps none (nothing
    # it makes holds a cycle), so each collection would only walk what the program already holds.
    with ExitStack() as streams, store_api.collector_paused():
        stream = streams.enter_context(closing(store_api.export_rows(st, by_corporation=by_corporation)))
        later: Iterable[ExportCase] | None = None
        if options.layout is ExportLayout.LEDGER:

            def later_procedures() -> Iterator[ExportCase]:
                """Opened only when the writer reaches the 手続 sheet (after the 台帳 is written)."""
                rows = store_api.export_rows(st, by_corporation=True, with_later_procedures=True)
                yield from streams.enter_context(closing(rows))

            later = later_procedures()
        return _export(stream, path, options, settings, today, later)


def _export(
    stream: Iterable[ExportCase],
    path: Path,
    options: ExportOptions,
    settings: Settings,
    today: date,
    later: Iterable[ExportCase] | None = None,
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
    extra = [] if later is None else [procedures_sheet(later, options)]
    procedures = _Counter()
    extra = [replace(s, rows=procedures.of(s.rows)) for s in extra]
    if suffix == ".csv":
        replaced = write_csv(path, sheet, encoding=options.encoding, replace=options.replace_unencodable)
        for other in extra:
            try:
                replaced += write_csv(
                    procedures_path(path),
                    other,
                    encoding=options.encoding,
                    replace=options.replace_unencodable,
                )
            except BaseException:
                path.unlink(missing_ok=True)  # all or nothing: no ledger without its procedures
                raise
    else:
        replaced = write_xlsx(path, [sheet, *extra, *statistics], replace=options.replace_unencodable)
    second = procedures_path(path) if extra and suffix == ".csv" else None
    return ExportResult(path, counter.count, replaced, procedures.count, second)
