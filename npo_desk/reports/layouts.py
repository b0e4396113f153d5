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

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from npo_desk.domain.errors import InvalidInput, NpoDeskError
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.profiles import PROFILES, LawProfile, resolve_profile
from npo_desk.domain.settings import Settings
from npo_desk.refdata import municipality_index
from npo_desk.store import ExportCase, MilestoneKind

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
LEDGER_EXPORT_HEADER: tuple[str, ...] = (*LEDGER_HEADER, TRACKED_FROM_COLUMN, FILINGS_COLUMN)

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
    try:
        profile.check_activity_fields(case.activity_fields)
    except InvalidInput as err:
        raise UnexportableCase(case, "活動分野", str(err)) from None
    return profile


def _fiscal_year_start(case: ExportCase) -> tuple[str, str]:
    """(start, end) as 「04/01」, 「03/31」; UnexportableCase for a day no year has."""
    try:
        return month_day_text(case.fiscal_year_start), fiscal_year_end_text(case.fiscal_year_start)
    except (InvalidInput, ValueError) as err:
        raise UnexportableCase(case, "事業年度開始日", str(err)) from None


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
        ",".join(str(n) for n in case.activity_fields),
        fiscal_start,
        *(case.date_of(kind) for kind in LEDGER_DATES.values()),
        case.notes,
        case.annual_reports_tracked_from,
        filings_text(case),
    )


def filings_text(case: ExportCase) -> str:
    """「2025/04/01=2026/06/25」 per received 事業報告書等 (the fiscal year's first day = the receipt)."""
    return "\n".join(f"{f.fiscal_year_start:%Y/%m/%d}={f.filed_on:%Y/%m/%d}" for f in case.annual_reports)


def current_activity_fields(case: ExportCase) -> dict[int, str]:
    """The case's fields under today's numbering: {current number: current name}."""
    profile = _checked_fields(case)
    newest = PROFILES[-1]
    fields: dict[int, str] = {}
    for number in case.activity_fields:
        current = profile.activity_field(number).current_number
        fields[current] = newest.activity_field(current).name
    return fields


def dissolution_text(case: ExportCase) -> str:
    revoked = case.date_of(MilestoneKind.REVOKED)
    return f"{revoked:%Y/%m/%d} 設立の認証の取消し" if revoked else ""


def cabinet_office_row(case: ExportCase, authority: AuthorityColumns) -> Row:
    """The case in the national 60-column layout; the columns npo-desk does not track stay empty."""
    fields = current_activity_fields(case)
    fiscal_start, fiscal_end = _fiscal_year_start(case)
    values: dict[str, str | date | None] = {
        "法人名称": case.name,
        "法人名称カナ": case.name_kana,
        "所轄庁": authority.authority,
        "権限移譲先市町村": authority.delegated_to,
        "主たる事務所の所在地": case.main_address,
        "主たる事業所の郵便番号": case.postal_code,
        "従たる事務所の所在地": "、".join(_branches(case)),
        "代表者氏名": case.representative,
        "団体代表者名（フリガナ）": case.representative_kana,
        "法人設立認証年月日": case.date_of(MilestoneKind.CERTIFIED),
        "設立年月日": case.date_of(MilestoneKind.REGISTERED),
        "定款に記載された目的": case.purpose,
        "解散情報": dissolution_text(case),
        "事業年度開始日": fiscal_start,
        "事業年度終了日": fiscal_end,
    }
    for number, name in fields.items():
        values[ACTIVITY_COLUMNS[number - 1]] = name
    return tuple(map(values.get, CABINET_OFFICE_HEADER))
