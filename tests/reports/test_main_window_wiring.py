"""The shell's File menu reaches the report actions (Ctrl+P prints the 期限一覧表)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from npo_desk.gui import report_actions
from npo_desk.gui.main_window import MainWindow


def test_print_export_import_and_publish_actions_call_the_report_actions(qtbot, sample_store, monkeypatch):
    called: list[str] = []
    for name in ("print_deadline_report", "export_cases", "import_ledger", "publish_list"):
        monkeypatch.setattr(report_actions, name, lambda parent, st, name=name: called.append(name))
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    window = MainWindow(sample_store)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.loading, timeout=10_000)
    print_action = window.action("actionPrintDeadlines")
    assert print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    print_action.trigger()
    window.action("actionExport").trigger()
    window.action("actionImport").trigger()
    window.action("actionPublish").trigger()
    qtbot.waitUntil(lambda: not window.loading, timeout=10_000)
    assert called == ["print_deadline_report", "export_cases", "import_ledger", "publish_list"]
    assert window.action("actionPublish").text() == "公表用の一覧を書き出す(&K)..."
