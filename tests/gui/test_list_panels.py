"""What the 設立申請, 法人 and 手続 tabs share (``list_panel.ListPanel``), checked on each of them:
a row opens on double-click and on Enter through the tab's own signal, the selected row's id, and the
column layout the clerk leaves is there again after a restart."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from npo_desk import store as case_store
from npo_desk.gui import clock
from npo_desk.gui.table_model import CASE_ID_ROLE, CORPORATION_ID_ROLE
from tests.gui.conftest import shown_main_window

TODAY = date(2026, 12, 2)

# The panel's attribute on the window, its tab, its signal, the id that signal carries, its selection.
LISTS = [
    ("case_list", "caseListTab", "open_case", CASE_ID_ROLE, "selected_case"),
    ("corporation_list", "corporationsTab", "open_corporation", CORPORATION_ID_ROLE, "selected_corporation"),
    ("procedure_list", "proceduresTab", "open_procedure", CASE_ID_ROLE, "selected_case"),
]


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def window(qtbot, store):
    case_store.seed_demo(store, TODAY)
    return shown_main_window(qtbot, store)


@pytest.mark.parametrize(("name", "tab", "signal", "role", "selected"), LISTS)
def test_a_row_opens_on_double_click_and_on_enter_through_the_tabs_own_signal(
    qtbot, window, name, tab, signal, role, selected
):
    panel = getattr(window, name)
    window.show_tab(tab)
    opens = getattr(panel, signal)
    opens.disconnect()  # the window would open an editor: record the id instead
    opened: list[int] = []
    opens.connect(opened.append)
    view, m = panel.view, panel.model
    assert getattr(panel, selected)() is None
    first, second = m.index(0, 1), m.index(1, 1)
    rect = view.visualRect(first)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert getattr(panel, selected)() == m.data(first, role)
    # A double-click also activates the row (Qt emits both): the window raises what is open already.
    assert set(opened) == {m.data(first, role)}
    opened.clear()
    view.setCurrentIndex(second)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert getattr(panel, selected)() == m.data(second, role)
    assert opened == [m.data(second, role)] != [m.data(first, role)]


@pytest.mark.parametrize(("name", "tab", "signal", "role", "selected"), LISTS)
def test_the_column_layout_is_there_again_after_a_restart(
    qtbot, store, window, name, tab, signal, role, selected
):
    header = getattr(window, name).view.horizontalHeader()
    header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)
    header.resizeSection(1, 321)
    window.close()  # saves every list's header (``save_state``)
    again = getattr(shown_main_window(qtbot, store), name).view.horizontalHeader()
    assert (again.sortIndicatorSection(), again.sortIndicatorOrder()) == (2, Qt.SortOrder.DescendingOrder)
    assert again.sectionSize(1) == 321
