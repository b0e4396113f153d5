"""書類: the documents the application carries under its law version, marked received, missing or
corrected, with the 縦覧 mark and the 補正 deadline beside missing ones.

The list, the 縦覧 marks and the findings are the domain's (``documents``); the tab lays them out,
and is shown only for the kinds that have a list (設立・定款変更・合併).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from npo_desk.domain import documents
from npo_desk.domain.documents import TOPIC, AttachmentStatus
from npo_desk.domain.procedures import ProcedureKind
from npo_desk.domain.requirements import Finding, Severity
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui.editor import styles
from npo_desk.gui.editor.documents_model import (
    ARTICLE,
    CORRECTION,
    INSPECTED,
    NAME,
    NOTE,
    ON,
    STATUS,
    DateDelegate,
    DocumentsModel,
    StatusDelegate,
)
from npo_desk.gui.editor.findings import FindingsList
from npo_desk.gui.editor.session import EditorSession
from npo_desk.gui.forms import child, load_form

SHOWN_ONE_BY_ONE = 3  # missing documents listed one by one above the table; more are counted


class DocumentsTab(QWidget):
    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._tabs: QTabWidget | None = None
        form = load_form("editor_documents", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
        self.intro = child(form, QLabel, "documentsIntro")
        styles.mark(self.intro, styles.INFO)
        self.legend = child(form, QLabel, "documentsLegend")
        styles.mark(self.legend, styles.INFO)
        self.table = child(form, QTableView, "documentsTable")
        self.received_button = child(form, QPushButton, "receivedButton")
        self.corrected_button = child(form, QPushButton, "correctedButton")
        self.missing_button = child(form, QPushButton, "missingButton")
        self._complete_text = self.tr("必要な書類はそろっています。")
        self.findings = FindingsList({TOPIC}, self._complete_text, parent=form)
        child(form, QVBoxLayout, "documentFindings").addWidget(self.findings)

        self.model = DocumentsModel(session)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(STATUS, StatusDelegate(self.table))
        self.table.setItemDelegateForColumn(ON, DateDelegate(self.table))
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(
            triggers.DoubleClicked | triggers.EditKeyPressed | triggers.SelectedClicked
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(NOTE, 160)
        # Room for the longest 和暦 day and the calendar button while the day is typed in the cell.
        header.setSectionResizeMode(ON, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ON, self.table.fontMetrics().horizontalAdvance("令和10年12月31日") + 60)
        for column in (ARTICLE, INSPECTED, STATUS, CORRECTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.received_button.clicked.connect(lambda: self._mark(AttachmentStatus.RECEIVED))
        self.corrected_button.clicked.connect(lambda: self._mark(AttachmentStatus.CORRECTED))
        self.missing_button.clicked.connect(lambda: self._mark(AttachmentStatus.MISSING))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        session.changed.connect(self.refresh)
        self.refresh()

    def attach(self, tabs: QTabWidget) -> None:
        """Shown in ``tabs`` only for applications that carry documents (設立・定款変更・合併)."""
        self._tabs = tabs
        self._show_tab()

    # --- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        derived = self.session.derived
        kind = ProcedureKind(self.session.case.kind.value)
        self._show_tab()
        if not documents.has_checklist(kind):
            return
        profile = derived.profile
        term = documents.inspected_term(profile)
        lines = [
            self.tr("法令の版「{label}」で申請書に添付する書類です。").format(label=profile.label),
            self.tr("「縦覧」の◯は{term}です ({basis})。").format(
                term=term, basis=documents.inspection_basis(kind, profile)
            ),
        ]
        if derived.facts.received_on is None:
            lines.append(self.tr("申請を受理すると、未提出の書類を指摘します。"))
        elif derived.correction is not None:
            lines.append(
                self.tr("補正の期限: {date} ({basis})").format(
                    date=derived.correction.date_text(), basis=derived.correction.basis
                )
            )
        self.intro.setText("\n".join(lines))
        # Before receipt nothing is counted missing (the intro says so): no 「そろっています」 either.
        self.findings.ok_text = "" if derived.facts.received_on is None else self._complete_text
        self.findings.show_findings(self._shown_findings())
        notes = []
        if any(a.when_topics and not a.required for a in derived.attachments):
            notes.append(
                self.tr(
                    "「該当する場合」の書類は、変更する定款の事項を案件に記録すると要否が決まります。"
                    "それまでは未提出でも指摘しません。"
                )
            )
        elif any(a.conditional for a in derived.attachments):
            notes.append(
                self.tr("「該当する場合」の書類は、その場合にだけ要ります (未提出でも指摘しません)。")
            )
        if any(a.unverified for a in derived.attachments):
            notes.append(
                self.tr(
                    "[要確認] の行は、号や縦覧の扱いを当時の条文の本文で確かめきれていないものです"
                    " (法令リファレンス §14.5)。"
                )
            )
        if any(a.alternative for a in derived.attachments):
            notes.append(
                self.tr(
                    "活動予算書は、当分の間、収支予算書で代えられます (平成23年法律第70号附則第3条第2項)。"
                )
            )
        self.legend.setText("\n".join(notes))
        self.legend.setVisible(bool(notes))
        self._update_buttons()

    def _shown_findings(self) -> list[Finding]:
        """Each missing document as its own finding while they are few; beyond ``SHOWN_ONE_BY_ONE`` one
        line that counts them (the table marks each row), so the list never pushes the table away."""
        found = self.session.derived.document_findings
        if len(found) <= SHOWN_ONE_BY_ONE:
            return found
        missing = documents.missing(self.session.derived.attachments, self.session.case.documents)
        names = "、".join(f"「{item.name}」" for item in missing[:2])
        note = documents.correction_note(self.session.derived.correction, self.session.derived.today)
        text = self.tr("未提出の書類が{count}件あります: {names} ほか{rest}件").format(
            count=len(missing), names=names, rest=len(missing) - 2
        )
        if note:
            text += f" — {note}"
        return [Finding(Severity.ERROR, text, "", TOPIC)]

    def _show_tab(self) -> None:
        if self._tabs is not None:
            kind = ProcedureKind(self.session.case.kind.value)
            self._tabs.setTabVisible(self._tabs.indexOf(self), documents.has_checklist(kind))

    def _selected_row(self) -> int | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return next(iter(rows)) if len(rows) == 1 else None

    def _update_buttons(self) -> None:
        row = self._selected_row()
        status = self.model.record(row).status if row is not None else None
        self.received_button.setEnabled(row is not None and status is not AttachmentStatus.RECEIVED)
        self.corrected_button.setEnabled(row is not None and status is not AttachmentStatus.CORRECTED)
        self.missing_button.setEnabled(row is not None and status is not AttachmentStatus.MISSING)

    # --- editing -----------------------------------------------------------------------------
    def _mark(self, status: AttachmentStatus) -> None:
        row = self._selected_row()
        if row is None:
            return
        self.model.set_status(row, status)
        record = self.model.record(row)
        if record.on is not None:
            self.session.notice.emit(
                self.tr(
                    "「{name}」を{status} ({date}) にしました。日付は表でダブルクリックして直せます。"
                ).format(
                    name=self.model.attachment(row).name,
                    status=self.tr(documents.STATUS_LABELS[status]),
                    date=format_wareki(record.on),
                )
            )
        self.table.selectRow(row)
        self._update_buttons()


__all__ = ["DocumentsTab"]
