"""The 公表 list written as HTML and CSV (特定非営利活動促進法10条2項・3項, 25条5項, 34条5項;
docs/legal-reference.md §4.1a): who is on it, parsed back, escaped, only the Act's items, 0600, and
``npo-desk publish``'s exit codes."""

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
from npo_desk.domain.procedures import MergerRole
from npo_desk.reports.publication import (
    COLUMNS,
    CSV_HEADER,
    CSV_NAME,
    HTML_NAME,
    collect,
    publish,
    render_html,
)
from npo_desk.store import Case, CaseKind, Milestone, MilestoneKind, Office, Officer

from .conftest import LONG_NAME, TODAY, add_cases

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


def test_undecided_applications_from_2021_stay_on_the_list_past_their_inspection(sample_store):
    """特定非営利活動促進法10条3項 (令和2年法律第72号, applications from 2021-06-09): the 公表 goes on until
    the 認証 or 不認証. As of 令和8年11月28日: ひなた子ども食堂 (received 11-20, 縦覧 to 12-04), 油津
    (縦覧 ended in October) and the long-named case (ended 11-16), with or without all_pending; the
    certified (飫肥城下町ガイドの会 …) and refused (不認証の会) ones never. An application of 2019 (no
    such rule then) leaves after its 縦覧 and comes back only with all_pending."""
    add_cases(sample_store, [_received_in_2019()])
    settings = store.load_settings(sample_store)
    listing = collect(sample_store, settings, TODAY)
    assert [e.received_on for e in listing.entries] == [
        date(2026, 9, 1),
        date(2026, 11, 2),
        date(2026, 11, 20),
    ]
    assert all(e.kind == "設立認証" and e.until_decision for e in listing.entries)
    entry = listing.entries[-1]
    assert (entry.name, entry.received_on, entry.inspection.start, entry.inspection.end) == (
        "ひなた子ども食堂",
        date(2026, 11, 20),
        date(2026, 11, 21),
        date(2026, 12, 4),
    )
    everything = collect(sample_store, settings, TODAY, all_pending=True)
    assert [e.name for e in everything.entries] == ["令和前の会", *(e.name for e in listing.entries)]
    assert not everything.entries[0].until_decision


def _case_named(st: store.Store, name: str) -> Case:
    (found,) = [summary.id for summary in store.list_cases(st) if summary.name == name]
    return store.get_case(st, found)


def test_a_withdrawn_or_decided_application_leaves_the_list(sample_store):
    """10条3項: until the 認証 or 不認証 (12条1項); a 取下げ ends the application."""
    hinata = _case_named(sample_store, "ひなた子ども食堂")
    withdrawn = Milestone(MilestoneKind.WITHDRAWN, date(2026, 11, 27))
    store.save_case(sample_store, replace(hinata, milestones=(*hinata.milestones, withdrawn)), who="テスト")
    names = [e.name for e in collect(sample_store, store.load_settings(sample_store), TODAY).entries]
    assert "ひなた子ども食堂" not in names and "油津まちづくり協議会" in names
    before = collect(sample_store, store.load_settings(sample_store), date(2026, 11, 26))
    assert "ひなた子ども食堂" in [e.name for e in before.entries]  # not yet withdrawn that day


def test_html_page_is_accessible_escaped_and_holds_only_the_acts_items(sample_store, tmp_path):
    add_cases(sample_store, [_nasty_case()])
    result = publish(sample_store, tmp_path / "web", TODAY)
    text = result.html_path.read_text(encoding="utf-8")
    page = Page(text)
    assert page.lang == "ja" and page.scripts == 0
    assert '<meta charset="utf-8">' in text and 'name="viewport"' in text
    assert "令和8年11月28日現在" in page.caption and "4件" in page.caption
    assert page.col_headers == list(COLUMNS)
    rows = {row[0]: row for row in page.rows}
    assert set(rows) == {"ひなた子ども食堂", "油津まちづくり協議会", LONG_NAME, NASTY_NAME}
    nasty = rows[NASTY_NAME]
    assert nasty[1] == "設立認証"
    assert nasty[2:5] == [NASTY_REP, "宮崎県日南市油津3丁目2-1", NASTY_PURPOSE]  # escaped, read back whole
    assert "令和8年11月27日" in nasty[5] and "2026年11月27日" in nasty[5]
    assert "令和8年11月28日" in nasty[6] and "令和8年12月11日" in nasty[6]
    assert {"2026-11-27", "2026-11-28", "2026-12-11"} <= set(page.times)
    assert "<script>" not in text and "&lt;script&gt;" in text
    for private in ("0987-00-0000", "secret@example.jp", "役員 一郎", "星倉"):
        assert private not in text
    assert "宮崎県日南市" in text  # our authority, from the settings
    assert "第10条第2項" in text
    assert "第10条第3項" in text and "決定があるまで公表します" in text  # every row received from 2021


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
    assert by_name[NASTY_NAME][1:3] == ["設立認証", NASTY_REP]
    assert by_name[NASTY_NAME][4] == "'" + NASTY_PURPOSE  # a spreadsheet must not run it
    assert by_name["ひなた子ども食堂"][5:8] == ["2026/11/20", "2026/11/21", "2026/12/04"]
    assert all(row[8].startswith("特定非営利活動促進法第10条第2項") for row in rows[1:])


def test_files_are_private_and_replace_the_previous_ones(sample_store, tmp_path):
    folder = tmp_path / "new" / "web"
    first = publish(sample_store, folder, TODAY)
    again = publish(sample_store, folder, date(2026, 5, 1))  # nothing pending that day
    assert again.count == 0 and first.count == 3
    for path in (again.html_path, again.csv_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == sorted([HTML_NAME, CSV_NAME])  # no .part left
    assert "ひなた子ども食堂" not in again.html_path.read_text(encoding="utf-8")


@pytest.fixture
def db(sample_store) -> str:
    return str(sample_store.path)


def test_cli_publish_writes_both_files(sample_store, db, tmp_path, capsys):
    """10条3項: the three applications of 2026 without the option; the one of 2019 only with it."""
    add_cases(sample_store, [_received_in_2019()])
    out = tmp_path / "kohyo"
    assert main(["--db", db, "publish", "--out", str(out), "--as-of", "R8.11.28"]) == 0
    said = capsys.readouterr().out
    assert "令和8年11月28日現在、3件" in said
    assert (out / HTML_NAME).is_file() and (out / CSV_NAME).is_file()
    assert main(["--db", db, "publish", "--out", str(out), "--as-of", "2026-11-28", "--all-pending"]) == 0
    assert "4件" in capsys.readouterr().out


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
    assert rows["令和前の会"][5:8] == ["2019/05/01", "2019/05/02", "2019/06/01"]  # 1か月 of 縦覧
    assert "公告又はインターネット" in rows["令和前の会"][8]
    assert "内閣府令" in rows["ひなた子ども食堂"][8]


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


def _received(st: store.Store, case: Case, on: date, **choices: object) -> Case:
    """``case`` (a procedure just started) with its application received on ``on``."""
    received = replace(case, milestones=(Milestone(MilestoneKind.RECEIVED, on),), **choices)
    return store.save_case(st, received, who="テスト")


def test_an_articles_amendment_and_a_merger_are_listed_with_their_kind(sample_store, tmp_path):
    """25条5項 (「第十条第二項から第四項まで及び第十二条の規定は、第三項の認証について準用する」) and
    34条5項 (「第十条及び第十二条の規定は、第三項の認証について準用する」): a 定款変更認証 in its 縦覧
    and a 合併認証 are on the list, labelled by kind, with the corporation's facts in force (its name
    and representative as the corporation holds them, the main office and purpose of its 設立 case);
    the basis names the article that applies 10条2項. A certified amendment is not listed."""
    founding = _case_named(sample_store, "日南子育てネット")  # registered 2025
    assert founding.corporation_id is not None
    start = store.start_procedure
    amendment = start(
        sample_store, founding.corporation_id, CaseKind.ARTICLES_AMENDMENT, who="テスト", today=TODAY
    )
    _received(sample_store, amendment, date(2026, 11, 24))
    merger = start(sample_store, founding.corporation_id, CaseKind.MERGER, who="テスト", today=TODAY)
    _received(sample_store, merger, date(2026, 10, 1), merger_role=MergerRole.SURVIVING)
    southern = _case_named(sample_store, "南郷みかん農園応援団")  # registered 2026-10-01
    assert southern.corporation_id is not None
    done = start(
        sample_store, southern.corporation_id, CaseKind.ARTICLES_AMENDMENT, who="テスト", today=TODAY
    )
    certified = Milestone(MilestoneKind.CERTIFIED, date(2026, 11, 20))
    done = _received(sample_store, done, date(2026, 9, 1))
    store.save_case(sample_store, replace(done, milestones=(*done.milestones, certified)), who="テスト")

    # A new representative after the procedures started: the list says who represents it now.
    corporation = store.get_corporation(sample_store, founding.corporation_id)
    store.save_corporation(sample_store, replace(corporation, representative="星倉 次郎"), who="テスト")

    listing = collect(sample_store, store.load_settings(sample_store), TODAY)
    ours = [e for e in listing.entries if e.name == "日南子育てネット"]
    assert [e.kind for e in ours] == ["合併認証（合併後存続する法人）", "定款変更認証"]
    assert "南郷みかん農園応援団" not in [e.name for e in listing.entries]
    merger_entry, amendment_entry = ours
    assert amendment_entry.representative == "星倉 次郎"  # the corporation's, not the 設立 case's
    assert amendment_entry.main_address == "宮崎県日南市中央通1丁目1-1"
    assert amendment_entry.purpose == founding.purpose
    assert (amendment_entry.inspection.start, amendment_entry.inspection.end) == (
        date(2026, 11, 25),
        date(2026, 12, 8),
    )
    assert amendment_entry.basis.startswith("特定非営利活動促進法第25条第5項において準用する第10条第2項")
    assert "第34条第5項において準用する" in merger_entry.basis
    assert merger_entry.until_decision  # 縦覧 ended 2026-10-15, still undecided

    result = publish(sample_store, tmp_path, TODAY)
    text = result.html_path.read_text(encoding="utf-8")
    rows = [row for row in Page(text).rows if row[0] == "日南子育てネット"]
    assert [row[1].replace("\n", "") for row in rows] == ["合併認証（合併後存続する法人）", "定款変更認証"]
    assert "申請した法人の現在の名称" in text
    with result.csv_path.open(encoding="utf-8-sig", newline="") as handle:
        csv_rows = [row for row in csv.reader(handle) if row[0] == "日南子育てネット"]
    assert [row[1] for row in csv_rows] == ["合併認証（合併後存続する法人）", "定款変更認証"]
