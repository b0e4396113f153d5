"""The app as a process: a session log in the data folder, and a clean close on SIGTERM / Ctrl+C.

The log says when the app started, on which database, and when the window was shown or closed: what
a helpdesk asks first. SIGTERM (logout, shutdown, ``kill``) and SIGINT close the main window the normal
way, so window state is saved and open editors still ask about unsaved changes.
"""

from __future__ import annotations

import logging
import signal
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import FrameType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from npo_desk import paths
from npo_desk.private_files import create_private_file

LOG_NAME = "npo-desk.log"
log = logging.getLogger("npo_desk")


class _PrivateLog(RotatingFileHandler):
    """The session log, created 0600 (each new file after a rotation too): it names cases and clerks."""

    def _open(self) -> TextIOWrapper:
        create_private_file(Path(self.baseFilename))
        return super()._open()


def configure_logging() -> None:
    """Append INFO and above to ``<data folder>/npo-desk.log`` (rotated at 1 MB, 3 old files)."""
    for old in [h for h in log.handlers if getattr(h, "npo_desk_session", False)]:
        log.removeHandler(old)
        old.close()
    handler = _PrivateLog(
        paths.user_data_dir() / LOG_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.npo_desk_session = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def close_on_signals(window: QWidget) -> QTimer:
    """Close ``window`` on SIGTERM/SIGINT. Qt's event loop hides signals from Python, so a timer
    wakes the interpreter twice a second to run the handler."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        log.info("シグナル %s を受け取りました。ウィンドウを閉じます。", signal.Signals(signum).name)
        window.close()

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, handler)
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(500)
    return wake
