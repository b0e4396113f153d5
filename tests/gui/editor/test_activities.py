"""活動分野: the checkboxes are those of the case's law profile and follow it when it changes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt

from npo_desk.domain.lifecycle import Action
from tests.gui.editor.cases import case


def test_a_2008_case_has_17_fields_and_a_2026_case_20(open_editor, create):
    old = open_editor(create(case(received=date(2008, 6, 2), activity_fields=(11,))).id)
    assert len(old.activities_tab.boxes) == 17
    assert "平成15年5月1日施行" in old.activities_tab.profile_label.text()
    # Old number 11 is 子どもの健全育成 in the 17-field list (today's 13).
    assert old.activities_tab.checked_numbers() == [11]
    assert "子どもの健全育成" in old.activities_tab.boxes[11].text()

    new = open_editor(create(case(received=date(2026, 4, 1), activity_fields=(13,))).id)
    assert len(new.activities_tab.boxes) == 20
    assert "子どもの健全育成" in new.activities_tab.boxes[13].text()
    assert "観光の振興" in new.activities_tab.boxes[4].text()


def test_checking_a_box_is_an_undoable_edit(qtbot, open_editor, create):
    editor = open_editor(create(case()).id)
    tab = editor.activities_tab
    editor.tabs.setCurrentWidget(tab)
    box = tab.boxes[4]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on the indicator
    assert editor.session.case.activity_fields == (1, 4, 13)
    assert editor.isWindowModified()
    editor.undo_action.trigger()
    assert editor.session.case.activity_fields == (1, 13)
    assert not tab.boxes[4].isChecked()
    assert not editor.isWindowModified()


def test_changing_the_profile_rebuilds_the_boxes_and_keeps_fields_by_current_number(
    qtbot, open_editor, create
):
    editor = open_editor(create(case(received=date(2026, 4, 1), activity_fields=(4, 13))).id)
    basics = editor.basics_tab
    combo = basics.profile_combo
    # Override the law profile to the 2003 version: 17 fields; 観光 (4) does not exist there.
    combo.activated.emit(combo.findData("2003-05-01"))
    tab = editor.activities_tab
    assert len(tab.boxes) == 17
    assert tab.checked_numbers() == [11]  # 子ども: today's 13 is old 11
    assert "観光の振興" in editor.statusBar().currentMessage()
    # A manual profile needs a reason; the form says so until one is typed.
    assert basics.profile_reason.isEnabled()
    assert basics.profile_note.property("level") == "error"

    editor.undo_action.trigger()
    assert len(tab.boxes) == 20
    assert tab.checked_numbers() == [4, 13]
    assert combo.currentData() is None
    assert not basics.profile_reason.isEnabled()


def test_the_receipt_date_chooses_the_profile(dialogs, open_editor, create):
    """A consultation case gets its law profile when the application is received (申請受理)."""
    editor = open_editor(create(case(received=None, activity_fields=(4, 13))).id)
    assert len(editor.activities_tab.boxes) == 20  # no receipt yet: today's law
    dialogs.dates.append(date(2010, 5, 10))  # an old application entered late: the 2003 law applies
    assert editor.take_action(Action.RECEIVE)
    assert editor.session.derived.facts.received_on == date(2010, 5, 10)
    assert len(editor.activities_tab.boxes) == 17
    assert editor.activities_tab.checked_numbers() == [11]  # 子ども kept, 観光 (not in that law) dropped
    assert "観光の振興" in editor.statusBar().currentMessage()
    editor.undo_action.trigger()
    assert len(editor.activities_tab.boxes) == 20
    assert editor.activities_tab.checked_numbers() == [4, 13]


def test_a_stored_number_the_version_lacks_goes_with_the_next_choice(qtbot, open_editor, create, store):
    """A case an older version stored with 第18号 under the 17-field 別表 (平成14年法律第173号) cannot be
    saved as it is (the store refuses it): the clerk's next choice of a field leaves it out."""
    from sqlalchemy import update

    from npo_desk.store.models import CaseRow

    stored = create(case(received=date(2008, 6, 2), activity_fields=(11,)))
    with store.write() as session:  # what an older version left behind
        session.execute(update(CaseRow).where(CaseRow.id == stored.id).values(activity_fields=[11, 18]))
    editor = open_editor(stored.id)
    tab = editor.activities_tab
    editor.tabs.setCurrentWidget(tab)
    box = tab.boxes[2]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert editor.session.case.activity_fields == (2, 11)
    assert editor.save()
