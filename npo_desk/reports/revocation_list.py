"""認証取消の候補: corporations whose 事業報告書等 are 3 years or more overdue in a row (43条1項), for the
dashboard, ``npo-desk revocation-candidates`` and the printed list (``revocation_report``).

A candidate is only that: 43条1項 lets the 所轄庁 revoke (「取り消すことができる」), it does not oblige it,
and a 取消し needs a 聴聞 first (行政手続法13条1項1号イ; 43条3項・4項 on its hearing; docs/legal-reference.md
§13.7). The lines say so wherever they are shown. The
candidates are the store's ``revocation_candidates`` (the domain's count of ``missing_streak``, the same
as the 設立 case's own finding); this module only decides how they read. No Qt here: the command line
imports it without the GUI.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from npo_desk.domain.annual_reports import ART_REVOCATION
from npo_desk.domain.wareki import format_fiscal_year, format_wareki, parse_date_field

if TYPE_CHECKING:
    from npo_desk.domain.corporations import RevocationCandidate
    from npo_desk.domain.settings import Settings
    from npo_desk.store import RevocationSubject, Store

TITLE = "認証取消の候補"
# One line (the printed list's note): a candidate, never a decision.
CAUTION = (
    f"{ART_REVOCATION}により認証を取り消すことができる法人です。取消しは所轄庁の裁量で、聴聞を経て行います。"
    "提出の督促と事情の確認を先に行ってください。"
)


@dataclass(frozen=True)
class RevocationLine:
    """One candidate as every list shows it."""

    corporation_id: int
    case_id: int  # its 設立 case, where the 事業報告書等 are recorded
    case_number: str
    name: str
    corporate_number: str  # 法人番号, "" when not recorded
    representative: str
    clerk: str
    years: tuple[date, ...]  # the first day of each fiscal year whose report is missing, oldest first
    dues: tuple[date, ...]  # each report's deadline (29条, the 条例's months)

    @property
    def year_labels(self) -> tuple[str, ...]:
        """「令和5年度」… for each missing report."""
        return tuple(format_fiscal_year(start) for start in self.years)

    @property
    def years_text(self) -> str:
        """「令和5年度・令和6年度・令和7年度 (3年分)」."""
        return f"{'・'.join(self.year_labels)} ({len(self.years)}年分)"

    @property
    def first_due(self) -> date:
        return self.dues[0]


def revocation_lines(
    st: Store, settings: Settings, as_of: date, corporation_ids: Sequence[int] | None = None
) -> list[RevocationLine]:
    """The candidates on ``as_of`` (the store's ``revocation_candidates``, of every corporation or of
    ``corporation_ids``) as ``lines_of`` reads them."""
    from npo_desk import store as store_api

    return lines_of(store_api.revocation_candidates(st, settings, as_of, corporation_ids=corporation_ids))


def lines_of(candidates: Sequence[RevocationCandidate[RevocationSubject]]) -> list[RevocationLine]:
    """The store's candidates as lines, longest run of missing reports first (the store's order), then
    by the case number as people read it. The window's loader gives them from ``corporation_agenda``."""
    from npo_desk.domain.agenda import natural_key

    lines = [
        RevocationLine(
            corporation_id=candidate.key.corporation.id or 0,
            case_id=candidate.key.case_id,
            case_number=candidate.key.case_number,
            name=candidate.key.corporation.name,
            corporate_number=candidate.key.corporation.corporate_number or "",
            representative=candidate.key.corporation.representative,
            clerk=candidate.key.clerk,
            years=tuple(report.year.start for report in candidate.missing),
            dues=tuple(report.due.date for report in candidate.missing),
        )
        for candidate in candidates
    ]
    return sorted(lines, key=lambda line: (-len(line.years), natural_key(line.case_number)))


def revocation_payload(lines: Sequence[RevocationLine], as_of: date) -> dict[str, Any]:
    """The JSON of ``revocation-candidates --json`` (keys are only ever added)."""
    return {
        "as_of": as_of.isoformat(),
        "basis": f"特定非営利活動促進法{ART_REVOCATION}",
        "candidates": [
            {
                "number": line.case_number,
                "name": line.name,
                "corporate_number": line.corporate_number or None,
                "representative": line.representative,
                "clerk": line.clerk,
                "missing_years": [
                    {"fiscal_year": start.isoformat(), "label": label, "due": due.isoformat()}
                    for start, label, due in zip(line.years, line.year_labels, line.dues, strict=True)
                ],
                "years": len(line.years),
            }
            for line in lines
        ],
    }


HEADER = ("案件番号", "法人名", "法人番号", "未提出の事業報告書等", "最初の提出期限", "担当")


def revocation_table(lines: Sequence[RevocationLine], as_of: date) -> list[str]:
    """The table the command prints, the caution first."""
    from npo_desk.reports.due_list import aligned

    title = f"{format_wareki(as_of, weekday=True)}現在の{TITLE}: {len(lines)}件"
    if not lines:
        return [title]
    rows = [
        (
            line.case_number,
            line.name,
            line.corporate_number,
            line.years_text,
            format_wareki(line.first_due),
            line.clerk,
        )
        for line in lines
    ]
    return [title, CAUTION, "", *aligned([HEADER, *rows])]


def cmd_revocation_candidates(args: argparse.Namespace) -> int:
    """List the candidates of an existing database (never creates one)."""
    import json

    from npo_desk import store as store_api

    as_of = parse_date_field(args.as_of, "--as-of") or date.today()
    st = store_api.open_store(args.db, create=False)
    try:
        lines = revocation_lines(st, store_api.load_settings(st), as_of)
    finally:
        st.close()
    if args.json:
        print(json.dumps(revocation_payload(lines, as_of), ensure_ascii=False))
    else:
        print("\n".join(revocation_table(lines, as_of)))
    return 0
