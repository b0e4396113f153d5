"""Import of an existing ledger or of the 内閣府 national file: every row checked before anything is stored.

All or nothing: ``plan_import`` reads and checks the whole file into plain ``Case`` records and a list
of every bad row (row number, column, value, reason); ``apply_import`` stores them only when that
list is empty, in one transaction. Each row is a corporation: its 設立 case, its 法人番号 and its
procedures after 設立 (the 内閣府 file's 認定 columns, 解散情報 and 監督情報; the ledger's 手続 sheet).
A corporation already in the database (its 設立 case's name and receipt date, or its 法人番号) is
reported and skipped, never duplicated. Dates go through ``domain.wareki.parse_date``; the order of the
milestones is checked by replaying them through ``domain.lifecycle``, so an impossible history (認証
before 縦覧 ended, 登記 before the 認証書 arrived) is refused with the rule's own words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from npo_desk import store as store_api
from npo_desk.domain.annual_reports import tracking_start_for_import
from npo_desk.domain.articles_topics import ARTICLES_TOPIC_LABELS
from npo_desk.domain.corporate_number import normalize_corporate_number
from npo_desk.domain.errors import InvalidInput, NpoDeskError
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.lifecycle import check_facts
from npo_desk.domain.procedures import (
    AUTHORITY_CHANGE_LABELS,
    DISSOLUTION_GROUND_LABELS,
    MERGER_ROLE_LABELS,
    NOTIFIED_GROUNDS,
    SHOKATSU_ACCREDITATION_FROM,
    DissolutionGround,
    MergerRole,
    ProcedureFacts,
    ProcedureKind,
    check_procedure,
    validity_end,
)
from npo_desk.domain.procedures import Milestone as ProcedureMilestone
from npo_desk.domain.profiles import resolve_profile
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import parse_date
from npo_desk.refdata import municipality_index
from npo_desk.reports.layouts import (
    ACTIVITY_COLUMNS,
    CABINET_OFFICE_HEADER,
    CORPORATE_NUMBER_COLUMN,
    CURRENT_COLUMNS,
    FILINGS_COLUMN,
    LEDGER_ALL_DATES,
    LEDGER_EXPORT_HEADER,
    LEDGER_HEADER,
    PROCEDURE_DATES,
    PROCEDURES_SHEET,
    REGISTERED_CHANGE_MARK,
    TRACKED_FROM_COLUMN,
    AuthorityColumns,
    authority_columns,
    ground_name,
)
from npo_desk.reports.sheets import unneutralise
from npo_desk.reports.tables_in import RawTable, read_table
from npo_desk.store import (
    AnnualReportFiling,
    Case,
    CaseKind,
    Corporation,
    Milestone,
    MilestoneKind,
    Office,
    OfficeKind,
    check_offices,
    duplicate_key,
    place_office,
    text_problem,
)
from npo_desk.store.corporation_import import NewCorporation, create_corporations, stored_corporate_numbers
from npo_desk.store.identity import case_key

_MAX_LISTED = 200
_MAX_LISTED_WARNINGS = 30
_SEPARATORS = re.compile(r"[,、，\s]+")
_BRANCH_SPLIT = re.compile(r"[\r\n]+|、")
_SHOWN = {**{code: chr(0x2400 + code) for code in range(32)}, 0x7F: "\u2421", 0x0A: "↵"}  # ␀ … ␟ ␡
_MONTH_DAY = re.compile(r"(\d{1,2})\s*[/月.-]\s*(\d{1,2})\s*日?")
CABINET_NOTE = "内閣府NPO法人ポータルのデータから取り込み"
NOTICE_DATE_UNKNOWN = "内閣府データから取り込み。受理日は不明のため設立年月日を記録"
NOTICE_DATE_UNKNOWN_LATER = "内閣府データから取り込み。受理日は不明のため事由の日を記録"
_DATE_IN_TEXT = re.compile(r"\d{4}\s*[/.年-]\s*\d{1,2}\s*[/.月-]\s*\d{1,2}日?")
_LIQUIDATED = re.compile(r"(\d{4}\s*[/.年-]\s*\d{1,2}\s*[/.月-]\s*\d{1,2}日?)\s*清算結了")


class Layout(StrEnum):
    LEDGER = "ledger"
    CABINET_OFFICE = "cabinet-office"


LAYOUT_LABELS = {Layout.LEDGER: "台帳形式", Layout.CABINET_OFFICE: "内閣府形式（60列）"}
# The cells that may hold line breaks: branches and filings (one per line), the clerk's notes and the
# articles' purpose (free text). Every other column the importer reads is one line: a line break there
# is a stray Alt+Enter in Excel, or in a CSV file a quote left open that carried the next lines along.
_MULTI_LINE = frozenset({"従たる事務所の所在地", "備考", FILINGS_COLUMN, "定款に記載された目的"})
_ONE_LINE = {
    Layout.LEDGER: frozenset(LEDGER_EXPORT_HEADER) - _MULTI_LINE,
    Layout.CABINET_OFFICE: frozenset(
        {
            "法人名称",
            "法人名称カナ",
            "所轄庁",
            "権限移譲先市町村",
            "主たる事務所の所在地",
            "主たる事業所の郵便番号",
            "代表者氏名",
            "団体代表者名（フリガナ）",
            "法人設立認証年月日",
            "設立年月日",
            "事業年度開始日",
        }
    ),
}


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    value: str
    reason: str

    def describe(self) -> str:
        """One line: line breaks and control characters in the value are shown as ↵ and ␀ … ␟."""
        value = self.value.replace("\r\n", "\n").translate(_SHOWN)
        value = value if len(value) <= 40 else value[:39] + "…"
        return f"{self.row}行目「{self.column}」「{value}」: {self.reason}"


@dataclass
class ImportPlan:
    """What the file would do: the cases to add and everything the clerk must hear about first."""

    layout: Layout
    source: str
    cases: list[Case] = field(default_factory=list)  # 設立 cases: each makes its corporation
    rows: list[int] = field(default_factory=list)  # the row number of each of ``cases``
    # for each of ``cases``: its corporation's own fields (法人番号; today's name and representative)
    # and its procedures after 設立 (認定, 解散 …)
    corporations: list[Corporation] = field(default_factory=list)
    procedures: list[tuple[Case, ...]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # rows already in the database (skipped)

    def count_text(self) -> str:
        """「7 件」, with the procedures after 設立 they bring: 「7 件（設立の後の手続 3 件）」."""
        later = sum(len(procedures) for procedures in self.procedures)
        return f"{len(self.cases)} 件" + (f"（設立の後の手続 {later} 件）" if later else "")

    def error_lines(self) -> list[str]:
        lines = [e.describe() for e in self.errors[:_MAX_LISTED]]
        if len(self.errors) > _MAX_LISTED:
            lines.append(f"ほか {len(self.errors) - _MAX_LISTED} 件")
        return lines


class ImportRejected(NpoDeskError):
    """The file has bad rows: nothing was imported. ``plan.errors`` has every one of them."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        super().__init__(
            f"取り込むファイルに誤りが {len(plan.errors)} 件あるため、何も取り込みませんでした。"
            "次の行を直してから、もう一度取り込んでください。\n" + "\n".join(plan.error_lines())
        )


def detect_layout(header: list[str]) -> Layout:
    """The layout by its header: the national 60 columns, or the ledger (not its 手続 file, which is
    read with the ledger it belongs to)."""
    names = set(header)
    if _is_procedures(header):
        raise NpoDeskError(
            f"このファイルは台帳の{PROCEDURES_SHEET}（設立の後の手続）です。台帳のファイルを選んでください"
            f"（同じフォルダーの「…-{PROCEDURES_SHEET}.csv」は台帳と一緒に読み込みます）。"
        )
    if {"法人設立認証年月日", "活動分野１", "所轄庁"} <= names:
        return Layout.CABINET_OFFICE
    if "法人名称" in names and len(names & set(LEDGER_HEADER)) >= 3:
        return Layout.LEDGER
    expected = "、".join(LEDGER_HEADER)
    raise NpoDeskError(
        "見出し行から形式を判別できませんでした。台帳形式（見出し: "
        f"{expected}）または内閣府の60列形式のファイルを選んでください。"
    )


def _text(row: dict[str, str], column: str) -> str:
    return unneutralise(row.get(column, "")).strip()


class _RowReader:
    """Reads one row; every problem becomes a RowError (the row keeps being read to find them all)."""

    def __init__(self, number: int, row: dict[str, str]) -> None:
        self.number = number
        self.row = row
        self.errors: list[RowError] = []
        self.national_accreditation = False  # a 認定 of the 国税庁長官 (before 2012-04-01): not recorded

    def text(self, column: str) -> str:
        return _text(self.row, column)

    def stored(self, column: str, field: str) -> str:
        """The cell's text for the store's ``field``, refused here by the store's own rule
        (``text_problem``: control characters, longer than the column) naming the row and column."""
        value = self.text(column)
        problem = text_problem(field, value)
        if problem:
            self.fail(column, problem, value)
        return value

    def fail(self, column: str, reason: str, value: str | None = None) -> None:
        self.errors.append(
            RowError(self.number, column, self.text(column) if value is None else value, reason)
        )

    def date(self, column: str) -> date | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return parse_date(value)
        except InvalidInput as err:
            self.fail(column, str(err))
            return None

    def month_day(self, column: str) -> tuple[int, int] | None:
        value = unicodedata.normalize("NFKC", self.text(column))
        if not value:
            return None
        match = _MONTH_DAY.fullmatch(value)
        if match:
            month, day = int(match.group(1)), int(match.group(2))
            try:
                date(2001, month, day)  # a year without 02/29: a fiscal year cannot start on it
            except ValueError:
                pass
            else:
                return month, day
        try:  # a spreadsheet that took 04/01 for a date saved it as a whole date: keep its month and day
            whole = parse_date(value)
        except InvalidInput:
            self.fail(column, "月日として読めません。「04/01」のように月/日で入力してください。")
            return None
        return whole.month, whole.day


def _milestones(dates: dict[MilestoneKind, date | None]) -> tuple[Milestone, ...]:
    return tuple(Milestone(kind, on) for kind, on in dates.items() if on is not None)


def _check_history(
    reader: _RowReader, facts: CaseFacts, settings: Settings, columns: dict[str, str], today: date | None
) -> None:
    """Refuse an impossible history with the domain's words, naming the first column that breaks it
    (a date after ``today``, when given, is one: a fact recorded before it happened).

    The dated facts are added one column at a time, in the ledger's (chronological) order, and checked
    by ``lifecycle.check_facts`` each time: the column that first makes them inconsistent is the culprit.
    """
    try:
        check_facts(facts, settings, today=today)
        return  # the usual case: one check, no search for a culprit
    except InvalidInput as whole:
        problem = whole
    partial = CaseFacts(law_profile_id=facts.law_profile_id, fiscal_year_start=facts.fiscal_year_start)
    last = next(iter(columns.values()))
    for name, column in columns.items():
        value = getattr(facts, name)
        if value is None:
            continue
        last = column
        partial = replace(partial, **{name: value})
        try:
            check_facts(partial, settings)
        except InvalidInput as err:
            reader.fail(column, str(err))
            return
    reader.fail(last, str(problem))  # only the whole history is inconsistent: name its latest date


def _activity_fields(reader: _RowReader, facts: CaseFacts) -> tuple[int, ...]:
    value = unicodedata.normalize("NFKC", reader.text("活動分野"))
    if not value:
        return ()
    numbers: list[int] = []
    for part in filter(None, _SEPARATORS.split(value)):
        if not part.isdigit():
            reader.fail(
                "活動分野",
                f"「{part}」は活動分野の番号ではありません。「1,3,13」のように番号で入力してください。",
            )
            return ()
        numbers.append(int(part))
    try:
        resolve_profile(facts).check_activity_fields(numbers)  # the store's own rule (validate_case)
    except InvalidInput as err:
        reader.fail("活動分野", str(err))
        return ()
    return tuple(sorted(dict.fromkeys(numbers)))


def _offices(reader: _RowReader) -> list[Office]:
    """The main office first, then the branches (separated by line breaks or 「、」)."""
    main = reader.stored("主たる事務所の所在地", "offices")
    branches = [a.strip() for a in _BRANCH_SPLIT.split(reader.text("従たる事務所の所在地")) if a.strip()]
    for branch in branches:
        problem = text_problem("offices", branch)
        if problem:
            reader.fail("従たる事務所の所在地", problem, branch)
    offices = [Office(main, OfficeKind.MAIN), *(Office(a, OfficeKind.BRANCH) for a in branches)]
    try:
        check_offices(offices)  # the store's own rule
    except InvalidInput as err:
        reader.fail("主たる事務所の所在地", str(err))
    return offices if main else []


# The ledger's date columns as CaseFacts fields, worked out once (not Enum.value for each row).
_FACT_FIELDS = tuple((kind, kind.value) for kind in LEDGER_ALL_DATES.values())
_FACT_COLUMNS = {kind.value: column for column, kind in LEDGER_ALL_DATES.items()}


def _ledger_case(reader: _RowReader, settings: Settings, today: date | None) -> Case | None:
    name = reader.stored("法人名称", "name")
    name_kana = reader.stored("法人名称カナ", "name_kana")
    representative = reader.stored("代表者氏名", "representative")
    notes = reader.stored("備考", "notes")
    if not name:
        reader.fail("法人名称", "法人名称が空です。")
    dates = {kind: reader.date(column) for column, kind in LEDGER_ALL_DATES.items()}
    fiscal = reader.month_day("事業年度開始日")
    found: dict[str, Any] = {field: dates[kind] for kind, field in _FACT_FIELDS}
    facts = CaseFacts(fiscal_year_start=fiscal, **found)
    fields = _activity_fields(reader, facts)
    offices = _offices(reader)
    tracked_from = reader.date(TRACKED_FROM_COLUMN)
    filings = _filings(reader)
    if not reader.errors:
        _check_history(reader, facts, settings, _FACT_COLUMNS, today)
    if reader.errors:
        return None
    return Case(
        name=name,
        name_kana=name_kana,
        representative=representative,
        activity_fields=fields,
        fiscal_year_start=fiscal,
        notes=notes,
        offices=tuple(offices),
        milestones=_milestones(dates),
        annual_reports=filings,
        annual_reports_tracked_from=tracked_from,
    )


def _ledger_row(reader: _RowReader, settings: Settings, today: date | None) -> _Read | None:
    """A row of the ledger: its 設立 case and its corporation's 法人番号 (its procedures after 設立 are
    on the 手続 sheet)."""
    case = _ledger_case(reader, settings, today)
    number = _corporate_number(reader, CORPORATE_NUMBER_COLUMN)
    current = {field: reader.stored(column, field) for column, field in CURRENT_COLUMNS.items()}
    if case is None or reader.errors:
        return None
    own = Corporation(
        name=current["name"] or case.name,
        name_kana=current["name_kana"] or case.name_kana,
        representative=current["representative"] or case.representative,
        corporate_number=number,
    )
    return _Read(case, own)


def _filings(reader: _RowReader) -> tuple[AnnualReportFiling, ...]:
    """The received 事業報告書等: 「2025/04/01=2026/06/25」 per line (年度開始日=受理日)."""
    found: list[AnnualReportFiling] = []
    for entry in filter(None, (e.strip() for e in _BRANCH_SPLIT.split(reader.text(FILINGS_COLUMN)))):
        start, equals, filed = unicodedata.normalize("NFKC", entry).partition("=")
        try:
            if not equals:
                raise InvalidInput("「年度開始日=受理日」の形で入力してください (例: 2025/04/01=2026/06/25)")
            found.append(AnnualReportFiling(parse_date(start.strip()), parse_date(filed.strip())))
        except InvalidInput as err:
            reader.fail(FILINGS_COLUMN, str(err), entry)
    return tuple(found)


def with_tracking(case: Case, settings: Settings, today: date) -> Case:
    """An established NPO brought in without any 事業報告書等 on record is tracked from the first
    report not yet due (``tracking_start_for_import``), not from decades filed on paper before."""
    established = case.milestone(MilestoneKind.REGISTERED) is not None
    if not established or case.fiscal_year_start is None or case.annual_reports:
        return case
    if case.annual_reports_tracked_from is not None:
        return case
    since = tracking_start_for_import(case.fiscal_year_start, settings, today)
    return replace(case, annual_reports_tracked_from=since)


@dataclass(frozen=True)
class _Read:
    """What one row of a file makes: a 設立 case, its corporation's 法人番号 and later procedures."""

    case: Case
    corporation: Corporation
    procedures: tuple[Case, ...] = ()


def _corporate_number(reader: _RowReader, column: str) -> str | None:
    """The row's 法人番号 as stored (13 digits, check digit verified), None when blank."""
    value = reader.text(column)
    if not value:
        return None
    try:
        return normalize_corporate_number(value)
    except InvalidInput as err:
        reader.fail(column, str(err))
        return None


def _cabinet_row(reader: _RowReader, settings: Settings, today: date | None) -> _Read | None:
    """A row of the 内閣府 file: the corporation's 設立 case (its facts as given), its 法人番号 and,
    from the 認定 columns, 解散情報 and 監督情報, the procedures that made them (each checked by the
    domain here, so a bad one names its row and column)."""
    case = _cabinet_case(reader, settings, today)
    number = _corporate_number(reader, "法人番号")
    later = _cabinet_procedures(reader, case) if case is not None else []
    for procedure, column in later:
        try:
            check_procedure(store_api.procedure_facts(procedure), today or date.max)
        except InvalidInput as err:
            reader.fail(column, str(err))
    if case is None or reader.errors:
        return None
    ordered = sorted(later, key=lambda p: min(m.on for m in p[0].milestones))
    own = Corporation(case.name, case.name_kana, case.representative, number)
    return _Read(case, own, tuple(procedure for procedure, _column in ordered))


def _text_date(reader: _RowReader, column: str, text: str) -> date | None:
    """The first date written in ``text`` (「2026/03/31 解散（…）」), None if it has none."""
    match = _DATE_IN_TEXT.search(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    try:
        return parse_date(match.group(0))
    except InvalidInput as err:
        reader.fail(column, str(err))
        return None


def _ground_in(text: str) -> DissolutionGround | None:
    """The ground of 31条1項 the 解散情報 names (npo-desk writes 「解散（社員総会の決議）」)."""
    found = next((g for g in DissolutionGround if ground_name(g) in text), None)
    if found is None and "取消" in text:
        return DissolutionGround.REVOCATION
    if found is None and "合併" in text:
        return DissolutionGround.MERGER
    return found


K = MilestoneKind
Dated = list[tuple[MilestoneKind, date | None]]


def _cabinet_procedures(reader: _RowReader, case: Case) -> list[tuple[Case, str]]:
    """The procedures after 設立 the row's 認定 columns, 解散情報 and 監督情報 record, with the column each
    comes from. The file gives decisions, not receipts: where a notice must have been received for the
    corporation to be listed so, its receipt is recorded on the event's day with a note (as 設立's
    登記完了届), so that no reminder stays open for a notice long since filed."""

    def procedure(kind: CaseKind, dated: Dated, note: str = "", **choices: Any) -> Case:
        return Case(
            name=case.name,
            kind=kind,
            name_kana=case.name_kana,
            representative=case.representative,
            representative_kana=case.representative_kana,
            postal_code=case.postal_code,
            offices=case.offices,
            notes=CABINET_NOTE,
            milestones=tuple(
                Milestone(k, on, note or (NOTICE_DATE_UNKNOWN_LATER if k is MilestoneKind.RECEIVED else ""))
                for k, on in dated
                if on is not None
            ),
            **choices,
        )

    found: list[tuple[Case, str]] = []
    start, end = reader.date("認定（認定開始日）"), reader.date("認定（認定満了日）")
    revoked = reader.date("認定（認定取消日）")
    if start is not None:
        granted = procedure(CaseKind.ACCREDITATION, [(K.CERTIFIED, start), (K.REVOKED, revoked)])
        # Before 2012-04-01 the 国税庁長官 granted 認定 (租税特別措置法), not the 所轄庁: no procedure of
        # ours; only its renewals by the 所轄庁 since are (docs/legal-reference.md §10.1, §13.1).
        reader.national_accreditation = start < SHOKATSU_ACCREDITATION_FROM
        if not reader.national_accreditation:
            found.append((granted, "認定（認定開始日）"))
        first_end = validity_end(store_api.procedure_facts(granted))
        if end is not None and first_end is not None and end > first_end:
            previous = _previous_expiry(end)
            if previous is None:
                reason = "認定の有効期間 (5年、第51条第1項) の満了日として読めません。"
                reader.fail("認定（認定満了日）", reason)
            elif previous < SHOKATSU_ACCREDITATION_FROM:
                pass  # renewed by the 国税庁長官 too: nothing of ours to record
            else:  # renewed (51条2項): the renewal whose 有効期間 ends on the file's 満了日
                note = "内閣府データから取り込み。更新の日は不明のため従前の満了日を記録"
                dated: Dated = [(K.PREVIOUS_EXPIRY, previous), (K.CERTIFIED, previous)]
                found.append((procedure(CaseKind.ACCREDITATION_RENEWAL, dated, note), "認定（認定満了日）"))
    elif end is not None or revoked is not None:
        reader.fail("認定（認定開始日）", "認定満了日・認定取消日があるのに認定開始日が空です。")
    special = reader.date("認定（特例認定年月日）")
    if special is not None:
        dated = [(K.CERTIFIED, special), (K.REVOKED, reader.date("認定（特例認定取消日）"))]
        found.append((procedure(CaseKind.PROVISIONAL_ACCREDITATION, dated), "認定（特例認定年月日）"))
    supervision = reader.text("監督情報")
    revoked_on = _text_date(reader, "監督情報", supervision) if "取消" in supervision else None
    dissolution = reader.text("解散情報")
    dissolved_on = _text_date(reader, "解散情報", dissolution)
    ground = _ground_in(dissolution.split("清算結了")[0]) if dissolved_on is not None else None
    if ground is DissolutionGround.REVOCATION and revoked_on is None:
        revoked_on = dissolved_on
    if revoked_on is not None:
        found.append((procedure(CaseKind.REVOCATION, [(K.REVOKED, revoked_on)]), "監督情報"))
    if dissolved_on is not None and ground is DissolutionGround.MERGER:
        dated = [(K.REGISTERED, dissolved_on)]
        found.append((procedure(CaseKind.MERGER, dated, merger_role=MergerRole.DISSOLVING), "解散情報"))
    elif dissolved_on is not None and ground is DissolutionGround.IMPOSSIBLE:
        dated = [(K.CERTIFIED, dissolved_on)]
        found.append((procedure(CaseKind.DISSOLUTION, dated, dissolution_ground=ground), "解散情報"))
    elif dissolved_on is not None and ground is not DissolutionGround.REVOCATION:
        received = dissolved_on if ground in NOTIFIED_GROUNDS else None
        dated = [(K.DISSOLVED, dissolved_on), (K.RECEIVED, received)]
        found.append((procedure(CaseKind.DISSOLUTION, dated, dissolution_ground=ground), "解散情報"))
    liquidated = _LIQUIDATED.search(unicodedata.normalize("NFKC", dissolution))
    if liquidated is not None:
        day = _text_date(reader, "解散情報", liquidated.group(1))
        dated = [(K.OCCURRED, day), (K.RECEIVED, day)]
        found.append((procedure(CaseKind.LIQUIDATION_COMPLETED, dated), "解散情報"))
    return found


def _previous_expiry(end: date) -> date | None:
    """The previous 有効期間's last day of a renewed 認定 whose current one ends on ``end`` (51条1項:
    5 years from the day after it), None when no day gives that end."""
    for back in range(0, 4):
        try:
            candidate = date(end.year - 5, end.month, end.day - back)
        except ValueError:
            continue
        renewal = ProcedureFacts(
            ProcedureKind.ACCREDITATION_RENEWAL,
            {ProcedureMilestone.CERTIFIED: candidate, ProcedureMilestone.PREVIOUS_EXPIRY: candidate},
        )
        if validity_end(renewal) == end:
            return candidate
    return None


def _cabinet_case(reader: _RowReader, settings: Settings, today: date | None) -> Case | None:
    name = reader.stored("法人名称", "name")
    texts = {
        field: reader.stored(column, field)
        for column, field in (
            ("法人名称カナ", "name_kana"),
            ("代表者氏名", "representative"),
            ("団体代表者名（フリガナ）", "representative_kana"),
            ("主たる事業所の郵便番号", "postal_code"),
            ("定款に記載された目的", "purpose"),
        )
    }
    if not name:
        reader.fail("法人名称", "法人名称が空です。")
    certified = reader.date("法人設立認証年月日")
    registered = reader.date("設立年月日")
    fiscal = reader.month_day("事業年度開始日")
    offices = _offices(reader)
    if not reader.errors:
        facts = CaseFacts(certified_on=certified, registered_on=registered, fiscal_year_start=fiscal)
        columns = {"certified_on": "法人設立認証年月日", "registered_on": "設立年月日"}
        _check_history(reader, facts, settings, columns, today)
    if reader.errors:
        return None
    fields = tuple(n for n, column in enumerate(ACTIVITY_COLUMNS, 1) if reader.text(column))
    return Case(
        name=name,
        name_kana=texts["name_kana"],
        representative=texts["representative"],
        representative_kana=texts["representative_kana"],
        postal_code=texts["postal_code"],
        purpose=texts["purpose"],
        activity_fields=fields,
        fiscal_year_start=fiscal,
        notes=CABINET_NOTE,
        offices=tuple(offices),
        milestones=(
            *_milestones({MilestoneKind.CERTIFIED: certified, MilestoneKind.REGISTERED: registered}),
            # The portal lists an NPO once its 設立登記完了届 has been accepted; the date is not in the
            # file. Without this fact every imported NPO would show an overdue 完了届 on the dashboard.
            *(
                (Milestone(MilestoneKind.REGISTRATION_NOTICE, registered, NOTICE_DATE_UNKNOWN),)
                if registered
                else ()
            ),
        ),
    )


def _placed(number: int, case: Case) -> tuple[Case, list[str], list[str]]:
    """The case with its offices placed in their municipalities (``place_office``: the store keeps
    them and need not resolve each address again); the offices whose address the municipality list
    cannot place (imported, but the clerk should know), and those written with a former name
    (宮崎県南那珂郡南郷町: placed in today's successor, noted)."""
    index = municipality_index()
    found: list[str] = []
    former: list[str] = []
    offices: list[Office] = []
    for position, office in enumerate(case.offices):
        column = "主たる事務所の所在地" if position == 0 else "従たる事務所の所在地"
        try:
            resolved = index.resolve(office.address)
        except InvalidInput as err:
            found.append(f"{number}行目「{column}」「{office.address}」: {err}")
        else:
            office = place_office(office, resolved)
            if resolved.former:
                former.append(f"{number}行目「{column}」「{office.address}」: {resolved.former}")
        offices.append(office)
    return replace(case, offices=tuple(offices)) if offices else case, found, former


def _ours(row: dict[str, str], authority: AuthorityColumns) -> bool:
    """The row's NPO is supervised by us: same 所轄庁 and the same delegated municipality (or none).

    A prefecture's own desk skips the NPOs a delegated municipality handles for it, and vice versa.
    """
    return (_text(row, "所轄庁"), _text(row, "権限移譲先市町村")) == (
        authority.authority,
        authority.delegated_to,
    )


def _listed(intro: str, items: list[str]) -> str:
    """A warning: ``intro``, then the first items one per line and how many more there are."""
    listed = items[:_MAX_LISTED_WARNINGS]
    more = len(items) - len(listed)
    return f"{intro}:\n" + "\n".join(listed) + (f"\nほか {more} 件" if more else "")


def plan_import(
    table: RawTable,
    settings: Settings,
    existing: Iterable[tuple[str, date | None]],
    authority: Callable[[], AuthorityColumns],
    *,
    today: date | None = None,
    existing_numbers: Iterable[str] = (),
    procedures: RawTable | None = None,
) -> ImportPlan:
    """Check every row of ``table`` (and of the ledger's ``procedures``); nothing is stored here. With
    ``today``, a date after it is a row error like any other (the store would refuse the whole file at
    the end, naming no row).
    A row whose 設立 case (name and receipt date) or 法人番号 (``existing_numbers``) is already stored
    is a duplicate, skipped; twice in the file it is an error."""
    _refuse_repeated_columns(table.header)
    layout = detect_layout(table.header)
    plan = ImportPlan(layout, table.source)
    known = set(CABINET_OFFICE_HEADER if layout is Layout.CABINET_OFFICE else LEDGER_EXPORT_HEADER)
    extra = [h for h in table.header if h and h not in known]
    if extra:
        plan.warnings.append("次の列は npo-desk が扱わないため読み飛ばしました: " + "、".join(extra))
    if layout is Layout.LEDGER:
        missing = [h for h in LEDGER_HEADER if h not in table.header]
        if missing:
            plan.warnings.append("次の列がないため空欄として扱いました: " + "、".join(missing))
    ours = authority() if layout is Layout.CABINET_OFFICE else None
    seen_existing = set(existing)
    seen_file: dict[tuple[str, date | None], int] = {}
    stored_numbers = set(existing_numbers)
    numbers_in_file: dict[str, int] = {}
    skipped_other = skipped_dissolved = national = 0
    unreadable: list[str] = []
    renamed: list[str] = []
    one_line = [(position, name) for position, name in enumerate(table.header) if name in _ONE_LINE[layout]]
    for index, values in enumerate(table.rows):
        number = index + 2
        row = dict(zip(table.header, values, strict=False))
        if not any(v.strip() for v in values):
            continue
        broken = _line_break_error(table, index, one_line)
        if broken is not None:
            plan.errors.append(broken)
            continue
        if ours is not None:
            if not _ours(row, ours):
                skipped_other += 1
                continue
            dissolution = _text(row, "解散情報")
            if dissolution and not _DATE_IN_TEXT.search(unicodedata.normalize("NFKC", dissolution)):
                skipped_dissolved += 1  # dissolved on a day the file does not say: nothing to record
                continue
        reader = _RowReader(number, row)
        read = _ledger_row(reader, settings, today) if layout is Layout.LEDGER else None
        if layout is Layout.CABINET_OFFICE:
            read = _cabinet_row(reader, settings, today)
        if read is None:
            plan.errors.extend(reader.errors)
            continue
        case, corporate_number = read.case, read.corporation.corporate_number
        national += reader.national_accreditation
        key = duplicate_key(case)
        if key in seen_existing:
            plan.duplicates.append(_already_stored(number, case))
            continue
        if corporate_number in stored_numbers:
            plan.duplicates.append(_already_stored(number, case, corporate_number))
            continue
        if corporate_number is not None and corporate_number in numbers_in_file:
            plan.errors.append(
                RowError(
                    number,
                    CORPORATE_NUMBER_COLUMN,
                    corporate_number,
                    f"同じ法人番号の行が{numbers_in_file[corporate_number]}行目にもあります。",
                )
            )
            continue
        if corporate_number is not None:
            numbers_in_file[corporate_number] = number
        if key in seen_file:
            plan.errors.append(
                RowError(
                    number,
                    "法人名称",
                    case.name,
                    f"同じ法人名称・申請受理日の行が{seen_file[key]}行目にもあります。",
                )
            )
            continue
        seen_file[key] = number
        case, cannot_place, former_names = _placed(number, case)
        plan.cases.append(case)
        plan.rows.append(number)
        plan.corporations.append(read.corporation)
        plan.procedures.append(read.procedures)
        unreadable.extend(cannot_place)
        renamed.extend(former_names)
    if procedures is not None:
        _plan_procedures(plan, procedures, seen_existing, today)
    if unreadable:
        plan.warnings.append(
            _listed(
                f"所在地を市区町村の一覧で確認できない事務所が {len(unreadable)} 件あります。"
                "取り込み後に案件の画面で直してください（所轄庁の判定に使います）",
                unreadable,
            )
        )
    if renamed:
        plan.warnings.append(
            _listed(
                f"所在地が合併などで変わった旧市町村名・旧区名で書かれた事務所が {len(renamed)} 件あります。"
                "所在地は書かれたまま取り込み、市区町村は現在のものとして扱います"
                "（所轄庁の判定はその日の名称で行います）",
                renamed,
            )
        )
    if skipped_other and ours is not None:
        whose = ours.authority + (f"（{ours.delegated_to}）" if ours.delegated_to else "")
        plan.warnings.append(f"所轄庁が当庁（{whose}）でない法人 {skipped_other} 件は取り込みませんでした。")
    if national:
        plan.warnings.append(
            f"認定開始日が平成24年3月31日以前（国税庁長官の認定）の法人 {national} 件は、その認定を手続として"
            "記録せず、平成24年4月1日からの所轄庁による更新だけを記録します。"
        )
    if skipped_dissolved:
        plan.warnings.append(
            f"解散情報に解散の日が読めない法人 {skipped_dissolved} 件は取り込みませんでした。"
        )
    return plan


_KIND_OF = {label: kind for kind, label in store_api.CASE_KIND_LABELS.items()}
_CHOICES_OF: dict[str, tuple[str, dict[str, Any]]] = {
    "所轄庁の変更": ("authority_change", {v: k for k, v in AUTHORITY_CHANGE_LABELS.items()}),
    "解散の事由": ("dissolution_ground", {v: k for k, v in DISSOLUTION_GROUND_LABELS.items()}),
    "合併での立場": ("merger_role", {v: k for k, v in MERGER_ROLE_LABELS.items()}),
}
_TOPIC_OF = {label: topic for topic, label in ARTICLES_TOPIC_LABELS.items()}


def _plan_procedures(
    plan: ImportPlan, table: RawTable, stored: set[tuple[str, date | None]], today: date | None
) -> None:
    """The ledger's procedures after 設立, each added to the corporation its 設立 row makes (found by
    設立時の法人名称 and 設立の申請受理日, else 設立の認証日: ``duplicate_key``). A procedure of a corporation
    already stored is skipped with it; one whose 設立 row is in neither is an error, like a bad date."""
    _refuse_repeated_columns(table.header)
    missing = [h for h in ("手続", "設立時の法人名称") if h not in table.header]
    if missing:
        raise NpoDeskError(f"{PROCEDURES_SHEET}の表に列「{'、'.join(missing)}」がありません。")
    index = {duplicate_key(case): position for position, case in enumerate(plan.cases)}
    found: dict[int, list[Case]] = {}
    skipped = 0
    for row_index, values in enumerate(table.rows):
        if not any(v.strip() for v in values):
            continue
        reader = _RowReader(row_index + 2, dict(zip(table.header, values, strict=False)))
        founded = reader.date("設立の申請受理日") or reader.date("設立の認証日")
        key = case_key(reader.text("設立時の法人名称"), founded)
        procedure = _ledger_procedure(reader, today)
        position = index.get(key)
        if position is None and key in stored and not reader.errors:
            skipped += 1
            continue
        if position is None and not reader.errors:
            reader.fail("設立時の法人名称", "この法人の設立の行が台帳にも登録済みの案件にもありません。")
        if procedure is None or position is None or reader.errors:
            plan.errors.extend(replace(e, column=f"{PROCEDURES_SHEET}・{e.column}") for e in reader.errors)
            continue
        application = plan.cases[position]
        procedure = replace(
            procedure,
            name_kana=application.name_kana,
            representative=application.representative,
            representative_kana=application.representative_kana,
            postal_code=application.postal_code,
            offices=application.offices,
        )
        found.setdefault(position, []).append(procedure)
    for position, procedures in found.items():
        plan.procedures[position] = (*plan.procedures[position], *procedures)
    if skipped:
        plan.warnings.append(f"登録済みの法人の{PROCEDURES_SHEET} {skipped} 件は取り込みませんでした。")


def _ledger_procedure(reader: _RowReader, today: date | None) -> Case | None:
    """One row of the 手続 sheet as a procedure (no corporation yet), checked by the domain."""
    kind = _KIND_OF.get(reader.text("手続"))
    if kind is None or kind is CaseKind.ESTABLISHMENT:
        known = "、".join(
            label for k, label in store_api.CASE_KIND_LABELS.items() if k is not CaseKind.ESTABLISHMENT
        )
        reader.fail("手続", f"手続の種類として読めません。次のどれかを書いてください: {known}")
        return None
    dates = {kind: reader.date(column) for column, kind in PROCEDURE_DATES.items()}
    choices: dict[str, Any] = {"registered_change": reader.text("登記事項の変更") == REGISTERED_CHANGE_MARK}
    for column, (name, labels) in _CHOICES_OF.items():
        value = reader.text(column)
        if value and value not in labels:
            reader.fail(column, "選択肢として読めません。書き出したときの文言のままにしてください。")
        choices[name] = labels.get(value)
    topics = []
    for line in filter(None, (t.strip() for t in reader.text("定款変更の事項").splitlines())):
        if line not in _TOPIC_OF:
            reader.fail("定款変更の事項", f"「{line}」は定款変更の事項として読めません。")
        else:
            topics.append(_TOPIC_OF[line])
    name = reader.stored("法人名称", "name") or reader.text("設立時の法人名称")
    case = Case(
        name=name,
        kind=kind,
        notes=reader.stored("備考", "notes"),
        milestones=_milestones(dates),
        articles_topics=tuple(topics),
        **choices,
    )
    if reader.errors:
        return None
    try:
        check_procedure(store_api.procedure_facts(case), today or date.max)
    except InvalidInput as err:
        reader.fail("手続", str(err))
        return None
    return case


def _refuse_repeated_columns(header: list[str]) -> None:
    """Two columns with one heading: which one holds the value cannot be known, so the file is
    refused (reading it, the last one would silently win)."""
    first: dict[str, int] = {}
    for position, name in enumerate(header, 1):
        if name and name in first:
            raise NpoDeskError(
                f"見出し「{name}」の列が2つあります（{first[name]}列目と{position}列目）。どちらの値を"
                "使うか決められないため、何も取り込んでいません。1つにしてから取り込んでください。"
            )
        first[name] = position


def _line_break_error(table: RawTable, index: int, one_line: list[tuple[int, str]]) -> RowError | None:
    """A line break in a one-line column of rows[index]; in a CSV file, named by the line of the file
    where the cell opened: a quote left open there carried the following lines into it."""
    values = table.rows[index]
    for position, column in one_line:
        value = values[position] if position < len(values) else ""
        if "\n" not in value and "\r" not in value:
            continue
        line = table.line_of(index, position)
        if line is None:
            reason = "この列のセルには改行を入れられません。セル内の改行を取り除いてください。"
        else:
            reason = (
                f'この列のセルには改行を入れられません。ファイルの{line}行目で始まるこのセルの引用符（"）が'
                "閉じられていないか、余分な引用符があるため、次の行までが1つのセルになっています"
                f"（ファイルは{table.line_count}行ですが、見出しを含めて{len(table.rows) + 1}行分として"
                "読めます）。引用符を確認してください。"
            )
        return RowError(index + 2, column, value, reason)
    return None


def _already_stored(number: int, case: Case, corporate_number: str | None = None) -> str:
    if corporate_number is not None:
        return f"{number}行目 {case.name}: 同じ法人番号（{corporate_number}）の法人が既にあります"
    return f"{number}行目 {case.name}: 同じ法人名称・申請受理日の案件が既にあります"


def read_plan(
    path: Path,
    settings: Settings,
    existing: Iterable[tuple[str, date | None]],
    authority: Callable[[], AuthorityColumns],
    *,
    today: date | None = None,
    existing_numbers: Iterable[str] = (),
) -> ImportPlan:
    table = read_table(path, _recognised)
    procedures = _procedures_table(path) if detect_layout(table.header) is Layout.LEDGER else None
    return plan_import(
        table,
        settings,
        existing,
        authority,
        today=today,
        existing_numbers=existing_numbers,
        procedures=procedures,
    )


def _is_procedures(header: list[str]) -> bool:
    return {"手続", "設立時の法人名称"} <= set(header)


def _procedures_table(path: Path) -> RawTable | None:
    """The ledger's procedures after 設立: its 手続 sheet (XLSX) or 「<name>-手続.csv」 beside it."""
    if path.suffix.lower() == ".xlsx":
        table = read_table(path, _is_procedures)
        return table if _is_procedures(table.header) else None
    beside = path.with_name(f"{path.stem}-{PROCEDURES_SHEET}{path.suffix}")
    return read_table(beside) if beside.exists() else None


def _recognised(header: list[str]) -> bool:
    try:
        detect_layout(header)
    except NpoDeskError:
        return False
    return True


@store_api.collector_paused()  # every row of the file read and checked at once (store.bulk)
def prepare_import(st: store_api.Store, path: Path, *, today: date | None = None) -> ImportPlan:
    """Read and check ``path`` against the database; raises ImportRejected when any row is bad (with
    ``today``, a fact dated after it too)."""
    settings = store_api.load_settings(st)
    existing = store_api.stored_case_keys(st)
    numbers = stored_corporate_numbers(st)
    plan = read_plan(
        path, settings, existing, lambda: authority_columns(settings), today=today, existing_numbers=numbers
    )
    if plan.errors:
        raise ImportRejected(plan)
    return plan


def apply_import(st: store_api.Store, plan: ImportPlan, *, who: str, today: date) -> ImportPlan:
    """Store the plan's cases in one short transaction, all of them or none; returns the plan as done.

    A row whose case was stored since the plan was made (by a clerk, or by the same file imported at
    the same time elsewhere) is not created twice: the store checks inside its write transaction, and
    the row moves to ``duplicates``."""
    if not plan.cases:
        return plan
    settings = store_api.load_settings(st)
    corporations = [
        NewCorporation(with_tracking(case, settings, today), own, procedures)
        for case, own, procedures in zip(plan.cases, plan.corporations, plan.procedures, strict=True)
    ]
    made = create_corporations(st, corporations, who=who, today=today, skip_stored=True)
    done = replace(plan, cases=[], rows=[], corporations=[], procedures=[], duplicates=list(plan.duplicates))
    for index, (case, corporation_id, row) in enumerate(zip(plan.cases, made, plan.rows, strict=True)):
        if corporation_id is None:
            done.duplicates.append(_already_stored(row, case, plan.corporations[index].corporate_number))
        else:
            done.cases.append(case)
            done.rows.append(row)
            done.corporations.append(plan.corporations[index])
            done.procedures.append(plan.procedures[index])
    return done


def import_file(st: store_api.Store, path: Path, *, who: str, today: date) -> ImportPlan:
    """Check ``path`` and, only when every row is good, store its new cases. Raises ImportRejected."""
    return apply_import(st, prepare_import(st, path, today=today), who=who, today=today)
