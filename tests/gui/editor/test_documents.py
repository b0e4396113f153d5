"""The 書類 tab: the application's documents per law version, their status, 縦覧 marks and the
findings for missing ones with the 補正 deadline (特定非営利活動促進法10条1項・2項・4項)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from npo_desk import store as case_store
from npo_desk.domain.documents import AttachmentRecord, AttachmentStatus
from npo_desk.gui.editor.documents_model import CORRECTION, INSPECTED, NAME, ON, STATUS
from npo_desk.store import CaseKind
from tests.gui.editor.cases import case

DISPLAY = Qt.ItemDataRole.DisplayRole


def row_of(model, key: str) -> int:
    return next(r for r in range(model.rowCount()) if model.attachment(r).key == key)


def texts(model, column: int) -> list[str]:
    return [model.data(model.index(r, column), DISPLAY) for r in range(model.rowCount())]


def cell_editor(tab, key: str, column: int, kind):
    """Open the cell of the document ``key`` in ``column`` as the clerk does; its editor (a ``kind``)."""
    index = tab.model.index(row_of(tab.model, key), column)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = tab.table.viewport().findChild(kind)
    assert editor is not None
    return editor


def test_tab_lists_the_current_documents_with_inspection_marks(create, open_editor) -> None:
    """10条1項 (現行) and 10条2項: the 特定添付書類, the officer list without addresses."""
    stored = create(case(received=date(2026, 11, 20)))
    editor = open_editor(stored.id)
    tab = editor.documents_tab
    assert editor.tabs.isTabVisible(editor.tabs.indexOf(tab))
    model = tab.model
    names = texts(model, NAME)
    assert "設立当初の事業年度及び翌事業年度の活動予算書" in names
    assert "収支予算書" not in "".join(names)
    marks = texts(model, INSPECTED)
    assert marks[row_of(model, "officer_list")] == "◯ (住所を除く)"
    assert marks[row_of(model, "articles")] == "◯"
    assert marks[row_of(model, "members")] == ""
    assert "特定添付書類" in tab.intro.text()


def test_a_2011_application_lists_the_income_budget(create, open_editor) -> None:
    """平成23年法律第70号附則第3条第1項: applications before 2012-04-01 keep the 収支予算書."""
    stored = create(case(received=date(2011, 6, 1)))
    model = open_editor(stored.id).documents_tab.model
    names = texts(model, NAME)
    assert any(name.endswith("収支予算書") for name in names)
    assert not any(name.endswith("活動予算書") for name in names)
    assert texts(model, INSPECTED)[row_of(model, "officer_list")] == "◯"  # addresses not withheld then


def test_missing_documents_are_findings_with_the_correction_deadline(create, open_editor) -> None:
    """A missing document is a finding; the 補正 deadline (10条4項: 受理から1週間) is beside it."""
    stored = create(case(received=date(2026, 11, 25)))
    editor = open_editor(stored.id)
    tab = editor.documents_tab
    model = tab.model
    count = model.rowCount()
    assert len(editor.session.derived.document_findings) == count
    (summary,) = tab.findings.texts()  # many: counted in one line, the table marks each row
    assert f"未提出の書類が{count}件" in summary and "補正の期限 令和8年12月2日" in summary
    correction = texts(model, CORRECTION)[row_of(model, "articles")]
    assert correction.startswith("令和8年12月2日")
    assert f"書類: 未提出 {count}件" in editor.basics_tab.checks.text()

    row = row_of(model, "articles")
    assert model.setData(model.index(row, STATUS), AttachmentStatus.RECEIVED.value)
    record = model.record(row)
    assert record.status is AttachmentStatus.RECEIVED and record.on == date(2026, 11, 28)
    assert len(editor.session.derived.document_findings) == count - 1
    assert texts(model, CORRECTION)[row] == ""

    for other in range(model.rowCount()):
        if model.attachment(other).key not in ("officer_list", "confirmation"):
            model.set_status(other, AttachmentStatus.RECEIVED)
    shown = tab.findings.texts()  # few: one by one, each with its article and the deadline
    assert len(shown) == 2
    assert "「役員名簿」が提出されていません — 補正の期限 令和8年12月2日" in shown[0]
    assert shown[0].endswith("(第10条第1項第2号イ)")

    editor.undo_stack.undo()  # the last receipt taken back: three missing, still one by one
    assert len(tab.findings.texts()) == 3


def test_date_and_status_stay_consistent(create, open_editor) -> None:
    """A day marks a missing document received; clearing it (or 未提出) makes it missing again."""
    stored = create(case(received=date(2026, 11, 25)))
    model = open_editor(stored.id).documents_tab.model
    row = row_of(model, "officer_list")
    assert model.setData(model.index(row, ON), date(2026, 11, 26))
    received = AttachmentRecord("officer_list", AttachmentStatus.RECEIVED, date(2026, 11, 26))
    assert model.record(row) == received
    assert model.set_status(row, AttachmentStatus.CORRECTED)
    assert model.record(row).status is AttachmentStatus.CORRECTED
    assert model.data(model.index(row, STATUS), DISPLAY) == "補正済"
    assert model.setData(model.index(row, ON), None)
    assert model.record(row).status is AttachmentStatus.MISSING and model.record(row).on is None
    assert not model.setData(model.index(row, STATUS), "nonsense")


def test_buttons_mark_the_selected_document(create, open_editor) -> None:
    stored = create(case(received=date(2026, 11, 25)))
    tab = open_editor(stored.id).documents_tab
    row = row_of(tab.model, "prospectus")
    tab.table.selectRow(row)
    assert tab.received_button.isEnabled() and not tab.missing_button.isEnabled()
    tab.corrected_button.click()
    assert tab.model.record(row).status is AttachmentStatus.CORRECTED
    assert tab.missing_button.isEnabled()
    tab.missing_button.click()
    assert tab.model.record(row).status is AttachmentStatus.MISSING


def test_no_findings_before_receipt(create, open_editor) -> None:
    """Before receipt nothing is missing yet, and nothing is said to be complete either: every row
    is 未提出 (a 相談 case), so 「そろっています」 would read as a wrong all-clear."""
    stored = create(case(received=None))
    tab = open_editor(stored.id).documents_tab
    assert tab.findings.texts() == []
    assert "申請を受理すると" in tab.intro.text()


def test_saved_documents_come_back_and_are_in_the_history(create, open_editor, store) -> None:
    """Saved with the case (one transaction, with history), loaded into the tab again."""
    stored = create(case(received=date(2026, 11, 25)))
    editor = open_editor(stored.id)
    model = editor.documents_tab.model
    model.set_status(row_of(model, "articles"), AttachmentStatus.RECEIVED)
    assert editor.save()
    again = case_store.get_case(store, stored.id)
    assert again.documents == (AttachmentRecord("articles", AttachmentStatus.RECEIVED, date(2026, 11, 28)),)
    history = case_store.case_history(store, stored.id)
    assert any(entry.field == "document:articles" for entry in history)


def test_tab_hidden_for_kinds_without_a_list(create, open_editor) -> None:
    stored = create(case(received=date(2026, 11, 25)))
    editor = open_editor(stored.id)
    index = editor.tabs.indexOf(editor.documents_tab)
    assert editor.tabs.isTabVisible(index)
    editor.session.edit("種別", kind=CaseKind.DISSOLUTION)
    assert not editor.tabs.isTabVisible(index)
    assert editor.documents_tab.model.rowCount() == 0


def test_an_articles_amendment_lists_25_4_and_its_conditional_documents(store, create, open_editor) -> None:
    """25条4項: minutes and the amended articles; plan and budget only for 11条1項3号・11号 (後段);
    26条2項 for a change of 所轄庁. Without recorded topics they are listed as 「該当する場合」."""
    from dataclasses import replace

    from npo_desk.domain.articles_topics import ArticlesTopic
    from npo_desk.store import Milestone, MilestoneKind
    from npo_desk.store.corporations import start_procedure

    registered = case(
        received=None,
        milestones=(
            Milestone(MilestoneKind.RECEIVED, date(2024, 4, 1)),
            Milestone(MilestoneKind.CERTIFIED, date(2024, 5, 20)),
            Milestone(MilestoneKind.CERTIFICATE_DELIVERED, date(2024, 5, 22)),
            Milestone(MilestoneKind.REGISTERED, date(2024, 6, 1)),
        ),
    )
    corporation_id = create(registered).corporation_id
    amendment = start_procedure(
        store, corporation_id, CaseKind.ARTICLES_AMENDMENT, who="テスト", today=date(2026, 11, 28)
    )
    amendment = case_store.save_case(
        store,
        replace(amendment, milestones=(Milestone(MilestoneKind.RECEIVED, date(2026, 11, 25)),)),
        who="テスト",
    )
    editor = open_editor(amendment.id)
    model = editor.documents_tab.model
    names = texts(model, NAME)
    assert names[:2] == ["定款の変更を議決した社員総会の議事録の謄本", "変更後の定款"]
    assert all(name.endswith("(該当する場合)") for name in names[2:])
    assert len(editor.session.derived.document_findings) == 2  # the conditional ones are never missing
    # The 補正 of a 定款変更 is 25条5項's (applying 10条4項): received 11-25, one week → 12-02.
    assert editor.session.derived.correction.basis.startswith("特定非営利活動促進法第25条第5項")
    assert texts(model, CORRECTION)[0].startswith("令和8年12月2日")

    editor.session.edit("定款の事項", articles_topics=(ArticlesTopic.ACTIVITIES,))
    assert [model.attachment(r).key for r in range(model.rowCount())] == [
        "amendment_minutes",
        "amended_articles",
        "business_plan",
        "activity_budget",
    ]
    assert len(editor.session.derived.document_findings) == 4


def test_the_day_is_typed_in_the_cell_with_the_apps_date_field(create, open_editor, qtbot) -> None:
    """The cell's editor is the app's DateField: 和暦 typed, read as the command line reads it."""
    from PySide6.QtCore import Qt as QtKeys

    from npo_desk.gui.date_field import DateField

    stored = create(case(received=date(2026, 11, 25)))
    tab = open_editor(stored.id).documents_tab
    field = cell_editor(tab, "members", ON, DateField)
    qtbot.keyClicks(field.edit, "R8.11.26")
    qtbot.keyClick(field.edit, QtKeys.Key.Key_Return)
    row = row_of(tab.model, "members")
    assert tab.model.record(row) == AttachmentRecord("members", AttachmentStatus.RECEIVED, date(2026, 11, 26))
    assert tab.model.data(tab.model.index(row, ON), DISPLAY) == "令和8年11月26日"


def test_a_record_off_the_new_list_stays_visible_and_can_be_cleared(create, open_editor) -> None:
    """The receipt date moves the case to another law version: what was recorded for a document the
    new list lacks is shown after the list (一覧外の記録) until the clerk clears it."""
    from npo_desk.store import Milestone, MilestoneKind

    stored = create(case(received=date(2012, 3, 30)))
    editor = open_editor(stored.id)
    model = editor.documents_tab.model
    model.set_status(row_of(model, "income_budget"), AttachmentStatus.RECEIVED)
    editor.session.edit("申請受理", milestones=(Milestone(MilestoneKind.RECEIVED, date(2012, 4, 2)),))
    names = texts(model, NAME)
    assert names[-1] == "収支予算書 (一覧外の記録)"
    assert any(name.endswith("活動予算書") for name in names)
    assert not any("「収支予算書」" in f.message for f in editor.session.derived.document_findings)
    model.set_status(model.rowCount() - 1, AttachmentStatus.MISSING)
    assert not any(name.startswith("収支予算書") for name in texts(model, NAME))


def test_the_status_is_chosen_in_the_cell_from_the_three_statuses(create, open_editor) -> None:
    """The 状況 cell opens a list (未提出・受領・補正済) showing the current one; a choice is recorded,
    dated today as the buttons date it."""
    from PySide6.QtWidgets import QComboBox

    stored = create(case(received=date(2026, 11, 25)))
    editor = open_editor(stored.id)
    tab = editor.documents_tab
    combo = cell_editor(tab, "articles", STATUS, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["未提出", "受領", "補正済"]
    assert combo.currentData() == AttachmentStatus.MISSING.value
    combo.setCurrentIndex(combo.findData(AttachmentStatus.RECEIVED.value))
    tab.table.commitData(combo)
    tab.table.closeEditor(combo, tab.table.itemDelegate().EndEditHint.NoHint)
    today = editor.session.derived.today
    row = row_of(tab.model, "articles")
    assert tab.model.record(row) == AttachmentRecord("articles", AttachmentStatus.RECEIVED, today)
    assert tab.model.data(tab.model.index(row, STATUS), DISPLAY) == "受領"
