"""Case-editor fixtures: a fixed "today", and editors that never leave a modal open.

The temp-DB ``store`` fixture comes from tests/gui/conftest.py.

Dialogs the editor opens (errors, dates) go through functions patched here by default, so a test
that forgets one fails with a clear assertion instead of hanging on a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

import pytest

from npo_desk import store as case_store
from npo_desk.gui import clock
from npo_desk.gui.editor import dialogs as dialog_module
from npo_desk.gui.editor.dialogs import DateDialog
from npo_desk.gui.editor.window import CaseEditor
from npo_desk.store import Case

TODAY = date(2026, 11, 28)  # a Saturday


@pytest.fixture(autouse=True)
def today(monkeypatch) -> date:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@dataclass
class Dialogs:
    """What the editor would have shown, and the answers the next date dialogs give."""

    errors: list[str] = field(default_factory=list)
    dates: list[date | str | None] = field(default_factory=list)
    rebase: list[bool] = field(default_factory=list)  # answers to "最新の内容に反映?"; refused when empty
    questions: list[str] = field(default_factory=list)  # yes/no questions asked
    confirm: list[bool] = field(default_factory=list)  # their answers; いいえ when empty


@pytest.fixture(autouse=True)
def dialogs(monkeypatch) -> Dialogs:
    seen = Dialogs()
    monkeypatch.setattr(dialog_module, "report", lambda _parent, err: seen.errors.append(str(err)))

    def ask(*_args: object, **_kwargs: object) -> date | str | None:
        assert seen.dates, "the editor asked for a date the test did not provide"
        return seen.dates.pop(0)

    monkeypatch.setattr(DateDialog, "ask", staticmethod(ask))

    def offer_rebase(_parent: object, err: Exception) -> bool:
        seen.errors.append(str(err))
        return seen.rebase.pop(0) if seen.rebase else False

    monkeypatch.setattr(dialog_module, "offer_rebase", offer_rebase)

    def confirm(_parent: object, _title: str, question: str) -> bool:
        seen.questions.append(question)
        return seen.confirm.pop(0) if seen.confirm else False

    monkeypatch.setattr(dialog_module, "confirm", confirm)
    return seen


@pytest.fixture
def create(store) -> Callable[..., Case]:
    def _create(case: Case) -> Case:
        return case_store.create_case(store, case, who="テスト", today=TODAY)

    return _create


@pytest.fixture
def open_editor(qtbot, store) -> Iterator[Callable[[int | None], CaseEditor]]:
    editors: list[CaseEditor] = []

    def _open(case_id: int | None) -> CaseEditor:
        editor = CaseEditor(store, case_id)  # not qtbot.addWidget: its teardown would close before ours
        editor.resize(1366, 768)
        editor.show()
        editors.append(editor)
        return editor

    yield _open
    for editor in editors:
        editor.undo_stack.setClean()  # closing must not ask: nothing may block the test run
        editor.close()
        editor.deleteLater()
