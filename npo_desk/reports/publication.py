"""The 公表 list for the city's web site: one accessible HTML page and the same table as CSV.

Which applications are listed (設立, 定款変更 and 合併 認証; until decided for those received from
2021-06-09) and what their 縦覧 period is comes from ``domain.publication`` (法10条2項・3項, 25条5項,
34条5項; docs/legal-reference.md §4.1a). Only the items the Act names are written: 名称, 代表者の
氏名, 主たる事務所の所在地, 定款に記載された目的, 申請年月日 and the 縦覧 period, with the kind of
application; nothing else of the case (no officers, no addresses other than the main office's, no
telephone or e-mail). A 定款変更 or 合併 is the application of an existing corporation: its row holds
the corporation's facts in force (``_corporation_items``).

The page is meant to be put on the internet, yet it is written like every other file of the app:
0600, beside its target and renamed (``private_files``): the clerk hands it to the web team, who
publish their own copy.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from npo_desk import store as store_api
from npo_desk.domain.errors import NpoDeskError
from npo_desk.domain.procedures import procedure_profile
from npo_desk.domain.profiles import profile_for
from npo_desk.domain.publication import (
    InspectionPeriod,
    application_label,
    inspection_period,
    on_publication_list,
    publication_basis,
    published_until_decision,
    publishes_attachment_contents,
)
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_wareki
from npo_desk.private_files import private_dir
from npo_desk.reports.sheets import Sheet, write_atomically, write_csv
from npo_desk.store import Case, CaseKind

# ASCII names: a city's CMS and its URLs take them as they are (a Japanese name becomes %E5%85%AC…).
HTML_NAME = "npo-kohyo.html"
CSV_NAME = "npo-kohyo.csv"

COLUMNS = (
    "名称",
    "申請の種類",
    "代表者の氏名",
    "主たる事務所の所在地",
    "定款に記載された目的",
    "申請年月日",
    "縦覧期間",
)
CSV_HEADER = (*COLUMNS[:6], "縦覧開始日", "縦覧終了日", "根拠")


@dataclass(frozen=True)
class PublicationEntry:
    """One application as published: the Act's items and nothing more."""

    name: str
    kind: str  # 申請の種類: 設立認証, 定款変更認証, 合併認証（…）
    representative: str
    main_address: str
    purpose: str
    received_on: date
    inspection: InspectionPeriod
    basis: str
    attachments_published: bool = False  # 10条2項2号 since 2021-06-09: the documents go beside the list
    until_decision: bool = False  # 10条3項 since 2021-06-09: on the list until the decision
    of_corporation: bool = False  # a 定款変更 or 合併: the corporation's facts in force (_corporation_items)


@dataclass(frozen=True)
class PublicationList:
    authority: str  # our 所轄庁 (settings.home_authority)
    as_of: date
    all_pending: bool
    entries: tuple[PublicationEntry, ...]

    @property
    def bases(self) -> tuple[str, ...]:
        """The legal bases of the entries, each once, in the order met (one for a current list)."""
        return tuple(dict.fromkeys(entry.basis for entry in self.entries))


@dataclass(frozen=True)
class PublicationResult:
    html_path: Path
    csv_path: Path
    count: int


def collect(
    st: store_api.Store, settings: Settings, as_of: date, *, all_pending: bool = False
) -> PublicationList:
    """The 設立・定款変更・合併 認証 applications on the list of ``as_of``
    (``domain.publication.on_publication_list``), oldest receipt first."""
    chosen = {
        summary.id: summary.facts
        for summary in store_api.list_procedures(st, settings, as_of)
        if on_publication_list(summary.facts, as_of, all_pending=all_pending)
    }
    entries = []
    for case in store_api.get_cases(st, list(chosen)):
        assert case.id is not None
        facts = chosen[case.id]
        received = facts.received_on
        assert received is not None  # on_publication_list requires it
        profile = procedure_profile(facts)
        name, representative, main_address, purpose = (
            (case.name, case.representative, case.main_address, case.purpose)
            if case.kind is CaseKind.ESTABLISHMENT
            else _corporation_items(st, case)
        )
        entries.append(
            PublicationEntry(
                name=name,
                kind=application_label(facts),
                representative=representative,
                main_address=main_address,
                purpose=purpose,
                received_on=received,
                inspection=inspection_period(received, profile),
                basis=publication_basis(profile, facts.kind),
                attachments_published=publishes_attachment_contents(profile),
                until_decision=published_until_decision(profile),
                of_corporation=case.kind is not CaseKind.ESTABLISHMENT,
            )
        )
    entries.sort(key=lambda e: (e.received_on, e.name, e.kind))
    return PublicationList(settings.home_authority, as_of, all_pending, tuple(entries))


def _corporation_items(st: store_api.Store, case: Case) -> tuple[str, str, str, str]:
    """名称, 代表者の氏名, 主たる事務所の所在地, 定款に記載された目的 of the corporation whose 定款変更
    or 合併 ``case`` is: those in force while the application is pending (a new name or purpose takes
    effect only with the 認証, 25条3項; the amended 定款 itself is a 特定添付書類 published beside the
    list). Name and representative are the corporation's own (the corporation window keeps them); the
    main office is the procedure's (copied from the corporation's latest one when it started), else
    its 設立 case's; the purpose the one in force (``store.articles_in_force``: its 設立 case's, or
    that of a 定款変更 of 目的 already certified), never the pending application's new one
    (docs/legal-reference.md §4.1a)."""
    assert case.corporation_id is not None
    corporation = store_api.get_corporation(st, case.corporation_id)
    cases = store_api.corporation_cases(st, case.corporation_id)
    founding = next((c for c in cases if c.kind is CaseKind.ESTABLISHMENT), None)
    return (
        corporation.name,
        corporation.representative,
        case.main_address or (founding.main_address if founding is not None else ""),
        store_api.articles_in_force(cases).purpose,
    )


def _day(day: date) -> str:
    """「令和8年12月2日（2026年12月2日）」 with the machine-readable date for assistive tools."""
    return (
        f'<span class="d"><time datetime="{day.isoformat()}">{html.escape(format_wareki(day))}</time>'
        f'<span class="ad">（{day.year}年{day.month}月{day.day}日）</span></span>'
    )


def _text(value: str) -> str:
    """Escaped text; the clerk's line breaks (a purpose of several lines) stay line breaks."""
    return "<br>".join(html.escape(line) for line in value.splitlines()) if value else "—"


_STYLE = """\
body{font-family:"BIZ UDPGothic","Noto Sans CJK JP","Hiragino Sans","Yu Gothic",Meiryo,sans-serif;
color:#1a1a1a;background:#fff;line-height:1.7;margin:0 auto;padding:1rem;max-width:72rem;font-size:1rem}
h1{font-size:1.5rem;line-height:1.4;margin:.5rem 0 1rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}
caption{text-align:left;font-weight:bold;font-size:1.1rem;padding:.5rem 0}
th,td{border:1px solid #595959;padding:.5rem .6rem;vertical-align:top;text-align:left}
thead th{background:#1f3a5f;color:#fff}
tbody th{background:#f2f2f2}
.d,.n{white-space:nowrap}
.ad{display:block;font-size:.9em;color:#404040}
.note{font-size:.95rem}
@media (max-width:40rem){
thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table,caption,tbody,tr,th,td{display:block;width:auto}
tr{border:1px solid #595959;margin:0 0 1rem}
tbody th,td{border:0;border-bottom:1px solid #d0d0d0}
td::before{content:attr(data-label);display:block;font-weight:bold;color:#1f3a5f}
}
"""


def render_html(listing: PublicationList) -> str:
    """The page: lang="ja", UTF-8, no script, one table with a caption and column headers; every
    text from the database escaped."""
    as_of = format_wareki(listing.as_of)
    authority = html.escape(listing.authority)
    title = f"特定非営利活動法人の認証申請の公表（{as_of}現在）"
    scope = (
        "申請を受理し、まだ認証又は不認証の決定をしていない申請です（縦覧期間を過ぎたものを含みます）"
        if listing.all_pending
        else "申請を受理し、まだ認証又は不認証の決定をしていない申請です（令和3年6月8日以前に受理した"
        "申請は、縦覧期間中のもの（受理の日を含みます）に限ります）"
    )
    bases = listing.bases or (publication_basis(profile_for(listing.as_of)),)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ja">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        f"<style>\n{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p>{authority}では、次のとおり特定非営利活動法人の設立、定款の変更又は合併の認証の申請を受理"
        f"しました。{html.escape('、'.join(bases))}の規定により、申請のあった年月日、申請に係る法人の名称、"
        "代表者の氏名、主たる事務所の所在地及び定款に記載された目的を公表します。</p>",
    ]
    if any(entry.of_corporation for entry in listing.entries):
        parts.append(
            "<p>定款の変更と合併の申請は、申請した法人の現在の名称、代表者の氏名、主たる事務所の所在地及び"
            "定款に記載された目的を掲載しています。</p>"
        )
    if any(entry.until_decision for entry in listing.entries):
        parts.append(
            "<p>令和3年6月9日以後に受理した申請は、特定非営利活動促進法第10条第3項（定款の変更と合併は"
            "第25条第5項・第34条第5項による準用）により、認証又は不認証の決定があるまで公表します。</p>"
        )
    parts.append(
        f'<p class="note">掲載しているのは、{html.escape(as_of)}現在で{scope}。'
        "縦覧期間は、申請書を受理した日の翌日から数えています。</p>"
    )
    if any(entry.attachments_published for entry in listing.entries):
        parts.append(
            "<p>令和3年6月9日以後に受理した申請については、特定非営利活動促進法第10条第2項第2号（定款の変更と"
            "合併は準用）により、特定添付書類（定款、役員名簿"
            "（役員の住所又は居所の記載を除きます。）、設立趣旨書、事業計画書及び活動予算書）に記載された事項も"
            "公表します。これらの書類は、この一覧とあわせて掲載します。</p>"
        )
    caption = f"認証申請の一覧（{html.escape(as_of)}現在、{len(listing.entries)}件）"
    if listing.entries:
        parts += [
            "<table>",
            f"<caption>{caption}</caption>",
            "<thead><tr>"
            + "".join(f'<th scope="col">{html.escape(c)}</th>' for c in COLUMNS)
            + "</tr></thead>",
            "<tbody>",
        ]
        for entry in listing.entries:
            cells = (
                # short words kept whole; a merger's part on its own line: 合併認証<br>（…法人）
                f'<span class="n">{_text(entry.kind).replace("（", "</span><br><span>（")}</span>',
                f'<span class="n">{_text(entry.representative)}</span>',
                _text(entry.main_address),
                _text(entry.purpose),
                _day(entry.received_on),
                f"{_day(entry.inspection.start)}から<br>{_day(entry.inspection.end)}まで",
            )
            parts.append(
                f'<tr><th scope="row">{_text(entry.name)}</th>'
                + "".join(
                    f'<td data-label="{html.escape(column)}">{cell}</td>'
                    for column, cell in zip(COLUMNS[1:], cells, strict=True)
                )
                + "</tr>"
            )
        parts += ["</tbody>", "</table>"]
    else:
        parts.append(f"<p>{html.escape(as_of)}現在、公表している申請はありません。</p>")
    parts += [
        f'<p class="note">作成: {authority}（<time datetime="{listing.as_of.isoformat()}">'
        f"{html.escape(as_of)}</time>現在）</p>",
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def csv_sheet(listing: PublicationList) -> Sheet:
    """The same rows for the web team's CMS or a spreadsheet: 西暦 dates (YYYY/MM/DD), the 縦覧 period
    as its first and last day, and the legal basis of each row."""
    return Sheet(
        name="公表一覧",
        header=CSV_HEADER,
        rows=[
            (
                e.name,
                e.kind,
                e.representative,
                e.main_address,
                e.purpose,
                e.received_on,
                e.inspection.start,
                e.inspection.end,
                e.basis,
            )
            for e in listing.entries
        ],
        row_labels=[e.name for e in listing.entries],
    )


def write_publication(listing: PublicationList, folder: Path) -> PublicationResult:
    """``folder``/npo-kohyo.html and .csv (UTF-8 with BOM, formula-like cells neutralised), each
    written beside its target and renamed, 0600; the folder is created (0700) when absent."""
    try:
        private_dir(folder)
    except OSError as err:
        raise NpoDeskError(
            f"フォルダー「{folder}」を作れませんでした（{err.strerror or err}）。保存先を確かめてください。"
        ) from None
    html_path, csv_path = folder / HTML_NAME, folder / CSV_NAME
    page = render_html(listing)

    def write_page(part: Path) -> None:
        part.write_text(page, encoding="utf-8", newline="\n")

    write_atomically(html_path, write_page)
    write_csv(csv_path, csv_sheet(listing), encoding="utf-8-sig")
    return PublicationResult(html_path, csv_path, len(listing.entries))


def publish(
    st: store_api.Store, folder: Path, as_of: date, *, all_pending: bool = False
) -> PublicationResult:
    """Collect the list of ``as_of`` with the installation's settings and write both files."""
    listing = collect(st, store_api.load_settings(st), as_of, all_pending=all_pending)
    return write_publication(listing, folder)
