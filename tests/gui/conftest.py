"""GUI tests share one QApplication set up exactly like the real app (font, Qt's Japanese strings)."""

from __future__ import annotations

import pytest

from npo_desk.gui.app import setup_application
from npo_desk.gui.ui_state import configure_qsettings


@pytest.fixture(scope="session", autouse=True)
def _app_setup(qapp):
    """Register the bundled font and install qtbase_ja once for the whole session."""
    setup_application(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _qsettings_in_test_data_dir(_isolated_data_dir):
    """Point plain ``QSettings()`` at this test's own data folder (tests/conftest.py makes one per test)."""
    configure_qsettings()
    return _isolated_data_dir


@pytest.fixture
def store(tmp_path):
    """A fresh SQLite database for one GUI test."""
    from npo_desk.store import open_store

    st = open_store(str(tmp_path / "cases.db"))
    yield st
    st.close()


def type_japanese(widget, text: str) -> None:
    """Type Japanese the way it really arrives: an input method commits the converted text.

    (``qtbot.keyClicks`` only knows ASCII keys.)
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def shown_main_window(qtbot, store):
    """The main window on ``store``, shown, once its background load has been shown."""
    from npo_desk.gui.main_window import MainWindow

    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not w.loading)
    return w
