"""社員・役員: requirement findings appear and disappear as the officers table is edited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from npo_desk.gui.editor.officers_model import NAME, PAID, RELATIVES, ROLE, STAFF
from tests.gui.editor.cases import case
from tests.gui.editor.keys import type_text

PAID_TOO_MANY = "報酬を受ける役員"


def toggle(qtbot, table, row: int, column: int) -> None:
    """Space on a checkable cell toggles it, as the clerk does from the keyboard."""
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, column))
    qtbot.keyClick(table.viewport(), Qt.Key.Key_Space)


def test_paid_officer_findings_follow_the_checkboxes(qtbot, open_editor, create):
    editor = open_editor(create(case()).id)
    tab = editor.officers_tab
    editor.tabs.setCurrentWidget(tab)
    assert tab.officer_findings.texts() == ["役員の要件を満たしています。"]

    toggle(qtbot, tab.table, 0, PAID)  # 1 of 4 paid: allowed
    assert editor.session.case.officers[0].paid
    assert not any(PAID_TOO_MANY in t for t in tab.officer_findings.texts())

    toggle(qtbot, tab.table, 1, PAID)  # 2 of 4 paid: more than a third
    texts = tab.officer_findings.texts()
    finding = next(t for t in texts if PAID_TOO_MANY in t)
    assert "第2条第2項第1号ロ" in finding
    label = next(lb for lb in tab.officer_findings.labels if lb.text() == finding)
    assert label.property("level") == "error"
    # 基本情報 sums it up and points to the tab with the details.
    assert "要件: 不備 1件" in editor.basics_tab.checks.text()
    assert editor.basics_tab.checks.property("level") == "error"

    toggle(qtbot, tab.table, 1, PAID)
    assert not any(PAID_TOO_MANY in t for t in tab.officer_findings.texts())
    assert tab.officer_findings.texts() == ["役員の要件を満たしています。"]


def test_auditor_rules_follow_role_and_staff_edits(qtbot, open_editor, create):
    editor = open_editor(create(case()).id)
    tab = editor.officers_tab
    model = tab.model
    # The auditor also works as staff: not allowed.
    toggle(qtbot, tab.table, 3, STAFF)
    assert any("監事" in t for t in tab.officer_findings.texts())
    toggle(qtbot, tab.table, 3, STAFF)
    assert tab.officer_findings.texts() == ["役員の要件を満たしています。"]

    # Making the auditor a director leaves the corporation without a 監事: chosen in the role combo.
    index = model.index(3, ROLE)
    tab.table.edit(index)
    combo = tab.table.findChild(QComboBox)
    assert combo is not None
    combo.setCurrentIndex(combo.findData("director"))
    tab.table.commitData(combo)
    tab.table.closeEditor(combo, tab.table.itemDelegate().EndEditHint.NoHint)
    assert editor.session.case.officers[3].role == "director"
    assert model.index(3, ROLE).data() == "理事"
    assert any("監事" in t for t in tab.officer_findings.texts())
    assert any(lb.property("level") == "error" for lb in tab.officer_findings.labels)


def test_member_count_and_added_officers(qtbot, open_editor, create):
    editor = open_editor(create(case()).id)
    tab = editor.officers_tab
    tab.member_count.setFocus()
    tab.member_count.setValue(9)
    assert editor.session.case.member_count == 9
    member_texts = tab.member_findings.texts()
    assert member_texts and "10人" in member_texts[0]
    tab.member_count.setValue(10)
    assert tab.member_findings.texts() == []
    # The spin box on 基本情報 shows the same draft.
    assert editor.basics_tab.member_count.value() == 10

    # A new officer typed into the table (name cell editor), then a relatives marker.
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    editor_widget = tab.table.viewport().findChild(QLineEdit)  # the cell editor the button opened
    assert isinstance(editor_widget, QLineEdit)
    type_text(editor_widget, "宮田 一郎")
    qtbot.keyClick(editor_widget, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: editor.session.case.officers[-1].name == "宮田 一郎")
    assert editor.session.case.officers[-1].role == "director"
    assert tab.model.index(4, NAME).data() == "宮田 一郎"

    tab.model.setData(tab.model.index(4, RELATIVES), "A")
    tab.model.setData(tab.model.index(0, RELATIVES), "A")
    tab.model.setData(tab.model.index(1, RELATIVES), "A")
    assert any("親族" in t for t in tab.officer_findings.texts())

    # Removing the selected rows drops the finding again.
    tab.table.selectRow(4)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert len(editor.session.case.officers) == 4


def test_typing_on_a_cell_edits_it_and_delete_removes_the_row(qtbot, open_editor, create):
    editor = open_editor(create(case()).id)
    tab = editor.officers_tab
    editor.tabs.setCurrentWidget(tab)
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(2, NAME))
    type_text(tab.table, "黒")  # the first key opens the cell editor (spreadsheet style)
    cell = tab.table.viewport().findChild(QLineEdit)
    assert cell is not None
    type_text(cell, "木 由美子")
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.session.case.officers[2].name == "黒木 由美子")

    tab.table.setFocus()
    tab.table.selectRow(2)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert [o.name for o in editor.session.case.officers] == ["河野 美智子", "甲斐 健一", "長友 誠"]
    assert any("理事" in t for t in tab.officer_findings.texts())  # two directors are too few


def test_a_cell_still_being_typed_in_is_saved_with_ctrl_s(qtbot, open_editor, create, store):
    from npo_desk import store as case_store

    stored = create(case())
    editor = open_editor(stored.id)
    tab = editor.officers_tab
    editor.tabs.setCurrentWidget(tab)
    editor.activateWindow()
    tab.table.setCurrentIndex(tab.model.index(0, NAME))
    tab.table.edit(tab.model.index(0, NAME))
    cell = tab.table.viewport().findChild(QLineEdit)
    cell.setFocus()
    qtbot.waitUntil(cell.hasFocus)
    cell.selectAll()
    type_text(cell, "河野 美智")
    assert editor.session.case.officers[0].name == "河野 美智子"  # not committed yet
    assert editor.save()
    assert case_store.get_case(store, stored.id).officers[0].name == "河野 美智"


def test_closing_while_typing_in_a_cell_still_asks(qtbot, monkeypatch, open_editor, create):
    from PySide6.QtWidgets import QMessageBox

    editor = open_editor(create(case()).id)
    tab = editor.officers_tab
    editor.tabs.setCurrentWidget(tab)
    editor.activateWindow()
    tab.table.edit(tab.model.index(0, NAME))
    cell = tab.table.viewport().findChild(QLineEdit)
    cell.setFocus()
    qtbot.waitUntil(cell.hasFocus)
    type_text(cell, "X")
    asked: list[bool] = []
    monkeypatch.setattr(
        type(editor), "ask_unsaved", lambda self: asked.append(True) or QMessageBox.StandardButton.Cancel
    )
    assert not editor.close()
    assert asked == [True]
    assert editor.session.case.officers[0].name.endswith("X")


def test_officers_can_be_reordered(qtbot, open_editor, create):
    editor = open_editor(create(case()).id)
    tab = editor.officers_tab
    assert not tab.up_button.isEnabled()
    tab.table.selectRow(3)
    assert tab.up_button.isEnabled() and not tab.down_button.isEnabled()
    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    assert [o.name for o in editor.session.case.officers][2:] == ["長友 誠", "黒木 由美"]
    assert tab.table.selectionModel().selectedRows()[0].row() == 2
    editor.undo_action.trigger()
    assert editor.session.case.officers[3].name == "長友 誠"


def test_the_role_column_is_wide_enough_to_read_its_dropdown(qtbot, open_editor, create):
    """Issue 8: sized to 「理事」 alone, the column's dropdown arrow covered the role being chosen."""
    editor = open_editor(create(case()).id)
    tab = editor.officers_tab
    editor.tabs.setCurrentWidget(tab)
    index = tab.model.index(0, ROLE)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    combo = tab.table.findChild(QComboBox)
    assert combo is not None and combo.currentText() == "理事"
    assert tab.table.columnWidth(ROLE) >= combo.sizeHint().width()
    assert combo.width() >= combo.sizeHint().width()


def test_the_same_officer_entered_twice_is_named_and_counted_once(qtbot, open_editor, create):
    """第15条: a second row for 「甲斐 健一」 leaves 3 directors, not 4, and says so."""
    from dataclasses import replace

    from tests.gui.editor.cases import officers

    twice = (*officers(), replace(officers()[1], name="甲斐　健一"))
    editor = open_editor(create(case(officers=twice)).id)
    texts = editor.officers_tab.officer_findings.texts()
    assert any("理事「甲斐 健一」が2回入力されています" in t and "第15条" in t for t in texts)
