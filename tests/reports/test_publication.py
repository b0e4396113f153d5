"""The 公表 list written as HTML and CSV (特定非営利活動促進法10条2項; docs/legal-reference.md §4.1a):
parsed back, escaped, only the Act's items, 0600, and ``npo-desk publish``'s exit codes."""

from __future__ import annotations

import csv
import stat
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from npo_desk import store
from npo_desk.cli import main
from npo_desk.reports.publication import (
    COLUMNS,
    CSV_HEADER,
    CSV_NAME,
    HTML_NAME,
    collect,
    publish,
    render_html,
)
from npo_desk.store import Case, Milestone, MilestoneKind, Office, Officer

from .conftest import TODAY, add_cases

NASTY_NAME = '<script>alert("x")</script> & "油津" \'会\''
NASTY_REP = "山田 <太郎> & 花子"
NASTY_PURPOSE = '=HYPERLINK("http://x")\n二行目 <b>太字</b>'


class Page(HTMLParser):
    """The parts of the page a test looks at: the html lang, scripts, the caption, the column and row
    headers, each body row's cells as text and the <time> datetimes."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.scripts = 0
        self.caption = ""
        self.col_headers: list[str] = []
        self.rows: list[list[str]] = []
        self.times: list[str] = []
        self._cell: list[str] | None = None
        self._in_caption = False
        self._scope: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        elif tag == "script":
            self.scripts += 1
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell, self._scope = [], found.get("scope")
        elif tag == "time":
            self.times.append(found.get("datetime") or "")
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in_caption = False
        elif tag in ("th", "td") and self._cell is not None:
            text = "".join(self._cell)
            if self._scope == "col":
                self.col_headers.append(text)
                self.rows.pop() if self.rows and not self.rows[-1] else None
            else:
                self.rows[-1].append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self.caption += data
        if self._cell is not None:
            self._cell.append(data)


def _nasty_case() -> Case:
    return Case(
        name=NASTY_NAME,
        representative=NASTY_REP,
        purpose=NASTY_PURPOSE,
        phone="0987-00-0000",
        email="secret@example.jp",
        offices=(Office("宮崎県日南市油津3丁目2-1"), Office("宮崎県日南市星倉1丁目 従たる事務所")),
        officers=(Officer("役員 一郎", "director"),),
        milestones=(Milestone(MilestoneKind.RECEIVED, date(2026, 11, 27)),),
    )


def test_default_list_is_the_applications_in_inspection(sample_store):
    """As of 令和8年11月28日: ひなた子ども食堂 (received 11-20, 縦覧 to 12-04) only; 油津 (縦覧 ended in
    October) and the long-named case (ended 11-16) join with all_pending; decided ones never."""
    listing = collect(sample_store, store.load_settings(sample_store), TODAY)
    assert [e.name for e in listing.entries] == ["ひなた子ども食堂"]
    entry = listing.entries[0]
    assert (entry.received_on, entry.inspection.start, entry.inspection.end) == (
        date(2026, 11, 20),
        date(2026, 11, 21),
        date(2026, 12, 4),
    )
    everything = collect(sample_store, store.load_settings(sample_store), TODAY, all_pending=True)
    assert [e.received_on for e in everything.entries] == [
        date(2026, 9, 1),
        date(2026, 11, 2),
        date(2026, 11, 20),
    ]


def test_html_page_is_accessible_escaped_and_holds_only_the_acts_items(sample_store, tmp_path):
    add_cases(sample_store, [_nasty_case()])
    result = publish(sample_store, tmp_path / "web", TODAY)
    text = result.html_path.read_text(encoding="utf-8")
    page = Page(text)
    assert page.lang == "ja" and page.scripts == 0
    assert '<meta charset="utf-8">' in text and 'name="viewport"' in text
    assert "令和8年11月28日現在" in page.caption and "2件" in page.caption
    assert page.col_headers == list(COLUMNS)
    rows = {row[0]: row for row in page.rows}
    assert set(rows) == {"ひなた子ども食堂", NASTY_NAME}
    nasty = rows[NASTY_NAME]
    assert nasty[1:4] == [NASTY_REP, "宮崎県日南市油津3丁目2-1", NASTY_PURPOSE]  # escaped, read back whole
    assert "令和8年11月27日" in nasty[4] and "2026年11月27日" in nasty[4]
    assert "令和8年11月28日" in nasty[5] and "令和8年12月11日" in nasty[5]
    assert {"2026-11-27", "2026-11-28", "2026-12-11"} <= set(page.times)
    assert "<script>" not in text and "&lt;script&gt;" in text
    for private in ("0987-00-0000", "secret@example.jp", "役員 一郎", "星倉"):
        assert private not in text
    assert "宮崎県日南市" in text  # our authority, from the settings
    assert "第10条第2項" in text and "第10条第3項" not in text


def test_empty_list_says_so(empty_store, tmp_path):
    listing = collect(empty_store, store.load_settings(empty_store), TODAY)
    page = Page(render_html(listing))
    assert page.rows == [] and page.col_headers == []
    assert "公表している申請はありません" in render_html(listing)


def test_csv_reads_back_with_west_dates_and_neutralised_formulas(sample_store, tmp_path):
    add_cases(sample_store, [_nasty_case()])
    result = publish(sample_store, tmp_path, TODAY)
    raw = result.csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with result.csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_HEADER
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name[NASTY_NAME][1] == NASTY_REP
    assert by_name[NASTY_NAME][3] == "'" + NASTY_PURPOSE  # a spreadsheet must not run it
    assert by_name["ひなた子ども食堂"][4:7] == ["2026/11/20", "2026/11/21", "2026/12/04"]
    assert all(row[7].startswith("特定非営利活動促進法第10条第2項") for row in rows[1:])


def test_files_are_private_and_replace_the_previous_ones(sample_store, tmp_path):
    folder = tmp_path / "new" / "web"
    first = publish(sample_store, folder, TODAY)
    again = publish(sample_store, folder, date(2026, 12, 20))  # everything's 縦覧 is over
    assert again.count == 0 and first.count == 1
    for path in (again.html_path, again.csv_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == sorted([HTML_NAME, CSV_NAME])  # no .part left
    assert "ひなた子ども食堂" not in again.html_path.read_text(encoding="utf-8")


@pytest.fixture
def db(sample_store) -> str:
    return str(sample_store.path)


def test_cli_publish_writes_both_files(db, tmp_path, capsys):
    out = tmp_path / "kohyo"
    assert main(["--db", db, "publish", "--out", str(out), "--as-of", "R8.11.28"]) == 0
    said = capsys.readouterr().out
    assert "令和8年11月28日現在、1件" in said
    assert (out / HTML_NAME).is_file() and (out / CSV_NAME).is_file()
    assert main(["--db", db, "publish", "--out", str(out), "--as-of", "2026-11-28", "--all-pending"]) == 0
    assert "3件" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["publish", "--out", "{tmp}/x", "--as-of", "2026-02-30"],
        ["publish"],  # --out is required
        ["--db", "{tmp}/missing.db", "publish", "--out", "{tmp}/x"],
    ],
)
def test_cli_publish_errors_are_one_line_exit_2(db, tmp_path, capsys, args):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if argv[0] != "--db":
        argv = ["--db", db, *argv]
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse's usage error
        code = stop.code
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not Path(tmp_path / "x").exists()


def _received_in_2019() -> Case:
    """An application made under 平成28年法律第70号 (received 2019-05-01) and still undecided."""
    return Case(
        name="令和前の会",
        representative="古川 一",
        offices=(Office("宮崎県日南市"),),
        milestones=(Milestone(MilestoneKind.RECEIVED, date(2019, 5, 1)),),
    )


def test_an_old_application_keeps_the_basis_of_its_version(sample_store, tmp_path):
    """An application received on 2019-05-01 and still undecided was made under 平成28年法律第70号's
    10条2項 (公告 or インターネット); the page names both versions' bases, each row its own in the CSV."""
    add_cases(sample_store, [_received_in_2019()])
    result = publish(sample_store, tmp_path, TODAY, all_pending=True)
    text = result.html_path.read_text(encoding="utf-8")
    assert "公告又はインターネットの利用による公表" in text and "内閣府令で定める方法" in text
    assert "縦覧期間を過ぎたものを含みます" in text
    with result.csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row[0]: row for row in csv.reader(handle)}
    assert rows["令和前の会"][4:7] == ["2019/05/01", "2019/05/02", "2019/06/01"]  # 1か月 of 縦覧
    assert "公告又はインターネット" in rows["令和前の会"][7]
    assert "内閣府令" in rows["ひなた子ども食堂"][7]


def test_the_documents_contents_are_announced_only_under_the_2021_version(sample_store, tmp_path):
    """令和2年法律第72号 (2021-06-09) made 10条2項2号 「特定添付書類に記載された事項」: for such an
    application the page says the documents are published beside the list; a list holding only an
    application received under 平成28年法律第70号 (2019) does not (docs/legal-reference.md §4.1a)."""
    marker = "特定添付書類（定款、役員名簿"
    current = publish(sample_store, tmp_path / "now", TODAY)  # ひなた子ども食堂, received 2026
    assert marker in current.html_path.read_text(encoding="utf-8")
    add_cases(sample_store, [_received_in_2019()])
    listing = collect(sample_store, store.load_settings(sample_store), TODAY, all_pending=True)
    only_old = replace(listing, entries=tuple(e for e in listing.entries if e.name == "令和前の会"))
    assert only_old.entries and marker not in render_html(only_old)
