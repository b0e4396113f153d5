"""The GUI entry points: dialogs answered by the test, files really written, errors as dialogs."""

from __future__ import annotations

import unicodedata
from datetime import date

import openpyxl
import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QLabel, QMessageBox, QWidget

from npo_desk import store
from npo_desk.gui import clock, report_actions
from npo_desk.reports.layouts import LEDGER_HEADER

from .conftest import TODAY


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


class Shown(list):
    """The message boxes a test's actions showed; ``answer`` is the button every box gets."""

    answer = QMessageBox.StandardButton.Ok


@pytest.fixture
def shown(monkeypatch):
    """Message boxes are recorded instead of shown; dialogs are accepted as they are."""
    boxes = Shown()
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(self) or boxes.answer)
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return boxes


@pytest.fixture
def preview(monkeypatch, tmp_path):
    """The print preview paints into a PDF printer instead of a window."""
    made: list = []

    def fake(parent, layout, paint, title):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        path = tmp_path / f"preview{len(made)}.pdf"
        printer.setOutputFileName(str(path))
        printer.setPageLayout(layout)
        paint(printer)
        made.append((title, path))

    monkeypatch.setattr(report_actions, "_show_preview", fake)
    return made


def _text(path):
    return "".join(unicodedata.normalize("NFKC", p.extract_text()) for p in pypdf.PdfReader(path).pages)


def test_print_deadline_report_previews_the_report(window, sample_store, shown, preview):
    report_actions.print_deadline_report(window, sample_store)
    ((title, path),) = preview
    assert title == "期限一覧表"
    assert "油津まちづくり協議会" in _text(path).replace("\n", "")


def test_print_revocation_report_previews_the_candidates(window, empty_store, shown, preview):
    """ファイル → 認証取消の候補を印刷: 43条1項's candidates as of today (the demo's 北郷里山の会)."""
    store.seed_demo(empty_store, TODAY)
    report_actions.print_revocation_report(window, empty_store)
    ((title, path),) = preview
    assert title == "認証取消の候補"
    text = _text(path).replace("\n", "")
    assert "北郷里山の会" in text and "第43条第1項" in text


def test_print_case_sheet_previews_one_page(window, sample_store, shown, preview):
    case = store.list_cases(sample_store, store.CaseQuery(text="子育て"))[0]
    report_actions.print_case_sheet(window, sample_store, case.id)
    ((title, path),) = preview
    assert title.startswith("案件票 ")
    assert len(pypdf.PdfReader(path).pages) == 1
    text = _text(path).replace("\n", "")
    for expected in ("日南子育てネット", "令和7年4月7日(月)", "縦覧期間の末日", "要件の確認"):
        assert expected in text


def test_export_dialog_writes_the_chosen_file(window, sample_store, shown, monkeypatch, tmp_path):
    target = tmp_path / "out"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    result = report_actions.export_cases(window, sample_store)
    assert result is not None and result.path == tmp_path / "out.xlsx"
    workbook = openpyxl.load_workbook(result.path)
    assert workbook.sheetnames == ["内閣府形式", "統計"]
    assert "3 行を書き出しました" in shown[0].text()


def test_import_dialog_reports_every_bad_row_and_imports_nothing(
    window, empty_store, shown, monkeypatch, tmp_path
):
    path = tmp_path / "ledger.csv"
    path.write_text(
        ",".join(LEDGER_HEADER) + "\n" + "会,,,,,,,,,2025-02-30\n" + "会2,,,,,,13/1\n", encoding="utf-8"
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialogs = []
    monkeypatch.setattr(report_actions.ImportProblemsDialog, "exec", lambda self: dialogs.append(self) or 0)
    assert report_actions.import_ledger(window, empty_store) is None
    (dialog,) = dialogs
    assert dialog.windowTitle() == "取り込みを中止しました"
    assert "誤りが 2 件" in dialog.findChild(QLabel, "summaryLabel").text()
    table = dialog.table
    assert table.rowCount() == 2
    assert [table.item(0, c).text() for c in range(3)] == ["2", "申請受理日", "2025-02-30"]
    assert "存在しない日付" in table.item(0, 3).text()
    dialog.copy()
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0] == "行\t列\t値\t理由" and copied[2].startswith("3\t事業年度開始日\t13/1\t")
    assert store.list_cases(empty_store) == []


def test_export_dialog_options_follow_the_form_and_are_remembered(window, shown):
    dialog = report_actions.ExportDialog(window)
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("ledger"))
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".csv"))
    dialog.encoding_box.setCurrentIndex(dialog.encoding_box.findData("utf-8-sig"))
    dialog.stage_box.setCurrentIndex(dialog.stage_box.findData("review"))
    assert dialog.encoding_box.isEnabled() and not dialog.date_from.isEnabled()
    dialog.use_range.setChecked(True)
    options = dialog.options()
    assert (options.layout.value, options.encoding, options.stage.value) == ("ledger", "utf-8-sig", "review")
    assert (options.date_from, options.date_to) == (TODAY.replace(month=4, day=1), TODAY)
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("statistics"))
    assert not dialog.stage_box.isEnabled() and dialog.options().stage is None
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("ledger"))
    dialog.accept()
    again = report_actions.ExportDialog(window)
    assert (again.layout_box.currentData(), again.format_box.currentData()) == ("ledger", ".csv")


def test_deadline_report_dialog_remembers_the_days(window, shown):
    dialog = report_actions.DeadlineReportDialog(window)
    assert dialog.days.value() == 30 and dialog.as_of.value() == date(2026, 11, 28)
    dialog.days.setValue(14)
    dialog.accept()
    assert report_actions.DeadlineReportDialog(window).days.value() == 14


def test_deadline_report_dialog_shows_the_day_in_wareki(window, shown):
    dialog = report_actions.DeadlineReportDialog(window)
    dialog.as_of.set_value(date(2025, 5, 6))
    assert dialog.as_of.wareki.text() == "令和7年5月6日(火)"


def test_import_dialog_confirms_then_imports(window, empty_store, shown, monkeypatch, tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_text(
        ",".join(LEDGER_HEADER) + ",電話\n" + "会,,,,,,,,,2025-02-03,,,,,,,,03\n", encoding="utf-8"
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    shown.answer = QMessageBox.StandardButton.Cancel
    assert report_actions.import_ledger(window, empty_store) is None
    assert shown[0].windowTitle() == "取り込みの確認" and "1 件を取り込みます" in shown[0].text()
    assert "電話" in shown[0].detailedText()
    assert store.list_cases(empty_store) == []
    shown.answer = QMessageBox.StandardButton.Ok
    plan = report_actions.import_ledger(window, empty_store)
    assert plan is not None and [c.name for c in plan.cases] == ["会"]
    assert shown[-1].windowTitle() == "取り込み" and "1 件を取り込みました" in shown[-1].text()
    assert [s.name for s in store.list_cases(empty_store)] == ["会"]


def test_background_work_returns_its_value_and_reraises_on_the_gui_thread(window):
    import time

    assert report_actions._in_background(window, "テスト", lambda: (time.sleep(0.6), 42)[1]) == 42
    with pytest.raises(ValueError, match="壊れた"):
        report_actions._in_background(window, "テスト", lambda: (_ for _ in ()).throw(ValueError("壊れた")))


def test_export_dialog_unencodable_text_is_a_dialog_or_replaced_with_a_list(
    window, sample_store, shown, monkeypatch, tmp_path
):
    from .conftest import add_cases

    add_cases(sample_store, [store.Case(name="𠮷野の会")])
    target = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    def dialog_options(replace_unencodable: bool):
        def options(self):
            return report_actions.ExportOptions(
                report_actions.ExportLayout.LEDGER, replace_unencodable=replace_unencodable
            )

        monkeypatch.setattr(report_actions.ExportDialog, "options", options)
        monkeypatch.setattr(report_actions.ExportDialog, "suffix", lambda self: ".csv")

    dialog_options(False)
    assert report_actions.export_cases(window, sample_store) is None
    assert "CP932 (Shift_JIS) で表せない文字があるため" in shown[-1].text() and not target.exists()
    dialog_options(True)
    result = report_actions.export_cases(window, sample_store)
    assert result is not None and len(result.replacements) == 1
    assert "〓に置き換えました" in shown[-1].informativeText()
    assert "𠮷野の会: 法人名称 の「𠮷」" in shown[-1].detailedText()


def test_the_print_preview_opens_at_the_pages_width(window):
    """Issue 8: Qt's preview opened with the whole page in view (38–52% of an A4 sheet, unreadable);
    it opens fitted to the width, with the toolbar's fit-width button pressed to match."""
    import gc

    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from npo_desk.reports import case_sheet

    painted = []
    dialog = report_actions.preview_dialog(window, case_sheet.page_layout(), painted.append, "案件票")
    try:
        gc.collect()  # the dialog keeps its printer: shown after the builder returned, it paints on it
        dialog.show()
        assert len(painted) == 1
        preview = dialog.findChild(QPrintPreviewWidget)
        assert preview.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
        fit_width = dialog.findChild(QAction, "fitWidthAction")
        assert fit_width.isChecked()
    finally:
        dialog.deleteLater()


def _answer_publish(monkeypatch, folder, choice: int = 0) -> list:
    """The two questions of 公表用の一覧: which applications (choice 0 = the Act's: until decided from
    2021-06-09, in 縦覧 before; 1 = every undecided one), and the folder."""
    asked: list = []

    def get_item(parent, title, label, items, current, editable):
        asked.append((title, label, list(items)))
        return items[choice], True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    return asked


def test_publish_list_writes_the_page_and_the_csv_to_the_chosen_folder(
    window, sample_store, shown, monkeypatch, tmp_path
):
    """法10条2項's 公表 from the menu. By default every application received from 2021-06-09 until its
    decision (10条3項, 令和2年法律第72号: the three of 2026 here) and an older one only in its 縦覧;
    「決定前の申請をすべて載せる」 adds the undecided one of 2019."""
    from .conftest import add_cases

    old = store.Case(
        name="令和前の会", milestones=(store.Milestone(store.MilestoneKind.RECEIVED, date(2019, 5, 1)),)
    )
    add_cases(sample_store, [old])
    asked = _answer_publish(monkeypatch, tmp_path / "web")
    result = report_actions.publish_list(window, sample_store)
    assert result is not None and result.count == 3
    assert "第3項" in asked[0][1] and "縦覧期間中" in asked[0][2][0] and "すべて" in asked[0][2][1]
    assert "ひなた子ども食堂" in result.html_path.read_text(encoding="utf-8")
    assert "令和前の会" not in result.html_path.read_text(encoding="utf-8")
    assert result.csv_path.is_file()
    assert "3 件の申請を書き出しました" in shown[-1].text() and str(result.html_path) in shown[-1].text()
    _answer_publish(monkeypatch, tmp_path / "web", choice=1)
    again = report_actions.publish_list(window, sample_store)
    assert again is not None and again.count == 4


def test_publish_list_cancelled_or_failing_writes_nothing(window, sample_store, shown, monkeypatch, tmp_path):
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("", False))
    assert report_actions.publish_list(window, sample_store) is None
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    _answer_publish(monkeypatch, blocker)
    assert report_actions.publish_list(window, sample_store) is None
    assert "作れませんでした" in shown[-1].text()  # a Japanese error dialog, no traceback
    assert blocker.read_text(encoding="utf-8") == "not a folder"
