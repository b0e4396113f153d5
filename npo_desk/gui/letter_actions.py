"""文書を作成: the letters of a case (認証書, 通知, 督促) from the case list's menu and the case editor.

The clerk picks a letter, checks what it will say in a small dialog (the 文書番号's number, its date,
and for a 不認証, a 補正 or a 取消し the items the letter must state), chooses where to save, and the
Word file opens in Word or LibreOffice. What the letter cannot say right is refused in the dialog with
its name (``reports.letters``), before any file is chosen. The reports side is imported on first use,
so the menus cost the windows nothing at start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from npo_desk import store as store_api
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.letters import LETTER_LABELS, TYPED_TEXT, LetterKind
from npo_desk.domain.settings import Settings
from npo_desk.gui import clock
from npo_desk.gui.date_field import DateField
from npo_desk.gui.errors import reported
from npo_desk.gui.help import HelpTopic, install_help
from npo_desk.gui.ui_state import ui_settings
from npo_desk.private_files import users_umask

if TYPE_CHECKING:
    from npo_desk.reports.letters import LetterRequest

LETTER_DIR_KEY = "letters/dir"
OPEN_AFTER_KEY = "letters/open_after"


def _tr(text: str) -> str:
    return QCoreApplication.translate("LetterActions", text)


class LetterDialog(QDialog):
    """What the letter will carry: number, date and, where the law wants them, the typed items."""

    def __init__(
        self, case: store_api.Case, settings: Settings, kind: LetterKind, today: date, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        from npo_desk.reports.letters import default_letter_day, letter_label, suggested_items

        self.case, self.settings, self.kind, self.today = case, settings, kind, today
        self.request: LetterRequest | None = None
        label = letter_label(kind, case.kind.value)
        self.setWindowTitle(self.tr("文書を作成: {0}").format(label))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("{0}\n{1} {2}").format(label, case.number, case.name), self)
        heading.setObjectName("letterHeading")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        layout.addLayout(form)
        self.number = QLineEdit(self)
        self.number.setObjectName("letterNumber")
        self.number.setPlaceholderText(self.tr("空欄なら手書き用に空けます"))
        form.addRow(self.tr("文書番号の番号(&N)"), self.number)
        self.date = DateField(self, initial=default_letter_day(case, kind, today))
        self.date.setObjectName("letterDate")
        form.addRow(self.tr("文書の日付(&D)"), self.date)
        self.items: QPlainTextEdit | None = None
        typed = TYPED_TEXT.get(kind)
        if typed is not None:
            self.items = QPlainTextEdit(self)
            self.items.setObjectName("letterItems")
            self.items.setTabChangesFocus(True)
            self.items.setPlaceholderText(self.tr("1行に1項目ずつ入力します。"))
            self.items.setPlainText("\n".join(suggested_items(case, settings, kind, today)))
            self.items.setMinimumHeight(120)
            form.addRow(self.tr("{0}(&R)").format(typed), self.items)
        self.open_after = QCheckBox(self.tr("作成後に開く"), self)
        self.open_after.setObjectName("letterOpenAfter")
        self.open_after.setChecked(str(ui_settings().value(OPEN_AFTER_KEY, "true")) == "true")
        layout.addWidget(self.open_after)
        self.error = QLabel(self)
        self.error.setObjectName("letterError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.setObjectName("letterButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self.resize(560, 360 if self.items is not None else 200)
        install_help(self, HelpTopic.LETTERS)

    def typed_items(self) -> tuple[str, ...]:
        if self.items is None:
            return ()
        return tuple(line for line in self.items.toPlainText().splitlines() if line.strip())

    def accept(self) -> None:
        """Refuse here, naming the cause, what the letter could not say right; else keep the request."""
        from npo_desk.reports.letters import LetterRequest, letter_context

        try:
            day_error = self.date.error()
            if day_error is not None:
                raise InvalidInput(self.tr("文書の日付: {0}").format(day_error))
            request = LetterRequest(
                self.kind, self.typed_items(), self.number.text().strip(), self.date.value()
            )
            letter_context(self.case, self.settings, request, self.today)
        except InvalidInput as err:
            from npo_desk.gui.editor import styles  # the editor's package imports this module

            self.error.setText(str(err))
            styles.mark(self.error, styles.ERROR)
            self.error.show()
            return
        self.request = request
        ui_settings().setValue(OPEN_AFTER_KEY, "true" if self.open_after.isChecked() else "false")
        super().accept()


def create_letter(parent: QWidget, store: store_api.Store, case_id: int, kind: LetterKind) -> Path | None:
    """文書を作成 → one letter of the saved case: the dialog, the save dialog, the file; returns it.
    A letter to the corporation as a whole is made from its 設立 case (``reports.letters.letter_case``)."""
    from npo_desk.reports.letters import letter_case

    case: store_api.Case | None = None
    with reported(parent):
        case = letter_case(store, store_api.get_case(store, case_id), kind)
    return None if case is None else _write_letter(parent, store, case, kind)


def create_corporation_letter(
    parent: QWidget, store: store_api.Store, corporation_id: int, kind: LetterKind
) -> Path | None:
    """文書を作成 in the corporation window: a letter to the corporation as a whole, from its 設立
    case without the clerk looking for it (``store.corporation_letter_case``); returns the file."""
    case: store_api.Case | None = None
    with reported(parent):
        case = store_api.corporation_letter_case(store, corporation_id)
    return None if case is None else _write_letter(parent, store, case, kind)


def _write_letter(
    parent: QWidget, store: store_api.Store, case: store_api.Case, kind: LetterKind
) -> Path | None:
    """The dialog, the save dialog, the file (opened when asked) of one letter made from ``case``."""
    from npo_desk.reports.letters import default_file_name, write_letter

    settings = store_api.load_settings(store)
    today = clock.today()
    dialog = LetterDialog(case, settings, kind, today, parent)
    if not dialog.exec() or dialog.request is None:
        return None
    remembered = Path(str(ui_settings().value(LETTER_DIR_KEY, str(Path.home()))))
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        _tr("文書の保存先"),
        str(remembered / default_file_name(case, kind)),
        _tr("Word 文書 (*.docx)"),
    )
    if not chosen:
        return None
    out = Path(chosen) if chosen.lower().endswith(".docx") else Path(chosen + ".docx")
    ui_settings().setValue(LETTER_DIR_KEY, str(out.parent))
    written: Path | None = None
    with reported(parent):
        written = write_letter(case, settings, dialog.request, out, today)
    if written is None:
        return None
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(_tr("文書を作成しました: {0}").format(written), 15000)
    if dialog.open_after.isChecked():
        with users_umask():  # Word or LibreOffice, if started here, saves the user's files as usual
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
    return written


# What makes one letter: (parent, store, the id of a case or a corporation, kind) -> the file.
LetterMaker = Callable[[QWidget, store_api.Store, int, LetterKind], Path | None]


def add_letter_menu(
    menu: QMenu,
    parent: QWidget,
    store: store_api.Store,
    case_id: Callable[[], int | None],
    before: QAction | None = None,
    *,
    kinds: Sequence[LetterKind] = tuple(LetterKind),
    make: LetterMaker | None = None,
) -> QMenu:
    """文書を作成 ▸ one item per letter of ``kinds`` (placed before ``before``, else last), for the
    case ``case_id`` names when the item is chosen (None: no case saved or selected, and nothing
    happens); ``make`` = ``create_corporation_letter`` when it names a corporation instead (None:
    ``create_letter``, looked up when chosen)."""
    letters = QMenu(_tr("文書を作成(&L)"), menu)
    letters.setObjectName("menuLetters")
    if before is None:
        menu.addMenu(letters)
    else:
        menu.insertMenu(before, letters)
    for kind in kinds:
        action = letters.addAction(_tr(LETTER_LABELS[kind]) + "…")
        action.setObjectName(f"letter_{kind.value}")
        action.triggered.connect(lambda _=False, k=kind: _chosen(parent, store, case_id, k, make))
    return letters


def _chosen(
    parent: QWidget,
    store: store_api.Store,
    case_id: Callable[[], int | None],
    kind: LetterKind,
    make: LetterMaker | None,
) -> None:
    found = case_id()
    if found is not None:
        (make or create_letter)(parent, store, found, kind)
