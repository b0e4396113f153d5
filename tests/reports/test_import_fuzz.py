"""The importer against generated hostile files: random headings, cells with quotes, commas, line
breaks and control characters, written well or badly quoted, in every encoding or as broken bytes.

Whatever the file, the import either stores every case it planned or refuses with the project's own
error (NpoDeskError, ImportRejected among them: the CLI prints it on one line and exits 2), never a
traceback; and a refused file leaves the SQLite database file byte for byte as it was.
"""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as s

from npo_desk import store
from npo_desk.domain.errors import NpoDeskError
from npo_desk.reports.importer import import_file
from npo_desk.reports.layouts import LEDGER_EXPORT_HEADER

from .conftest import TODAY, sqlite_bytes

HEADINGS = [*LEDGER_EXPORT_HEADER, "電話番号", ""]
CELLS = s.one_of(
    s.sampled_from(["", "会", "ひなた子ども食堂", "2026/04/07", "R7.4.7", "令和8年11月1日", "2026-02-30"]),
    s.sampled_from(["1,13", "4/1", "宮崎県日南市中央通1丁目1-1", "2025/04/01=2026/06/25", "=1+1", "'=2"]),
    s.text(alphabet=s.sampled_from("\"',\r\n\t\x00\x1b\x7f 、会ｱ髙﨑①\u3000\ufeff"), max_size=12),
    s.text(max_size=20),
    s.integers(195, 320).map(lambda n: "長" * n),
)
# What a clerk's ledger holds, column by column: most rows of a real file are good ones.
GOOD = {
    "法人名称": s.sampled_from(["ひなた子ども食堂", "油津の会", "髙﨑まちづくり①", "ﾆﾁﾅﾝの会"]).flatmap(
        lambda name: s.integers(1, 999).map(lambda n: f"{name}{n}")
    ),
    "申請受理日": s.sampled_from(["2026/04/07", "R7.4.7", "令和8年11月1日", "2025-05-01"]),
    "備考": s.text(max_size=15),
    "従たる事務所の所在地": s.sampled_from(["", "宮崎県日南市油津1-1\n宮崎県日南市星倉2-2"]),
}


@s.composite
def tables(draw: s.DrawFn) -> tuple[list[str], list[list[str]]]:
    header = draw(s.lists(s.sampled_from(HEADINGS), min_size=1, max_size=8, unique=True))
    if draw(s.sampled_from([True, True, True, False])):  # mostly a ledger: its rows get read
        header = ["法人名称", "申請受理日", "備考", *(h for h in header if h not in GOOD)]
    if draw(s.sampled_from([False] * 9 + [True])):
        header.append(draw(s.sampled_from(header)))  # a repeated heading
    width = len(header)
    good = s.tuples(*(GOOD.get(h, s.just("")) for h in header)).map(list)
    cells = s.lists(CELLS, min_size=width, max_size=width) | s.lists(CELLS, max_size=width + 1)
    return header, draw(s.lists(good | cells, max_size=6))


def _text(header: list[str], rows: list[list[str]], quoting: str) -> str:
    if quoting == "raw":  # an editor's file: cells joined as typed, quotes and all
        return "\r\n".join(",".join(cells) for cells in [header, *rows]) + "\r\n"
    out = io.StringIO(newline="")
    csv.writer(out, quoting=csv.QUOTE_ALL if quoting == "all" else csv.QUOTE_MINIMAL).writerows(
        [header, *rows]
    )
    return out.getvalue()


def _bytes(text: str, encoding: str, cut: int) -> bytes:
    if encoding == "cp932":
        data = text.encode("cp932", errors="replace")
    else:
        data = text.encode(encoding, errors="surrogatepass")
    return data[: len(data) - cut] if cut else data  # a cut may split a multi-byte character


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=tables(),
    quoting=s.sampled_from(["minimal", "all", "raw"]),
    encoding=s.sampled_from(["utf-8", "utf-8-sig", "cp932"]),
    cut=s.sampled_from([0, 0, 0, 1]),
)
def test_an_import_is_whole_or_refused_without_a_trace(empty_store, tmp_path, table, quoting, encoding, cut):
    header, rows = table
    path = tmp_path / "fuzz.csv"
    path.write_bytes(_bytes(_text(header, rows, quoting), encoding, cut))
    stored = len(store.list_cases(empty_store))
    before = sqlite_bytes(empty_store)
    try:
        plan = import_file(empty_store, path, who="fuzz", today=TODAY)
    except NpoDeskError as refused:
        assert str(refused).strip()
        assert sqlite_bytes(empty_store) == before  # nothing written, not even in part
    else:
        assert len(store.list_cases(empty_store)) == stored + len(plan.cases)  # every planned case
