"""Every deadline of every kind on the command line and on paper (issue 10): ``due`` (table, JSON, .ics),
the 期限一覧表 PDF, and the 認証取消の候補 of 43条1項 (``revocation-candidates``, its PDF), on the demo's
corporations (a 定款変更認証 in 縦覧, a 合併, a 認定 near renewal, 北郷里山の会 missing 3 reports).

A 定款変更認証 has the 設立's 縦覧 and decision periods through 25条5項 (特定非営利活動促進法), which the
lines must say; 43条1項 lets the 所轄庁 revoke a corporation whose 事業報告書等 (29条) are missing 3 years
or more in a row — a candidate, never a decision (聴聞 first).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pypdf
import pytest
from icalendar import Calendar

from npo_desk import store
from npo_desk.cli import main
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.wareki import format_fiscal_year
from npo_desk.store import CaseKind
from npo_desk.store.demo import seed_demo

TODAY = date(2026, 12, 2)
AS_OF = TODAY.isoformat()
AMENDMENT_BASIS = "特定非営利活動促進法第25条第5項において準用する"


@pytest.fixture
def demo(tmp_path) -> tuple[str, list[store.Case]]:
    path = tmp_path / "demo.db"
    st = store.open_store(str(path))
    try:
        cases = seed_demo(st, TODAY)
    finally:
        st.close()
    return str(path), cases


def _amendment(cases: list[store.Case]) -> store.Case:
    return next(c for c in cases if c.kind is CaseKind.ARTICLES_AMENDMENT)


def _due_json(capsys, db: str, *args: str) -> dict:
    assert main(["--db", db, "due", "--as-of", AS_OF, "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_due_json_lists_a_articles_amendments_inspection_and_decision_with_its_kind(demo, capsys) -> None:
    """25条5項 applies 10条2項 (縦覧) and 12条2項 (decision) to the 定款変更認証."""
    db, cases = demo
    amendment = _amendment(cases)
    lines = _due_json(capsys, db)["deadlines"]
    mine = {d["key"]: d for d in lines if d["number"] == amendment.number}
    inspection = mine[DeadlineKey.PUBLIC_INSPECTION_END.value]
    decision = mine[DeadlineKey.DECISION_DEADLINE.value]
    for line in (inspection, decision):
        assert (line["kind"], line["procedure"], line["stage"]) == (
            "articles_amendment",
            "定款変更認証",
            "縦覧中",
        )
        assert line["basis"].startswith(AMENDMENT_BASIS)
    assert inspection["basis"].endswith("第10条第2項") and decision["basis"].endswith("第12条第2項")
    kinds = {d["kind"] for d in lines}
    assert {"establishment", "articles_amendment", "merger", "accreditation"} <= kinds
    # Every line keeps the keys scripts already read (keys are only ever added).
    for line in lines:
        assert {"number", "name", "clerk", "key", "label", "date", "days_left", "overdue", "basis"} <= set(
            line
        )
        assert line["procedure"] == store.CASE_KIND_LABELS[CaseKind(line["kind"])]


def test_the_table_names_the_procedure_of_each_line(demo, capsys) -> None:
    db, cases = demo
    amendment = _amendment(cases)
    assert main(["--db", db, "due", "--as-of", AS_OF]) == 0
    header, _rule, *rows = capsys.readouterr().out.splitlines()[2:]
    assert header.split()[:6] == ["残り日数", "期限", "案件番号", "法人名", "手続", "期限の種類"]
    inspection = [r for r in rows if amendment.number in r and "縦覧期間の末日" in r]
    assert len(inspection) == 1 and "定款変更認証" in inspection[0] and "設立認証" not in inspection[0]


def test_the_calendar_file_holds_every_kind_under_its_own_uid(demo, capsys, tmp_path) -> None:
    db, cases = demo
    amendment = _amendment(cases)
    out = tmp_path / "期限.ics"
    assert main(["--db", db, "due", "--as-of", AS_OF, "--ics", str(out)]) == 0
    capsys.readouterr()
    events = {str(e["UID"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    uid = next(u for u in events if u.startswith(f"{amendment.number}-{DeadlineKey.PUBLIC_INSPECTION_END}@"))
    event = events[uid]
    assert str(event["SUMMARY"]).startswith(f"{amendment.number} 定款変更認証 縦覧期間の末日")
    assert AMENDMENT_BASIS in str(event["DESCRIPTION"])
    assert len(events) == len(_due_json(capsys, db)["deadlines"])  # one event per line, UIDs distinct


@pytest.fixture
def _qt(qapp):
    """Painting needs the (one) Qt application of the test session."""
    return qapp


def _pdf_text(path) -> str:
    reader = pypdf.PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    return text.replace("\n", "").replace("\t", "").replace(" ", "")


def test_the_deadline_list_prints_a_articles_amendments_inspection(demo, capsys, tmp_path, _qt) -> None:
    db, cases = demo
    amendment = _amendment(cases)
    out = tmp_path / "期限一覧表.pdf"
    assert main(["--db", db, "report", "deadlines", "--as-of", AS_OF, "--days", "90", "--out", str(out)]) == 0
    text = _pdf_text(out)
    assert "手続" in text and "定款変更認証" in text and "合併認証" in text
    at = text.index(amendment.number + "特定非営利活動法人")
    assert "定款変更認証縦覧中" in text[at : at + 80]
    assert "第25条第5項において準用する" in text


def test_revocation_candidates_on_the_command_line(demo, capsys) -> None:
    """43条1項: 北郷里山の会's 令和5年度〜令和7年度 reports are missing, the first due 令和6年4月1日."""
    db, _cases = demo
    assert main(["--db", db, "revocation-candidates", "--as-of", AS_OF, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["as_of"] == AS_OF and payload["basis"] == "特定非営利活動促進法第43条第1項"
    (candidate,) = payload["candidates"]
    assert candidate["name"] == "特定非営利活動法人 北郷里山の会" and candidate["years"] == 3
    years = candidate["missing_years"]
    assert [y["label"] for y in years] == [
        format_fiscal_year(date.fromisoformat(y["fiscal_year"])) for y in years
    ]
    assert [y["label"] for y in years] == ["令和5年度", "令和6年度", "令和7年度"]
    assert all(date.fromisoformat(y["due"]) < TODAY for y in years)

    assert main(["--db", db, "revocation-candidates", "--as-of", AS_OF]) == 0
    table = capsys.readouterr().out
    assert "認証取消の候補: 1件" in table and "聴聞" in table
    assert "令和5年度・令和6年度・令和7年度 (3年分)" in table and candidate["number"] in table

    # A year earlier only two reports were overdue: no candidate (3年以上).
    assert main(["--db", db, "revocation-candidates", "--as-of", "2025-12-02", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["candidates"] == []


@pytest.mark.parametrize("args", [["--as-of", "2026-02-30"], ["--as-of", "昨日"]])
def test_revocation_candidates_refuse_bad_input_in_one_japanese_line(demo, capsys, args) -> None:
    db, _cases = demo
    assert main(["--db", db, "revocation-candidates", *args]) == 2
    err = capsys.readouterr().err
    assert "--as-of" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_revocation_candidates_never_create_a_database(tmp_path, capsys) -> None:
    missing = tmp_path / "none.db"
    assert main(["--db", str(missing), "revocation-candidates"]) == 2
    assert "ありません" in capsys.readouterr().err and not missing.exists()


def test_revocation_candidates_load_no_qt(demo) -> None:
    """Like ``due``: a scheduled task's command starts without the GUI toolkit."""
    db, _cases = demo
    code = "import sys\nfrom npo_desk.cli import main\nprint(main(sys.argv[1:]), 'PySide6' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code, "--db", db, "revocation-candidates", "--as-of", AS_OF, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "0 False"


def test_the_revocation_list_prints_with_the_font_embedded(demo, capsys, tmp_path, _qt) -> None:
    db, _cases = demo
    out = tmp_path / "取消候補.pdf"
    assert main(["--db", db, "report", "revocation-candidates", "--as-of", AS_OF, "--out", str(out)]) == 0
    assert "1件" in capsys.readouterr().out
    text = _pdf_text(out)
    assert "認証取消の候補" in text and "北郷里山の会" in text and "第43条第1項" in text and "聴聞" in text
    assert "令和5年度分令和6年4月1日" in text
    reader = pypdf.PdfReader(out)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [
        f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] for f in fonts.values()
    ]
    assert any("IPAexGothic" in d["/FontName"] and "/FontFile2" in d for d in descriptors)
