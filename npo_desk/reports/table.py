"""A printed table over as many pages as it needs: rows in, pages out.

It knows nothing about NPOs: the deadline report hands it headings, columns and rows of text.
The first page carries the title block; every page repeats the column header, a running head and
「n / N」, because a report of 12 pages gets stapled, split between clerks and read out of order.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPagedPaintDevice, QPageLayout, QPainter, QPen

from npo_desk.reports.paint import Page, begin, draw_lines, fit_lines, line_height, page_of
from npo_desk.reports.qt import pdf_writer, report_font

_LEFT = Qt.AlignmentFlag.AlignLeft
_MARKED_FILL = QColor("#fbe3e3")
_MARKED_TEXT = QColor("#a40000")
_ZEBRA_FILL = QColor("#f4f6f8")
_HEADER_FILL = QColor("#dfe4ea")
_RULE = QColor("#9aa3ad")


@dataclass(frozen=True)
class Column:
    title: str
    weight: float  # share of the table's width
    align: Qt.AlignmentFlag = _LEFT
    max_lines: int = 1  # more than one: the cell wraps, and the last line is elided


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    marked: bool = False  # e.g. overdue: shaded and dark red


@dataclass(frozen=True)
class TableDocument:
    title: str
    headings: tuple[str, ...]  # under the title: authority, 「令和8年11月28日現在」, the selection
    running_head: str  # top of pages 2.. (title and date, small)
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    empty_text: str  # printed instead of rows when there are none
    note: str = ""  # one line under the headings, e.g. what the shading means


@dataclass(frozen=True)
class _Fonts:
    size: float  # the table's point size; everything else is relative to it

    # IPAex Gothic has no bold face: Qt would fake bold by painting every glyph twice, which also
    # doubles the text a PDF reader extracts. Emphasis is size, colour and shading instead.
    def title(self) -> QFont:
        return report_font(self.size + 7)

    def heading(self) -> QFont:
        return report_font(self.size + 1)

    def cell(self) -> QFont:
        return report_font(self.size)

    def small(self) -> QFont:
        return report_font(self.size - 1.5)


def save_table_pdf(path: str, layout: QPageLayout, title: str, doc: TableDocument) -> int:
    """``doc`` as a PDF file with the bundled font embedded; returns the page count."""
    writer = pdf_writer(path, layout, title)
    try:
        return paint_table(writer, doc)
    finally:
        del writer  # QPdfWriter finishes the file when it is destroyed


def paint_table(device: QPagedPaintDevice, doc: TableDocument, *, point_size: float = 9.0) -> int:
    """Paint ``doc`` onto ``device`` (printer, PDF writer, preview); returns the number of pages."""
    painter = begin(device)
    try:
        return _Painter(device, painter, doc, _Fonts(point_size)).run()
    finally:
        painter.end()


class _Painter:
    def __init__(
        self, device: QPagedPaintDevice, painter: QPainter, doc: TableDocument, fonts: _Fonts
    ) -> None:
        self.device = device
        self.painter = painter
        self.doc = doc
        self.fonts = fonts
        self.page: Page = page_of(device)
        self.pad = self.page.mm(1.2)
        total = sum(c.weight for c in doc.columns)
        self.widths = [self.page.width * c.weight / total for c in doc.columns]
        self.lh = line_height(fonts.cell(), device)

    # -- layout ---------------------------------------------------------------------------------------
    def _cell_lines(self, texts: tuple[str, ...]) -> list[list[str]]:
        font = self.fonts.cell()
        return [
            fit_lines(text, font, self.device, width - 2 * self.pad, column.max_lines)
            for text, width, column in zip(texts, self.widths, self.doc.columns, strict=True)
        ]

    def _height(self, cells: list[list[str]]) -> float:
        return max(len(lines) for lines in cells) * self.lh + 2 * self.pad

    def _title_block_height(self) -> float:
        height = line_height(self.fonts.title(), self.device) * 1.3
        height += len(self.doc.headings) * line_height(self.fonts.heading(), self.device)
        if self.doc.note:
            height += line_height(self.fonts.small(), self.device)
        return height + self.page.mm(3)

    def _running_head_height(self) -> float:
        return line_height(self.fonts.small(), self.device) + self.page.mm(2)

    def _footer_height(self) -> float:
        return line_height(self.fonts.small(), self.device) + self.page.mm(2)

    def _paginate(self, heights: list[float], header_height: float) -> list[list[int]]:
        pages: list[list[int]] = [[]]
        top = self._title_block_height()
        room = self.page.height - top - header_height - self._footer_height()
        used = 0.0
        for index, height in enumerate(heights):
            if pages[-1] and used + height > room:
                pages.append([])
                room = self.page.height - self._running_head_height() - header_height - self._footer_height()
                used = 0.0
            pages[-1].append(index)
            used += height
        return pages

    # -- painting -------------------------------------------------------------------------------------
    def run(self) -> int:
        header_cells = self._cell_lines(tuple(c.title for c in self.doc.columns))
        header_height = self._height(header_cells)
        rows = [self._cell_lines(row.cells) for row in self.doc.rows]
        heights = [self._height(cells) for cells in rows]
        pages = self._paginate(heights, header_height)
        for number, indices in enumerate(pages, 1):
            if number > 1:
                self.device.newPage()
            y = self._paint_title_block() if number == 1 else self._paint_running_head()
            y = self._paint_row(y, header_cells, header_height, fill=_HEADER_FILL)
            self._rule(y, 1.6)
            if not self.doc.rows:
                draw_lines(
                    self.painter,
                    QRectF(self.pad, y + self.pad, self.page.width, self.lh),
                    [self.doc.empty_text],
                    self.fonts.cell(),
                )
            for position, index in enumerate(indices):
                row = self.doc.rows[index]
                fill = _MARKED_FILL if row.marked else (_ZEBRA_FILL if position % 2 else None)
                y = self._paint_row(
                    y, rows[index], heights[index], fill=fill, color=_MARKED_TEXT if row.marked else None
                )
                self._rule(y, 0.5)
            self._paint_footer(number, len(pages))
        return len(pages)

    def _paint_title_block(self) -> float:
        title = self.fonts.title()
        y = 0.0
        title_height = line_height(title, self.device) * 1.3
        draw_lines(
            self.painter,
            QRectF(0, y, self.page.width, title_height),
            [self.doc.title],
            title,
            Qt.AlignmentFlag.AlignHCenter,
        )
        y += title_height
        heading = self.fonts.heading()
        step = line_height(heading, self.device)
        for text in self.doc.headings:
            draw_lines(
                self.painter,
                QRectF(0, y, self.page.width, step),
                [text],
                heading,
                Qt.AlignmentFlag.AlignRight,
            )
            y += step
        if self.doc.note:
            small = self.fonts.small()
            draw_lines(self.painter, QRectF(0, y, self.page.width, step), [self.doc.note], small)
            y += line_height(small, self.device)
        return y + self.page.mm(3)

    def _paint_running_head(self) -> float:
        small = self.fonts.small()
        height = line_height(small, self.device)
        draw_lines(self.painter, QRectF(0, 0, self.page.width, height), [self.doc.running_head], small)
        return height + self.page.mm(2)

    def _paint_footer(self, number: int, count: int) -> None:
        small = self.fonts.small()
        height = line_height(small, self.device)
        rect = QRectF(0, self.page.height - height, self.page.width, height)
        draw_lines(self.painter, rect, [f"{number} / {count}"], small, Qt.AlignmentFlag.AlignHCenter)

    def _paint_row(
        self,
        y: float,
        cells: list[list[str]],
        height: float,
        *,
        fill: QColor | None = None,
        color: QColor | None = None,
    ) -> float:
        if fill is not None:
            self.painter.fillRect(QRectF(0, y, self.page.width, height), fill)
        self.painter.setPen(QPen(color or QColor("black")))
        font = self.fonts.cell()
        x = 0.0
        for lines, width, column in zip(cells, self.widths, self.doc.columns, strict=True):
            rect = QRectF(x + self.pad, y + self.pad, width - 2 * self.pad, height - 2 * self.pad)
            draw_lines(self.painter, rect, lines, font, column.align)
            x += width
        return y + height

    def _rule(self, y: float, weight_pt: float) -> None:
        pen = QPen(_RULE)
        pen.setWidthF(weight_pt * self.page.dpi / 72 / 2)
        self.painter.setPen(pen)
        self.painter.drawLine(QPointF(0, y), QPointF(self.page.width, y))
