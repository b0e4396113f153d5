"""The corporation window and the procedure editor, as the clerk uses them on the demo's corporations.

Laws exercised: 13条1項 (a group becomes a 法人 by its registration: no 定款変更 before it),
25条3項・5項 (a 定款変更 applying 10条2項's 縦覧 and 12条2項's decision period), 10条4項 (補正).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QMessageBox, QTreeWidgetItem

import npo_desk.store as st
from npo_desk.domain.articles_topics import ArticlesTopic
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.gui import clock
from npo_desk.gui.corporation_window import CorporationWindow
from npo_desk.gui.date_field import DateField
from npo_desk.gui.editor import dialogs as dialog_module
from npo_desk.gui.editor.officers_model import PAID
from npo_desk.gui.help import HelpTopic
from npo_desk.gui.procedure_editor import ProcedureEditor, editor_for
from npo_desk.store import CaseKind, MilestoneKind, Store
from tests.gui.editor.keys import retype, type_text
from tests.store.samples import sample_case

TODAY = date(2026, 12, 2)  # a Wednesday
DEMO_NAME = "特定非営利活動法人 飫肥城下町保存会"  # 設立, 役員変更届, 認定, 定款変更認証 in 縦覧


@dataclass
class Seen:
    errors: list[str] = field(default_factory=list)
    rebase: list[bool] = field(default_factory=list)


@pytest.fixture(autouse=True)
def today(monkeypatch) -> date:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture(autouse=True)
def seen(monkeypatch) -> Seen:
    """Dialogs answered without a modal: errors are collected, 最新の内容に反映 answered from a list."""
    found = Seen()
    monkeypatch.setattr(dialog_module, "report", lambda _parent, err: found.errors.append(str(err)))

    def offer_rebase(_parent: object, err: Exception) -> bool:
        found.errors.append(str(err))
        return found.rebase.pop(0) if found.rebase else False

    monkeypatch.setattr(dialog_module, "offer_rebase", offer_rebase)
    monkeypatch.setattr(dialog_module, "ask_unsaved", lambda *_: QMessageBox.StandardButton.Discard)
    return found


@pytest.fixture
def demo(store: Store) -> Store:
    st.seed_demo(store, TODAY)
    return store


def corporation_id(store: Store, name: str = DEMO_NAME) -> int:
    settings = st.load_settings(store)
    return next(c.id for c in st.list_corporations(store, settings, TODAY) if c.name == name)


@pytest.fixture
def open_window(qtbot, store) -> Iterator[Callable[[int], CorporationWindow]]:
    windows: list[CorporationWindow] = []

    def _open(corporation: int) -> CorporationWindow:
        window = CorporationWindow(store, corporation)
        window.resize(1180, 760)
        window.show()
        windows.append(window)
        return window

    yield _open
    for window in windows:
        for editor in list(window.editors.values()):
            editor.undo_stack.setClean()  # type: ignore[attr-defined]
        window.draft = window.corporation
        window.close()
        window.deleteLater()


def top_texts(window: CorporationWindow, column: int) -> list[str]:
    tree = window.procedures
    return [tree.topLevelItem(i).text(column) for i in range(tree.topLevelItemCount())]


def all_texts(item: QTreeWidgetItem) -> list[str]:
    texts = [item.text(c) for c in range(item.columnCount())]
    for i in range(item.childCount()):
        texts += all_texts(item.child(i))
    return texts


def enter_date(field_widget: DateField, text: str) -> None:
    """Type a date as the clerk does and press Enter (the field then takes it)."""
    retype(field_widget.edit, text)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            field_widget.edit, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        )


def click_start(qtbot, window: CorporationWindow, kind: CaseKind) -> None:
    """Two clicks: the 「手続を開始」 button, then the kind in its menu."""
    menu = window.start_menu
    action = window.start_actions[kind]

    def pick() -> None:
        assert menu.isVisible()
        rect = menu.actionGeometry(window.start_actions[kind])
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())

    assert action.isEnabled()
    QTimer.singleShot(0, pick)
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)


# --- the corporation window ------------------------------------------------------------------------


def test_the_window_shows_facts_standing_timeline_deadlines_and_history(demo, open_window):
    window = open_window(corporation_id(demo))
    assert window.edits["name"].text() == DEMO_NAME
    assert window.title_label.text() == DEMO_NAME
    assert window.status_label.text().startswith("設立済 — 設立の登記 (平成")
    assert "日南市" in window.address_label.text()
    kinds = top_texts(window, window.KIND)
    assert kinds == ["設立認証", "役員の変更等の届出", "認定", "定款変更認証"]
    stages = dict(zip(kinds, top_texts(window, window.STAGE), strict=True))
    assert stages["定款変更認証"] == "縦覧中" and stages["認定"] == "有効期間中"
    tree = window.procedures
    texts = [t for i in range(tree.topLevelItemCount()) for t in all_texts(tree.topLevelItem(i))]
    assert any(t.startswith("令和") for t in texts)
    accreditation = tree.topLevelItem(kinds.index("認定"))
    steps = {
        accreditation.child(i).text(1).strip(): accreditation.child(i).text(3)
        for i in range(accreditation.childCount())
    }
    assert steps["認定"] == "令和4年5月2日(月)"
    assert steps["有効期間の満了日"] == "令和9年5月1日(土)"  # 51条1項: 5 years counted from the 認定の日
    assert not [t for t in texts if re.search(r"\d{4}-\d{2}-\d{2}", t)]  # 和暦 only, no raw ISO dates
    assert not [t for t in texts if re.search(r"[a-z]+_[a-z]+", t)]  # no enum values
    labels = {(row.case_number, row.label) for row in window.deadlines_model.rows()}
    amendment = next(
        p for p in st.corporation_cases(demo, window.corporation_id) if p.kind is CaseKind.ARTICLES_AMENDMENT
    )
    assert (amendment.number, "縦覧期間の末日") in labels
    assert any(label.startswith("有効期間の更新申請期間") for _, label in labels)


def test_the_corporations_own_facts_are_saved_with_history(qtbot, demo, open_window):
    window = open_window(corporation_id(demo))
    retype(window.edits["representative"], "長友 二郎")
    assert window.isWindowModified()
    with qtbot.waitSignal(window.saved) as signal:
        window.save_action.trigger()
    assert signal.args == [window.corporation_id]
    assert st.get_corporation(demo, window.corporation_id).representative == "長友 二郎"
    assert not window.isWindowModified()
    tree = window.history_tab.tree
    assert any(tree.topLevelItem(i).text(4) == "長友 二郎" for i in range(tree.topLevelItemCount()))


def test_a_wrong_corporate_number_is_refused_and_nothing_is_stored(demo, open_window, seen):
    window = open_window(corporation_id(demo))
    before = st.get_corporation(demo, window.corporation_id)
    retype(window.edits["corporate_number"], "1234567890123")
    assert not window.save()
    assert seen.errors and "法人番号" in seen.errors[0]
    assert st.get_corporation(demo, window.corporation_id) == before
    assert window.isWindowModified()  # the clerk's typing stays to be corrected


def test_a_corporation_saved_elsewhere_is_not_overwritten(demo, open_window, seen):
    window = open_window(corporation_id(demo))
    elsewhere = st.get_corporation(demo, window.corporation_id)
    st.save_corporation(demo, replace(elsewhere, notes="別の職員のメモ"), who="黒木")
    retype(window.edits["name_kana"], "オビジョウカマチ ホゾンカイ")
    assert not window.save()  # refused: the message, nothing overwritten
    assert "別の画面" in seen.errors[0]
    stored = st.get_corporation(demo, window.corporation_id)
    assert stored.notes == "別の職員のメモ" and stored.name_kana != "オビジョウカマチ ホゾンカイ"
    seen.rebase.append(True)  # 最新の内容に反映: the other clerk's note and this window's kana
    assert not window.save()
    assert window.edits["notes"].text() == "別の職員のメモ"
    assert window.save()
    stored = st.get_corporation(demo, window.corporation_id)
    assert (stored.notes, stored.name_kana) == ("別の職員のメモ", "オビジョウカマチ ホゾンカイ")


def test_a_group_still_applying_cannot_start_later_procedures(store, open_window):
    """13条1項: not a 法人 before its 設立の登記 — the menu greys those kinds out and says why."""
    applying = st.create_case(store, sample_case(), who="田中", today=TODAY)
    window = open_window(applying.corporation_id or 0)
    assert window.standing_label.text() == "申請中"
    assert window.status_label.text().startswith("申請中 (名称・フリガナ・代表者は、設立の申請の内容に")
    for kind in (CaseKind.ARTICLES_AMENDMENT, CaseKind.DISSOLUTION, CaseKind.OFFICER_CHANGE_NOTICE):
        action = window.start_actions[kind]
        assert not action.isEnabled()
        assert "まだ法人ではありません" in action.toolTip()
    assert window.start_button.menu() is window.start_menu


def test_a_group_whose_application_ended_reads_as_the_list_says(demo, open_window):
    """13条1項: a group refused (or withdrawn) never became a 法人; shown as the 法人 list shows it."""
    ended = next(
        c
        for c in st.list_corporations(demo, st.load_settings(demo), TODAY)
        for p in st.corporation_cases(demo, c.id)
        if p.kind is CaseKind.ESTABLISHMENT
        and (p.date_of(MilestoneKind.REFUSED) or p.date_of(MilestoneKind.WITHDRAWN))
    )
    window = open_window(ended.id)
    assert window.standing_label.text() in ("不認証・未設立", "取下げ・未設立")
    assert "法人になっていません" in window.status_label.text()


def test_an_established_corporation_cannot_start_a_second_establishment(demo, open_window):
    window = open_window(corporation_id(demo))
    action = window.start_actions[CaseKind.ESTABLISHMENT]
    assert not action.isEnabled() and "既に法人です" in action.toolTip()
    assert window.start_actions[CaseKind.ARTICLES_AMENDMENT].isEnabled()


def test_start_hands_the_new_procedure_to_the_main_window(qtbot, demo, open_window):
    window = open_window(corporation_id(demo))
    opened: list[int] = []
    window.procedure_opened.connect(opened.append)
    with qtbot.waitSignal(window.procedure_started) as started:
        click_start(qtbot, window, CaseKind.OFFICER_CHANGE_NOTICE)
    assert opened == started.args
    started_case = st.get_case(demo, opened[0])
    assert started_case.kind is CaseKind.OFFICER_CHANGE_NOTICE
    assert started_case.clerk == "黒木 翔太"  # the 担当 of the corporation's latest procedure
    assert window.editors == {}  # the main window opens it in its own registry
    assert "役員の変更等の届出" in top_texts(window, window.KIND)[-1]


# --- the procedure editor --------------------------------------------------------------------------


def test_start_a_definition_change_record_its_receipt_and_certification(qtbot, demo, open_window):
    """Two clicks start a 定款変更認証 (25条3項) and open it; 受理 then sets its 縦覧 (10条2項 via 25条5項),
    補正 and decision deadlines, and 認証 after the 縦覧 ends them."""
    window = open_window(corporation_id(demo))
    click_start(qtbot, window, CaseKind.ARTICLES_AMENDMENT)
    (case_id, editor) = next(iter(window.editors.items()))
    assert isinstance(editor, ProcedureEditor)
    assert editor.title_label.text().split("　")[1] == "定款変更認証"
    assert editor.deadlines_tab.findChild(object, "noDeadlines") is not None

    enter_date(editor.procedure_tab.date_fields[MilestoneKind.RECEIVED], "R8.11.2")
    assert editor.session.case.date_of(MilestoneKind.RECEIVED) == date(2026, 11, 2)
    shown = editor.deadlines_tab.body
    inspection = shown.findChild(object, f"deadline_{DeadlineKey.PUBLIC_INSPECTION_END.value}")
    assert inspection is not None and inspection.text().startswith("令和8年11月16日")  # 2 weeks (2021-)
    assert editor.save()
    window.refresh()
    pending = {row.label for row in window.deadlines_model.rows() if row.case_id == case_id}
    assert pending == {"認証・不認証の決定期限"}  # 縦覧 and 補正 are over by 12月2日

    editor.procedure_tab.registered_check.setChecked(True)  # type: ignore[union-attr]
    enter_date(editor.procedure_tab.date_fields[MilestoneKind.CERTIFIED], "2026-12-01")
    enter_date(editor.procedure_tab.date_fields[MilestoneKind.CERTIFICATE_DELIVERED], "20261202")
    assert not editor.procedure_tab.problem_label.isVisibleTo(editor)
    with qtbot.waitSignal(editor.saved):
        assert editor.save()
    stored = st.get_case(demo, case_id)
    assert stored.date_of(MilestoneKind.CERTIFIED) == date(2026, 12, 1) and stored.registered_change
    window.refresh()
    pending = {row.label for row in window.deadlines_model.rows() if row.case_id == case_id}
    assert pending == {"定款変更の登記の期限"}  # 組合等登記令3条: 2 weeks from the certificate
    assert editor.stage_label.text() == "段階: 登記待ち"
    tree = editor.history_tab.tree
    labels = {tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())}
    assert {"受理", "認証", "認証書の到達"} <= labels  # the procedure's own names, not 設立's 「申請受理」


def test_a_future_date_is_refused_and_the_store_is_untouched(qtbot, demo, open_window, seen):
    window = open_window(corporation_id(demo))
    click_start(qtbot, window, CaseKind.ARTICLES_AMENDMENT_NOTICE)
    case_id, editor = next(iter(window.editors.items()))
    before = st.get_case(demo, case_id)
    enter_date(editor.procedure_tab.date_fields[MilestoneKind.OCCURRED], "2026-12-03")
    problem = editor.procedure_tab.problem_label
    assert problem.isVisibleTo(editor) and "今日" in problem.text()
    assert not editor.save()
    assert seen.errors and "まだ起きていないこと" in seen.errors[0]
    assert st.get_case(demo, case_id) == before
    assert editor.isWindowModified()


def test_a_decision_within_the_inspection_is_refused(qtbot, demo, open_window, seen):
    """12条2項 (applied by 25条5項): no decision before the 縦覧 has ended."""
    window = open_window(corporation_id(demo))
    amendment = next(
        p for p in st.corporation_cases(demo, window.corporation_id) if p.kind is CaseKind.ARTICLES_AMENDMENT
    )
    editor = editor_for(demo, amendment.id or 0)
    try:
        assert isinstance(editor, ProcedureEditor)
        enter_date(editor.procedure_tab.date_fields[MilestoneKind.CERTIFIED], "2026-12-01")
        assert not editor.save()
        assert "縦覧期間" in seen.errors[-1]
        assert st.get_case(demo, amendment.id or 0) == amendment
    finally:
        editor.undo_stack.setClean()
        editor.close()
        editor.deleteLater()


def test_a_procedure_saved_elsewhere_gets_the_concurrency_message(qtbot, demo, open_window, seen):
    window = open_window(corporation_id(demo))
    click_start(qtbot, window, CaseKind.OFFICER_CHANGE_NOTICE)
    case_id, editor = next(iter(window.editors.items()))
    st.save_case(demo, replace(st.get_case(demo, case_id), notes="電話あり"), who="黒木")
    editor.procedure_tab.notes_edit.setFocus()
    type_text(editor.procedure_tab.notes_edit, "書類を受け取った")
    assert not editor.save()
    assert "別の画面" in seen.errors[0]
    assert st.get_case(demo, case_id).notes == "電話あり"


def test_topics_say_whether_the_change_needs_certification(qtbot, demo, open_window):
    """25条3項 (from 2012-04-01): 目的 needs 認証; 25条6項: 資産に関する事項 is only notified."""
    window = open_window(corporation_id(demo))
    click_start(qtbot, window, CaseKind.ARTICLES_AMENDMENT)
    _case_id, editor = next(iter(window.editors.items()))
    tab = editor.procedure_tab
    label = tab.certification_label
    assert label is not None
    tab.topic_checks[next(t for t in tab.topic_checks if t.value == "assets")].setChecked(True)
    assert "届出で足りる" in label.text() and "届出として扱って" in label.text()
    tab.topic_checks[next(t for t in tab.topic_checks if t.value == "purpose")].setChecked(True)
    assert label.text() == "認証が必要な定款変更です (法第25条第3項)。"
    assert editor.session.case.articles_topics
    editor.undo_action.trigger()
    assert len(editor.session.case.articles_topics) == 1


def test_closing_with_unsaved_edits_asks_and_cancel_keeps_them(qtbot, demo, open_window, monkeypatch):
    window = open_window(corporation_id(demo))
    click_start(qtbot, window, CaseKind.OFFICER_CHANGE_NOTICE)
    case_id, editor = next(iter(window.editors.items()))
    enter_date(editor.procedure_tab.date_fields[MilestoneKind.OCCURRED], "2026-11-30")
    asked: list[str] = []

    def cancel(_parent: object, name: str) -> QMessageBox.StandardButton:
        asked.append(name)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(dialog_module, "ask_unsaved", cancel)
    assert not editor.close()
    assert asked and "役員の変更等の届出" in asked[0]
    assert editor.session.case.date_of(MilestoneKind.OCCURRED) == date(2026, 11, 30)
    retype(window.edits["notes"], "理事長交代の予定")
    assert not window.close()  # its editor keeps its edits, so the corporation window stays too
    monkeypatch.setattr(dialog_module, "ask_unsaved", lambda *_: QMessageBox.StandardButton.Save)
    assert window.close()
    assert st.get_case(demo, case_id).date_of(MilestoneKind.OCCURRED) == date(2026, 11, 30)
    assert st.get_corporation(demo, window.corporation_id).notes == "理事長交代の予定"


def test_f1_opens_the_guide_at_the_corporation_window_and_the_procedure_editor(qtbot, demo, open_window):
    from tests.gui.test_help import heading_on_top, help_of

    window = open_window(corporation_id(demo))
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    shown = help_of(window)
    assert shown is not None and shown.current_topic is HelpTopic.CORPORATION
    assert heading_on_top(shown) == "法人の画面"
    click_start(qtbot, window, CaseKind.ARTICLES_AMENDMENT)
    _case_id, editor = next(iter(window.editors.items()))
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor, Qt.Key.Key_F1)
    shown = help_of(editor)
    assert shown is not None
    assert shown.current_topic is HelpTopic.PROCEDURE_EDITOR
    assert heading_on_top(shown).startswith("手続の画面")


def test_from_the_main_window_a_definition_change_reaches_the_dashboard(qtbot, demo):
    """The issue's hand check as a test: open a corporation from the main window, start a 定款変更認証
    in two clicks, record 受理 (25条5項: 縦覧・補正・決定) and then 認証 and the 認証書's arrival
    (組合等登記令3条: the 変更の登記 within 2 weeks), and see each on 今日の期限."""
    from npo_desk.gui.main_window import MainWindow

    main = MainWindow(demo)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: not main.loading)
    settings = st.load_settings(demo)
    founded = next(c for c in st.list_corporations(demo, settings, TODAY) if "日南IT" in c.name)
    main.open_corporation(founded.id)
    window = main.corporation_windows[founded.id]
    click_start(qtbot, window, CaseKind.ARTICLES_AMENDMENT)
    assert window.editors == {}  # the main window keeps the editors
    case_id, editor = next(iter(main.procedure_editors.items()))

    def on_dashboard() -> set[str]:
        qtbot.waitUntil(lambda: not main.loading)
        return {row.label for row in main.dashboard.model.rows() if row.case_id == case_id}

    enter_date(editor.procedure_tab.date_fields[MilestoneKind.RECEIVED], "2026-11-27")
    assert editor.save()
    assert on_dashboard() == {"縦覧期間の末日", "補正の期限", "認証・不認証の決定期限"}
    enter_date(editor.procedure_tab.date_fields[MilestoneKind.RECEIVED], "2026-10-01")
    assert editor.save()
    assert on_dashboard() == {"認証・不認証の決定期限"}
    editor.procedure_tab.registered_check.setChecked(True)  # type: ignore[union-attr]
    enter_date(editor.procedure_tab.date_fields[MilestoneKind.CERTIFIED], "2026-11-20")
    enter_date(editor.procedure_tab.date_fields[MilestoneKind.CERTIFICATE_DELIVERED], "2026-11-24")
    assert editor.save()
    assert on_dashboard() == {"定款変更の登記の期限"}
    window_rows = {row.label for row in window.deadlines_model.rows() if row.case_id == case_id}
    assert window_rows == {"定款変更の登記の期限"}  # the open corporation window followed the save
    editor.close()
    window.close()


def test_a_renewal_takes_the_previous_expiry_from_the_accreditation_in_force(qtbot, demo, open_window):
    """51条2項・3項: the renewal continues the 認定's 有効期間 (5 years from 認定の日, 51条1項) and is
    applied for 6 to 3 months before its end, so that end lies ahead of the receipt."""
    window = open_window(corporation_id(demo))
    click_start(qtbot, window, CaseKind.ACCREDITATION_RENEWAL)
    case_id, editor = next(iter(window.editors.items()))
    tab = editor.procedure_tab
    assert tab.expiry_button is not None and tab.expiry_button.isVisibleTo(editor)
    assert "令和9年5月1日" in tab.expiry_button.text()  # 認定 on 令和4年5月2日 + 5 years
    tab.expiry_button.click()
    assert editor.session.case.date_of(MilestoneKind.PREVIOUS_EXPIRY) == date(2027, 5, 1)
    assert not tab.expiry_button.isVisibleTo(editor)
    enter_date(tab.date_fields[MilestoneKind.RECEIVED], "2026-12-01")
    assert editor.save()
    stored = st.get_case(demo, case_id)
    assert stored.date_of(MilestoneKind.PREVIOUS_EXPIRY) == date(2027, 5, 1)
    window.refresh()
    labels = {row.label for row in window.deadlines_model.rows()}
    assert not any(label.startswith("有効期間の更新申請期間") for label in labels)  # applied for


def test_a_new_day_moves_the_timeline_on(demo, open_window, monkeypatch):
    """10条2項 via 25条5項: after the 縦覧's last day the 定款変更 is 審査中, without reopening."""
    window = open_window(corporation_id(demo))
    stages = dict(zip(top_texts(window, window.KIND), top_texts(window, window.STAGE), strict=True))
    assert stages["定款変更認証"] == "縦覧中"
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 14))
    window.day_watcher.check()
    stages = dict(zip(top_texts(window, window.KIND), top_texts(window, window.STAGE), strict=True))
    assert stages["定款変更認証"] == "審査中"


def test_the_procedure_editor_offers_the_letters_of_its_procedure(demo, monkeypatch):
    """ファイル → 文書を作成 ▸ as in the case editor; unsaved edits are saved first (asked)."""
    from npo_desk.domain.letters import LetterKind
    from npo_desk.gui import letter_actions

    asked: list[tuple[int, LetterKind]] = []
    monkeypatch.setattr(
        letter_actions, "create_letter", lambda _p, _s, case_id, kind: asked.append((case_id, kind))
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Save)
    amendment = next(
        p for p in st.corporation_cases(demo, corporation_id(demo)) if p.kind is CaseKind.ARTICLES_AMENDMENT
    )
    editor = ProcedureEditor(demo, amendment.id or 0)
    try:
        letters = editor.findChild(QMenu, "menuLetters")
        assert letters is not None and letters.menuAction() in editor.findChild(QMenu, "menuFile").actions()
        editor.procedure_tab.notes_edit.setFocus()
        type_text(editor.procedure_tab.notes_edit, "補正を依頼")
        editor.findChild(QAction, f"letter_{LetterKind.NINSHO.value}").trigger()
        assert asked == [(amendment.id, LetterKind.NINSHO)]
        assert "補正を依頼" in st.get_case(demo, amendment.id or 0).notes  # saved first
    finally:
        editor.undo_stack.setClean()
        editor.close()
        editor.deleteLater()


def test_the_timeline_opens_each_procedure_in_its_own_editor(qtbot, demo, open_window):
    """設立認証 in the case editor, the later kinds in the procedure editor (``editor_for``); once each."""
    from npo_desk.gui.editor import CaseEditor

    window = open_window(corporation_id(demo))
    tree = window.procedures
    first, last = tree.topLevelItem(0), tree.topLevelItem(tree.topLevelItemCount() - 1)
    tree.setCurrentItem(first)
    window.open_action.trigger()
    tree.itemActivated.emit(last.child(0), 0)  # Enter / double-click on a date row of the 定款変更
    editors = list(window.editors.values())
    assert [type(e) for e in editors] == [CaseEditor, ProcedureEditor]
    tree.itemActivated.emit(last, 0)
    assert len(window.editors) == 2  # raised, not opened twice


# --- the 役員名簿 of a 役員変更届 ------------------------------------------------------------------


def officer_names(window: CorporationWindow) -> list[str]:
    table = window.officers_table
    return [table.item(row, 0).text() for row in range(table.rowCount())]


def test_an_officer_change_notice_edits_the_officers_and_the_window_shows_them(qtbot, demo, open_window):
    """A 役員変更届 (23条1項; a new officer: 23条2項) carries the 役員名簿 after the change: it starts
    as the corporation's current list, is edited in the case editor's officers tab with the findings
    the Act asks of the officers at all times (2条2項1号ロ: paid officers at most a third), and once
    received and saved is the list the corporation window shows."""
    window = open_window(corporation_id(demo))
    assert window.tabs.tabText(window.tabs.indexOf(window.officers_view)) == "役員"
    assert officer_names(window) == ["長友 一郎", "黒木 恵美", "坂元 勇", "矢野 和夫"]  # the demo's notice
    assert "役員の変更等の届出" in window.officers_note.text()
    click_start(qtbot, window, CaseKind.OFFICER_CHANGE_NOTICE)
    (case_id, editor) = next(iter(window.editors.items()))
    assert isinstance(editor, ProcedureEditor) and editor.officers_tab is not None
    tab = editor.officers_tab
    editor.tabs.setCurrentWidget(tab)
    assert editor.tabs.tabText(editor.tabs.currentIndex()) == "役員"
    assert not tab.member_count.isVisibleTo(editor)  # a notice has no 社員数
    assert [o.name for o in editor.session.case.officers] == officer_names(window)

    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    cell = tab.table.viewport().findChild(QLineEdit)
    assert cell is not None
    type_text(cell, "日高 翔太")
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.session.case.officers[-1].name == "日高 翔太")
    model = tab.model
    model.setData(model.index(0, PAID), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(1, PAID), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert any("第2条第2項第1号ロ" in text for text in tab.officer_findings.texts())  # 2 of 5 paid
    model.setData(model.index(1, PAID), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert tab.officer_findings.texts() == ["役員の要件を満たしています。"]

    enter_date(editor.procedure_tab.date_fields[MilestoneKind.RECEIVED], "R8.11.30")
    with qtbot.waitSignal(editor.saved):
        assert editor.save()
    stored = st.get_case(demo, case_id).officers
    assert [o.name for o in stored] == ["長友 一郎", "黒木 恵美", "坂元 勇", "矢野 和夫", "日高 翔太"]
    assert stored[0].paid and not stored[1].paid
    assert officer_names(window) == [o.name for o in stored]  # the window refreshed on the save
    assert st.get_case(demo, case_id).number in window.officers_note.text()
    assert window.officers_table.item(0, 3).text() == "報酬あり"
    tree = editor.history_tab.tree
    assert "役員" in {tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())}


def test_an_officer_without_a_name_is_not_stored(qtbot, demo, open_window, seen):
    window = open_window(corporation_id(demo))
    click_start(qtbot, window, CaseKind.OFFICER_CHANGE_NOTICE)
    (case_id, editor) = next(iter(window.editors.items()))
    assert editor.officers_tab is not None
    editor.officers_tab.model.add_officer()
    assert not editor.save()
    assert seen.errors and "5行目の役員の氏名が空欄" in seen.errors[-1]
    assert len(st.get_case(demo, case_id).officers) == 4


def test_only_the_officer_change_notice_has_an_officers_tab(demo):
    for case in st.corporation_cases(demo, corporation_id(demo)):
        if case.kind is CaseKind.ESTABLISHMENT:
            continue
        editor = ProcedureEditor(demo, case.id or 0)
        try:
            assert (editor.officers_tab is not None) is (case.kind is CaseKind.OFFICER_CHANGE_NOTICE)
        finally:
            editor.close()
            editor.deleteLater()


def test_a_notified_move_of_the_office_changes_the_main_office_once_received(qtbot, demo, open_window):
    """25条6項: a move of the office within the 所轄庁 (11条1項4号) is notified; the 定款変更届 carries
    the new offices (its 事務所 tab, shown while that topic is chosen) and, once received, they are
    the corporation's."""
    window = open_window(corporation_id(demo))
    before = window.address_label.text()
    click_start(qtbot, window, CaseKind.ARTICLES_AMENDMENT_NOTICE)
    _case_id, editor = next(iter(window.editors.items()))
    assert editor.offices_tab is not None
    index = editor.tabs.indexOf(editor.offices_tab)
    assert not editor.tabs.isTabVisible(index)
    editor.procedure_tab.topic_checks[ArticlesTopic.OFFICE].setChecked(True)
    assert editor.tabs.isTabVisible(index)
    editor.tabs.setCurrentIndex(index)
    edit = editor.offices_tab.main_edit
    assert edit.text() == before  # starts from the offices in force
    edit.setFocus()
    retype(edit, "宮崎県日南市油津1丁目2番3号")
    edit.clearFocus()
    assert editor.save()
    assert window.address_label.text() == before  # not received yet: not in effect
    enter_date(editor.procedure_tab.date_fields[MilestoneKind.RECEIVED], "R8.12.1")
    with qtbot.waitSignal(editor.saved):
        assert editor.save()
    assert window.address_label.text() == "宮崎県日南市油津1丁目2番3号"


def test_the_articles_tab_shows_the_purpose_and_fiscal_year_in_force(demo, open_window):
    """25条6項: a change of 事業年度 (11条1項10号) is notified; once received it is the corporation's,
    and the window's 定款 tab says so and which procedure it comes from (目的 stays the 設立 case's)."""
    corporation = corporation_id(demo)
    founding = next(c for c in st.corporation_cases(demo, corporation) if c.kind is CaseKind.ESTABLISHMENT)
    window = open_window(corporation)
    assert window.tabs.tabText(window.tabs.indexOf(window.articles_view)) == "定款 (目的・事業年度)"
    assert window.purpose_label.text().startswith(founding.purpose)
    assert founding.number in window.purpose_label.text()
    assert window.fiscal_year_label.text().startswith("4月1日から翌年3月31日まで")
    started = st.start_procedure(
        demo, corporation, CaseKind.ARTICLES_AMENDMENT_NOTICE, who="田中", today=TODAY
    )
    topics = (ArticlesTopic.FISCAL_YEAR,)
    notice = st.save_case(
        demo, replace(started, articles_topics=topics, fiscal_year_start=(1, 1)), who="黒木"
    )
    window.refresh()
    assert window.fiscal_year_label.text().startswith("4月1日から翌年3月31日まで")  # not received yet
    received = (st.Milestone(MilestoneKind.RECEIVED, date(2026, 12, 1)),)
    st.save_case(demo, replace(notice, milestones=received), who="黒木")
    window.refresh()
    assert window.fiscal_year_label.text().startswith("1月1日から12月31日まで")
    assert notice.number in window.fiscal_year_label.text()
    assert window.purpose_label.text().startswith(founding.purpose)


def test_a_notice_of_a_new_fiscal_year_is_entered_in_its_editor(qtbot, demo, open_window):
    """25条6項: the 定款変更届 of 事業年度 (11条1項10号) carries the new start (its 目的・事業年度 tab,
    shown while that topic is chosen, the purpose box only with 目的); received, it is the corporation's.
    活動分野 (3号) has the case editor's checklist, shown with its topic."""
    window = open_window(corporation_id(demo))
    click_start(qtbot, window, CaseKind.ARTICLES_AMENDMENT_NOTICE)
    _case_id, editor = next(iter(window.editors.items()))
    tab, activities = editor.articles_tab, editor.activities_tab
    assert tab is not None and activities is not None
    index = editor.tabs.indexOf(tab)
    assert not editor.tabs.isTabVisible(index) and not editor.tabs.isTabVisible(
        editor.tabs.indexOf(activities)
    )
    editor.procedure_tab.topic_checks[ArticlesTopic.FISCAL_YEAR].setChecked(True)
    assert editor.tabs.isTabVisible(index)
    editor.tabs.setCurrentIndex(index)
    assert tab.fiscal_month.isVisible() and not tab.purpose_edit.isVisible()
    tab.fiscal_month.setValue(1)
    assert editor.session.case.fiscal_year_start == (1, 1)
    assert editor.save()
    assert window.fiscal_year_label.text().startswith("4月1日から翌年3月31日まで")  # not received yet
    enter_date(editor.procedure_tab.date_fields[MilestoneKind.RECEIVED], "R8.12.1")
    with qtbot.waitSignal(editor.saved):
        assert editor.save()
    assert window.fiscal_year_label.text().startswith("1月1日から12月31日まで")
    editor.procedure_tab.topic_checks[ArticlesTopic.ACTIVITIES].setChecked(True)
    assert editor.tabs.isTabVisible(editor.tabs.indexOf(activities)) and activities.boxes


def test_the_procedures_clerk_is_chosen_from_the_settings_clerks_and_keeps_a_former_one(demo):
    """The 手続 tab's 担当 lists (未定) and 設定's clerks, plus a clerk who has since left when the
    procedure names one; a choice is one undo step (the same combo as the case editor's 基本情報)."""
    settings = st.load_settings(demo)
    st.save_settings(demo, replace(settings, clerks=("田中 恵子", "黒木 翔太")), who="テスト")
    amendment = next(
        p for p in st.corporation_cases(demo, corporation_id(demo)) if p.kind is CaseKind.ARTICLES_AMENDMENT
    )
    st.save_case(demo, replace(amendment, clerk="前任 次郎"), who="テスト")
    editor = ProcedureEditor(demo, amendment.id or 0)
    try:
        combo = editor.procedure_tab.clerk_combo
        assert [combo.itemText(i) for i in range(combo.count())] == [
            "(未定)",
            "田中 恵子",
            "黒木 翔太",
            "前任 次郎",
        ]
        assert combo.currentText() == "前任 次郎"
        combo.setCurrentIndex(1)
        combo.activated.emit(1)
        assert editor.session.case.clerk == "田中 恵子"
        assert editor.undo_stack.undoText() == "担当者"
        editor.undo_stack.undo()
        assert editor.session.case.clerk == "前任 次郎" and combo.currentText() == "前任 次郎"
    finally:
        editor.undo_stack.setClean()
        editor.close()
        editor.deleteLater()
