"""The printed 期限一覧表: what the PDF says, in which order, with which font, on how many pages."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pypdf
import pytest

from npo_desk import store
from npo_desk.reports.deadline_report import collect, save_pdf
from npo_desk.store import Case, Milestone, MilestoneKind

from .conftest import LONG_NAME, TODAY, add_cases


@pytest.fixture(autouse=True)
def _qt(qapp):
    """Painting needs the (one) Qt application of the test session."""
    return qapp


def _pdf(st, tmp_path, days=60, as_of=TODAY):
    report = collect(st, store.load_settings(st), as_of, days)
    path = tmp_path / "report.pdf"
    pages = save_pdf(report, str(path))
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == pages
    return report, [_text(page) for page in reader.pages], reader


def _text(page) -> str:
    """The page's text as a reader sees it (text runs are split by line breaks, which we join)."""
    return page.extract_text().replace("\n", "").replace("\t", " ")


def test_lines_overdue_first_with_wareki_dates_and_names_in_order(sample_store, tmp_path):
    report, pages, _ = _pdf(sample_store, tmp_path)
    assert [line.case_name for line in report.lines] == [
        "油津まちづくり協議会",
        "飫肥城下町ガイドの会",
        "南郷みかん農園応援団",
        "ひなた子ども食堂",
        LONG_NAME,
    ]
    assert [line.overdue for line in report.lines] == [True, True, False, False, False]
    text = pages[0]
    assert "期限一覧表" in text and "所轄庁: 日南市" in text and "令和8年11月28日現在" in text
    assert "1 / 1" in text
    squeezed = text.replace(" ", "")  # a wrapped line loses the space it broke at
    found = [
        squeezed.index(s)
        for s in (
            "油津まちづくり協議会",
            "令和8年11月15日(日)—閉庁日のため実務上は11月13日(金)まで",  # a Sunday: act by Friday
            "15日超過",
            "飫肥城下町ガイドの会",
            "令和8年11月19日(木)",
            "組合等登記令第2条第1項",
            "南郷みかん農園応援団",
            "令和8年11月30日(月)",
            "あと2日",
            "ひなた子ども食堂",
            "縦覧期間の末日",
            "令和8年12月4日(金)",
            "特定非営利活動法人日南海岸の自然と文化",
            "令和9年1月16日(土)",
        )
    ]
    assert found == sorted(found)
    # the long name wraps onto two lines and the rest is elided, never running into the next column
    assert "保存ネットワーク" not in text and "…" in text


def test_copied_text_is_the_ideographs_not_kangxi_radicals(sample_store, tmp_path):
    _, pages, _ = _pdf(sample_store, tmp_path)
    assert "日南市" in pages[0] and "⽇" not in pages[0]
    assert not any(0x2E80 <= ord(ch) < 0x2FE0 for ch in pages[0])


def test_the_bundled_font_is_embedded(sample_store, tmp_path):
    _, _, reader = _pdf(sample_store, tmp_path)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [
        f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] for f in fonts.values()
    ]
    assert any("IPAexGothic" in d["/FontName"] and "/FontFile2" in d for d in descriptors)


def test_days_window_and_empty_report(sample_store, tmp_path):
    report, pages, _ = _pdf(sample_store, tmp_path, days=0)
    assert [line.days_left for line in report.lines] == [-15, -9]  # 11-15 is a Sunday: counted to 11-13
    report, pages, _ = _pdf(sample_store, tmp_path, days=0, as_of=date(2026, 11, 1))
    assert report.lines == []
    assert "令和8年11月1日までに期限を迎える案件はありません。" in pages[0]


def test_many_lines_run_over_pages_with_header_and_page_numbers_on_each(empty_store, tmp_path):
    start = date(2026, 11, 2)
    add_cases(
        empty_store,
        [
            Case(
                name=f"テスト会{i:02d}",
                milestones=(Milestone(MilestoneKind.RECEIVED, start + timedelta(days=i % 20)),),
            )
            for i in range(60)
        ],
    )
    report, pages, _ = _pdf(empty_store, tmp_path, days=90)
    assert len(report.lines) > 60
    assert len(pages) >= 3
    for number, text in enumerate(pages, 1):
        assert f"{number} / {len(pages)}" in text
        assert "案件番号" in text and "法人名称" in text and "根拠" in text
    assert "期限一覧表" in pages[1] and "令和8年11月28日現在" in pages[1]  # running head
    names = [m for text in pages for m in re.findall(r"テスト会\d\d", text)]
    assert len(names) == len(report.lines)


def test_a_deadline_set_by_hand_is_shown_with_its_reason(empty_store, tmp_path):
    """特定非営利活動促進法第12条第2項: the decision is due by the law's date; an earlier date the clerk
    set is printed beside it, marked 手動, with its reason."""
    from npo_desk.store import DeadlineOverride

    (case,) = add_cases(
        empty_store,
        [Case(name="延長の会", milestones=(Milestone(MilestoneKind.RECEIVED, date(2026, 9, 1)),))],
    )
    store.save_case(
        empty_store,
        replace(
            case,
            deadline_overrides=(DeadlineOverride("decision_deadline", date(2026, 11, 10), "審査会の日程"),),
        ),
        who="テスト",
    )
    report, pages, _ = _pdf(empty_store, tmp_path)
    (line,) = report.lines
    # the law's date 11-15 is a Sunday: the office must act by Friday 11-13, 15 days ago
    assert (line.on, line.days_left, line.due.manual.reason) == (date(2026, 11, 13), -15, "審査会の日程")
    text = pages[0]
    assert "令和8年11月15日(日)—閉庁日のため実務上は11月13日(金)まで" in text.replace(" ", "")
    assert "手動 令和8年11月10日(火) 前倒しの目安" in text and "理由: 審査会の日程" in text
    assert "15日超過" in text and "特定非営利活動促進法第12条第2項" in text


def test_a_manual_date_later_than_the_law_is_printed_as_superseded_and_the_law_is_overdue(
    empty_store, tmp_path
):
    """特定非営利活動促進法第12条第2項 and the 条例: with a 1-month decision period the law's date has
    passed; a later manual date neither hides it nor makes it look pending."""
    from npo_desk.domain.settings import DecisionPeriod
    from npo_desk.store import DeadlineOverride

    settings = replace(store.load_settings(empty_store), decision_period=DecisionPeriod(months=1))
    store.save_settings(empty_store, settings, who="テスト")
    by_hand = DeadlineOverride("decision_deadline", date(2026, 12, 4), "審査会の日程")
    add_cases(
        empty_store,
        [
            Case(
                name="前倒しの会",
                milestones=(Milestone(MilestoneKind.RECEIVED, date(2026, 9, 27)),),
                deadline_overrides=(by_hand,),
            )
        ],
    )
    report, pages, _ = _pdf(empty_store, tmp_path, days=0)
    (line,) = report.lines  # within 0 days: only because the law's date has passed
    assert line.overdue and line.on == date(2026, 11, 11) and line.days_left == -17
    text = pages[0]
    assert "令和8年11月11日(水)" in text and "17日超過" in text and "期限超過 1件" in text
    assert "不採用 手動 令和8年12月4日(金)(法定の期限より後)" in text
    assert (
        "手動の期限 令和8年12月4日は法定の期限 令和8年11月11日(特定非営利活動促進法第12条第2項及び条例)"
        "より後のため、法定の期限によります"
    ) in text
    assert text.count("令和8年12月4日(金)") == 1  # in the 手動 column only, never as the deadline
