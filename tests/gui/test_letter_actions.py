"""文書を作成 in the windows: the menus, the dialog that asks for what a letter must state (a 不認証's
reasons, 特定非営利活動促進法12条3項) and refuses without it, and the Word file written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QDesktopServices
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


@pytest.fixture
def overdue(store) -> Case:
    """A 法人 registered in 2021 that has filed no 事業報告書等 since (29条), renamed since its 設立."""
    settings = replace(case_store.load_settings(store), head_name="日南 太郎")
    case_store.save_settings(store, settings, who="テスト")
    founded = case_store.create_case(
        store,
        Case(
            name="北郷里山の会",
            representative="日向 花子",
            fiscal_year_start=(4, 1),
            offices=(Office("宮崎県日南市北郷町郷之原1-1"),),
            milestones=(
                Milestone(MilestoneKind.RECEIVED, date(2021, 4, 1)),
                Milestone(MilestoneKind.CERTIFIED, date(2021, 6, 3)),
                Milestone(MilestoneKind.CERTIFICATE_DELIVERED, date(2021, 6, 5)),
                Milestone(MilestoneKind.REGISTERED, date(2021, 6, 14)),
            ),
        ),
        who="テスト",
        today=TODAY,
    )
    corporation = case_store.get_corporation(store, founded.corporation_id or 0)
    case_store.save_corporation(store, replace(corporation, name="北郷里山と森の会"), who="テスト")
    return founded


def test_the_corporation_window_makes_the_reminder_from_the_founding_case(
    qtbot, store, overdue, monkeypatch, tmp_path, opened
):
    """29条・43条: the corporation window's ファイル → 文書を作成 offers the letters to the corporation
    as a whole; the 督促 lists the overdue years filed on the 設立 case, addressed by the corporation's
    name now; an unsaved name is saved first when the clerk agrees, else nothing is written."""
    from npo_desk.gui.corporation_window import CorporationWindow

    window = CorporationWindow(store, overdue.corporation_id or 0)
    qtbot.addWidget(window)
    letters = child(child(window, QMenu, "menuFile"), QMenu, "menuLetters")
    assert _items(letters) == [
        LETTER_LABELS[LetterKind.TOKUSOKU_JIGYO_HOKOKU] + "…",
        LETTER_LABELS[LetterKind.TORIKESHI] + "…",
    ]
    shown: list[LetterDialog] = []

    def accept(dialog: LetterDialog) -> int:
        shown.append(dialog)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LetterDialog, "exec", accept)
    target = tmp_path / "督促.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    reminder = child(letters, QAction, f"letter_{LetterKind.TOKUSOKU_JIGYO_HOKOKU.value}")

    window.edits["name"].setText("北郷の森の会")
    window.edits["name"].textEdited.emit("北郷の森の会")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    reminder.trigger()
    assert shown == [] and not target.exists() and window.modified

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    reminder.trigger()
    assert not window.modified  # saved first
    assert [d.case.id for d in shown] == [overdue.id]  # the 設立 case, found for the clerk
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "北郷の森の会" in text and "北郷里山の会" not in text
    assert "令和3年度分" in text and "令和7年度分" in text
    assert opened == [str(target)]


def test_the_corporation_window_refuses_a_revocation_letter_before_the_revocation(
    qtbot, store, overdue, monkeypatch
):
    from npo_desk.gui.corporation_window import CorporationWindow

    window = CorporationWindow(store, overdue.corporation_id or 0)
    qtbot.addWidget(window)
    errors: list[str] = []

    def fill(dialog: LetterDialog) -> int:
        dialog.accept()
        errors.append(dialog.error.text())
        return 0

    monkeypatch.setattr(LetterDialog, "exec", fill)
    letters = child(child(window, QMenu, "menuFile"), QMenu, "menuLetters")
    child(letters, QAction, f"letter_{LetterKind.TORIKESHI.value}").trigger()
    assert errors and "取消日が記録されていません" in errors[0]
