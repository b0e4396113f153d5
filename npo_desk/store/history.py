"""The audit trail: what changed in a case, written in the same transaction as the change.

Values are kept as readable text (dates in 西暦 ISO form, as in files and exports), so the history
stays meaningful even after the schema changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session
from sqlmodel import col

from npo_desk.domain.articles_topics import ARTICLES_TOPIC_LABELS
from npo_desk.domain.documents import NAMES, STATUS_LABELS, AttachmentRecord, AttachmentStatus, status_of
from npo_desk.domain.procedures import (
    AUTHORITY_CHANGE_LABELS,
    DISSOLUTION_GROUND_LABELS,
    MERGER_ROLE_LABELS,
)
from npo_desk.domain.requirements import ROLE_LABELS
from npo_desk.domain.wareki import format_fiscal_year
from npo_desk.store.mapping import aware
from npo_desk.store.models import HistoryRow
from npo_desk.store.records import (
    CASE_KIND_LABELS,
    AnnualReportFiling,
    Case,
    CaseKind,
    DeadlineOverride,
    HistoryEntry,
    Milestone,
    MilestoneKind,
    Office,
    OfficeKind,
    Officer,
    milestone_label_of,
)

FIELD_LABELS: dict[str, str] = {
    "created": "登録",
    "deleted": "削除",
    "number": "案件番号",
    "kind": "種別",
    "name": "法人名",
    "name_kana": "法人名 (カナ)",
    "representative": "代表者",
    "representative_kana": "代表者 (カナ)",
    "phone": "電話番号",
    "email": "メールアドレス",
    "postal_code": "郵便番号",
    "purpose": "目的",
    "activity_fields": "活動分野",
    "fiscal_year_start": "事業年度開始日",
    "member_count": "社員数",
    "law_profile_id": "適用する法令の版",
    "law_profile_reason": "法令の版を指定した理由",
    "notes": "メモ",
    "clerk": "担当者",
    "offices": "事務所",
    "officers": "役員",
    "annual_reports_tracked_from": "事業報告書等の確認の起点",
    "annual_reports": "事業報告書等の受理",  # (history: one entry per fiscal year, see ``diff``)
    "documents": "添付書類",  # (history: one entry per document, see ``diff``)
    "registered_change": "登記事項の変更",
    "authority_change": "所轄庁の変更",
    "dissolution_ground": "解散の事由",
    "merger_role": "合併での立場",
    "articles_topics": "変更する定款の事項",
    "corporate_number": "法人番号",  # a corporation's own field (its other fields share the case's keys)
}
# A corporation's own fields, recorded in the history with its ``corporation_id``.
CORPORATION_FIELDS = ("name", "name_kana", "representative", "corporate_number", "notes")
SETTING_LABELS: dict[str, str] = {
    "home_authority": "当庁",
    "delegated_municipalities": "権限移譲市町村",
    "decision_period": "条例の審査期間",
    "decision_start": "審査期間の起算",
    "extra_closed_days": "条例で定める休日",
    "registration_notice_overdue_days": "設立登記完了届の督促の目安 (日数)",
    "annual_report_months": "事業報告書等の提出期限 (月数)",
    "annual_report_rolls": "事業報告書等の期限の休日延長",
    "clerks": "担当者",
    "authority_name": "所轄庁名 (文書)",
    "head_name": "首長名 (文書)",
    "document_number_format": "文書番号の書式",
    "letter_contact": "問い合わせ先 (文書)",
    "template_folder": "文書のテンプレートのフォルダー",
}


def label_of(field: str, case_kind: CaseKind = CaseKind.ESTABLISHMENT) -> str:
    """Japanese label of a history field key (``milestone:received_on`` → 「申請受理」); a milestone
    by the name it has in a case of ``case_kind`` (a 定款変更's ``milestone:registered_on`` →
    「変更の登記」)."""
    kind, _, detail = field.partition(":")
    if kind == "milestone":
        return milestone_label_of(case_kind, MilestoneKind(detail))
    if kind == "override":
        return f"期限の手動設定 ({detail})"
    if kind == "annual_report":
        return f"事業報告書等 ({format_fiscal_year(date.fromisoformat(detail))}分)"
    if kind == "document":
        return f"添付書類: {NAMES.get(detail, detail)}"
    if kind == "settings":
        return f"設定: {SETTING_LABELS.get(detail, detail)}"
    return FIELD_LABELS.get(field, field)


def _text(value: object) -> str | None:
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _office(o: Office) -> str:
    kind = "主たる事務所" if o.kind == OfficeKind.MAIN else "従たる事務所"
    return f"{kind}: {o.address}"


def _officer(o: Officer) -> str:
    marks = [ROLE_LABELS.get(str(o.role), str(o.role)), *o.marks()]
    kana = f" ({o.kana})" if o.kana else ""
    return f"{o.name}{kana} [{'・'.join(marks)}]"


def _milestone(m: Milestone | None) -> str | None:
    if m is None:
        return None
    return m.on.isoformat() + (f" ({m.note})" if m.note else "")


def _override(o: DeadlineOverride | None) -> str | None:
    return None if o is None else f"{o.on.isoformat()} 理由: {o.reason}"


def _document(d: AttachmentRecord) -> str | None:
    """「受領 2026-11-28 (備考)」; None for a missing document without a note (nothing recorded)."""
    if d.status is AttachmentStatus.MISSING and not d.note:
        return None
    day = f" {d.on.isoformat()}" if d.on else ""
    return f"{STATUS_LABELS[d.status]}{day}" + (f" ({d.note})" if d.note else "")


def _filing(f: AnnualReportFiling | None) -> str | None:
    return None if f is None else f"受理 {f.filed_on.isoformat()}" + (f" ({f.note})" if f.note else "")


# Fields not compared as a whole: bookkeeping, or collections written one entry per item below.
_LISTED_APART = frozenset(
    {"created", "deleted", "offices", "officers", "annual_reports", "corporate_number", "documents"}
)


def diff(old: Case, new: Case) -> Iterator[tuple[str, str | None, str | None]]:
    """(field, old, new) for every difference the clerk would want to see in the history."""
    for name in FIELD_LABELS:
        if name in _LISTED_APART:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            yield name, _format(name, before), _format(name, after)
    # Compared as the clerk reads them: a newly resolved municipality code is no change to report.
    offices = _lines(map(_office, old.offices)), _lines(map(_office, new.offices))
    if offices[0] != offices[1]:
        yield "offices", *offices
    officers = _lines(map(_officer, old.officers)), _lines(map(_officer, new.officers))
    if officers[0] != officers[1]:
        yield "officers", *officers
    for kind in MilestoneKind:
        before_m, after_m = _milestone(old.milestone(kind)), _milestone(new.milestone(kind))
        if before_m != after_m:
            yield f"milestone:{kind.value}", before_m, after_m
    keys = sorted({o.key for o in old.deadline_overrides} | {o.key for o in new.deadline_overrides})
    for key in keys:
        before_o, after_o = _override(old.override(key)), _override(new.override(key))
        if before_o != after_o:
            yield f"override:{key}", before_o, after_o
    years = sorted({f.fiscal_year_start for f in (*old.annual_reports, *new.annual_reports)})
    for year in years:
        before_f, after_f = _filing(old.annual_report(year)), _filing(new.annual_report(year))
        if before_f != after_f:
            yield f"annual_report:{year.isoformat()}", before_f, after_f
    for key in sorted({d.key for d in (*old.documents, *new.documents)}):
        before_d, after_d = _document(status_of(old.documents, key)), _document(status_of(new.documents, key))
        if before_d != after_d:
            yield f"document:{key}", before_d, after_d


def _format(name: str, value: Any) -> str | None:
    if name == "kind" and value is not None:
        return CASE_KIND_LABELS[value]
    if name == "registered_change":
        return "あり" if value else None
    if name == "authority_change" and value is not None:
        return AUTHORITY_CHANGE_LABELS[value]
    if name == "dissolution_ground" and value is not None:
        return DISSOLUTION_GROUND_LABELS[value]
    if name == "merger_role" and value is not None:
        return MERGER_ROLE_LABELS[value]
    if name == "articles_topics":
        return _text("、".join(ARTICLES_TOPIC_LABELS[topic] for topic in value))
    if name == "activity_fields":
        return _text("、".join(str(n) for n in value))
    if name == "fiscal_year_start" and value is not None:
        month, day = value
        return f"{month}月{day}日"
    return _text(value)


def _lines(items: Iterator[str]) -> str | None:
    return _text("\n".join(items))


def row(
    case_id: int | None,
    at: datetime,
    who: str,
    field: str,
    old: str | None,
    new: str | None,
    corporation_id: int | None = None,
) -> dict[str, Any]:
    """One history row as column values (for ``record`` or a bulk insert)."""
    return {
        "case_id": case_id,
        "corporation_id": corporation_id,
        "at": at,
        "who": who,
        "field": field,
        "old": old,
        "new": new,
    }


def record(
    session: Session,
    case_id: int | None,
    at: datetime,
    who: str,
    field: str,
    old: str | None,
    new: str | None,
    corporation_id: int | None = None,
) -> None:
    session.execute(insert(HistoryRow), [row(case_id, at, who, field, old, new, corporation_id)])


def entries(
    session: Session,
    case_id: int | None,
    corporation_id: int | None = None,
    *,
    case_kind: CaseKind = CaseKind.ESTABLISHMENT,
) -> list[HistoryEntry]:
    """The history of one case (of ``case_kind``: its milestones by that kind's names), of one
    corporation's own fields (``corporation_id``), or of the settings (neither), newest first."""
    if case_id is not None:
        condition = col(HistoryRow.case_id) == case_id
    elif corporation_id is not None:
        condition = col(HistoryRow.corporation_id) == corporation_id
    else:
        condition = col(HistoryRow.case_id).is_(None) & col(HistoryRow.corporation_id).is_(None)
    rows = session.scalars(
        select(HistoryRow).where(condition).order_by(col(HistoryRow.at).desc(), col(HistoryRow.id).desc())
    )
    return [
        HistoryEntry(aware(r.at) or r.at, r.who, r.field, label_of(r.field, case_kind), r.old, r.new)
        for r in rows
    ]
