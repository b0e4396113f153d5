"""The documents each application carries, per law version (domain.documents).

Sources: 特定非営利活動促進法 (平成10年法律第7号) 10条1項・2項, 25条4項, 26条2項, 34条4項・5項;
平成14年法律第173号附則第3条; 平成23年法律第70号附則第3条・第5条; 令和2年法律第72号 (10条2項の特定添付書類).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.calendar import ClosedDays
from npo_desk.domain.deadlines import correction_deadline
from npo_desk.domain.documents import (
    NAMES,
    TOPIC,
    AttachmentRecord,
    AttachmentStatus,
    attachment_name,
    attachments,
    awaiting_documents,
    case_findings,
    check_record,
    has_checklist,
    inspected_term,
    listed_for,
    missing,
    missing_findings,
)
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.procedures import ProcedureKind
from npo_desk.domain.profiles import PROFILES, profile_for
from npo_desk.domain.requirements import Severity

D = date.fromisoformat
EST = ProcedureKind.ESTABLISHMENT
AMEND = ProcedureKind.ARTICLES_AMENDMENT
MERGER = ProcedureKind.MERGER


def keys(kind: ProcedureKind, received: str, topics: list[str] | None = None) -> list[str]:
    return [a.key for a in attachments(kind, profile_for(D(received)), topics)]


def test_budget_before_and_after_the_2012_amendment() -> None:
    """10条1項8号: 収支予算書 until 2012-03-31, 活動予算書 from 2012-04-01 (平成23年法律第70号;
    附則第3条第1項: the old list for applications made before its first day)."""
    before = keys(EST, "2011-06-01")
    after = keys(EST, "2013-06-01")
    assert "income_budget" in before and "activity_budget" not in before
    assert "activity_budget" in after and "income_budget" not in after
    assert keys(EST, "2012-03-31") == before
    assert keys(EST, "2012-04-01") == after


def test_the_activity_budget_may_still_be_a_income_budget() -> None:
    """平成23年法律第70号附則第3条第2項: 当分の間, a 収支予算書 in place of the 活動予算書."""
    budget = next(a for a in attachments(EST, profile_for(D("2013-06-01"))) if a.key == "activity_budget")
    assert "収支予算書" in budget.alternative
    assert budget.article == "第10条第1項第8号"


def test_current_establishment_list_follows_10_1() -> None:
    """10条1項 (令和2年法律第72号の後): 1号〜8号, 2号はイ・ロ・ハ, in the Act's order."""
    listed = attachments(EST, profile_for(D("2025-04-07")))
    assert [a.article for a in listed] == [
        "第10条第1項第1号",
        "第10条第1項第2号イ",
        "第10条第1項第2号ロ",
        "第10条第1項第2号ハ",
        "第10条第1項第3号",
        "第10条第1項第4号",
        "第10条第1項第5号",
        "第10条第1項第6号",
        "第10条第1項第7号",
        "第10条第1項第8号",
    ]
    assert all(a.required and not a.condition for a in listed)


def test_specified_attachments_on_inspection() -> None:
    """10条2項: 1号, 2号イ, 5号, 7号, 8号 are put on 縦覧; from 2021-06-09 (令和2年法律第72号) as the
    特定添付書類, the officer list without the officers' addresses."""
    now = attachments(EST, profile_for(D("2025-04-07")))
    inspected = [a.key for a in now if a.inspected]
    assert inspected == ["articles", "officer_list", "prospectus", "business_plan", "activity_budget"]
    officer_list = next(a for a in now if a.key == "officer_list")
    assert "住所又は居所" in officer_list.inspected_part
    assert inspected_term(profile_for(D("2025-04-07"))) == "特定添付書類"
    before = next(a for a in attachments(EST, profile_for(D("2021-06-08"))) if a.key == "officer_list")
    assert before.inspected and before.inspected_part == ""  # the whole list, addresses included


def test_original_act_list() -> None:
    """平成10年法律第7号の10条1項: 設立者名簿 and 設立当初の財産目録, dropped by 平成14年法律第173号
    (附則第3条第1項 keeps them for applications made before 2003-05-01)."""
    original = keys(EST, "1999-01-10")
    assert {"founders", "opening_inventory", "income_budget"} <= set(original)
    assert "founders" not in keys(EST, "2003-05-01")
    assert keys(EST, "2003-04-30") == original
    # 平成14年法律第173号: 「第六号を削り、第七号を第六号とし、第八号及び第九号を削り」, 10号 → 7号.
    articles = {a.key: a.article for a in attachments(EST, profile_for(D("1999-01-10")))}
    assert articles["founders"] == "第10条第1項第6号"
    assert articles["founding_minutes"] == "第10条第1項第7号"
    assert articles["opening_inventory"] == "第10条第1項第8号"
    assert articles["business_plan"] == "第10条第1項第10号"
    assert articles["income_budget"] == "第10条第1項第11号"
    plan = next(a for a in attachments(EST, profile_for(D("1999-01-10"))) if a.key == "business_plan")
    assert plan.name.startswith("設立の初年及び翌年")


def test_articles_amendment_plan_and_budget_only_for_3_or_11() -> None:
    """25条4項後段: 事業計画書 and 活動予算書 only when the change includes 11条1項3号 or 11号."""
    assert keys(AMEND, "2025-04-07", ["name"]) == ["amendment_minutes", "amended_articles"]
    with_plan = keys(AMEND, "2025-04-07", ["activities"])
    assert with_plan == ["amendment_minutes", "amended_articles", "business_plan", "activity_budget"]
    assert keys(AMEND, "2011-04-07", ["other_business"])[-1] == "income_budget"


def test_articles_amendment_changing_authority_adds_26_2() -> None:
    """26条2項: a 定款変更 that changes the 所轄庁 adds 役員名簿, 確認書 and the latest 事業報告書等."""
    listed = keys(AMEND, "2025-04-07", ["office_new_authority"])
    assert listed == [
        "amendment_minutes",
        "amended_articles",
        "officer_list",
        "confirmation",
        "annual_report_set",
    ]


def test_conditional_documents_without_topics_are_listed_but_never_missing() -> None:
    listed = attachments(AMEND, profile_for(D("2025-04-07")))
    conditional = [a for a in listed if a.condition]
    assert conditional and all(not a.required for a in conditional)
    assert [a.key for a in missing(listed, [])] == ["amendment_minutes", "amended_articles"]


def test_merger_carries_34_4_minutes_and_the_applied_10_1() -> None:
    """34条4項 (社員総会の議事録) and 34条5項, which applies 10条 (so 10条1項's documents)."""
    listed = attachments(MERGER, profile_for(D("2025-04-07")))
    assert listed[0].key == "merger_minutes" and listed[0].article == "第34条第4項"
    assert "founding_minutes" not in [a.key for a in listed]
    assert all(a.article.startswith("第34条第5項において準用する第10条第1項") for a in listed[1:])


def test_only_applications_have_a_list() -> None:
    assert has_checklist(EST) and has_checklist(MERGER)
    assert not has_checklist(ProcedureKind.DISSOLUTION)
    with pytest.raises(InvalidInput):
        attachments(ProcedureKind.DISSOLUTION, PROFILES[-1])


def test_missing_documents_are_findings_with_the_correction_deadline() -> None:
    """A missing document is a finding; the 補正 deadline (10条4項) is beside it."""
    profile = profile_for(D("2025-04-07"))
    listed = attachments(EST, profile)
    correction = correction_deadline(D("2025-04-07"), profile, ClosedDays())
    records = [AttachmentRecord(a.key, AttachmentStatus.RECEIVED, D("2025-04-07")) for a in listed]
    records[1] = AttachmentRecord("officer_list", AttachmentStatus.MISSING)
    found = missing_findings(listed, records, correction, D("2025-04-08"))
    assert len(found) == 1
    assert found[0].topic == TOPIC and found[0].severity is Severity.ERROR
    assert "役員名簿" in found[0].message and "令和7年4月14日" in found[0].message
    assert found[0].article == "第10条第1項第2号イ"
    late = missing_findings(listed, records, correction, D("2025-04-15"))
    assert "過ぎています" in late[0].message
    records[1] = AttachmentRecord("officer_list", AttachmentStatus.CORRECTED, D("2025-04-10"))
    assert missing_findings(listed, records, correction, D("2025-04-15")) == []


def test_before_2012_there_is_no_correction_deadline_to_show() -> None:
    profile = profile_for(D("2010-04-01"))
    listed = attachments(EST, profile)
    found = missing_findings(
        listed, [], correction_deadline(D("2010-04-01"), profile, ClosedDays()), D("2010-04-02")
    )
    assert len(found) == len(listed)  # every document missing, all required
    assert all("補正" not in f.message for f in found)


def test_check_record() -> None:
    check_record(AttachmentRecord("articles", AttachmentStatus.RECEIVED, D("2025-04-07")))
    check_record(AttachmentRecord("articles", AttachmentStatus.MISSING))
    with pytest.raises(InvalidInput, match="日付"):
        check_record(AttachmentRecord("articles", AttachmentStatus.CORRECTED))
    with pytest.raises(InvalidInput, match="未提出"):
        check_record(AttachmentRecord("articles", AttachmentStatus.MISSING, D("2025-04-07")))
    with pytest.raises(InvalidInput, match="nonsense"):
        check_record(AttachmentRecord("nonsense", AttachmentStatus.MISSING))


@given(
    st.sampled_from(PROFILES),
    st.sampled_from([EST, AMEND, MERGER]),
    st.none() | st.lists(st.sampled_from(["activities", "other_business", "office_new_authority", "name"])),
)
def test_every_list_is_well_formed(profile, kind, topics) -> None:  # type: ignore[no-untyped-def]
    """Keys unique and named; every document cites the Act; required ones have no open condition."""
    listed = attachments(kind, profile, topics)
    assert len({a.key for a in listed}) == len(listed)
    for item in listed:
        assert attachment_name(item.key) == NAMES[item.key]
        assert item.article.startswith("第")
        if item.required and item.when_topics:
            assert topics is not None and item.when_topics & set(topics)


def test_case_findings_only_while_the_application_awaits_documents() -> None:
    """Missing documents count from the receipt (10条1項: documents attached to the application) until
    the decision (12条) or the withdrawal; the 補正 deadline beside them comes from the deadlines."""
    from npo_desk.domain.deadlines import compute_deadlines
    from npo_desk.domain.facts import CaseFacts
    from npo_desk.domain.settings import Settings

    profile = profile_for(D("2025-04-07"))
    listed = listed_for(EST, profile, ())
    for facts, expected in (
        (CaseFacts(), 0),
        (CaseFacts(received_on=D("2025-04-07")), len(listed)),
        (CaseFacts(received_on=D("2025-04-07"), withdrawn_on=D("2025-04-10")), 0),
        (CaseFacts(received_on=D("2025-04-07"), certified_on=D("2025-05-30")), 0),
    ):
        deadlines = compute_deadlines(facts, Settings())
        found = case_findings(listed, [], facts, deadlines, D("2025-04-08"))
        assert len(found) == expected
        assert awaiting_documents(facts) is bool(expected)
    assert (
        "令和7年4月14日"
        in case_findings(
            listed,
            [],
            CaseFacts(received_on=D("2025-04-07")),
            compute_deadlines(CaseFacts(received_on=D("2025-04-07")), Settings()),
            D("2025-04-08"),
        )[0].message
    )


def test_listed_for_reads_topics_only_for_an_articles_amendment() -> None:
    profile = profile_for(D("2025-04-07"))
    assert listed_for(ProcedureKind.DISSOLUTION, profile, ()) == ()
    assert listed_for(EST, profile, ["activities"]) == attachments(EST, profile)
    conditional = listed_for(AMEND, profile, ())
    assert any(a.condition and not a.required for a in conditional)
    assert [a.key for a in listed_for(AMEND, profile, ["name"])] == ["amendment_minutes", "amended_articles"]


def test_records_off_the_list_are_kept_in_sight() -> None:
    """A 収支予算書 recorded while the receipt date said 2011 stays visible once the date says 2013
    (平成23年法律第70号附則第3条: the list follows the receipt date), never as required."""
    from npo_desk.domain.documents import unlisted

    listed = attachments(EST, profile_for(D("2013-06-01")))
    records = [
        AttachmentRecord("income_budget", AttachmentStatus.RECEIVED, D("2013-06-01")),
        AttachmentRecord("articles", AttachmentStatus.RECEIVED, D("2013-06-01")),
    ]
    (extra,) = unlisted(listed, records)
    assert extra.key == "income_budget" and extra.unlisted and not extra.required
    assert unlisted(attachments(EST, profile_for(D("2011-06-01"))), records) == ()
