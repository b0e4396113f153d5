"""Painting helpers shared by the printed reports: page geometry in millimetres and text that fits.

Everything is measured on the paint device itself (a printer at 600 dpi, a PDF at 1200 dpi, the
preview's picture), so what the preview shows is what the paper gets.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPainter,
    QTextLayout,
    QTextOption,
)

from npo_desk.domain.errors import NpoDeskError


@dataclass(frozen=True)
class Page:
    """The printable area of one page, in device pixels, origin at its top-left corner."""

    width: float
    height: float
    dpi: float

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4


def page_of(device: QPagedPaintDevice) -> Page:
    dpi = float(device.logicalDpiY())
    rect = device.pageLayout().paintRectPixels(round(dpi))
    return Page(width=float(rect.width()), height=float(rect.height()), dpi=dpi)


def begin(device: QPagedPaintDevice) -> QPainter:
    """A painter on ``device``; a printer that cannot start (offline, file not writable) is a user error."""
    painter = QPainter()
    if not painter.begin(device):
        raise NpoDeskError(
            "印刷を開始できませんでした。プリンターの状態、または出力先のファイルに書き込めるかを確認してください。"
        )
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    return painter


def fit_lines(text: str, font: QFont, device: QPagedPaintDevice, width: float, max_lines: int) -> list[str]:
    """``text`` broken into at most ``max_lines`` lines of ``width``; what does not fit is elided with 「…」.

    Japanese has no spaces, so Qt's line breaker may break between any two characters; explicit line
    breaks (several offices in one cell) start a new line.
    """
    wrapped: list[str] = []
    paragraph_of: list[int] = []
    for number, paragraph in enumerate(text.splitlines() or [""]):
        layout = QTextLayout(paragraph, font, device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            wrapped.append(paragraph[line.textStart() : line.textStart() + line.textLength()].rstrip())
            paragraph_of.append(number)
        layout.endLayout()
        if not paragraph_of or paragraph_of[-1] != number:  # an empty paragraph is still one line
            wrapped.append("")
            paragraph_of.append(number)
    if len(wrapped) <= max_lines:
        return wrapped
    rest = wrapped[max_lines - 1]
    for index in range(max_lines, len(wrapped)):
        rest += (" " if paragraph_of[index] != paragraph_of[index - 1] else "") + wrapped[index]
    metrics = QFontMetricsF(font, device)
    return [*wrapped[: max_lines - 1], metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]


def line_height(font: QFont, device: QPagedPaintDevice) -> float:
    return QFontMetricsF(font, device).lineSpacing()


def draw_lines(
    painter: QPainter,
    rect: QRectF,
    lines: list[str],
    font: QFont,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> None:
    """Lines top-down inside ``rect``, each aligned horizontally by ``align``."""
    painter.setFont(font)
    step = QFontMetricsF(font, painter.device()).lineSpacing()
    y = rect.top()
    for text in lines:
        box = QRectF(rect.left(), y, rect.width(), step)
        painter.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), text)
        y += step
