"""Reading a CSV or XLSX file into a header and rows of text, whatever Excel or the portal wrote.

CSV: UTF-8 with or without BOM, else cp932 (Shift_JIS as Windows writes it); the first one that
decodes the whole file wins, so a file is never read half in one encoding. XLSX: the first sheet,
date cells as YYYY/MM/DD text (the validator parses every date the same way, whatever its source).

CSV quoting is read strictly (RFC 4180, as Excel writes it): Python's csv module would take a stray
「"」 at the start of a cell as the opening of a quoted cell and carry every following line into it,
silently merging rows. Here an unclosed quote, text after a closing quote and a quote inside an
unquoted cell are refused with the line where the cell opened, and so is a quoted cell that swallowed
what looks like rows of the file (the record count then disagrees with the visible lines).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from npo_desk.domain.errors import NpoDeskError


@dataclass(frozen=True)
class RawTable:
    header: list[str]
    rows: list[list[str]]  # rows[i] is row number i + 2 as a spreadsheet counts (the header is row 1)
    source: str  # "CSV (cp932)", "Excel" ... for messages
    # CSV only: the physical line of the file on which rows[i] begins (a quoted cell may hold line
    # breaks, so it can differ from i + 2), and the number of lines of the file.
    lines: list[int] | None = None
    line_count: int = 0

    def line_of(self, index: int, column: int) -> int | None:
        """The physical line on which cell ``column`` of rows[index] opens (CSV), else None."""
        if self.lines is None:
            return None
        before = self.rows[index][:column]
        return self.lines[index] + sum(_line_breaks(cell) for cell in before)


def read_table(path: Path, recognised: Callable[[list[str]], bool] = lambda header: True) -> RawTable:
    """The file's header and data rows; NpoDeskError when it cannot be read as a table.

    In a workbook, the first sheet whose header ``recognised`` accepts is read (a clerk's ledger is not
    always the first sheet); when none is, the first sheet, so the caller can say what is wrong with it.
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            return _read_xlsx(path, recognised)
        if suffix in (".csv", ".txt"):
            return _read_csv(path.read_bytes())
    except OSError as err:
        raise NpoDeskError(f"ファイル「{path}」を開けませんでした（{err.strerror or err}）。") from None
    raise NpoDeskError(
        f"ファイル「{path.name}」は取り込めません。CSV（.csv）または Excel（.xlsx）を選んでください。"
    )


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM付き)"
    for encoding, label in (("utf-8", "UTF-8"), ("cp932", "Shift_JIS (cp932)")):
        try:
            return data.decode(encoding), label
        except UnicodeDecodeError:
            continue
    raise NpoDeskError(
        "ファイルの文字コードを判別できませんでした。UTF-8 または Shift_JIS（cp932）で保存し直してください。"
    )


def _read_csv(data: bytes) -> RawTable:
    try:
        text, label = _decode(data)
    except UnicodeDecodeError:
        raise NpoDeskError(
            "BOM 付き UTF-8 のはずのファイルに、UTF-8 として読めない部分があります。"
        ) from None
    records, starts, line_count = _csv_records(text)
    _refuse_swallowed_rows(records, starts, line_count)
    table = _table(records, f"CSV・{label}")
    return RawTable(table.header, table.rows, table.source, starts[1 : len(table.rows) + 1], line_count)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_QUOTED = re.compile(r'"((?:[^"]++|"")*+)"')  # possessive: an unclosed quote cannot backtrack
_UNQUOTED = re.compile(r'[^,"\r\n]*')
_QUOTE_HELP = (
    'セルの中に引用符（"）を書くときは、セル全体を "…" で囲み、中の引用符を "" と2つ重ねてください'
    "（Excel で CSV として保存すると、そのように書かれます）。"
)


def _line_breaks(text: str) -> int:
    return len(_LINE_BREAK.findall(text)) if ("\n" in text or "\r" in text) else 0


def _csv_records(text: str) -> tuple[list[list[str]], list[int], int]:
    """The records of a CSV text, the physical line each begins on, and the number of lines.

    A line without a quote is split at once (the common case); a quoted cell is read by ``_QUOTED``
    and may span lines. NpoDeskError naming the line for every misplaced quote.
    """
    records: list[list[str]] = []
    starts: list[int] = []
    position, line, end = 0, 1, len(text)
    while position < end:
        starts.append(line)
        found = _LINE_BREAK.search(text, position)
        stop = found.start() if found else end
        if '"' not in text[position:stop]:
            records.append(text[position:stop].split(","))
            position, line = (found.end(), line + 1) if found else (end, line)
            continue
        cells: list[str] = []
        while True:
            if text.startswith('"', position):
                opened = line
                quoted = _QUOTED.match(text, position)
                if quoted is None:
                    raise NpoDeskError(
                        f'ファイルの{opened}行目で始まるセルの引用符（"）が閉じられていません'
                        "（このままではファイルの終わりまでが1つのセルになります）。何も取り込んでいません。"
                        + _QUOTE_HELP
                    )
                cells.append(quoted.group(1).replace('""', '"'))
                line += _line_breaks(quoted.group(0))
                position = quoted.end()
                if position < end and text[position] not in ",\r\n":
                    where = "" if line == opened else f"（{opened}行目で始まり、{line}行目で閉じたセル）"
                    raise NpoDeskError(
                        f'ファイルの{line}行目: 引用符（"）で閉じたセルの後ろに、区切りのカンマなしで文字が'
                        f"続いています{where}。何も取り込んでいません。" + _QUOTE_HELP
                    )
            else:
                unquoted = _UNQUOTED.match(text, position)
                assert unquoted is not None  # the pattern matches the empty string
                cells.append(unquoted.group(0))
                position = unquoted.end()
                if position < end and text[position] == '"':
                    raise NpoDeskError(
                        f'ファイルの{line}行目: 引用符（"）で囲まれていないセルの途中に引用符があります。'
                        "何も取り込んでいません。" + _QUOTE_HELP
                    )
            if position < end and text[position] == ",":
                position += 1
                continue
            break
        records.append(cells)
        if position < end:  # a line break ends the record
            position += 2 if text.startswith("\r\n", position) else 1
            line += 1
    line_count = line - 1 if text and text[-1] in "\r\n" else line
    return records, starts, line_count


def _refuse_swallowed_rows(records: list[list[str]], starts: list[int], line_count: int) -> None:
    """A quoted cell over several lines that holds what looks like rows of the file was opened by a
    stray quote and closed by another one further down: refuse it, naming the line it opened on.

    Two signs, both impossible in a file Excel wrote: a line inside the cell has as many commas as
    there are cells before it (a whole row, or the start of one up to where the stray quote closed),
    or the record has more cells than the header (the quote closed in an earlier column than it
    opened). Either way the reader sees fewer rows than the clerk sees lines.
    """
    if not records:
        return
    width = len(records[0])
    for number, (cells, start) in enumerate(zip(records, starts, strict=True)):
        end = starts[number + 1] - 1 if number + 1 < len(starts) else line_count
        if end == start:
            continue
        opened = start
        for column, cell in enumerate(cells):
            inner = _LINE_BREAK.split(cell)
            if len(inner) > 1 and (
                len(cells) > width or any(part.count(",") >= max(1, column) for part in inner[1:])
            ):
                raise NpoDeskError(
                    f'ファイルの{opened}行目で始まる引用符（"）のセルが{opened + len(inner) - 1}行目まで'
                    "閉じられず、その間の行が1つのセルに入ってしまいます"
                    f"（ファイルは{line_count}行ですが、{len(records)}行分としてしか読めません）。"
                    "何も取り込んでいません。引用符の抜けや余分な引用符がないか確認してください。"
                )
            opened += len(inner) - 1


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%Y/%m/%d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path, recognised: Callable[[list[str]], bool]) -> RawTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises zipfile, KeyError, ValueError ... on a damaged file
        raise NpoDeskError(
            f"Excel ファイル「{path.name}」を読めませんでした（{type(err).__name__}）。"
        ) from None
    try:
        tables = []
        for sheet in workbook.worksheets:
            records = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            if any(any(cell.strip() for cell in record) for record in records):
                table = _table(records, f"Excel・シート「{sheet.title}」")
                if recognised(table.header):
                    return table
                tables.append(table)
    finally:
        workbook.close()
    if not tables:
        raise NpoDeskError("ファイルが空です。見出し行のある表を選んでください。")
    return tables[0]


def _table(records: list[list[str]], source: str) -> RawTable:
    while records and not any(cell.strip() for cell in records[-1]):
        records.pop()
    if not records:
        raise NpoDeskError("ファイルが空です。見出し行のある表を選んでください。")
    header = [cell.strip().lstrip("\ufeff") for cell in records[0]]
    while header and not header[-1]:
        header.pop()
    rows = [row + [""] * (len(header) - len(row)) for row in records[1:]]
    return RawTable(header, rows, source)
