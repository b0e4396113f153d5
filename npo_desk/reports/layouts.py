"""The column layouts npo-desk reads and writes, and how a case fills them.

``CABINET_OFFICE_HEADER`` is the 内閣府 NPO portal's 60-column header, byte for byte as published
(docs/legal-reference.md §10: full-width digits and brackets, with the half-width ones where the portal has
them). ``LEDGER_HEADER`` is npo-desk's own one-row-per-case ledger (issue 5 §3). Both directions (export
and import) use these tuples, so a renamed column cannot drift between them.

活動分野１..２０ hold the field's name under today's numbering (the column number is the field's
current number, an old 17- or 12-field case is renumbered through its law profile); an empty cell means
the NPO does not have that field. The importer accepts any non-empty mark (「○」, 「1」, the name).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, cached_property, lru_cache

from npo_desk.domain.articles_topics import ARTICLES_TOPIC_LABELS
from npo_desk.domain.corporations import (
    CorporationStatus,
    Standing,
    corporation_standing,
    dissolution_of,
    revocation_day,
)
from npo_desk.domain.errors import InvalidInput, NpoDeskError
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.procedures import (
    AUTHORITY_CHANGE_LABELS,
    DISSOLUTION_GROUND_LABELS,
    MERGER_ROLE_LABELS,
    DissolutionGround,
    Milestone,
    ProcedureFacts,
    kind_label,
    validity_end,
)
from npo_desk.domain.profiles import PROFILES, LawProfile, get_profile, resolve_profile
from npo_desk.domain.settings import Settings
from npo_desk.refdata import municipality_index
from npo_desk.store import (
    CASE_KIND_LABELS,
    ArticlesInForce,
    CaseKind,
    ExportCase,
    MilestoneKind,
    articles_in_force,
    offices_in_force,
    procedure_kind,
)
from npo_desk.store.export_rows import CorporationHead

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

ACTIVITY_COLUMNS: tuple[str, ...] = tuple(f"活動分野{str(n).translate(_FULLWIDTH)}" for n in range(1, 21))

CABINET_OFFICE_HEADER: tuple[str, ...] = (
    "法人名称",
    "法人名称カナ",
    "所轄庁",
    "権限移譲先市町村",
    "主たる事務所の所在地",
    "主たる事業所の郵便番号",
    "従たる事務所の所在地",
    "代表者氏名",
    "団体代表者名（フリガナ）",
    "法人設立認証年月日",
    "設立年月日",
    "定款に記載された目的",
    *ACTIVITY_COLUMNS,
    "認定（認定・特例認定１）",
    "認定（認定・特例認定２）",
    "認定（認定・特例認定３）",
    "認定（認定・特例認定４）",
    "認定（PST基準１）",
    "認定（PST基準２）",
    "認定（PST基準３）",
    "認定（PST基準 条例指定（都道府県及び市区町村名））",
    "認定（認定開始日）",
    "認定（認定満了日）",
    "認定（認定取消日）",
    "認定（特例認定年月日）",
    "認定（特例認定満了日）",
    "認定（特例認定取消日）",
    "監督情報",
    "解散情報",
    "法人情報URL",
    "法人番号",
    "条例個別指定フラグ",
    "特定非営利活動に係る事業",
    "その他の事業",
    "事業年度開始日",
    "事業年度終了日",
    "条例個別指定：有効期間(開始日)",
    "条例個別指定：有効期間(満了日)",
    "条例個別指定：有効期限（更新申請日)",
    "条例個別指定：有効期限（更新日)",
    "条例個別指定：有効期限（条例個別指定：取消日)",
)

# The dated columns of the ledger and the fact each one records.
LEDGER_DATES: dict[str, MilestoneKind] = {
    "相談日": MilestoneKind.CONSULTED,
    "設立総会日": MilestoneKind.FOUNDING_MEETING,
    "申請受理日": MilestoneKind.RECEIVED,
    "認証日": MilestoneKind.CERTIFIED,
    "不認証日": MilestoneKind.REFUSED,
    "認証書到達日": MilestoneKind.CERTIFICATE_DELIVERED,
    "登記日": MilestoneKind.REGISTERED,
    "登記完了届受理日": MilestoneKind.REGISTRATION_NOTICE,
    "取下げ日": MilestoneKind.WITHDRAWN,
}

LEDGER_HEADER: tuple[str, ...] = (
    "法人名称",
    "法人名称カナ",
    "代表者氏名",
    "主たる事務所の所在地",
    "従たる事務所の所在地",
    "活動分野",
    "事業年度開始日",
    *LEDGER_DATES,
    "備考",
)

# 事業報告書等 (29条) after 設立: npo-desk's own columns after the list, written on export and
# read on import when present. A filing is 「年度開始日=受理日」, one per line.
TRACKED_FROM_COLUMN = "事業報告書等の確認の起点"
FILINGS_COLUMN = "事業報告書等の受理 (年度開始日=受理日)"
CORPORATE_NUMBER_COLUMN = "法人番号"
# Facts of 設立 the list has no column for, written after it (a 補正, a 取消し under 13条3項
# or 43条: without it a revoked 法人 would come back established).
LEDGER_MORE_DATES: dict[str, MilestoneKind] = {
    "補正受付日": MilestoneKind.CORRECTION_RECEIVED,
    "取消し日": MilestoneKind.REVOKED,
}
# The corporation's own name, kana and representative where they are no longer its application's (a
# 定款変更 of its 名称, a new representative): empty when they are the same.
CURRENT_COLUMNS: dict[str, str] = {
    "現在の法人名称": "name",
    "現在の法人名称カナ": "name_kana",
    "現在の代表者氏名": "representative",
}
LEDGER_EXPORT_HEADER: tuple[str, ...] = (
    *LEDGER_HEADER,
    TRACKED_FROM_COLUMN,
    FILINGS_COLUMN,
    CORPORATE_NUMBER_COLUMN,
    *LEDGER_MORE_DATES,
    *CURRENT_COLUMNS,
)
# Every dated column of the ledger in the order the facts happen (for the importer's history check).
LEDGER_ALL_DATES: dict[str, MilestoneKind] = {
    column: kind
    for column, kind in sorted(
        {**LEDGER_DATES, **LEDGER_MORE_DATES}.items(), key=lambda item: list(MilestoneKind).index(item[1])
    )
}

# The ledger's 手続 sheet (XLSX) or second file (CSV, 「<name>-手続.csv」): one row per procedure after
# 設立 (issue 10). A procedure names its corporation by the corporation's 設立 row of the ledger: that
# row's 法人名称 and 申請受理日 (else 認証日), the key the importer finds applications by.
PROCEDURES_SHEET = "手続"
PROCEDURE_DATES: dict[str, MilestoneKind] = {
    "事由の発生日": MilestoneKind.OCCURRED,
    "解散日": MilestoneKind.DISSOLVED,
    "受理日": MilestoneKind.RECEIVED,
    "補正受付日": MilestoneKind.CORRECTION_RECEIVED,
    "認証・認定日": MilestoneKind.CERTIFIED,
    "不認証・不認定日": MilestoneKind.REFUSED,
    "取下げ日": MilestoneKind.WITHDRAWN,
    "認証書到達日": MilestoneKind.CERTIFICATE_DELIVERED,
    "合併に必要な手続の終了日": MilestoneKind.MERGER_PROCEDURES_DONE,
    "登記日": MilestoneKind.REGISTERED,
    "登記完了届受理日": MilestoneKind.REGISTRATION_NOTICE,
    "従前の有効期間の満了日": MilestoneKind.PREVIOUS_EXPIRY,
    "取消し日": MilestoneKind.REVOKED,
}
PROCEDURE_CHOICES = ("登記事項の変更", "所轄庁の変更", "解散の事由", "合併での立場", "定款変更の事項")
LEDGER_PROCEDURE_HEADER: tuple[str, ...] = (
    "法人名称",
    "法人番号",
    "設立時の法人名称",
    "設立の申請受理日",
    "設立の認証日",
    "手続",
    "番号",
    *PROCEDURE_DATES,
    *PROCEDURE_CHOICES,
    "備考",
)
REGISTERED_CHANGE_MARK = "あり"

Row = tuple[str | date | None, ...]


@dataclass(frozen=True)
class AuthorityColumns:
    """What the national file says about who supervises: the 所轄庁 and the delegated municipality."""

    authority: str  # 「宮崎県」, 「横浜市」
    delegated_to: str = ""  # 「日南市」 when a municipality does the work under the 事務処理特例条例


def authority_columns(settings: Settings) -> AuthorityColumns:
    """Our authority as the national file names it: 所轄庁, and the municipality doing the work if any."""
    home = municipality_index().resolve_authority(settings.home_authority)
    if home.kind == "prefecture":
        return AuthorityColumns(home.prefecture)
    if home.kind == "designated_city":
        return AuthorityColumns(home.name)
    return AuthorityColumns(home.prefecture, home.name)


def authority_label(settings: Settings) -> str:
    """How the printed reports name us: 「日南市」, 「宮崎県」, 「横浜市」."""
    try:
        columns = authority_columns(settings)
    except InvalidInput:
        return settings.home_authority
    return columns.delegated_to or columns.authority


def case_label(case: ExportCase) -> str:
    """How a row is named to the clerk in error lists: 「R8-003 ひなた子ども食堂」."""
    return f"{case.number} {case.name}".strip()


class UnexportableCase(NpoDeskError):
    """A stored case an export cannot write as it is (a database written by an older version or edited
    by hand; the store refuses such a case today): the message names the case and the field, so the
    clerk can open that one case and correct it instead of searching 50,000."""

    def __init__(self, case: ExportCase, field: str, reason: str) -> None:
        super().__init__(
            f"案件「{case_label(case)}」の「{field}」を書き出せないため、何も書き出していません"
            f" ({reason.rstrip('。')})。案件を開いて直してから、もう一度書き出してください。"
        )


def case_profile(case: ExportCase) -> LawProfile:
    """The case's version of the Act; UnexportableCase naming the law version or the receipt date."""
    try:
        return _profile(case.law_profile_id, case.date_of(MilestoneKind.RECEIVED))
    except InvalidInput as err:
        raise UnexportableCase(case, "法令の版" if case.law_profile_id else "申請受理日", str(err)) from None


@cache
def _profile(law_profile_id: str | None, received_on: date | None) -> LawProfile:
    """``resolve_profile`` of the only two facts it reads, once per pair: 50,000 exported cases share
    a few thousand receipt dates (an InvalidInput is raised again each time, never kept)."""
    return resolve_profile(CaseFacts(received_on=received_on, law_profile_id=law_profile_id))


def _checked_fields(case: ExportCase) -> LawProfile:
    """The case's profile, once its activity-field numbers are known to exist in it."""
    profile = case_profile(case)
    _current_fields(case, profile)
    return profile


def _current_fields(case: ExportCase, profile: LawProfile) -> tuple[tuple[int, str], ...]:
    """The case's activity fields as (current number, current name) pairs; UnexportableCase for a
    number its version of the Act has not."""
    try:
        return _fields_now(profile.id, case.activity_fields)
    except InvalidInput as err:
        raise UnexportableCase(case, "活動分野", str(err)) from None


@lru_cache(maxsize=4096)
def _fields_now(profile_id: str, numbers: tuple[int, ...]) -> tuple[tuple[int, str], ...]:
    """``numbers`` of the version ``profile_id`` under today's numbering, once per version and list:
    50,000 cases share a few hundred lists (an InvalidInput is raised again each time, never kept)."""
    profile = get_profile(profile_id)
    profile.check_activity_fields(numbers)
    newest = PROFILES[-1]
    now = (profile.activity_field(number).current_number for number in numbers)
    return tuple((current, newest.activity_field(current).name) for current in now)


def _fiscal_year_start(case: ExportCase) -> tuple[str, str]:
    """(start, end) as 「04/01」, 「03/31」; UnexportableCase for a day no year has."""
    try:
        return _fiscal_year_texts(case.fiscal_year_start)
    except (InvalidInput, ValueError) as err:
        raise UnexportableCase(case, "事業年度開始日", str(err)) from None


@cache  # a handful of distinct starts over 50,000 rows
def _fiscal_year_texts(start: tuple[int, int] | None) -> tuple[str, str]:
    return month_day_text(start), fiscal_year_end_text(start)


def month_day_text(month_day: tuple[int, int] | None) -> str:
    return "" if month_day is None else f"{month_day[0]:02d}/{month_day[1]:02d}"


@cache  # a handful of distinct starts over 50,000 rows
def fiscal_year_end_text(start: tuple[int, int] | None) -> str:
    """The day before the fiscal year's first day (04/01 -> 03/31; 03/01 -> 02/28, as the portal writes)."""
    if start is None:
        return ""
    end = date(2001, *start) - timedelta(days=1)  # 2001: a year with no 02/29 for the 03/01 start
    return f"{end.month:02d}/{end.day:02d}"


def _branches(case: ExportCase) -> tuple[str, ...]:
    return case.addresses[1:]


def ledger_row(case: ExportCase) -> Row:
    """The case as one ledger row; dates stay ``date`` (CSV writes YYYY/MM/DD, XLSX a date cell).

    UnexportableCase for what the importer would refuse: what is written can be read back."""
    _checked_fields(case)
    fiscal_start, _end = _fiscal_year_start(case)
    return (
        case.name,
        case.name_kana,
        case.representative,
        case.main_address,
        "\n".join(_branches(case)),
        ",".join(map(str, case.activity_fields)),
        fiscal_start,
        *map(case.dates.get, LEDGER_DATES.values()),  # ``date_of`` of each, in C
        case.notes,
        case.annual_reports_tracked_from,
        filings_text(case),
        case.corporation.corporate_number if case.corporation is not None else None,
        *map(case.dates.get, LEDGER_MORE_DATES.values()),
        *(_current(case, field) for field in CURRENT_COLUMNS.values()),
    )


def _current(case: ExportCase, field: str) -> str | None:
    """The corporation's ``field`` where it is not its application's (None: the same)."""
    head = case.corporation
    value = getattr(head, field) if head is not None else None
    return value if value != getattr(case, field) else None


def filings_text(case: ExportCase) -> str:
    """「2025/04/01=2026/06/25」 per received 事業報告書等 (the fiscal year's first day = the receipt)."""
    return "\n".join(f"{f.fiscal_year_start:%Y/%m/%d}={f.filed_on:%Y/%m/%d}" for f in case.annual_reports)


def current_activity_fields(case: ExportCase) -> dict[int, str]:
    """The case's fields under today's numbering: {current number: current name}."""
    return dict(_current_fields(case, case_profile(case)))


@dataclass(frozen=True)
class CorporationRecord:
    """A corporation as the 内閣府 file sees it: its procedures (oldest first), the one holding its
    facts (its 設立 case: offices, purpose, activity fields, fiscal year) and its standing from them
    all (``domain.corporations.corporation_standing``), read only when a row needs it."""

    procedures: tuple[ExportCase, ...]
    holder: ExportCase

    @cached_property
    def facts(self) -> tuple[ProcedureFacts, ...]:
        """The domain's view of each procedure."""
        return tuple(p.procedure_facts() for p in self.procedures)

    @cached_property
    def standing(self) -> Standing:
        return corporation_standing(self.facts)

    @cached_property
    def articles(self) -> ArticlesInForce[ExportCase]:
        """Its 目的, 活動分野 and 事業年度 in force (``store.articles_in_force``): a 定款変更 of them
        counts once certified or notified; a corporation with its 設立 alone has its holder's."""
        if len(self.procedures) == 1:
            return ArticlesInForce(self.holder, self.holder, self.holder)
        return articles_in_force(self.procedures)

    @cached_property
    def offices(self) -> ExportCase:
        """The procedure whose offices are the corporation's now (``store.offices_in_force``: a 定款変更
        of 事務所の所在地 once in effect), else its 設立 case."""
        if len(self.procedures) == 1:
            return self.holder
        return offices_in_force(self.procedures, lambda p: bool(p.addresses)) or self.holder

    @property
    def head(self) -> CorporationHead:
        """The corporation's own fields (the holder's when a record has none: an export of cases)."""
        found = self.holder.corporation
        if found is not None:
            return found
        holder = self.holder
        return CorporationHead(holder.id, holder.name, holder.name_kana, holder.representative, None)

    @property
    def _lone_application(self) -> ExportCase | None:
        """Its 設立 case when that is all it has and holds no 取消し: most corporations, whose standing
        is then 申請中 or, from its registration, 設立済 (the only events ``corporation_standing``
        reads in it), known without building the domain's view of 50,000 cases."""
        lone = self.procedures[0] if len(self.procedures) == 1 else None
        if lone is None or lone.kind is not CaseKind.ESTABLISHMENT or MilestoneKind.REVOKED in lone.dates:
            return None
        return lone

    @property
    def listed(self) -> bool:
        """A 法人 the national file lists: registered at some point (13条1項), not moved away (26条)."""
        lone = self._lone_application
        if lone is not None:
            return lone.date_of(MilestoneKind.REGISTERED) is not None
        standing = self.standing
        return standing.is_corporation and standing.status is not CorporationStatus.TRANSFERRED

    @property
    def ended(self) -> bool:
        """Dissolved, revoked or liquidated: only then has it a 解散 or 取消し to tell (an established
        法人 has none, 13条1項 and 31条: nothing brings a dissolved one back)."""
        if self._lone_application is not None:
            return False
        return self.standing.status not in (CorporationStatus.APPLYING, CorporationStatus.ESTABLISHED)

    def of_kinds(self, *kinds: CaseKind) -> list[ExportCase]:
        return [p for p in self.procedures if p.kind in kinds]


def corporation_record(procedures: Sequence[ExportCase]) -> CorporationRecord:
    """One corporation's procedures (as ``export_rows(by_corporation=True)`` streams them) as a record."""
    if len(procedures) == 1:  # most corporations: their 設立 alone
        return CorporationRecord(tuple(procedures), procedures[0])
    holder = next((p for p in procedures if p.kind is CaseKind.ESTABLISHMENT), procedures[0])
    return CorporationRecord(tuple(procedures), holder)


def _day(on: date | None) -> str:
    return f"{on:%Y/%m/%d}" if on is not None else ""


def ground_name(ground: DissolutionGround) -> str:
    """「社員総会の決議」: the ground's label without its article, as the 解散情報 cell writes it."""
    return DISSOLUTION_GROUND_LABELS[ground].split(" (")[0]


def liquidation_day(corporation: CorporationRecord) -> date | None:
    days = [
        p.date_of(MilestoneKind.OCCURRED) or p.date_of(MilestoneKind.RECEIVED)
        for p in corporation.of_kinds(CaseKind.LIQUIDATION_COMPLETED)
    ]
    return min((d for d in days if d is not None), default=None)


def dissolution_text(corporation: CorporationRecord) -> str:
    """The 解散情報 cell: 「2026/03/31 解散（社員総会の決議）」, then 「、2026/09/30 清算結了」 once the
    清算結了 is notified (docs/legal-reference.md §10: npo-desk's own wording, read back on import)."""
    event = dissolution_of(corporation.facts) if corporation.ended else None
    if event is None:
        return ""
    day, ground = event
    text = f"{_day(day)} 解散" + (f"（{ground_name(ground)}）" if ground is not None else "")
    liquidated = liquidation_day(corporation)
    return text + (f"、{_day(liquidated)} 清算結了" if liquidated is not None else "")


REVOCATION_NOTE = "設立の認証の取消し（第43条）"


def supervision_text(corporation: CorporationRecord) -> str:
    """The 監督情報 cell: the 43条 取消し, the one supervisory measure npo-desk records."""
    revoked = revocation_day(corporation.facts) if corporation.ended else None
    return f"{_day(revoked)} {REVOCATION_NOTE}" if revoked is not None else ""


@dataclass(frozen=True)
class Accreditation:
    """A corporation's latest granted 認定 (with its renewals) or 特例認定, as the file's columns say it."""

    label: str  # 「認定」, 「特例認定」 (「仮認定」 before 2017-04-01)
    start: date  # the day of the 認定 (特例認定) itself
    end: date | None  # the last day of its latest 有効期間 (51条1項, renewals included; 60条)
    revoked: date | None


def accreditation(corporation: CorporationRecord, provisional: bool) -> Accreditation | None:
    """The latest granted 認定 with the renewals granted after it (its 有効期間 runs to the latest
    one's end, 51条1項) or, with ``provisional``, the latest 特例認定 (never renewed, 61条1号); None
    when there is none. The 内閣府 file's 認定開始日 is the 認定's own day (docs/legal-reference.md §10)."""
    first = CaseKind.PROVISIONAL_ACCREDITATION if provisional else CaseKind.ACCREDITATION
    found: Accreditation | None = None
    for procedure, facts in zip(corporation.procedures, corporation.facts, strict=True):
        if procedure.kind is not first and procedure.kind is not CaseKind.ACCREDITATION_RENEWAL:
            continue
        certified = facts.on(Milestone.CERTIFIED)
        if certified is None:
            continue
        end, revoked = validity_end(facts), facts.on(Milestone.REVOKED)
        if procedure.kind is first and (found is None or certified >= found.start):
            label = kind_label(procedure_kind(procedure.kind), certified)
            found = Accreditation(label, certified, end, revoked)
        elif procedure.kind is CaseKind.ACCREDITATION_RENEWAL and not provisional:
            previous = facts.on(Milestone.PREVIOUS_EXPIRY)
            if previous is None or end is None:
                continue
            if found is None:  # renewing a 認定 not on record (the 国税庁長官's, before 2012-04-01)
                label = CASE_KIND_LABELS[CaseKind.ACCREDITATION]
                found = Accreditation(label, previous + timedelta(days=1), end, revoked)
            elif previous >= found.start:
                found = replace(found, end=max(end, found.end or end), revoked=revoked or found.revoked)
    return found


def cabinet_office_row(corporation: CorporationRecord, authority: AuthorityColumns) -> Row:
    """The corporation in the national 60-column layout: its own current name, representative and
    法人番号, its 目的, 活動分野 and 事業年度 in force (``CorporationRecord.articles``), the other facts of
    its 設立 case, its 認定/特例認定, 解散 and 監督 information from its later
    procedures; the columns npo-desk does not track stay empty."""
    case = corporation.holder
    head = corporation.head
    articles = corporation.articles
    activities = articles.activities_case or case
    fields = _current_fields(activities, case_profile(activities))
    fiscal_start, fiscal_end = _fiscal_year_start(articles.fiscal_year_case or case)
    offices = corporation.offices
    kana = case.representative_kana if case.representative == head.representative else ""
    if not kana and len(corporation.procedures) > 1:  # a new representative: from a later procedure
        kana = next(
            (
                p.representative_kana
                for p in reversed(corporation.procedures)
                if p.representative == head.representative and p.representative_kana
            ),
            "",
        )
    values: dict[str, str | date | None] = {
        "法人名称": head.name,
        "法人名称カナ": head.name_kana,
        "所轄庁": authority.authority,
        "権限移譲先市町村": authority.delegated_to,
        "主たる事務所の所在地": offices.main_address,
        "主たる事業所の郵便番号": offices.postal_code,
        "従たる事務所の所在地": "、".join(_branches(offices)),
        "代表者氏名": head.representative,
        "団体代表者名（フリガナ）": kana,
        "法人設立認証年月日": case.date_of(MilestoneKind.CERTIFIED),
        "設立年月日": case.date_of(MilestoneKind.REGISTERED),
        "定款に記載された目的": (articles.purpose_case or case).purpose,
        "法人番号": head.corporate_number or "",
        "事業年度開始日": fiscal_start,
        "事業年度終了日": fiscal_end,
    }
    for number, name in fields:
        values[ACTIVITY_COLUMNS[number - 1]] = name
    if corporation.ended:
        values["監督情報"] = supervision_text(corporation)
        values["解散情報"] = dissolution_text(corporation)
    if len(corporation.procedures) > 1:  # most have their 設立 alone: nothing more to read
        _accreditation_columns(corporation, values)
    return tuple(map(values.get, CABINET_OFFICE_HEADER))


def _accreditation_columns(corporation: CorporationRecord, values: dict[str, str | date | None]) -> None:
    """The 認定 columns of ``values`` from the corporation's 認定 (and renewals) and 特例認定."""
    full = accreditation(corporation, provisional=False)
    special = accreditation(corporation, provisional=True)
    current = max((a for a in (full, special) if a is not None), key=lambda a: a.start, default=None)
    if current is not None:
        values["認定（認定・特例認定１）"] = current.label
    if full is not None:
        values["認定（認定開始日）"] = full.start
        values["認定（認定満了日）"] = full.end
        values["認定（認定取消日）"] = full.revoked
    if special is not None:
        values["認定（特例認定年月日）"] = special.start
        values["認定（特例認定満了日）"] = special.end
        values["認定（特例認定取消日）"] = special.revoked


def procedure_row(corporation: CorporationRecord, procedure: ExportCase) -> Row:
    """A procedure after 設立 as one row of the ledger's 手続 sheet, naming its corporation by its
    設立 row (``LEDGER_PROCEDURE_HEADER``); dates stay ``date``."""
    holder, head, choices = corporation.holder, corporation.head, procedure.choices
    return (
        head.name,
        head.corporate_number,
        holder.name,
        holder.date_of(MilestoneKind.RECEIVED),
        holder.date_of(MilestoneKind.CERTIFIED),
        CASE_KIND_LABELS[procedure.kind],
        procedure.number,
        *(procedure.date_of(kind) for kind in PROCEDURE_DATES.values()),
        REGISTERED_CHANGE_MARK if choices.registered_change else None,
        AUTHORITY_CHANGE_LABELS[choices.authority_change] if choices.authority_change else None,
        DISSOLUTION_GROUND_LABELS[choices.dissolution_ground] if choices.dissolution_ground else None,
        MERGER_ROLE_LABELS[choices.merger_role] if choices.merger_role else None,
        "\n".join(ARTICLES_TOPIC_LABELS[topic] for topic in choices.articles_topics) or None,
        procedure.notes,
    )
