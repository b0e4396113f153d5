"""事務所: the 所轄庁 verdict follows the address as it is typed, keystroke by keystroke."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.editor.cases import case
from tests.gui.editor.keys import retype


def test_verdict_follows_the_typed_address(qtbot, open_editor):
    editor = open_editor(None)
    tab = editor.offices_tab
    editor.tabs.setCurrentWidget(tab)
    assert "主たる事務所の所在地を入力すると" in tab.verdict_label.text()

    retype(tab.main_edit, "宮崎県日南市中央通1丁目1番地1")
    assert tab.verdict_label.text() == "日南市 (当市): すべての事務所が市内"
    assert tab.verdict_label.property("level") == "ok"
    assert editor.banner.isHidden()
    assert editor.session.case.offices[0].address == "宮崎県日南市中央通1丁目1番地1"

    # A branch in another municipality moves the case to the prefecture: not ours, and the window says so.
    qtbot.mouseClick(tab.add_branch_button, Qt.MouseButton.LeftButton)
    retype(tab.branch_rows[0].edit, "宮崎県串間市大字西方5550")
    assert tab.verdict_label.text().startswith("宮崎県: 事務所が")
    assert tab.verdict_label.property("level") == "error"
    assert not editor.banner.isHidden()
    assert "所轄庁は宮崎県です" in editor.banner.text()
    assert "所轄庁は宮崎県です" in tab.verdict_detail.text()

    # Removing the branch brings the verdict back.
    qtbot.mouseClick(tab.branch_rows[0].remove_button, Qt.MouseButton.LeftButton)
    assert tab.branch_rows == []
    assert tab.verdict_label.text() == "日南市 (当市): すべての事務所が市内"
    assert editor.banner.isHidden()


def test_unknown_municipality_shows_the_domain_message_inline(qtbot, open_editor, create):
    editor = open_editor(create(case()).id)
    tab = editor.offices_tab
    retype(tab.main_edit, "宮崎県日南町中央通1")
    assert not tab.main_message.isHidden()
    message = tab.main_message.text()
    assert message  # the domain names the bad part and suggests a fix
    assert "日南" in message
    assert tab.main_message.property("level") == "error"
    assert "判定できません" in tab.verdict_label.text()
    # Corrected, the line says how the address was understood instead.
    retype(tab.main_edit, "宮崎県日南市中央通1")
    assert tab.main_message.text() == "市区町村: 宮崎県日南市"
    assert tab.main_message.property("level") == "info"
    assert tab.verdict_label.text() == "日南市 (当市): すべての事務所が市内"


def test_a_case_in_another_prefecture_is_plainly_not_ours(open_editor, create):
    from npo_desk.store import Office

    stored = create(case(offices=(Office("福岡県福岡市中央区天神1丁目8番1号"),)))
    editor = open_editor(stored.id)
    assert not editor.banner.isHidden()
    assert "この案件は当庁の所管ではありません。所轄庁は福岡市です。" in editor.banner.text()
    assert editor.banner.property("level") == "error"


def test_address_completion_offers_municipalities(qtbot, open_editor):
    editor = open_editor(None)
    tab = editor.offices_tab
    retype(tab.main_edit, "宮崎県日南")
    completer = tab.main_edit.completer()
    names = completer.model().stringList()
    assert "宮崎県日南市" in names
    # Choosing a suggestion is an edit like typing.
    completer.activated.emit("宮崎県日南市")
    assert editor.session.case.offices[0].address == "宮崎県日南市"


def test_the_verdict_is_for_today_not_for_the_receipt_date(open_editor, create):
    """平成23年法律第70号附則第2条: applications and NPOs of the old 所轄庁 (内閣府 for offices in two
    prefectures) passed to the new one (法第9条: the main office's governor) on 2012-04-01; so an NPO
    certified in 2010 is the prefecture's today, while a case withdrawn in 2010 stays 内閣府's."""
    from datetime import date

    from npo_desk.store import Milestone, MilestoneKind, Office, OfficeKind

    offices = (Office("宮崎県日南市中央通1丁目1番地1", OfficeKind.MAIN), Office("鹿児島県鹿児島市山下町11-1"))
    received = Milestone(MilestoneKind.RECEIVED, date(2010, 5, 6))
    established = create(
        case(
            received=None,
            offices=offices,
            milestones=(received, Milestone(MilestoneKind.CERTIFIED, date(2010, 8, 20))),
        )
    )
    editor = open_editor(established.id)
    assert editor.offices_tab.verdict_label.text().startswith("宮崎県: 事務所が2以上の都道府県にあり")
    editor.close()
    withdrawn = create(
        case(
            received=None,
            offices=offices,
            milestones=(received, Milestone(MilestoneKind.WITHDRAWN, date(2010, 6, 1))),
        )
    )
    editor = open_editor(withdrawn.id)
    assert editor.offices_tab.verdict_label.text().startswith("内閣府: 事務所が2以上の都道府県にある")
