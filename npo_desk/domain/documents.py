"""The documents (添付書類) each application must carry, per law version, as data with their sources.

An application for 設立 (10条1項), 定款変更 (25条4項) or 合併 (34条4項) is checked against the list of
documents the Act required on its receipt date: each amending act kept the old list for applications
made before its first day (平成14年法律第173号附則第3条第1項, 平成23年法律第70号附則第3条第1項・第5条第1項),
so the list follows the case's law profile like the activity fields do. Which documents the 所轄庁 puts
on 縦覧 (10条2項; from 令和2年法律第72号 the 「特定添付書類」, the officer list without addresses) is
marked on each. The clerk records per document whether it was received, is missing or was corrected
(補正); a missing required document is a finding beside the 補正 deadline. Sources and the readings
that are interpretation: docs/legal-reference.md §14.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from npo_desk.domain.deadlines import Deadline, DeadlineKey
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.procedures import ProcedureKind
from npo_desk.domain.profiles import LawProfile
from npo_desk.domain.requirements import Finding, Severity

TOPIC = "documents"  # the findings' topic (``requirements.Finding.topic``)

# The first day of each list (the profiles that start a new one).
ORIGINAL_LIST_FROM = date(1998, 12, 1)  # 平成10年法律第7号
LIST_2003_FROM = date(2003, 5, 1)  # 平成14年法律第173号
LIST_2012_FROM = date(2012, 4, 1)  # 平成23年法律第70号
ADDRESSES_WITHHELD_FROM = date(2021, 6, 9)  # 令和2年法律第72号: 特定添付書類


class AttachmentStatus(StrEnum):
    """What the clerk records for one document of one application."""

    MISSING = "missing"  # 未提出 (also every document with nothing recorded)
    RECEIVED = "received"  # 受領
    CORRECTED = "corrected"  # 補正済 (handed in or put right by 補正, 10条3項/4項)


STATUS_LABELS: dict[AttachmentStatus, str] = {
    AttachmentStatus.MISSING: "未提出",
    AttachmentStatus.RECEIVED: "受領",
    AttachmentStatus.CORRECTED: "補正済",
}


@dataclass(frozen=True)
class Attachment:
    """One document of an application's list.

    ``key`` is stable across law versions (what the store keeps per case); ``article`` cites the Act
    as in force for that version. ``inspected``: put on 縦覧 (10条2項); ``inspected_part`` says what
    is withheld from it. A document with ``condition`` is needed only in the case it names:
    ``when_topics`` makes that the domain's answer for a 定款変更 (from the items of 11条1項 it
    changes); otherwise (``required`` False) the clerk judges it and its absence is no finding.
    ``alternative`` names what the Act accepts in its place; ``unverified`` marks a number or a 縦覧
    mark read from a practice source rather than the Act's text (docs/legal-reference.md §14.5).
    """

    key: str
    name: str
    article: str
    inspected: bool = False
    inspected_part: str = ""
    condition: str = ""
    when_topics: frozenset[str] = frozenset()
    required: bool = True
    alternative: str = ""
    unverified: bool = False
    unlisted: bool = False  # recorded on the case but not on its list (``unlisted``)

    @property
    def conditional(self) -> bool:
        return bool(self.condition)


@dataclass(frozen=True)
class AttachmentRecord:
    """What the clerk recorded for one document of a case: its status, the day, a note."""

    key: str
    status: AttachmentStatus
    on: date | None = None  # the day received or corrected; None while missing
    note: str = ""


# --- the documents, by key ---------------------------------------------------------------------

NAMES: dict[str, str] = {
    "articles": "定款",
    "officer_list": "役員名簿",
    "officer_pledges": "就任承諾及び誓約書の謄本",
    "officer_acceptances": "各役員の就任承諾書",
    "officer_oaths": "各役員の宣誓書の謄本",
    "officer_addresses": "役員の住所又は居所を証する書面",
    "paid_officers": "役員のうち報酬を受ける者の氏名を記載した書面",
    "members": "社員のうち10人以上の者の名簿",
    "confirmation": "確認書",
    "prospectus": "設立趣旨書",
    "founders": "設立者名簿",
    "founding_minutes": "設立についての意思の決定を証する議事録の謄本",
    "opening_inventory": "設立当初の財産目録",
    "fiscal_year_statement": "設立当初の事業年度を記載した書面",
    "business_plan": "事業計画書",
    "income_budget": "収支予算書",
    "activity_budget": "活動予算書",
    "amendment_minutes": "定款の変更を議決した社員総会の議事録の謄本",
    "amended_articles": "変更後の定款",
    "annual_report_set": "直近の事業報告書等",
    "merger_minutes": "合併を議決した社員総会の議事録の謄本",
}
# The plan and budget in a merger or 定款変更 cover other years than 設立's: a longer name there.
_PLAN_YEARS = {
    "establishment": "設立当初の事業年度及び翌事業年度の",
    "articles_amendment": "定款の変更の日の属する事業年度及び翌事業年度の",
    "merger": "合併の事業年度及び翌事業年度の",
}


def attachment_name(key: str) -> str:
    """The document's short name (history, messages); InvalidInput for a key no list has."""
    try:
        return NAMES[key]
    except KeyError:
        raise InvalidInput(f"添付書類「{key}」はありません。") from None


def _a(key: str, article: str, **kwargs: object) -> Attachment:
    return Attachment(key, NAMES[key], article, **kwargs)  # type: ignore[arg-type]


_ART10 = "第10条第1項"
_ADDRESSES_WITHHELD = "役員の住所又は居所の記載を除く"


def _establishment_1998() -> tuple[Attachment, ...]:
    """平成10年法律第7号の10条1項 (1998-12-01〜2003-04-30, 中央省庁等改革の後も同じ): 1号〜11号, 2号は
    イ〜ニ. The numbers are those 平成14年法律第173号 amended (「第六号を削り、第七号を第六号とし、第八号及び
    第九号を削り」, 10号・11号 the plan and budget 「設立の初年及び翌年」); what each number held, as the
    経済企画庁長官's 様式第1号 of the time lists them. The 縦覧 marks of 2号ニ, 10号 and 11号 are read
    from that form, not from the old 10条2項 (docs/legal-reference.md §14.2, §14.5)."""
    a = _ART10
    years = "設立の初年及び翌年 (事業年度を設ける場合は当初の事業年度及び翌事業年度) の"
    return (
        _a("articles", f"{a}第1号", inspected=True),
        _a("officer_list", f"{a}第2号イ", inspected=True),
        _a("officer_acceptances", f"{a}第2号ロ"),
        _a("officer_addresses", f"{a}第2号ロ"),
        _a("officer_oaths", f"{a}第2号ハ"),
        _a("paid_officers", f"{a}第2号ニ", inspected=True, unverified=True),
        _a("members", f"{a}第3号"),
        _a("confirmation", f"{a}第4号"),
        _a("prospectus", f"{a}第5号", inspected=True),
        _a("founders", f"{a}第6号"),
        _a("founding_minutes", f"{a}第7号"),
        _a("opening_inventory", f"{a}第8号"),
        _a("fiscal_year_statement", f"{a}第9号", condition="事業年度を設ける場合", required=False),
        replace(
            _a("business_plan", f"{a}第10号", inspected=True, unverified=True),
            name=years + NAMES["business_plan"],
        ),
        replace(
            _a("income_budget", f"{a}第11号", inspected=True, unverified=True),
            name=years + NAMES["income_budget"],
        ),
    )


def _establishment_2003(budget: str, withheld: bool) -> tuple[Attachment, ...]:
    """10条1項 as amended by 平成14年法律第173号 (2003-05-01), the 8 items the Act still has; from
    2012-04-01 the budget is the 活動予算書 (平成23年法律第70号), with the 収支予算書 allowed in its
    place 「当分の間」 (同法附則第3条第2項・第3項)."""
    a = _ART10
    alternative = "収支予算書 (平成23年法律第70号附則第3条第2項)" if budget == "activity_budget" else ""
    return (
        _a("articles", f"{a}第1号", inspected=True),
        _a(
            "officer_list",
            f"{a}第2号イ",
            inspected=True,
            inspected_part=_ADDRESSES_WITHHELD if withheld else "",
        ),
        _a("officer_pledges", f"{a}第2号ロ"),
        _a("officer_addresses", f"{a}第2号ハ"),
        _a("members", f"{a}第3号"),
        _a("confirmation", f"{a}第4号"),
        _a("prospectus", f"{a}第5号", inspected=True),
        _a("founding_minutes", f"{a}第6号"),
        _a("business_plan", f"{a}第7号", inspected=True),
        _a(budget, f"{a}第8号", inspected=True, alternative=alternative),
    )


def _establishment(profile: LawProfile) -> tuple[Attachment, ...]:
    if profile.effective_from < LIST_2003_FROM:
        return _establishment_1998()
    if profile.effective_from < LIST_2012_FROM:
        return _establishment_2003("income_budget", withheld=False)
    return _establishment_2003("activity_budget", profile.effective_from >= ADDRESSES_WITHHELD_FROM)


def _named_for(kind: ProcedureKind, attachment: Attachment) -> Attachment:
    """The plan and budget named with the years they cover (an establishment list of 1998 names its
    own, 「設立の初年及び翌年」)."""
    if attachment.key not in ("business_plan", "income_budget", "activity_budget"):
        return attachment
    if kind is ProcedureKind.ESTABLISHMENT and attachment.name != NAMES[attachment.key]:
        return attachment
    return replace(attachment, name=_PLAN_YEARS[kind.value] + NAMES[attachment.key])


# 25条4項後段: the plan and budget go with a 定款変更 of 11条1項3号 (活動・事業の種類) or 11号 (その他の
# 事業; 収益事業 before 2003). Topic values of ``articles_topics.ArticlesTopic``.
_PLAN_TOPICS = frozenset({"activities", "other_business"})
# 26条2項: a 定款変更 that changes the 所轄庁 adds the officer list, the 確認書 and the latest 事業報告書等.
_NEW_AUTHORITY_TOPICS = frozenset({"office_new_authority"})


def _articles_amendment(profile: LawProfile) -> tuple[Attachment, ...]:
    budget = "income_budget" if profile.effective_from < LIST_2012_FROM else "activity_budget"
    plan = "第25条第4項"
    withheld = profile.effective_from >= ADDRESSES_WITHHELD_FROM
    plan_condition = "定款変更が第11条第1項第3号又は第11号に係る変更を含むとき"
    moved = "所轄庁の変更を伴うとき"
    # The Act's text of 25条4項 and 26条2項 before 2012-04-01 was not read (only its 附則): marked.
    old = profile.effective_from < LIST_2012_FROM
    return (
        _a("amendment_minutes", plan),
        _a("amended_articles", plan, inspected=True),
        _a(
            "business_plan",
            plan,
            inspected=True,
            condition=plan_condition,
            when_topics=_PLAN_TOPICS,
            unverified=old,
        ),
        _a(
            budget,
            plan,
            inspected=True,
            condition=plan_condition,
            when_topics=_PLAN_TOPICS,
            alternative="収支予算書 (平成23年法律第70号附則第3条第2項の例による)"
            if budget == "activity_budget"
            else "",
            unverified=old,
        ),
        _a(
            "officer_list",
            "第26条第2項 (第10条第1項第2号イ)",
            inspected=True,
            inspected_part=_ADDRESSES_WITHHELD if withheld else "",
            condition=moved,
            when_topics=_NEW_AUTHORITY_TOPICS,
            unverified=old,
        ),
        _a(
            "confirmation",
            "第26条第2項 (第10条第1項第4号)",
            condition=moved,
            when_topics=_NEW_AUTHORITY_TOPICS,
            unverified=old,
        ),
        _a(
            "annual_report_set",
            "第26条第2項 (第28条第1項)",
            condition=moved,
            when_topics=_NEW_AUTHORITY_TOPICS,
            unverified=old,
        ),
    )


def _merger(profile: LawProfile) -> tuple[Attachment, ...]:
    """34条4項's minutes, and the documents of 10条1項 that 34条5項 applies (its 議事録 is the
    34条4項 one, so not twice). The 縦覧 marks follow 10条2項 as applied."""
    applied = "第34条第5項において準用する"
    listed = tuple(
        replace(item, article=applied + item.article)
        for item in _establishment(profile)
        if item.key not in ("founding_minutes", "founders")
    )
    prospectus = NAMES["prospectus"] + " (合併の趣旨を記載したもの)"
    return (
        _a("merger_minutes", "第34条第4項"),
        *(replace(item, name=prospectus) if item.key == "prospectus" else item for item in listed),
    )


_KINDS = (ProcedureKind.ESTABLISHMENT, ProcedureKind.ARTICLES_AMENDMENT, ProcedureKind.MERGER)


def has_checklist(kind: ProcedureKind) -> bool:
    """Whether applications of ``kind`` carry a list of attached documents (設立・定款変更・合併)."""
    return kind in _KINDS


def attachments(
    kind: ProcedureKind, profile: LawProfile, topics: Iterable[str] | None = None
) -> tuple[Attachment, ...]:
    """The documents an application of ``kind`` received under ``profile`` carries, in the Act's order.

    For a 定款変更, ``topics`` (``ArticlesTopic`` values) decides its conditional documents: with
    topics given, those it does not call for are left out; without (None: not yet recorded), they are
    listed with their condition and never counted missing (``missing``).
    """
    if kind is ProcedureKind.ESTABLISHMENT:
        listed = _establishment(profile)
    elif kind is ProcedureKind.ARTICLES_AMENDMENT:
        listed = _articles_amendment(profile)
    elif kind is ProcedureKind.MERGER:
        listed = _merger(profile)
    else:
        raise InvalidInput("添付書類の一覧があるのは、設立・定款変更・合併の認証の申請だけです。")
    chosen = None if topics is None else frozenset(topics)
    found = []
    for item in listed:
        if item.when_topics and chosen is not None:
            if not item.when_topics & chosen:
                continue
            item = replace(item, condition="")  # the topics decide: plainly required
        elif item.when_topics:
            item = replace(item, required=False)
        found.append(_named_for(kind, item))
    return tuple(found)


def inspection_basis(kind: ProcedureKind, profile: LawProfile) -> str:
    """The article that puts the marked documents on 縦覧, as in force for ``profile``."""
    own = "第10条第2項"
    if kind is ProcedureKind.ARTICLES_AMENDMENT:
        return f"第25条第5項において準用する{own}"
    if kind is ProcedureKind.MERGER:
        return f"第34条第5項において準用する{own}"
    return own


def inspected_term(profile: LawProfile) -> str:
    """「特定添付書類」 from 令和2年法律第72号 (the Act's own word), before it 「縦覧書類」 (ours)."""
    return "特定添付書類" if profile.effective_from >= ADDRESSES_WITHHELD_FROM else "縦覧書類"


def status_of(records: Iterable[AttachmentRecord], key: str) -> AttachmentRecord:
    """The record for ``key``; a document with nothing recorded is missing."""
    return next((r for r in records if r.key == key), AttachmentRecord(key, AttachmentStatus.MISSING))


def says_something(record: AttachmentRecord) -> bool:
    """False for a missing document without a note: the same as nothing recorded (the store keeps
    no such row, so a case saved with one is the case without it)."""
    return record.status is not AttachmentStatus.MISSING or bool(record.note)


def check_record(record: AttachmentRecord) -> None:
    """One rule for every write path: a known document; a date exactly when it is received or
    corrected (InvalidInput in Japanese otherwise)."""
    name = attachment_name(record.key)
    if record.status is not AttachmentStatus.MISSING and record.on is None:
        label = STATUS_LABELS[record.status]
        raise InvalidInput(f"添付書類「{name}」を{label}とするには、その日付を入力してください。")
    if record.status is AttachmentStatus.MISSING and record.on is not None:
        raise InvalidInput(f"添付書類「{name}」は未提出のため、日付は入力できません。")


def missing(listed: Iterable[Attachment], records: Iterable[AttachmentRecord]) -> list[Attachment]:
    """The required documents of ``listed`` that are neither received nor corrected."""
    kept = tuple(records)
    return [
        item
        for item in listed
        if item.required and status_of(kept, item.key).status is AttachmentStatus.MISSING
    ]


def correction_note(correction: Deadline | None, today: date, *, label: bool = True) -> str:
    """What the clerk reads beside a missing document: the 補正 deadline (already computed by
    ``deadlines``), or that it has passed, or nothing when the version has no 補正 rule. Without
    ``label`` for a column already headed 補正の期限."""
    if correction is None:
        return ""
    head = "補正の期限 " if label else ""
    if today > correction.date:
        return f"{head}{correction.date_text()} を過ぎています"
    return f"{head}{correction.date_text()}"


def missing_findings(
    listed: Iterable[Attachment],
    records: Iterable[AttachmentRecord],
    correction: Deadline | None,
    today: date,
) -> list[Finding]:
    """A finding per missing required document, naming its article and the 補正 deadline beside it."""
    note = correction_note(correction, today)
    found = []
    for item in missing(listed, records):
        beside = f" — {note}" if note else ""
        message = f"「{item.name}」が提出されていません{beside} ({item.article})"
        found.append(Finding(Severity.ERROR, message, item.article, TOPIC))
    return found


def listed_for(kind: ProcedureKind, profile: LawProfile, topics: Iterable[str]) -> tuple[Attachment, ...]:
    """The list of a case: none for a kind without one; ``topics`` (the items a 定款変更 changes, empty
    while not recorded) decide a 定款変更's conditional documents and mean nothing for other kinds."""
    if not has_checklist(kind):
        return ()
    chosen = tuple(topics) if kind is ProcedureKind.ARTICLES_AMENDMENT else ()
    return attachments(kind, profile, chosen or None)


def awaiting_documents(facts: CaseFacts) -> bool:
    """Whether missing documents matter: from the receipt until the decision or the withdrawal (after
    it they are history; before it the applicant is still preparing them)."""
    decided = facts.certified_on or facts.refused_on or facts.withdrawn_on
    return facts.received_on is not None and not decided


def correction_for(facts: CaseFacts, deadlines: Mapping[DeadlineKey, Deadline]) -> Deadline | None:
    """The 補正 deadline to show beside missing documents (from the deadlines already computed); None
    when the version has no 補正 rule or the application no longer awaits documents."""
    return deadlines.get(DeadlineKey.CORRECTION_DEADLINE) if awaiting_documents(facts) else None


def case_findings(
    listed: Iterable[Attachment],
    records: Iterable[AttachmentRecord],
    facts: CaseFacts,
    deadlines: Mapping[DeadlineKey, Deadline],
    today: date,
) -> list[Finding]:
    """The findings of a case's missing documents (editor and 案件票 alike): none unless
    ``awaiting_documents``."""
    if not awaiting_documents(facts):
        return []
    return missing_findings(listed, records, correction_for(facts, deadlines), today)


def unlisted(listed: Iterable[Attachment], records: Iterable[AttachmentRecord]) -> tuple[Attachment, ...]:
    """Documents recorded on a case that its list no longer has (its receipt date, law version or
    定款変更 topics changed since): shown after the list so the record stays in sight and can be
    cleared; never required."""
    keys = {item.key for item in listed}
    return tuple(
        Attachment(
            r.key,
            attachment_name(r.key),
            "",
            condition="この申請の一覧にない書類の記録 (法令の版や変更する事項が変わったため)",
            required=False,
            unlisted=True,
        )
        for r in records
        if r.key not in keys
    )
