"""The attached documents of the draft's application as a table model; each change one undo step.

The rows are the domain's list for the case's kind and law profile (``Derived.attachments``); the
model keeps no data of its own but reads and writes ``session.case.documents``. Marking a document
received or corrected without a day takes today's; giving a missing one a day marks it received;
clearing the day (or choosing 未提出) makes it missing again: so a record always passes
``documents.check_record``, the store's rule.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from npo_desk.domain.documents import (
    STATUS_LABELS,
    Attachment,
    AttachmentRecord,
    AttachmentStatus,
    correction_note,
    says_something,
    status_of,
    unlisted,
)
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui.date_field import DateField
from npo_desk.gui.editor.draft_table import ChoiceDelegate, DraftTableModel, Index
from npo_desk.gui.editor.session import EditorSession

NAME, ARTICLE, INSPECTED, STATUS, ON, NOTE, CORRECTION = range(7)
_HEADERS = ("書類", "根拠", "縦覧", "状況", "受領・補正の日", "備考", "補正の期限")
_TOOLTIPS = (
    "申請書に添付する書類 (法令の版による)",
    "特定非営利活動促進法の条文",
    "縦覧に供する書類 (法第10条第2項)",
    "未提出・受領・補正済 (ダブルクリックで選ぶ)",
    "受領した日、または補正された日",
    "",
    "未提出の書類の補正の期限 (法第10条第3項・第4項)",
)
# Pale fills with dark text (as in ``styles``); the status is always written out too.
_MISSING = (QColor("#fde7e7"), QColor("#8b0000"))
_DONE = (QColor("#e8f5e9"), QColor("#1d5e20"))


class DocumentsModel(DraftTableModel[Attachment]):
    def __init__(self, session: EditorSession) -> None:
        super().__init__(session, _HEADERS, _TOOLTIPS, editable=(STATUS, ON, NOTE))

    def _listed(self) -> tuple[Attachment, ...]:
        listed = self.session.derived.attachments
        return (*listed, *unlisted(listed, self.session.case.documents))

    # --- reading -----------------------------------------------------------------------------
    def attachment(self, row: int) -> Attachment:
        return self._rows[row]

    def record(self, row: int) -> AttachmentRecord:
        return status_of(self.session.case.documents, self._rows[row].key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, record = self._rows[index.row()], self.record(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, record, column)
        if role == Qt.ItemDataRole.EditRole:
            return {STATUS: record.status.value, ON: record.on, NOTE: record.note}.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, record, column)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and column in (
            STATUS,
            CORRECTION,
        ):
            colours = self._colours(item, record, column)
            if colours is None:
                return None
            return QBrush(colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == INSPECTED:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _text(self, item: Attachment, record: AttachmentRecord, column: int) -> str:
        if column == NAME:
            if item.unlisted:
                return self.tr("{name} (一覧外の記録)").format(name=item.name)
            if item.conditional:
                return self.tr("{name} (該当する場合)").format(name=item.name)
            return item.name
        if column == ARTICLE:
            return item.article + (self.tr(" [要確認]") if item.unverified else "")
        if column == INSPECTED:
            if not item.inspected:
                return ""
            return self.tr("◯ (住所を除く)") if item.inspected_part else "◯"
        if column == STATUS:
            return self.tr(STATUS_LABELS[record.status])
        if column == ON:
            return format_wareki(record.on) if record.on else ""
        if column == NOTE:
            return record.note
        if column == CORRECTION and self._counts_missing(item, record):
            derived = self.session.derived
            return correction_note(derived.correction, derived.today, label=False)
        return ""

    def _tooltip(self, item: Attachment, record: AttachmentRecord, column: int) -> str | None:
        if column == NAME:
            lines = [item.name]
            if item.unlisted:
                lines.append(self.tr(item.condition))
            elif item.condition:
                lines.append(self.tr("要る場合: {condition}").format(condition=item.condition))
            if item.alternative:
                lines.append(self.tr("代えて添付できるもの: {what}").format(what=item.alternative))
            return "\n".join(lines)
        if column == ARTICLE and item.unverified:
            return self.tr("号や縦覧の扱いを当時の条文の本文で確かめきれていません (法令リファレンス §14.5)")
        if column == INSPECTED and item.inspected_part:
            return self.tr("縦覧には{part}").format(part=item.inspected_part)
        if column == NOTE and record.note:
            return record.note
        return None

    def _counts_missing(self, item: Attachment, record: AttachmentRecord) -> bool:
        return item.required and record.status is AttachmentStatus.MISSING

    def _colours(
        self, item: Attachment, record: AttachmentRecord, column: int
    ) -> tuple[QColor, QColor] | None:
        if record.status is not AttachmentStatus.MISSING:
            return _DONE if column == STATUS else None
        derived = self.session.derived
        if not item.required or derived.facts.received_on is None:
            return None
        if column == CORRECTION and derived.correction is None:
            return None  # no 補正 rule (before 2012-04-01) or decided: an empty cell stays plain
        return _MISSING

    # --- writing -----------------------------------------------------------------------------
    def _write(self, row: int, column: int, value: Any) -> bool:
        record = self.record(row)
        if column == STATUS:
            try:
                status = AttachmentStatus(value)
            except ValueError:
                return False
            # A new status is dated today (a 補正 comes after the receipt); the clerk can re-date it.
            if status is AttachmentStatus.MISSING:
                on = None
            elif status is record.status:
                on = record.on
            else:
                on = self.session.derived.today
            return self._set(row, replace(record, status=status, on=on), _HEADERS[STATUS])
        if column == ON:
            if value is not None and not isinstance(value, date):
                return False
            if value is None:
                changed = replace(record, status=AttachmentStatus.MISSING, on=None)
            elif record.status is AttachmentStatus.MISSING:
                changed = replace(record, status=AttachmentStatus.RECEIVED, on=value)
            else:
                changed = replace(record, on=value)
            return self._set(row, changed, _HEADERS[ON])
        if column == NOTE:
            return self._set(row, replace(record, note=str(value).strip()), _HEADERS[NOTE])
        return False

    def set_status(self, row: int, status: AttachmentStatus) -> bool:
        return self.setData(self.index(row, STATUS), status.value)

    def _set(self, row: int, record: AttachmentRecord, what: str) -> bool:
        """Replace one document's record (one undo step); a missing one without a note is not kept."""
        if record == self.record(row):
            return True
        key = record.key
        others = [r for r in self.session.case.documents if r.key != key]
        if says_something(record):
            others.append(record)
        label = self.tr("書類「{name}」の{what}").format(name=self._rows[row].name, what=self.tr(what))
        self.session.edit(label, documents=tuple(sorted(others, key=lambda r: r.key)))
        return True


class StatusDelegate(ChoiceDelegate):
    """未提出 / 受領 / 補正済 chosen from a list."""

    labels = STATUS_LABELS


class DateDelegate(QStyledItemDelegate):
    """The app's ``DateField`` in the cell: any form the clerk types, 和暦 beside it; a text that is no
    day is not written (the cell keeps its day)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        field = DateField(parent, optional=True)
        field.setAutoFillBackground(True)
        # The view watches the DateField, but keys and focus go to its line edit: a day taken there
        # (Enter, Tab, leaving it, a calendar pick) is written at once, and Enter closes the cell.
        field.dateChanged.connect(lambda _day: self.commitData.emit(field))
        field.edit.returnPressed.connect(lambda: self._finish(field))
        return field

    def _finish(self, field: DateField) -> None:
        if field.error() is None:
            self.commitData.emit(field)
            self.closeEditor.emit(field)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, DateField)
        editor.set_value(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, DateField)
        if editor.error() is None:
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = option.rect
        editor.setGeometry(rect.x(), rect.y(), max(rect.width(), editor.sizeHint().width()), rect.height())


__all__ = ["DateDelegate", "DocumentsModel", "StatusDelegate"]
