"""The case list model without a view: search as you type, filters, sorting by real values."""

from __future__ import annotations

from datetime import UTC, date

from PySide6.QtCore import Qt

from npo_desk.domain.lifecycle import PROCEDURE_ENDED, PROCEDURE_RUNNING, Stage
from npo_desk.gui.case_list_model import (
    CaseListModel,
    CaseListRow,
    fiscal_year_label,
    fold,
)
from npo_desk.gui.table_model import CASE_ID_ROLE, SORT_ROLE


def _row(case_id: int, **extra) -> CaseListRow:
    values = dict(
        case_id=case_id,
        number=f"R8-{case_id}",
        name=f"法人{case_id}",
        kana="",
        representative="",
        address="宮崎県日南市",
        stage=Stage.REVIEW,
        received_on=None,
        next_due=None,
        next_label="",
        fiscal_year=2026,
        clerk="",
    )
    values.update(extra)
    return CaseListRow(**values)


ROWS = [
    _row(
        1,
        name="特定非営利活動法人さくら会",
        kana="サクラカイ",
        representative="山田 太郎",
        stage=Stage.PUBLIC_INSPECTION,
        received_on=date(2026, 4, 3),
        fiscal_year=2026,
    ),
    _row(
        2,
        name="NPO法人ひなたの森",
        kana="ヒナタノモリ",
        representative="鈴木花子",
        address="宮崎県日南市油津1-2",
        stage=Stage.ESTABLISHED,
        received_on=date(2019, 4, 25),
        fiscal_year=2019,
    ),
    _row(
        10,
        name="飫肥まちづくり協議会",
        kana="オビマチヅクリキョウギカイ",
        address="宮崎県日南市飫肥",
        stage=Stage.CONSULTATION,
        fiscal_year=2025,
    ),
    _row(
        9,
        name="油津港の未来",
        kana="アブラツコウノミライ",
        stage=Stage.REVIEW,
        received_on=date(2019, 5, 7),
        fiscal_year=2019,
    ),
]


def _ids(model: CaseListModel) -> list[int]:
    return [model.data(model.index(r, 0), CASE_ID_ROLE) for r in range(model.rowCount())]


def test_model_is_consistent(qtmodeltester):
    model = CaseListModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    assert _ids(model) == [1, 2, 9, 10]  # case numbers in natural order: R8-9 before R8-10


def test_search_matches_kana_in_any_width_and_script_and_ignores_spaces():
    model = CaseListModel()
    model.set_rows(ROWS)
    model.set_search("さくら")
    assert _ids(model) == [1]
    model.set_search("ｻｸﾗ")
    assert _ids(model) == [1]
    model.set_search("山田太郎")
    assert _ids(model) == [1]
    model.set_search("ｎｐｏ")  # full-width latin against 「NPO」
    assert _ids(model) == [2]
    model.set_search("油津 鈴木")  # terms are ANDed: 9 has 油津 in its name but no 鈴木
    assert _ids(model) == [2]
    model.set_search("r8-10")
    assert _ids(model) == [10]
    model.set_search("")
    assert model.rowCount() == 4


def test_stage_and_year_filters_combine_with_search():
    model = CaseListModel()
    model.set_rows(ROWS)
    model.set_year(2019)
    assert sorted(_ids(model)) == [2, 9]
    model.set_stages(frozenset({Stage.REVIEW}))
    assert _ids(model) == [9]
    model.set_search("さくら")
    assert _ids(model) == []
    model.set_search("")
    model.set_stages(None)
    model.set_year(None)
    assert model.rowCount() == 4
    assert model.fiscal_years() == [2026, 2025, 2019]


def test_dates_show_wareki_but_sort_chronologically_with_empty_last():
    model = CaseListModel()
    model.set_rows(ROWS)
    model.sort(CaseListModel.RECEIVED, Qt.SortOrder.AscendingOrder)
    shown = [model.data(model.index(r, CaseListModel.RECEIVED)) for r in range(4)]
    assert shown == ["平成31年4月25日", "令和元年5月7日", "令和8年4月3日", ""]
    assert model.data(model.index(0, CaseListModel.RECEIVED), SORT_ROLE) == date(2019, 4, 25)


def test_stage_sorts_by_procedure_order_not_by_label():
    model = CaseListModel()
    model.set_rows(ROWS)
    model.sort(CaseListModel.STAGE, Qt.SortOrder.AscendingOrder)
    assert _ids(model) == [10, 1, 9, 2]  # 相談, 縦覧中, 審査中, 設立済


def test_sort_order_survives_filtering_and_refresh():
    model = CaseListModel()
    model.set_rows(ROWS)
    model.sort(CaseListModel.NUMBER, Qt.SortOrder.DescendingOrder)
    model.set_year(2019)
    assert _ids(model) == [9, 2]
    model.set_rows(ROWS)
    assert _ids(model) == [9, 2]


def test_fiscal_year_labels_and_fold():
    assert fiscal_year_label(2026) == "令和8年度"
    assert fiscal_year_label(2019) == "令和元年度"
    assert fiscal_year_label(2018) == "平成30年度"
    assert fold("ｱｲｳ ＡＢＣ") == "あいうabc"


def test_upsert_changes_inserts_and_hides_without_reset(qtbot):
    from PySide6.QtWidgets import QTableView

    model = CaseListModel()
    model.set_rows(ROWS)
    model.sort(CaseListModel.NAME, Qt.SortOrder.AscendingOrder)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(model.row_of_case(9))
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.upsert(_row(9, name="油津港の未来", kana="アアア"))  # renamed: sorts first now, still selected
    assert _ids(model)[0] == 9
    assert [model.data(i, CASE_ID_ROLE) for i in view.selectionModel().selectedRows()] == [9]
    model.upsert(_row(11, name="新しい会", kana="ンン"))
    assert _ids(model)[-1] == 11 and model.total() == 5
    model.set_stages(frozenset({Stage.REVIEW}))
    model.upsert(_row(9, stage=Stage.ESTABLISHED))  # leaves the filter: hidden, not lost
    assert 9 not in _ids(model) and model.total() == 5
    model.remove(11)
    assert model.total() == 4
    assert resets == [1]  # only the stage filter reset the model


def test_stage_groups_in_procedure_and_ended():
    model = CaseListModel()
    model.set_rows(ROWS)
    model.set_stages(PROCEDURE_RUNNING)
    assert sorted(_ids(model)) == [1, 9, 10]
    model.set_stages(PROCEDURE_ENDED)
    assert _ids(model) == [2]


def test_tooltips_carry_full_name_with_reading_and_address():
    model = CaseListModel()
    model.set_rows(ROWS)
    row = model.row_of_case(1)
    assert model.data(model.index(row, CaseListModel.NAME), Qt.ItemDataRole.ToolTipRole) == (
        "特定非営利活動法人さくら会\nサクラカイ"
    )
    assert model.data(model.index(row, CaseListModel.ADDRESS), Qt.ItemDataRole.ToolTipRole) == "宮崎県日南市"


def test_the_next_deadline_is_the_laws_and_marks_a_manual_date():
    """特定非営利活動促進法第12条第2項 and the 条例 (1 month): the decision was due 2026-11-11; the
    clerk's later 12-04 is marked 手動 and 不採用 beside it, and the column sorts by the law's date."""
    from datetime import datetime

    from npo_desk.domain.deadlines import open_deadlines
    from npo_desk.domain.facts import CaseFacts
    from npo_desk.domain.settings import DecisionPeriod, Settings
    from npo_desk.gui.case_list_model import row_from_summary
    from npo_desk.store import CaseKind, CaseSummary, DeadlineOverride, OpenDeadline

    settings = Settings(decision_period=DecisionPeriod(months=1))
    facts = CaseFacts(received_on=date(2026, 9, 27))
    today = date(2026, 12, 2)
    summary = CaseSummary(
        3, "R8-003", CaseKind.ESTABLISHMENT, "観光ガイドの会", "", "", "", "", 2026, facts, 1,
        datetime(2026, 9, 27, tzinfo=UTC),
    )  # fmt: skip
    (decision,) = open_deadlines(facts, settings, today)
    by_hand = DeadlineOverride("decision_deadline", date(2026, 12, 4), "審査会の日程")
    upcoming = OpenDeadline(3, "R8-003", "観光ガイドの会", "", decision, by_hand)
    row = row_from_summary(summary, settings, today, upcoming)
    model = CaseListModel()
    model.set_rows([row])
    assert model.data(model.index(0, CaseListModel.NEXT_DUE)) == (
        "令和8年11月11日(水) [不採用 手動 令和8年12月4日(金)(法定の期限より後)]"
    )
    assert model.data(model.index(0, CaseListModel.NEXT_DUE), SORT_ROLE) == date(2026, 11, 11)
