"""目的・事業年度 of a 定款変更: the new 目的 (11条1項1号) and 事業年度 (10号) it makes, each shown
while its topic is chosen in the 手続 tab. They become the corporation's once the change is in effect
(``store.articles_in_force``: 認証, 25条3項; or 受理 of the 届出, 25条6項). The new 活動分野 (3号) are
the case editor's ``ActivitiesTab``, which the procedure editor adds beside this one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QSpinBox, QWidget

from npo_desk.domain.articles_topics import ArticlesTopic
from npo_desk.gui.editor import styles
from npo_desk.gui.editor.bindings import Binder
from npo_desk.gui.editor.session import EditorSession
from npo_desk.store import Case


class AmendedArticlesTab(QWidget):
    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        form = QFormLayout(self)
        note = QLabel(
            self.tr("変更後の内容です。認証 (定款変更届は受理) の日から法人の内容になります。"),
            self,
        )
        note.setWordWrap(True)
        styles.mark(note, styles.INFO)
        form.addRow(note)
        self.purpose_edit = QPlainTextEdit(self)
        self.purpose_edit.setObjectName("amendedPurposeEdit")
        self.purpose_edit.setTabChangesFocus(True)
        self.fiscal_month = QSpinBox(self)
        self.fiscal_month.setObjectName("amendedFiscalMonthSpin")
        self.fiscal_month.setRange(0, 12)
        self.fiscal_month.setSpecialValueText(self.tr("未定"))
        self.fiscal_month.setSuffix(self.tr("月"))
        self.fiscal_day = QSpinBox(self)
        self.fiscal_day.setObjectName("amendedFiscalDaySpin")
        self.fiscal_day.setRange(1, 31)
        self.fiscal_day.setSuffix(self.tr("日"))
        fiscal_row = QWidget(self)
        row = QHBoxLayout(fiscal_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.fiscal_month)
        row.addWidget(self.fiscal_day)
        row.addStretch(1)
        self.purpose_title = QLabel(self.tr("変更後の目的"), self)
        self.fiscal_title = QLabel(self.tr("変更後の事業年度開始日"), self)
        form.addRow(self.purpose_title, self.purpose_edit)
        form.addRow(self.fiscal_title, fiscal_row)
        self.fiscal_row = fiscal_row

        self.binder = binder = Binder(session)
        binder.plain_text(self.purpose_edit, "purpose", self.tr("目的"))
        binder.fiscal_year_start(self.fiscal_month, self.fiscal_day, self.tr("事業年度開始日"))
        binder.on_refresh(self._show_chosen)
        session.changed.connect(binder.refresh)
        binder.refresh()

    def _show_chosen(self, case: Case) -> None:
        """Only the items the change is about (the 手続 tab's topics)."""
        topics = set(case.articles_topics)
        for widgets, topic in (
            ((self.purpose_title, self.purpose_edit), ArticlesTopic.PURPOSE),
            ((self.fiscal_title, self.fiscal_row), ArticlesTopic.FISCAL_YEAR),
        ):
            for widget in widgets:
                widget.setVisible(topic in topics)
