"""Screenshots of every case-editor tab, offscreen at 1366x768 with the demo caseload.

Run: ``python tools/screenshot_editor.py [OUT_DIR]`` (default: screenshots/ in the checkout). Uses a
throw-away data folder and database. Writes editor_<tab>.png (plus a few variants); look at each.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["NPO_DESK_DATA_DIR"] = tempfile.mkdtemp(prefix="npo-editor-shots-")

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QWidget

from npo_desk import store
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.lifecycle import Action
from npo_desk.gui import clock
from npo_desk.gui.app import make_application
from npo_desk.gui.editor import CaseEditor
from npo_desk.gui.editor.dialogs import DateDialog, OverrideDialog
from npo_desk.gui.editor.officers_model import PAID
from npo_desk.store.demo import seed_demo

SIZE = (1366, 768)


def settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(editor: CaseEditor, tab: QWidget, out: Path, name: str) -> None:
    editor.tabs.setCurrentWidget(tab)
    settle()
    path = out / f"editor_{name}.png"
    editor.grab().save(str(path))
    print(path)


def open_case(st: store.Store, number: str | None) -> CaseEditor:
    case_id = None
    if number is not None:
        found = store.case_by_number(st, number)
        assert found is not None and found.id is not None, number
        case_id = found.id
    editor = CaseEditor(st, case_id)
    editor.resize(*SIZE)
    editor.show()
    return editor


def close(editor: CaseEditor) -> None:
    editor.undo_stack.setClean()  # screenshots only: never ask, never save
    editor.close()


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    make_application()
    st = store.open_store(str(Path(os.environ["NPO_DESK_DATA_DIR"]) / "demo.db"))
    seed_demo(st, clock.today())

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
    close(editor)

    editor = open_case(st, "R8-011")  # offices in and outside the city: the prefecture's case
    shoot(editor, editor.offices_tab, out, "offices")
    close(editor)

    editor = open_case(st, None)  # a new case, address half typed: the domain's hint, in amber
    editor.offices_tab.main_edit.setText("宮崎県日南")
    editor.offices_tab.main_edit.textEdited.emit("宮崎県日南")
    shoot(editor, editor.offices_tab, out, "offices_typing")
    close(editor)

    editor = open_case(st, "H20-001")  # received 2008: the 17 fields of that law
    shoot(editor, editor.activities_tab, out, "activities_2008")
    close(editor)

    editor = open_case(st, "R8-003")  # under review, with a deadline set by hand
    shoot(editor, editor.deadlines_tab, out, "deadlines")
    close(editor)

    editor = open_case(st, "R8-005")  # certified, waiting for registration
    shoot(editor, editor.deadlines_tab, out, "deadlines_registration")
    # The two small dialogs of this tab, shown without blocking so they can be grabbed.
    date_dialog = DateDialog("登記完了", "登記完了の日付を入力してください。", clock.today(), parent=editor)
    date_dialog.show()
    settle()
    date_dialog.grab().save(str(out / "editor_dialog_date.png"))
    print(out / "editor_dialog_date.png")
    date_dialog.close()
    deadline = editor.session.derived.deadlines[DeadlineKey.REGISTRATION_DEADLINE]
    override_dialog = OverrideDialog(deadline, None, editor)
    override_dialog.show()
    settle()
    override_dialog.grab().save(str(out / "editor_dialog_override.png"))
    print(out / "editor_dialog_override.png")
    override_dialog.close()
    close(editor)

    editor = open_case(st, "H13-001")  # revoked, with the clerk's note
    shoot(editor, editor.notes_tab, out, "notes")
    close(editor)
    st.close()


if __name__ == "__main__":
    main()
