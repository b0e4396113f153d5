"""Application bootstrap: the bundled font, Qt's Japanese translations, settings location, then the window.

``setup_application`` is shared with the tests, so every test widget looks exactly like the real app:
IPAex Gothic (no tofu on a bare Linux box) and キャンセル instead of Cancel on standard buttons.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from npo_desk import __version__, paths
from npo_desk.domain.errors import NpoDeskError
from npo_desk.gui.ui_state import configure_qsettings
from npo_desk.private_files import private_umask

ORGANIZATION = "npo-desk"
APPLICATION = "npo-desk"


def register_font(app: QApplication) -> str:
    """Register the bundled IPAex Gothic and make it the application font; returns its family name."""
    font_id = QFontDatabase.addApplicationFont(str(paths.FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        # The system's Japanese font (if any) still works; the app must not refuse to start over a font.
        return app.font().family()
    font = QFont(app.font())
    font.setFamilies([families[0]])
    app.setFont(font)
    return families[0]


# Strings of Qt's file dialog that qtbase_ja.qm lacks (its source texts changed after the Japanese
# translation was made), so the dialog said 「Look in:」 and 「Files of type:」 beside Japanese.
QT_JA_GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "場所(&L):",
    ("QFileDialog", "Files of &type:"): "ファイルの種類(&T):",
    ("QAbstractFileIconProvider", "Folder"): "フォルダ",  # as qtbase_ja words it elsewhere
    ("QAbstractFileIconProvider", "File"): "ファイル",
    ("QAbstractFileIconProvider", "%1 File"): "%1 ファイル",
    ("QAbstractFileIconProvider", "Drive"): "ドライブ",
    ("QAbstractFileIconProvider", "Unknown"): "不明",
    ("QAbstractFileIconProvider", "Shortcut"): "ショートカット",
    ("QAbstractFileIconProvider", "Alias"): "エイリアス",
    ("QAbstractFileIconProvider", "File Folder"): "ファイルフォルダ",
}


class _QtGaps(QTranslator):
    """Answers only the strings of ``QT_JA_GAPS``; every other string falls through to qtbase_ja."""

    def translate(  # None is Qt's "not mine" (a null QString); "" would blank every other string
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return QT_JA_GAPS.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_translations(app: QApplication) -> bool:
    """Load Qt's own Japanese strings (standard buttons, file dialogs, print preview) once per app,
    and the few that qtbase_ja lacks (``QT_JA_GAPS``)."""
    if app.property("npo_desk_translator_installed"):
        return True
    translator = QTranslator(app)  # parented to the app, so it lives as long as the app
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_ja", directory):
        return False
    app.installTranslator(translator)
    app.installTranslator(_QtGaps(app))  # installed last, asked first: only its own strings answer
    app.setProperty("npo_desk_translator_installed", True)
    return True


def setup_application(app: QApplication) -> None:
    """Everything the app needs before the first widget is built."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("NPO法人 設立認証 事務台帳")
    app.setWindowIcon(QIcon(str(paths.ICON_FILE)))
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    configure_qsettings()
    register_font(app)
    install_translations(app)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The process's QApplication, created and set up on first call; the files the process makes are
    private before the first setting is written (``private_umask``: Qt's lock beside the settings)."""
    private_umask()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    setup_application(app)
    return app


EXIT_DATABASE_UNUSABLE = 2


def check_display(environ: Mapping[str, str] = os.environ, platform: str | None = None) -> None:
    """Refuse to start without a display (e.g. over ssh), in Japanese, instead of Qt's abort."""
    if not (platform or sys.platform).startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return
    if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        raise NpoDeskError(
            "画面 (ディスプレイ) に接続できないため、ウィンドウを開けません。"
            "デスクトップの端末から起動するか、CLI のサブコマンド (npo-desk --help) を使ってください。"
        )


def run(db: str | None = None) -> int:
    """Open the database and the main window; the process's exit status.

    A database the store refuses (damaged, foreign, newer, locked) is explained in a dialog and the
    app ends with status 2 without touching the file. Cancelling the first-start dialog ends with 0.
    """
    from npo_desk import store
    from npo_desk.gui.errors import install_excepthook, message_box
    from npo_desk.gui.first_start import FirstStartDialog, needs_first_start
    from npo_desk.gui.main_window import MainWindow
    from npo_desk.gui.process import close_on_signals, configure_logging, log

    check_display()
    app = make_application()
    install_excepthook()
    configure_logging()
    log.info("npo-desk %s を起動します。", __version__)
    try:
        st = store.open_store(db)
    except NpoDeskError as err:
        log.error("データベースを開けません: %s", err)
        message_box(None, err).exec()
        return EXIT_DATABASE_UNUSABLE
    try:
        log.info("データベース: %s", st.display_name)
        if needs_first_start(st) and FirstStartDialog(st).exec() != FirstStartDialog.DialogCode.Accepted:
            log.info("初回設定が取り消されたため終了します。")
            return 0
        window = MainWindow(st)
        close_on_signals(window)
        window.show()
        log.info("メインウィンドウを表示しました。")
        status = int(app.exec())
        log.info("終了しました (終了コード %d)。", status)
        return status
    finally:
        st.close()
