"""The one date field of the app: typed as the clerk writes dates, read by the command line's parser.

QDateEdit fought the clerk: ``-`` jumped to the next section (``2027-01-05`` became 2027-12-01) and
typing into an empty section was ignored until the year was double-clicked. Here the clerk types
``2027-01-05``, ``2027/1/5``, ``20270105``, ``R9.1.5`` or ``令和9年1月5日`` (full-width too) into a
plain line edit, read by ``domain.wareki.parse_date`` like ``--received`` on the command line; the
day is shown in 和暦 with its weekday beside it, or the parser's Japanese message in red when the
text is not a date. A calendar popup (▼, Alt+↓ or F4) picks a day with the mouse; ↑/↓ step a day.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QStyle,
    QStyleOptionFrame,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.wareki import format_wareki, parse_date
from npo_desk.gui import clock
from npo_desk.gui.dates import to_date, to_qdate, wareki_or_blank

# The widest date text: room for 令和10年12月31日 typed with its weekday.
_TEXT_WIDTH = "令和10年12月31日(月)"
_INVALID_STYLE = "QLineEdit { border: 2px solid #c62828; }"


def fitting_width(edit: QLineEdit, *texts: str) -> int:
    """The width at which each of ``texts`` shows whole in ``edit``: the widest text, the line edit's
    own inner margin (2 px a side in Qt), its text margins and room for the cursor, a little air and
    the red 2 px border of a refused date, then its frame as the style draws it (``sizeFromContents``,
    the way QLineEdit sizes itself), in the edit's own font."""
    metrics = edit.fontMetrics()
    margins = edit.textMargins()
    inner = max(metrics.horizontalAdvance(text) for text in texts) + 2 * 2 + 4 + 2 * 2
    inner += margins.left() + margins.right()
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    size = QSize(inner, metrics.height())
    return edit.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, size, edit).width()


def _mark(label: QLabel, level: str) -> None:
    """The editor's colours (gui.editor.styles), imported late: the editor package imports this module."""
    from npo_desk.gui.editor import styles

    styles.mark(label, getattr(styles, level))


class DateField(QWidget):
    """A date typed in any form the clerk uses, its 和暦 beside it, a calendar popup.

    ``value()`` is the day the text says (None when blank or not a day); ``error()`` says in Japanese
    why the text is not an acceptable day, and ``day()`` raises it, for a dialog's OK to refuse.
    ``dateChanged`` fires with the new day (or None) when the clerk leaves the field with a day other
    than the last one, never for the half-typed 2027-01-0 on the way to 2027-01-05.
    """

    dateChanged = Signal(object)  # date | None

    def __init__(
        self, parent: QWidget | None = None, *, initial: date | None = None, optional: bool = False
    ) -> None:
        super().__init__(parent)
        self._optional = optional
        self._committed: date | None = None  # the day ``dateChanged`` last announced
        self._minimum = date(1989, 1, 8)  # 平成: the Act (1998) and every case are later; 和暦 has an era
        self._maximum = date(2099, 12, 31)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("dateText")
        self.edit.setPlaceholderText(self.tr("例: 2027-01-05、R9.1.5"))  # every form: the tooltip
        # Never narrower than its placeholder (it was cut to 「例: 2027-01-05、R9.…」) or a typed date.
        self.edit.setMinimumWidth(fitting_width(self.edit, self.edit.placeholderText(), _TEXT_WIDTH))
        self.edit.setToolTip(self._hint())
        self.button = QToolButton(self)
        self.button.setObjectName("calendarButton")
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(self.tr("カレンダーから選ぶ (Alt+↓)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.wareki = QLabel(self)
        self.wareki.setObjectName("wareki")
        self.wareki.setWordWrap(True)
        self.wareki.setMinimumWidth(self.wareki.fontMetrics().horizontalAdvance(_TEXT_WIDTH) + 8)
        self.wareki.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addWidget(self.wareki, 1)
        self.setFocusProxy(self.edit)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.popup = QMenu(self)
        holder = QWidgetAction(self.popup)
        holder.setDefaultWidget(self.calendar)
        self.popup.addAction(holder)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.button.clicked.connect(self.show_calendar)
        self.edit.textChanged.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.installEventFilter(self)
        if initial is not None:
            self.set_value(initial)
        else:
            self._show(None, None)  # blank until filled in; refused (if required) only when left blank

    # --- value -------------------------------------------------------------------------------
    def value(self) -> date | None:
        """The day the text says (None: blank, or not a day; ``error()`` tells which)."""
        return self._read(self.edit.text())[0]

    def set_value(self, d: date | None) -> None:
        """Show ``d`` as 2027-01-05 (None: blank)."""
        self.edit.setText("" if d is None else d.isoformat())
        self._finished()

    def error(self) -> str | None:
        """Why the text is not an acceptable day, in Japanese; None when it is."""
        return self._read(self.edit.text())[1]

    def day(self) -> date:
        """The day of a field that must have one; InvalidInput with ``error()`` when it has none."""
        d, error = self._read(self.edit.text())
        if error is not None:
            raise InvalidInput(error)
        if d is None:
            raise InvalidInput(self.tr("日付を入力してください。"))
        return d

    def set_range(self, minimum: date | None = None, maximum: date | None = None) -> None:
        """Days outside ``minimum``..``maximum`` are refused with a message naming the limit."""
        if minimum is not None:
            self._minimum = minimum
        if maximum is not None:
            self._maximum = maximum
        self.calendar.setDateRange(to_qdate(self._minimum), to_qdate(self._maximum))
        self._finished()

    # --- reading -----------------------------------------------------------------------------
    def _read(self, text: str) -> tuple[date | None, str | None]:
        if not text.strip():
            return (None, None) if self._optional else (None, self.tr("日付を入力してください。"))
        try:
            d = parse_date(text)
        except InvalidInput as err:
            return None, str(err)
        if d < self._minimum:
            limit = format_wareki(self._minimum)
            return None, self.tr("{date}より前の日付は入力できません。").format(date=limit)
        if d > self._maximum:
            limit = format_wareki(self._maximum)
            return None, self.tr("{date}より後の日付は入力できません。").format(date=limit)
        return d, None

    def _typed(self, text: str) -> None:
        """While typing: the 和暦 of a readable text as a preview; a half-typed one is not an error yet."""
        self._show(self._read(text)[0], None)

    def _finished(self) -> None:
        """Enter, Tab, focus out, a pick or ``set_value``: the day is taken (``dateChanged``) and written
        back as 2027-01-05; a text that is no day is shown as such, in red, and kept to be corrected."""
        d, error = self._read(self.edit.text())
        self._show(d, error)
        if error is not None:
            return
        canonical = "" if d is None else d.isoformat()
        if self.edit.text() != canonical:
            self.edit.blockSignals(True)  # the same day: nothing to re-read
            self.edit.setText(canonical)
            self.edit.blockSignals(False)
        if d != self._committed:
            self._committed = d
            self.dateChanged.emit(d)

    def _show(self, d: date | None, error: str | None) -> None:
        if error is not None:
            self.edit.setStyleSheet(_INVALID_STYLE)
            self.edit.setToolTip(f"{error}\n{self._hint()}")
            self.wareki.setText(error)
            _mark(self.wareki, "ERROR")
            return
        self.edit.setStyleSheet("")
        self.edit.setToolTip(self._hint())
        _mark(self.wareki, "INFO")
        self.wareki.setText("" if d is None else wareki_or_blank(d))

    def _hint(self) -> str:
        return self.tr("2027-01-05、2027/1/5、20270105、R9.1.5、令和9年1月5日 のどれでも入力できます。")

    # --- calendar and keys ---------------------------------------------------------------------
    def show_calendar(self) -> None:
        """The month of the current day (or today's), below the field."""
        start = self.value() or min(max(clock.today(), self._minimum), self._maximum)
        self.calendar.setSelectedDate(to_qdate(start))
        self.popup.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.popup.close()
        self.set_value(to_date(day))
        self.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
                self.show_calendar()
                return True
            step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(Qt.Key(key))
            current = self.value()
            if step is not None and current is not None:
                moved = current + timedelta(days=step)
                if self._minimum <= moved <= self._maximum:
                    self.set_value(moved)
                return True
        return super().eventFilter(watched, event)
