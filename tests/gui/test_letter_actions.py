"""文書を作成 in the windows: the menus, the dialog that asks for what a letter must state (a 不認証's
reasons, 特定非営利活動促進法12条3項) and refuses without it, and the Word file written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMenu, QMessageBox

from npo_desk import store as case_store
from npo_desk.domain.letters import LETTER_LABELS, LetterKind
from npo_desk.gui import clock, letter_actions
from npo_desk.gui.editor import CaseEditor
from npo_desk.gui.forms import child
from npo_desk.gui.letter_actions import LetterDialog, create_letter
from npo_desk.gui.main_window import MainWindow
from npo_desk.store import Case, Milestone, MilestoneKind, Office

TODAY = date(2026, 12, 2)
REASON = "定款に記載された目的が、特定非営利活動を主たる目的とするものと認められないため。"


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def refused(store) -> Case:
    settings = replace(case_store.load_settings(store), head_name="日南 太郎")
    case_store.save_settings(store, settings, who="テスト")
    case = Case(
        name="油津まちづくり協議会",
        representative="日向 花子",
        offices=(Office("宮崎県日南市中央通1丁目1-1"),),
        milestones=(
            Milestone(MilestoneKind.RECEIVED, date(2026, 9, 1)),
            Milestone(MilestoneKind.REFUSED, date(2026, 11, 4)),
        ),
    )
    return case_store.create_case(store, case, who="テスト", today=TODAY)


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


def _items(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_the_case_menus_offer_every_letter(qtbot, store, refused):
    window = MainWindow(store)
    qtbot.addWidget(window)
    letters = child(window.row_menu(refused.id), QMenu, "menuLetters")
    assert _items(letters) == [LETTER_LABELS[kind] + "…" for kind in LetterKind]
    edit = child(window, QMenu, "menuEdit")
    names = [a.menu().objectName() if a.menu() else a.objectName() for a in edit.actions()]
    assert names.index("menuLetters") == names.index("actionDeleteCase") - 2  # then a separator
    qtbot.waitUntil(lambda: not window.loading)


def test_refusal_letter_from_the_dialog_to_the_file(qtbot, store, refused, monkeypatch, tmp_path, opened):
    target = tmp_path / "通知.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    def fill(dialog: LetterDialog) -> int:
        assert dialog.items is not None and "報告" not in dialog.items.toPlainText()
        dialog.items.setPlainText(f"{REASON}\n\n役員の数が足りないため。")
        dialog.number.setText("88")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LetterDialog, "exec", fill)
    assert create_letter(None, store, refused.id, LetterKind.FUNINSHO) == target  # type: ignore[arg-type]
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert REASON in text and "役員の数が足りないため。" in text and "第88号" in text
    assert "令和8年11月4日" in text
    assert opened == [str(target)]


def test_the_dialog_refuses_a_refusal_without_its_reason(qtbot, store, refused):
    dialog = LetterDialog(refused, case_store.load_settings(store), LetterKind.FUNINSHO, TODAY, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.date.value() == date(2026, 11, 4)  # dated the day of the decision
    ok = child(dialog, QDialogButtonBox, "letterButtons").button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.request is None
    assert "不認証の理由が必要です" in dialog.error.text()
    dialog.date.edit.setText("2026-02-30")
    dialog.items.setPlainText(REASON)  # type: ignore[union-attr]
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "文書の日付" in dialog.error.text()
    dialog.date.edit.setText("R8.11.5")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.request is not None
    assert dialog.request.on == date(2026, 11, 5) and dialog.request.items == (REASON,)


def test_the_dialog_refuses_a_certificate_before_the_certification(qtbot, store, refused):
    dialog = LetterDialog(refused, case_store.load_settings(store), LetterKind.NINSHO, TODAY, None)
    qtbot.addWidget(dialog)
    assert dialog.items is None
    dialog.accept()
    assert dialog.request is None and "認証日が記録されていません" in dialog.error.text()


def test_the_editor_saves_a_draft_first_or_writes_nothing(qtbot, store, monkeypatch):
    editor = CaseEditor(store, None)
    editor.show()
    try:
        letters = child(child(editor, QMenu, "menuFile"), QMenu, "menuLetters")
        assert len(_items(letters)) == len(LetterKind)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
        called: list[object] = []
        monkeypatch.setattr(letter_actions, "create_letter", lambda *a: called.append(a))
        letters.actions()[0].trigger()
        assert called == []
    finally:
        editor.undo_stack.setClean()
        editor.close()
        editor.deleteLater()
