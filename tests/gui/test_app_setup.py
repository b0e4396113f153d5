"""The application bootstrap: font, Japanese standard buttons, settings file in the data folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QDialogButtonBox

from npo_desk.gui import clock
from npo_desk.gui.forms import load_form
from npo_desk.gui.ui_state import ui_settings


def test_bundled_font_is_the_application_font(qapp):
    assert "IPAexGothic" in QFontDatabase.families() or "IPAexゴシック" in QFontDatabase.families()
    assert QFontInfo(qapp.font()).family() in {"IPAexGothic", "IPAexゴシック"}


def test_standard_cancel_button_reads_japanese(qtbot):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"


def test_qsettings_live_in_the_test_data_folder(_isolated_data_dir):
    settings = ui_settings()
    settings.setValue("probe", 1)
    settings.sync()
    assert (_isolated_data_dir / "npo-desk.ini").is_file()
    plain = QSettings()
    assert plain.fileName().startswith(str(_isolated_data_dir))


def test_midnight_timer_interval_lands_just_after_midnight():
    from datetime import datetime

    assert clock.msecs_until_tomorrow(datetime(2026, 4, 1, 23, 59, 59)) == 2000
    assert clock.msecs_until_tomorrow(datetime(2026, 4, 1, 0, 0, 0)) == 86_401_000


def test_load_form_names_a_missing_form():
    with pytest.raises(FileNotFoundError, match=r"no_such_form\.ui"):
        load_form("no_such_form")


def test_the_application_has_its_own_icon(qapp) -> None:
    icon = qapp.windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    # the icon's blue field, not a blank or a theme's generic application icon
    assert image.pixelColor(32, 6).name() == "#1f5f99"


def test_the_file_dialog_speaks_japanese_only(qtbot, tmp_path):
    """Issue 8: Qt's own file dialog (the one Linux shows) said 「Look in:」 and 「Files of type:」, the two
    labels qtbase_ja lacks; every label and button of it is Japanese now, the others still Qt's."""
    import re

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

    (tmp_path / "台帳.xlsx").write_bytes(b"")
    dialog = QFileDialog(None, "取り込むファイル", str(tmp_path), "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    assert "場所(&L):" in texts and "ファイルの種類(&T):" in texts and "ファイル名(&N):" in texts
    assert not [t for t in texts if re.search(r"[A-Za-z]{3}", t) and "xlsx" not in t]
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "フォルダ"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"  # not blanked
