"""Screenshots of every case-editor tab, offscreen at 1366x768 with the demo caseload.

Run: ``python tools/screenshot_editor.py [OUT_DIR]`` (default: screenshots/ in the checkout). Uses a
throw-away data folder and database. Writes editor_<tab>.png (plus a few variants); look at each.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from shots import close_quietly, demo_store, open_case, output_dir, save

from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.lifecycle import Action
from npo_desk.gui import clock
from npo_desk.gui.editor import CaseEditor
from npo_desk.gui.editor.dialogs import DateDialog, OverrideDialog
from npo_desk.gui.editor.officers_model import PAID


def shoot(editor: CaseEditor, tab: QWidget, out: Path, name: str) -> None:
    editor.tabs.setCurrentWidget(tab)
    save(editor, out, f"editor_{name}")


def main() -> None:
    out = output_dir()
    st = demo_store()

    # A case under review; one saved edit so its history has more than the creation.
    editor = open_case(st, "R8-002")
    shoot(editor, editor.basics_tab, out, "basics")
    # A few saved edits so the history shows more than the creation: a field, the clerk, a decision.
    editor.session.edit("電話番号", phone="0987-22-0002")
    editor.session.edit("担当者", clerk="日高 真理")
    editor.session.apply_action(Action.CERTIFY, clock.today())
    editor.save()
    shoot(editor, editor.history_tab, out, "history")
    # Officers with unsaved edits that break the rules: findings in red, beside the table.
    model = editor.officers_tab.model
    for row in (0, 1):
        model.setData(model.index(row, PAID), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    editor.officers_tab.member_count.setValue(8)
    shoot(editor, editor.officers_tab, out, "officers")
    shoot(editor, editor.activities_tab, out, "activities")
    close_quietly(editor)

    editor = open_case(st, "R8-011")  # offices in and outside the city: the prefecture's case
    shoot(editor, editor.offices_tab, out, "offices")
    close_quietly(editor)

    editor = open_case(st, None)  # a new case, address half typed: the domain's hint, in amber
    editor.offices_tab.main_edit.setText("宮崎県日南")
    editor.offices_tab.main_edit.textEdited.emit("宮崎県日南")
    shoot(editor, editor.offices_tab, out, "offices_typing")
    close_quietly(editor)

    editor = open_case(st, "H20-001")  # received 2008: the 17 fields of that law
    shoot(editor, editor.activities_tab, out, "activities_2008")
    close_quietly(editor)

    editor = open_case(st, "R8-003")  # under review, with a deadline set by hand
    shoot(editor, editor.deadlines_tab, out, "deadlines")
    close_quietly(editor)

    editor = open_case(st, "R8-005")  # certified, waiting for registration
    shoot(editor, editor.deadlines_tab, out, "deadlines_registration")
    # The two small dialogs of this tab, shown without blocking so they can be grabbed.
    date_dialog = DateDialog("登記完了", "登記完了の日付を入力してください。", clock.today(), parent=editor)
    date_dialog.show()
    save(date_dialog, out, "editor_dialog_date")
    date_dialog.close()
    deadline = editor.session.derived.deadlines[DeadlineKey.REGISTRATION_DEADLINE]
    override_dialog = OverrideDialog(deadline, None, editor)
    override_dialog.show()
    save(override_dialog, out, "editor_dialog_override")
    override_dialog.close()
    close_quietly(editor)

    editor = open_case(st, "H13-001")  # revoked, with the clerk's note
    shoot(editor, editor.notes_tab, out, "notes")
    close_quietly(editor)
    st.close()


if __name__ == "__main__":
    main()
