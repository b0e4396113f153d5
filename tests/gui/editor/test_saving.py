"""Undo, saving through the store, concurrent edits, and closing with unsaved changes."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from npo_desk import store as case_store
from tests.gui.editor.cases import case
from tests.gui.editor.keys import retype, type_text

NEW_NAME = "特定非営利活動法人 にちなん子育てネット"


def test_typing_is_one_undo_step_and_ctrl_z_in_the_field_undoes_it(qtbot, open_editor, create):
    stored = create(case())
    editor = open_editor(stored.id)
    editor.activateWindow()
    name_edit = editor.basics_tab.name_edit
    retype(name_edit, NEW_NAME)
    assert editor.session.case.name == NEW_NAME
    assert editor.undo_stack.count() == 1  # keystrokes in one field merge into one step
    assert editor.isWindowModified()
    assert editor.title_label.text().endswith(NEW_NAME)

    qtbot.waitUntil(lambda: QApplication.focusWidget() is name_edit)
    qtbot.keyClick(name_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.session.case.name == stored.name
    assert name_edit.text() == stored.name
    assert not editor.isWindowModified()
    qtbot.keyClick(
        name_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert editor.session.case.name == NEW_NAME
    assert name_edit.text() == NEW_NAME


def test_save_writes_the_draft_to_the_store(qtbot, open_editor, create, store):
    stored = create(case())
    editor = open_editor(stored.id)
    retype(editor.basics_tab.name_edit, NEW_NAME)
    editor.notes_tab.edit.setFocus()
    type_text(editor.notes_tab.edit, "代表者より電話")
    with qtbot.waitSignal(editor.saved) as signal:
        editor.save_action.trigger()
    assert signal.args == [stored.id]
    again = case_store.get_case(store, stored.id)
    assert again.name == NEW_NAME
    assert again.notes == "代表者より電話"
    assert again.version == stored.version + 1
    assert not editor.isWindowModified()
    assert editor.undo_stack.count() == 0  # saved: the edits are history now
    labels = [
        editor.history_tab.tree.topLevelItem(i).text(2)
        for i in range(editor.history_tab.tree.topLevelItemCount())
    ]
    assert any("法人名" in label for label in labels)


def test_ctrl_s_in_a_field_saves(qtbot, open_editor, create, store):
    stored = create(case())
    editor = open_editor(stored.id)
    editor.activateWindow()
    name_edit = editor.basics_tab.name_edit
    retype(name_edit, NEW_NAME)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name_edit)
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert case_store.get_case(store, stored.id).name == NEW_NAME
    assert not editor.isWindowModified()


def test_a_new_case_is_created_and_numbered(qtbot, open_editor, store, dialogs):
    editor = open_editor(None)
    assert editor.title_label.text().startswith("新規")
    editor.save_action.trigger()  # without a name: refused, nothing stored
    assert dialogs.errors == ["法人名を「基本情報」に入力してください。"]
    retype(editor.basics_tab.name_edit, NEW_NAME)
    with qtbot.waitSignal(editor.saved) as signal:
        editor.save_action.trigger()
    created = case_store.get_case(store, signal.args[0])
    assert created.name == NEW_NAME
    assert created.number == "R8-001"
    assert editor.basics_tab.number_edit.text() == "R8-001"


def test_a_concurrent_save_is_refused_and_the_edits_stay(open_editor, create, store, dialogs):
    stored = create(case())
    editor = open_editor(stored.id)
    # Someone else saves the same case in the meantime.
    case_store.save_case(store, replace(stored, representative="日南 太郎"), who="別の職員")
    retype(editor.basics_tab.name_edit, NEW_NAME)
    editor.save_action.trigger()
    assert len(dialogs.errors) == 1
    assert "別の画面または別の職員によって保存されています" in dialogs.errors[0]
    # The clerk's edit is still in the window, still unsaved; the other edit is in the store.
    assert editor.session.case.name == NEW_NAME
    assert editor.basics_tab.name_edit.text() == NEW_NAME
    assert editor.isWindowModified()
    again = case_store.get_case(store, stored.id)
    assert again.name == stored.name
    assert again.representative == "日南 太郎"


def test_a_manual_profile_without_reason_is_not_saved(open_editor, create, store, dialogs):
    stored = create(case())
    editor = open_editor(stored.id)
    combo = editor.basics_tab.profile_combo
    combo.activated.emit(combo.findData("2017-04-01"))
    editor.save_action.trigger()
    assert dialogs.errors and "理由" in dialogs.errors[0]
    assert case_store.get_case(store, stored.id).law_profile_id is None
    retype(editor.basics_tab.profile_reason, "受理日の記録誤りを訂正するため")
    editor.save_action.trigger()
    saved = case_store.get_case(store, stored.id)
    assert saved.law_profile_id == "2017-04-01"
    assert saved.law_profile_reason == "受理日の記録誤りを訂正するため"


def click_in_unsaved_prompt(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """When the 保存/破棄/キャンセル question is up, note its text and press ``button``."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        seen.extend(b.text() for b in box.buttons())
        box.button(button).click()

    QTimer.singleShot(0, press)


def test_closing_with_unsaved_changes_asks_first(qtbot, open_editor, create, store):
    stored = create(case())
    editor = open_editor(stored.id)
    retype(editor.basics_tab.name_edit, NEW_NAME)

    seen: list[str] = []
    click_in_unsaved_prompt(QMessageBox.StandardButton.Cancel, seen)
    assert not editor.close()
    assert editor.isVisible()
    assert "保存されていない変更があります" in seen[0]
    assert {"保存", "変更を破棄", "キャンセル"} <= {text.replace("&", "").split("(")[0] for text in seen[1:]}

    click_in_unsaved_prompt(QMessageBox.StandardButton.Save, seen)
    assert editor.close()
    assert case_store.get_case(store, stored.id).name == NEW_NAME


def test_discarding_on_close_leaves_the_store_alone(qtbot, open_editor, create, store):
    stored = create(case())
    editor = open_editor(stored.id)
    retype(editor.basics_tab.name_edit, NEW_NAME)
    click_in_unsaved_prompt(QMessageBox.StandardButton.Discard, [])
    assert editor.close()
    assert case_store.get_case(store, stored.id).name == stored.name


def test_an_unchanged_window_closes_without_asking(open_editor, create):
    editor = open_editor(create(case()).id)
    assert editor.close()  # a question here would block: the test would hang, not pass


def test_new_settings_reach_an_open_editor(open_editor, create, store):
    stored = create(case())
    editor = open_editor(stored.id)
    combo = editor.basics_tab.clerk_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["(未定)"]
    settings = case_store.load_settings(store)
    case_store.save_settings(store, replace(settings, clerks=("田中 恵子", "黒木 翔太")), who="テスト")
    editor.reload_settings()
    assert [combo.itemText(i) for i in range(combo.count())] == ["(未定)", "田中 恵子", "黒木 翔太"]
    combo.activated.emit(2)
    assert editor.session.case.clerk == "黒木 翔太"
    assert not editor.undo_stack.isClean()


def test_blank_rows_are_refused_or_tidied_before_saving(qtbot, open_editor, create, store, dialogs):
    stored = create(case())
    editor = open_editor(stored.id)
    # An officer row added but never named: the clerk is told which row, nothing is stored.
    editor.officers_tab.model.add_officer()
    editor.save_action.trigger()
    assert dialogs.errors == [
        "「社員・役員」の5行目の役員の氏名が空欄です。入力するか、その行を削除してください。"
    ]
    assert len(case_store.get_case(store, stored.id).officers) == 4
    editor.undo_action.trigger()
    # A branch row left blank is simply not stored.
    editor.offices_tab.add_branch_button.click()
    assert len(editor.session.case.offices) == 2
    assert editor.save()
    assert [o.address for o in case_store.get_case(store, stored.id).offices] == [
        "宮崎県日南市中央通1丁目1番地1"
    ]
    assert len(editor.session.case.offices) == 1  # the window shows what was stored
    # An existing case must keep a number.
    retype(editor.basics_tab.number_edit, "")
    assert not editor.save()
    assert "案件番号" in dialogs.errors[-1]


def test_print_case_sheet_saves_first_then_calls_the_reports_side(monkeypatch, open_editor, create, store):
    from npo_desk.gui import report_actions

    calls: list[int] = []
    monkeypatch.setattr(report_actions, "print_case_sheet", lambda parent, st, case_id: calls.append(case_id))
    stored = create(case())
    editor = open_editor(stored.id)
    editor.print_action.trigger()
    assert calls == [stored.id]  # saved case, nothing to ask

    retype(editor.basics_tab.name_edit, NEW_NAME)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: answers.pop(0))
    editor.print_action.trigger()  # cancelled: neither saved nor printed
    assert calls == [stored.id]
    assert case_store.get_case(store, stored.id).name == stored.name
    editor.print_action.trigger()  # 保存して印刷
    assert calls == [stored.id, stored.id]
    assert case_store.get_case(store, stored.id).name == NEW_NAME


def test_edits_are_carried_over_onto_the_case_saved_elsewhere(open_editor, create, store, dialogs):
    stored = create(case())
    editor = open_editor(stored.id)
    case_store.save_case(store, replace(stored, representative="日南 太郎"), who="別の職員")
    retype(editor.basics_tab.name_edit, NEW_NAME)
    dialogs.rebase.append(True)
    assert not editor.save()  # refused, then carried over: not yet saved
    assert "別の画面または別の職員によって保存されています" in dialogs.errors[0]
    draft = editor.session.case
    assert (draft.name, draft.representative) == (NEW_NAME, "日南 太郎")
    assert editor.isWindowModified()
    assert "この画面での変更を反映しました" in editor.statusBar().currentMessage()
    assert editor.save()
    again = case_store.get_case(store, stored.id)
    assert (again.name, again.representative) == (NEW_NAME, "日南 太郎")


def test_fields_changed_on_both_sides_keep_this_windows_value_and_are_named(
    open_editor, create, store, dialogs
):
    stored = create(case())
    editor = open_editor(stored.id)
    case_store.save_case(store, replace(stored, name="別の名称"), who="別の職員")
    retype(editor.basics_tab.name_edit, NEW_NAME)
    dialogs.rebase.append(True)
    editor.save()
    assert editor.session.case.name == NEW_NAME
    assert "法人名" in editor.statusBar().currentMessage()
    editor.undo_action.trigger()  # back to what is stored now
    assert editor.session.case.name == "別の名称"
    assert not editor.isWindowModified()


def test_the_rebase_question_is_a_real_dialog(qtbot, monkeypatch):
    from npo_desk.gui.editor import dialogs as dialog_module
    from npo_desk.store.errors import ConcurrentEditError

    monkeypatch.undo()  # the real offer_rebase, driven through its buttons
    seen: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        seen.extend(b.text() for b in box.buttons())
        next(b for b in box.buttons() if b.text() == "最新の内容に反映").click()

    QTimer.singleShot(0, press)
    assert dialog_module.offer_rebase(None, ConcurrentEditError("R8-001"))
    assert "R8-001" in seen[0]
    assert "キャンセル" in seen


def test_a_case_deleted_elsewhere_is_not_silently_revived(open_editor, create, store, dialogs):
    stored = create(case())
    editor = open_editor(stored.id)
    case_store.delete_case(store, stored.id, version=stored.version, who="別の職員")
    retype(editor.basics_tab.name_edit, NEW_NAME)
    dialogs.rebase.append(True)
    assert not editor.save()
    assert "削除されたため" in dialogs.errors[-1]
    assert editor.session.case.name == NEW_NAME  # still in the window
    deleted = case_store.get_case(store, stored.id)
    assert deleted.deleted_at is not None and deleted.name == stored.name
    reopened = open_editor(stored.id)
    assert "この案件は削除されています" in reopened.banner.text()
