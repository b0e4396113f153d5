"""メモ: free notes of the clerk about the case (undoable like every other edit)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from npo_desk.gui.editor.bindings import Binder
from npo_desk.gui.editor.session import EditorSession


class NotesTab(QWidget):
    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("相談の経過、電話連絡、申請者への連絡事項などを自由に記録します。"), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.edit = QPlainTextEdit(self)
        self.edit.setPlaceholderText(
            self.tr("例: 令和8年4月3日 代表者より電話。設立総会の日程について相談。")
        )
        layout.addWidget(self.edit, 1)
        self.binder = Binder(session)
        self.binder.plain_text(self.edit, "notes", self.tr("メモ"))
        session.changed.connect(self.binder.refresh)
        self.binder.refresh()
