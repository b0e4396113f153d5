"""Writing tables to CSV and XLSX so that Excel, LibreOffice and the prefecture's systems read them right.

- CSV in cp932 (the national file's encoding) or UTF-8 with BOM (so Excel detects it), CRLF lines.
- A character the target cannot hold is never dropped silently: the export stops with a list of the
  cases and fields affected, or, when the clerk asks, each one becomes 〓 and the list says so.
- Cells a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading apostrophe;
  the importer takes it off again, so a round trip keeps the text, also an apostrophe the clerk typed.
- An XLSX cell holds at most 32,767 characters: a longer text stops the export with a list of the
  cases and fields, never cut silently.
- XLSX cells hold real dates (shown yyyy/mm/dd), the header row is frozen, columns fit their text.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Any

from npo_desk.domain.errors import NpoDeskError
from npo_desk.private_files import create_private_file

Cell = str | date | int | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT_CHAR = "〓"  # 下駄記号: the traditional Japanese mark for "a character that could not be set"

# Characters that look the same but that Python's cp932 (Windows' Shift_JIS) spells differently. Text
# typed on macOS or Linux carries the JIS side; mapping them is not a replacement, the glyph is the same.
CP932_EQUIVALENTS = str.maketrans(
    {
        "\u301c": "\uff5e",  # 〜 WAVE DASH -> ～
        "\u2016": "\u2225",  # ‖ -> ∥
        "\u2212": "\uff0d",  # − MINUS SIGN -> －
        "\u00a2": "\uffe0",  # ¢
        "\u00a3": "\uffe1",  # £
        "\u00ac": "\uffe2",  # ¬
        "\u2014": "\u2015",  # — EM DASH -> ―
    }
)

_CP932_DIFFERENT = re.compile("[" + "".join(map(chr, CP932_EQUIVALENTS)) + "]")


def _cp932_twins(text: str) -> str:
    """``text`` with the characters cp932 spells differently mapped (a search first: a translation
    copies the text even when nothing changes)."""
    return text.translate(CP932_EQUIVALENTS) if _CP932_DIFFERENT.search(text) else text


# Control characters an XLSX file (XML 1.0) cannot contain at all; tab, LF and CR are allowed.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAX_LISTED = 30
XLSX_CELL_LIMIT = 32_767  # characters in one cell (Excel's specifications and limits)


@dataclass(frozen=True)
class Sheet:
    """One table: a header, rows of cells, and for each row the words that name it to the clerk.

    ``rows`` and ``row_labels`` may be generators, read once and in step: an export of 50,000 cases
    streams from the database into the file without holding the table."""

    name: str  # XLSX sheet title
    header: tuple[str, ...]
    rows: Iterable[tuple[Cell, ...]]
    row_labels: Iterable[str] = field(default_factory=list)  # e.g. 「R8-003 ひなた子ども食堂」


@dataclass(frozen=True)
class Replacement:
    """One cell whose text the target could not hold, and what it was."""

    row: str
    column: str
    characters: str  # the characters replaced, e.g. "𠮷"

    def describe(self) -> str:
        return f"{self.row}: {self.column} の「{self.characters}」"


class UnencodableText(NpoDeskError):
    """The export stopped: some text cannot be written in the chosen encoding."""

    def __init__(self, target: str, problems: Sequence[Replacement]) -> None:
        self.problems = list(problems)
        lines = [p.describe() for p in self.problems[:_MAX_LISTED]]
        if len(self.problems) > _MAX_LISTED:
            lines.append(f"ほか {len(self.problems) - _MAX_LISTED} 件")
        super().__init__(
            f"{target} で表せない文字があるため、書き出しを中止しました（{len(self.problems)} 件）。"
            "該当する案件を直すか、「表せない文字を〓に置き換える」を選んでください。\n" + "\n".join(lines)
        )


class CellTooLong(NpoDeskError):
    """The export stopped: some text is longer than an Excel cell holds (it would be cut)."""

    def __init__(self, problems: Sequence[Replacement]) -> None:
        self.problems = list(problems)
        lines = [p.describe() for p in self.problems[:_MAX_LISTED]]
        if len(self.problems) > _MAX_LISTED:
            lines.append(f"ほか {len(self.problems) - _MAX_LISTED} 件")
        super().__init__(
            f"Excel のセルに入る{XLSX_CELL_LIMIT:,}文字を超える項目があるため、書き出しを中止しました"
            f"（{len(self.problems)} 件）。該当する案件の項目を短くするか、CSV で書き出してください。\n"
            + "\n".join(lines)
        )


def neutralise(text: str) -> str:
    """Text a spreadsheet would take for a formula gets a leading apostrophe (OWASP CSV injection);
    so does text the importer would otherwise shorten (the clerk's own 「'=1+1」 becomes 「''=1+1」),
    so ``unneutralise`` gives back exactly what was written."""
    return "'" + text if text.startswith(FORMULA_STARTS) or unneutralise(text) != text else text


def unneutralise(text: str) -> str:
    """The inverse of ``neutralise`` for the importer: one leading apostrophe comes off when a formula
    character or another apostrophe follows it (「'abc」 from another program stays as it is)."""
    if text.startswith("'") and text[1:].startswith((*FORMULA_STARTS, "'")):
        return text[1:]
    return text


def _cp932_bad(text: str) -> str:
    try:
        text.encode("cp932")
    except UnicodeEncodeError:
        return "".join(dict.fromkeys(ch for ch in text if not _encodes(ch, "cp932")))
    return ""


def _encodes(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _utf8_bad(text: str) -> str:
    # Only lone surrogates (broken input) cannot be written as UTF-8.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(dict.fromkeys(ch for ch in text if 0xD800 <= ord(ch) <= 0xDFFF))
    return ""


def _xml_bad(text: str) -> str:
    return "".join(dict.fromkeys(_XML_ILLEGAL.findall(text)))


def _display(chars: str) -> str:
    """Invisible characters are named by code point in the report."""
    return "".join(ch if unicodedata.category(ch)[0] != "C" else f"U+{ord(ch):04X}" for ch in chars)


class _Cleaner:
    """Finds (and, when allowed, replaces) what the target cannot hold, remembering every case."""

    def __init__(self, bad: Callable[[str], str], prepare: Callable[[str], str], replace: bool) -> None:
        self.bad = bad
        self.prepare = prepare
        self.replace = replace
        self.problems: list[Replacement] = []

    def fits(self, text: str) -> bool:
        """Whether ``text`` goes out exactly as it is: one look at a whole row's cells joined, which
        nearly every row passes, instead of one per cell."""
        return self.prepare(text) == text and not self.bad(text)

    def text(self, value: str, row: str, column: str) -> str:
        value = self.prepare(value)
        chars = self.bad(value)
        if not chars:
            return value
        self.problems.append(Replacement(row, column, _display(chars)))
        return "".join(REPLACEMENT_CHAR if ch in chars else ch for ch in value)


def _cleaner(encoding: str, replace: bool) -> _Cleaner:
    if encoding == "cp932":
        return _Cleaner(_cp932_bad, _cp932_twins, replace)
    if encoding == "utf-8-sig":
        return _Cleaner(_utf8_bad, lambda s: s, replace)
    raise NpoDeskError(f"文字コード「{encoding}」には対応していません（cp932 または utf-8-sig）。")


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%Y/%m/%d")
    return str(value)


_NEUTRALISED_FIRST = frozenset((*FORMULA_STARTS, "'"))  # what ``neutralise`` may change starts with one


def _csv_texts(row: tuple[Cell, ...], dates: dict[date, str]) -> list[str]:
    """The row's cells as neutralised text (``_csv_text``, ``neutralise``), each date written once."""
    texts: list[str] = []
    append = texts.append
    for value in row:
        if value is None:
            append("")
            continue
        if value.__class__ is str:
            text = value
        elif isinstance(value, date):
            text = dates.get(value) or dates.setdefault(value, _csv_text(value))
        else:
            text = _csv_text(value)
        append(neutralise(text) if text[:1] in _NEUTRALISED_FIRST else text)
    return texts


def _labelled(sheet: Sheet) -> Iterator[tuple[str, tuple[Cell, ...]]]:
    """(label, row) pairs; a row without a label is named by its line in the file."""
    labels = iter(sheet.row_labels)
    for index, row in enumerate(sheet.rows):
        yield next(labels, None) or f"{index + 2}行目", row


def write_csv(
    path: Path, sheet: Sheet, *, encoding: str = "cp932", replace: bool = False
) -> list[Replacement]:
    """Write ``sheet`` as CSV, row by row as it comes; returns the replacements made.

    Raises UnencodableText instead when some text cannot be written and ``replace`` is False (the
    file is then removed: every row is read first, so the list names every case affected).
    """
    cleaner = _cleaner(encoding, replace)
    target = "CP932 (Shift_JIS)" if encoding == "cp932" else "UTF-8"
    header = [cleaner.text(h, "見出し行", h) for h in sheet.header]

    def write(part: Path) -> None:
        with part.open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
            writer.writerow(header)
            dates: dict[date, str] = {}
            for label, row in _labelled(sheet):
                texts = _csv_texts(row, dates)
                if len(texts) != len(sheet.header) or not cleaner.fits("".join(texts)):
                    texts = [
                        cleaner.text(text, label, column)
                        for text, column in zip(texts, sheet.header, strict=True)
                    ]
                writer.writerow(texts)
        if cleaner.problems and not replace:
            raise UnencodableText(target, cleaner.problems)

    write_atomically(path, write)
    return cleaner.problems


def display_width(text: str) -> int:
    """Columns the longest line of ``text`` takes in a fixed-width font: 全角 characters count two
    (column widths in a workbook, padding in the CLI's tables)."""
    longest = max(
        (
            len(line) + sum(unicodedata.east_asian_width(c) in "WF" for c in line)
            for line in text.splitlines()
        ),
        default=0,
    )
    return longest


def write_xlsx(path: Path, sheets: Sequence[Sheet], *, replace: bool = False) -> list[Replacement]:
    """Write ``sheets`` into one workbook (write-only mode: rows go to disk as they come, so 50,000
    take seconds and little memory); nothing is written when some text cannot be held."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    cleaner = _Cleaner(_xml_bad, lambda s: s, replace)
    too_long: list[Replacement] = []
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DFE4EA")
    wrap = Alignment(vertical="top", wrap_text=True)
    try:
        for sheet in sheets:
            ws = workbook.create_sheet(title=sheet.name[:31])
            ws.freeze_panes = "A2"
            rows = _xlsx_rows(sheet, cleaner, too_long)
            first = list(islice(rows, _WIDTH_SAMPLE))  # a write-only sheet needs its widths before any row
            for number, title in enumerate(sheet.header, 1):
                sample = [title, *(_csv_text(r[number - 1]) for r in first)]
                width = min(max(display_width(text) for text in sample) + 2, 60)
                ws.column_dimensions[get_column_letter(number)].width = max(width, 6)
            header_cells = []
            for title in sheet.header:
                cell = WriteOnlyCell(ws, value=title)
                cell.font = bold
                cell.fill = fill
                header_cells.append(cell)
            ws.append(header_cells)
            for values in chain(first, rows):
                cells: list[Any] = []
                for value in values:
                    if value is None:  # openpyxl skips it, as it skips an empty cell without a style
                        cells.append(value)
                        continue
                    cell = WriteOnlyCell(ws, value=value)
                    if isinstance(value, date):
                        cell.number_format = "yyyy/mm/dd"
                    elif isinstance(value, str):
                        cell.data_type = "s"  # never a formula, whatever it starts with
                        if "\n" in value:
                            cell.alignment = wrap
                    cells.append(cell)
                ws.append(cells)
        if cleaner.problems and not replace:
            raise UnencodableText("Excel ファイル", cleaner.problems)
        if too_long:
            raise CellTooLong(too_long)
    except BaseException:
        _discard(workbook)
        raise
    write_atomically(path, lambda part: workbook.save(part))
    return cleaner.problems


_WIDTH_SAMPLE = 2000  # rows whose text sets the column widths


def _discard(workbook: Any) -> None:
    """Close and delete the sheets a failed export had begun: a write-only sheet streams its rows to
    a temporary file, which would otherwise stay (applicants' data) until the program ends."""
    for ws in workbook.worksheets:
        if not ws.closed:
            ws.close()
        if ws._writer is not None:
            ws._writer.cleanup()


def _xlsx_rows(sheet: Sheet, cleaner: _Cleaner, too_long: list[Replacement]) -> Iterator[list[Cell]]:
    """The sheet's rows as cells, text cleaned and neutralised; a text too long for a cell is noted."""
    for label, row in _labelled(sheet):
        out: list[Cell] = []
        for cell, column in zip(row, sheet.header, strict=True):
            if isinstance(cell, str):
                cell = cleaner.text(neutralise(cell), label, column) or None
                if cell is not None and len(cell) > XLSX_CELL_LIMIT:
                    too_long.append(Replacement(label, column, f"{len(cell):,}文字"))
            out.append(cell)
        yield out


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write beside ``path`` and rename: a failed export (a full disk, a case it cannot write found
    halfway through the stream) never leaves half a file in its place. The file is 0600 from its
    first byte (it lists applicants and officers)."""
    part = path.with_name(path.name + ".part")
    try:
        create_private_file(part)
        write(part)
        os.replace(part, path)
    except BaseException as err:
        part.unlink(missing_ok=True)
        if not isinstance(err, OSError):
            raise
        raise NpoDeskError(
            f"ファイル「{path}」に書き込めませんでした（{err.strerror or err}）。"
            "保存先を確かめ、ほかのアプリで開いている場合は閉じてから、もう一度書き出してください。"
        ) from None
