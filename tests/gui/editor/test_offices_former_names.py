"""事務所: an address under a former name shows what it became (e-Stat 廃置分合等: 南那珂郡南郷町 merged
into 日南市 on 平成21年3月30日; resources/municipality_changes.csv)."""

from __future__ import annotations

from tests.gui.editor.keys import retype


def test_a_former_town_shows_its_successor_and_the_merger(open_editor):
    editor = open_editor(None)
    tab = editor.offices_tab
    editor.tabs.setCurrentWidget(tab)
    retype(tab.main_edit, "宮崎県南那珂郡南郷町中村乙1")
    assert tab.main_message.text() == "市区町村: 宮崎県日南市 旧南郷町（平成21年3月30日に合併して日南市）"
    assert tab.main_message.property("level") == "info"
    assert tab.verdict_label.text() == "日南市 (当市): すべての事務所が市内"


def test_a_ward_that_never_existed_is_named_inline(open_editor):
    editor = open_editor(None)
    tab = editor.offices_tab
    retype(tab.main_edit, "神奈川県横浜市架空区1-1")
    assert "横浜市に「架空区」という区はありません" in tab.main_message.text()
    assert tab.main_message.property("level") == "error"


def test_a_long_problem_wraps_and_a_short_reading_does_not(open_editor):
    """The made-up ward's message lists all 18 of 横浜市's wards: it wraps instead of being cut off;
    once the address reads, the one-line 「市区町村: …」 stays one line."""
    editor = open_editor(None)
    tab = editor.offices_tab
    retype(tab.main_edit, "神奈川県横浜市架空区1-1")
    assert tab.main_message.wordWrap() and "瀬谷区" in tab.main_message.text()
    retype(tab.main_edit, "神奈川県横浜市中区港町1-1")
    assert not tab.main_message.wordWrap() and tab.main_message.text().startswith("市区町村:")
