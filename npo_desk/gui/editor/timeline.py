"""The timeline picture of a case: 縦覧 → 審査 → 登記 as bars on a date axis, with a today marker.

It only paints what it is given (facts and the domain's deadlines); a bar ends at the fact that
closed it when there is one, otherwise at the law's date of its deadline (drawn hatched, as it is
still ahead). A date the clerk set by hand for that deadline is marked on the bar, labelled 手動 (and
不採用 when later than the law's), never moving the bar's end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from npo_desk.domain.deadlines import Deadline, DeadlineKey
from npo_desk.domain.due import MANUAL_MARK, MANUAL_STATUS_LABELS, Due, ManualStatus
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.wareki import format_wareki, format_year_month

XOf = Callable[[date], float]  # a date's x position on the axis


@dataclass(frozen=True)
class Span:
    label: str
    start: date
    end: date
    done: bool  # the fact that ends it has happened
    color: QColor
    due: Due | None = None  # the deadline it runs to while not done, with the clerk's date if any

    @property
    def manual_on(self) -> date | None:
        """The clerk's date for the deadline the bar runs to, while the bar is still open."""
        if self.done or self.due is None or self.due.manual is None:
            return None
        return self.due.manual.on

    def end_text(self, done_format: str, due_format: str) -> str:
        """「〜令和8年10月11日」 when done, 「期限 令和8年11月11日」 (the law's date) while ahead, with the
        clerk's date beside it: 「・手動 令和8年12月4日 不採用(法定の期限より後)」."""
        text = (done_format if self.done else due_format).format(date=format_wareki(self.end))
        if self.manual_on is not None and self.due is not None and self.due.status is not None:
            status = "" if self.due.status is ManualStatus.REPLACES else MANUAL_STATUS_LABELS[self.due.status]
            text += f"・{MANUAL_MARK} {format_wareki(self.manual_on)} {status}".rstrip()
        return text


def spans_of(
    facts: CaseFacts,
    deadlines: dict[DeadlineKey, Deadline],
    labels: dict[str, str],
    due: Callable[[Deadline], Due] = Due,
) -> list[Span]:
    """The bars to draw: 縦覧, 審査 and 登記, as far as the facts reach; ``due`` adds the clerk's date
    to a deadline (``Case.due``; without it, none)."""
    spans: list[Span] = []
    received = facts.received_on
    inspection = deadlines.get(DeadlineKey.PUBLIC_INSPECTION_END)
    if received is None or inspection is None:
        return spans
    spans.append(Span(labels["inspection"], received, inspection.date, True, QColor("#4a7ebb")))
    decided = facts.certified_on or facts.refused_on
    decision = deadlines.get(DeadlineKey.DECISION_DEADLINE)
    review_end = decided or (decision.date if decision else None)
    if review_end is not None and not facts.withdrawn_on:
        review_start = min(inspection.date + timedelta(days=1), review_end)
        review_due = due(decision) if decision is not None and decided is None else None
        spans.append(
            Span(
                labels["review"], review_start, review_end, decided is not None, QColor("#e0a030"), review_due
            )
        )
    if facts.certified_on:
        registration = deadlines.get(DeadlineKey.REGISTRATION_DEADLINE)
        start = facts.certificate_delivered_on or facts.certified_on
        end = facts.registered_on or (registration.date if registration else None)
        if end is not None:
            spans.append(
                Span(
                    labels["registration"],
                    start,
                    max(start, end),
                    facts.registered_on is not None,
                    QColor("#4c9a52"),
                    due(registration) if registration is not None and not facts.registered_on else None,
                )
            )
    return spans


class TimelineWidget(QWidget):
    """Paints the spans of one case; ``set_case`` is called by the 経過と期限 tab on every change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(150)
        self.spans: list[Span] = []
        self.today = date.today()  # replaced by set_case; the GUI clock decides
        self.setAccessibleName(self.tr("経過の図"))

    def labels(self) -> dict[str, str]:
        return {"inspection": self.tr("縦覧"), "review": self.tr("審査"), "registration": self.tr("登記")}

    def set_case(
        self,
        facts: CaseFacts,
        deadlines: dict[DeadlineKey, Deadline],
        today: date,
        due: Callable[[Deadline], Due] = Due,
    ) -> None:
        self.spans = spans_of(facts, deadlines, self.labels(), due)
        self.today = today
        self.setToolTip(
            "\n".join(
                f"{s.label}: {format_wareki(s.start)} 〜 {format_wareki(s.end)}"
                + (f" ({s.due.manual_text()})" if s.manual_on is not None and s.due is not None else "")
                for s in self.spans
            )
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(800, 150)

    # --- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        painter.setPen(QPen(self.palette().mid().color()))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if not self.spans:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("申請受理日が入ると、縦覧・審査・登記の期間をここに図示します。"),
            )
            painter.end()
            return
        first, last = axis_range(self.spans, self.today)
        left, right = LEFT, float(self.width() - RIGHT)

        def x_of(d: date) -> float:
            return x_position(d, first, last, self.width())

        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        metrics = QFontMetrics(small)
        axis_y = self.height() - 34.0
        self._paint_axis(painter, first, last, x_of, axis_y, small)
        row_height = min(26.0, (axis_y - 16) / max(1, len(self.spans)))
        tops = [10 + i * (row_height + 4) for i in range(len(self.spans))]
        for span, top in zip(self.spans, tops, strict=True):
            self._paint_bar(painter, span, x_of, top, row_height - 4)
        # Today: a red line across the bars (the labels come after it, so it never hides a date); when
        # today is far outside the case's dates, an arrow at that end of the axis instead.
        red = QColor("#c62828")
        today_text = format_wareki(self.today)
        if self.today > last:
            tx, label = right, self.tr("今日 {date} →").format(date=today_text)
        elif self.today < first:
            tx, label = left, self.tr("← 今日 {date}").format(date=today_text)
        else:
            tx, label = x_of(self.today), self.tr("今日 {date}").format(date=today_text)
            painter.setPen(QPen(red, 2))
            painter.drawLine(QPointF(tx, 4), QPointF(tx, axis_y + 4))
        for span, top in zip(self.spans, tops, strict=True):
            self._paint_labels(painter, span, x_of, top, row_height - 4, small, metrics)
        painter.setPen(red)
        painter.setFont(small)
        width = metrics.horizontalAdvance(label)
        lx = min(max(tx - width / 2, 2.0), self.width() - width - 4.0)
        painter.drawText(QPointF(lx, self.height() - 6.0), label)
        painter.end()

    def _paint_axis(
        self, painter: QPainter, first: date, last: date, x_of: XOf, y: float, font: QFont
    ) -> None:
        painter.setPen(QPen(self.palette().text().color(), 1))
        painter.drawLine(QPointF(x_of(first), y), QPointF(x_of(last), y))
        painter.setFont(font)
        month = date(first.year, first.month, 1)
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        step = max(1, months // 8)  # at most about eight month labels
        index = 0
        labelled = 0
        while month <= last:
            if month >= first and index % step == 0:
                labelled += 1
                x = x_of(month)
                painter.drawLine(QPointF(x, y - 3), QPointF(x, y + 3))
                painter.drawText(QPointF(x + 2, y + 14), self._month_label(month, first_label=labelled == 1))
            index += 1
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)

    def _month_label(self, month: date, *, first_label: bool) -> str:
        """「10月」; the first label and every January carry the era year (「令和9年1月」)."""
        if not first_label and month.month != 1:
            return self.tr("{m}月").format(m=month.month)
        return format_year_month(month)

    def _paint_bar(self, painter: QPainter, span: Span, x_of: XOf, top: float, height: float) -> None:
        x0, x1 = _extent(span, x_of)
        rect = QRectF(x0, top, x1 - x0, height)
        fill = QColor(span.color)
        if not span.done:
            fill.setAlpha(110)  # still ahead: paler, with the deadline's end drawn dashed
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 3, 3)
        if not span.done:
            painter.setPen(QPen(span.color.darker(130), 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x1, top - 2), QPointF(x1, top + height + 2))

    def _paint_labels(
        self,
        painter: QPainter,
        span: Span,
        x_of: XOf,
        top: float,
        height: float,
        font: QFont,
        metrics: QFontMetrics,
    ) -> None:
        x0, x1 = _extent(span, x_of)
        painter.setFont(font)
        painter.setPen(self.palette().text().color())
        painter.drawText(
            QRectF(4, top, 62, height),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            span.label,
        )
        end_text = span.end_text(self.tr("〜{date}"), self.tr("期限 {date}"))
        manual_on = span.manual_on
        if manual_on is not None:  # a tick where the clerk's date falls, in the 手動 colour
            superseded = span.due is not None and span.due.status is ManualStatus.SUPERSEDED
            mx = x_of(manual_on) + (x_of(manual_on + timedelta(days=1)) - x_of(manual_on)) / 2
            painter.setPen(QPen(QColor("#c62828" if superseded else "#8a5a00"), 2, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(mx, top - 3), QPointF(mx, top + height + 3))
            painter.setPen(self.palette().text().color())
        advance = metrics.horizontalAdvance(end_text)
        baseline = top + height / 2 + metrics.ascent() / 2 - 1
        if x1 + 4 + advance < self.width() - 4:  # after the bar
            text_x = x1 + 4
        elif x1 - x0 > advance + 8:  # inside the bar's right end
            text_x = x1 - advance - 6
        else:
            text_x = max(2.0, x0 - advance - 4)
        # A pale box under the text keeps it readable where the today line or a bar runs through it.
        backdrop = QColor(self.palette().base().color())
        backdrop.setAlpha(200)
        painter.fillRect(QRectF(text_x - 2, top + 1, advance + 4, height - 2), backdrop)
        painter.drawText(QPointF(text_x, baseline), end_text)


LEFT, RIGHT = 70.0, 20.0  # room for the bar names on the left, a margin on the right
FAR = timedelta(days=60)  # today further than this from the case's dates is not drawn to scale
MARGIN = timedelta(days=3)


def axis_range(spans: list[Span], today: date) -> tuple[date, date]:
    """First and last day of the axis: the spans, and today when it is near them."""
    first = min(s.start for s in spans)
    last = max(max(s.end, s.manual_on or s.end) for s in spans)
    if first - FAR <= today < first:
        first = today
    if last < today <= last + FAR:
        last = today
    return first - MARGIN, last + MARGIN


def x_position(d: date, first: date, last: date, width: int) -> float:
    """Where day ``d`` starts on an axis from ``first`` to ``last`` in a widget ``width`` pixels wide."""
    days = max(1, (last - first).days)
    return LEFT + (width - RIGHT - LEFT) * (d - first).days / days


def _extent(span: Span, x_of: XOf) -> tuple[float, float]:
    """Left and right x of a span's bar: from its first day's start to its last day's end (3 px at least)."""
    x0 = x_of(span.start)
    return x0, max(x_of(span.end + timedelta(days=1)), x0 + 3)
