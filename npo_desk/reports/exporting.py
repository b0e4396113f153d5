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
from dataclasses import dataclass
from datetime import date
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
from npo_desk.reports.sheets import Replacement, Sheet, write_csv, write_xlsx
from npo_desk.store import Case, MilestoneKind, facts_of

STATISTICS_HEADER = ("所轄庁", "申請受理数", "認証数", "不認証数", "解散数", "うち認証取消数")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    replacements: list[Replacement]


def load_all_cases(st: store_api.Store) -> list[Case]:
    """Every case that is not in the wastebasket, oldest number first."""
    summaries = store_api.list_cases(st, store_api.CaseQuery())
    return store_api.get_cases(st, [s.id for s in reversed(summaries)])


def _in_range(day: date | None, options: ExportOptions) -> bool:
    if options.date_from is None and options.date_to is None:
        return True
    if day is None:
        return False
    return (options.date_from is None or day >= options.date_from) and (
        options.date_to is None or day <= options.date_to
    )


def select_cases(cases: list[Case], options: ExportOptions, settings: Settings, today: date) -> list[Case]:
    """The cases the layout covers, narrowed by the stage and the date range."""
    chosen: list[Case] = []
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
            if stage_of(facts_of(case), settings, today) is not options.stage:
                continue
        chosen.append(case)
    return chosen


def _authority_of(case: Case, settings: Settings, fallback: str) -> str:
    """The 所轄庁 of a case under the law of its receipt date (ours when its addresses cannot be read)."""
    addresses = [o.address for o in case.offices if o.address.strip()]
    as_of = case.date_of(MilestoneKind.RECEIVED) or case.date_of(MilestoneKind.CONSULTED)
    if not addresses or as_of is None:
        return fallback
    try:
        return decide_authority(addresses, as_of, settings, municipality_index()).authority
    except InvalidInput:
        return fallback


def _counted(case: Case, kind: MilestoneKind, options: ExportOptions) -> bool:
    day = case.date_of(kind)
    return day is not None and _in_range(day, options)


def statistics_rows(
    cases: list[Case], options: ExportOptions, settings: Settings
) -> list[tuple[str | int, ...]]:
    """One row per 所轄庁 (ours first), then 合計 when there is more than one."""
    ours = authority_label(settings)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    counts[ours].update()  # our row is there even with nothing to count
    for case in cases:
        count = counts[_authority_of(case, settings, ours)]
        count["received"] += _counted(case, MilestoneKind.RECEIVED, options)
        count["certified"] += _counted(case, MilestoneKind.CERTIFIED, options)
        count["refused"] += _counted(case, MilestoneKind.REFUSED, options)
        # npo-desk records no voluntary 解散: the only dissolution it knows is the revocation of an
        # established (registered) NPO, so 解散数 and うち認証取消数 count the same cases.
        registered = case.milestone(MilestoneKind.REGISTERED) is not None
        count["dissolved"] += registered and _counted(case, MilestoneKind.REVOKED, options)
    keys = ("received", "certified", "refused", "dissolved", "dissolved")
    names = sorted(counts, key=lambda n: (n != ours, n))
    rows: list[tuple[str | int, ...]] = [(name, *(counts[name][k] for k in keys)) for name in names]
    if len(rows) > 1:
        totals = [sum(counts[name][k] for name in names) for k in keys]
        rows.append(("合計", *totals))
    return rows


def build_sheet(
    cases: list[Case],
    options: ExportOptions,
    settings: Settings,
    today: date,
) -> Sheet:
    if options.layout is ExportLayout.STATISTICS:
        if options.stage is not None:
            raise InvalidInput("統計は段階では絞り込めません（期間で絞り込んでください）。")
        rows = statistics_rows(cases, options, settings)
        return Sheet("統計", STATISTICS_HEADER, list(rows), [str(row[0]) for row in rows])
    chosen = select_cases(cases, options, settings, today)
    labels = [case_label(c) for c in chosen]
    if options.layout is ExportLayout.LEDGER:
        return Sheet("台帳", LEDGER_EXPORT_HEADER, [ledger_row(c) for c in chosen], labels)
    columns = authority_columns(settings)
    return Sheet(
        "内閣府形式", CABINET_OFFICE_HEADER, [cabinet_office_row(c, columns) for c in chosen], labels
    )


def export_cases(st: store_api.Store, path: Path, options: ExportOptions, today: date) -> ExportResult:
    """Write the export file; raises NpoDeskError (UnencodableText, an unwritable file) and writes nothing."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise NpoDeskError(
            f"書き出すファイルの拡張子は .csv か .xlsx にしてください（指定: 「{path.name}」）。"
        )
    settings = store_api.load_settings(st)
    cases = load_all_cases(st)
    sheet = build_sheet(cases, options, settings, today)
    if suffix == ".csv":
        replaced = write_csv(path, sheet, encoding=options.encoding, replace=options.replace_unencodable)
        return ExportResult(path, len(sheet.rows), replaced)
    sheets = [sheet]
    if options.layout is not ExportLayout.STATISTICS:
        statistics = ExportOptions(
            ExportLayout.STATISTICS, date_from=options.date_from, date_to=options.date_to
        )
        sheets.append(build_sheet(cases, statistics, settings, today))
    replaced = write_xlsx(path, sheets, replace=options.replace_unencodable)
    return ExportResult(path, len(sheet.rows), replaced)
