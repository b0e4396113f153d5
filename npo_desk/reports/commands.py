"""The ``report``, ``export`` and ``import`` subcommands: parse, call one service, print.

Kept here rather than in cli.py so the shared CLI module only wires them; errors for the clerk are
NpoDeskError (cli.main prints them, exit 2).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.lifecycle import STAGE_LABELS, Stage
from npo_desk.domain.wareki import format_wareki, parse_date_field
from npo_desk.reports.options import ENCODING_LABELS, EXPORT_LAYOUT_LABELS, ExportLayout, ExportOptions

# The store, the exporter and the importer load SQLAlchemy and more (about 1.5 s): each handler imports
# what it uses, so ``npo-desk deadlines`` and ``--help`` start at once.

EXPORT_EPILOG = """\
形式 (--layout):
  cabinet-office  内閣府 NPO法人ポータルの60列形式。1法人1行、設立（登記）をした法人のみ（解散した法人は
                  解散情報つき。所轄庁の変更で移った法人は除く）。名称・代表者・法人番号は法人の今の値、
                  認定・特例認定の列、解散情報、監督情報（認証取消）も書きます。日付は YYYY/MM/DD、
                  事業年度開始日・終了日は MM/DD、活動分野１〜２０は該当する分野の名称（該当なしは空欄）。
                  --from/--to は法人設立認証年月日で絞り込みます。
  ledger          npo-desk の台帳形式（全段階の設立の案件、1案件1行）。設立の後の手続は .xlsx では
                  「手続」シート、.csv では同じフォルダーの「<名前>-手続.csv」に書きます。取り込み (import)
                  でそのまま読めます。--from/--to は申請受理日（未受理の相談は相談日）で絞り込みます。
  statistics      内閣府の統計の形の件数表: 所轄庁, 申請受理数, 認証数, 不認証数（設立）, 解散数,
                  うち認証取消数、続けて定款変更認証の申請受理数・認証数・不認証数と解散の事由ごとの数。
                  --from/--to の期間内に起きた件数を数えます（解散は法人ごとに1回）。
.xlsx には選んだ形式のシートに加えて「統計」シートが入ります（日付は日付セル、見出し行は固定）。
CSV の文字コードは cp932（既定・内閣府ファイルと同じ）または utf-8-sig。cp932 で表せない文字があると
書き出しを中止して該当する案件と項目を表示します。--replace-unencodable を付けると〓に置き換え、
置き換えた箇所を標準エラーに表示します。= + - @ で始まるセルは先頭に ' を付けて数式として実行されない
ようにします。"""

ParserT = TypeVar("ParserT", bound=argparse.ArgumentParser)
IMPORT_EPILOG = """\
形式は見出し行で判別します:
  台帳形式    法人名称, 法人名称カナ, 代表者氏名, 主たる事務所の所在地,
              従たる事務所の所在地（改行または「、」区切り）, 活動分野（「1,3,13」のように法令の版の番号）,
              事業年度開始日（MM/DD）, 相談日, 設立総会日, 申請受理日, 認証日, 不認証日, 認証書到達日,
              登記日, 登記完了届受理日, 取下げ日, 備考
  内閣府形式  NPO法人ポータルの60列ファイル。当庁が所轄する法人を1行1法人として取り込みます
              （法人番号、認定・特例認定、解散情報・監督情報の手続も。解散の日が読めない行は除く）。
  台帳の手続  台帳 .xlsx の「手続」シート、台帳 .csv と同じフォルダーの「<名前>-手続.csv」を、
              台帳と一緒に読み込み、設立の行の法人の手続にします。
日付は 2025-04-07, 2025/4/7, 令和7年4月7日, R7.4.7 のいずれでも読めます。
知らない列は読み飛ばして知らせます。1行でも誤りがあれば何も取り込まず、誤りのある行をすべて
（行番号・列・値・理由）表示して終了コード 2 で終わります。改行を入れられるのは従たる事務所の所在地・
備考・事業報告書等の受理（内閣府形式では定款に記載された目的も）のセルだけです。閉じられていない
引用符（"）や同じ見出しの列が2つあるファイルは、その行・列を示して何も取り込みません。
同じ法人名称・申請受理日の案件か同じ法人番号の法人が既にある行は取り込まずに知らせます（同時に
取り込んだ別の職員の分も）。"""
STAGE_CHOICES = {stage.value: stage for stage in Stage}
PUBLISH_EPILOG = """\
DIR に npo-kohyo.html (ウェブ掲載用のページ) と npo-kohyo.csv (UTF-8・BOM付き) を書き出します。
載せるのは設立・定款変更・合併の認証の申請 (法第10条第2項、第25条第5項、第34条第5項) のうち、基準日に
受理済みで認証・不認証・取下げの前のもの。令和3年6月9日以後の受理は決定まで載せ (法第10条第3項)、
それより前の受理は縦覧期間中 (受理日を含む) だけ載せます。--all-pending を付けると、それより前の受理も
縦覧期間を過ぎて決定まで載せます。項目は申請の種類と、名称・代表者の氏名・主たる事務所の所在地・定款に
記載された目的・申請年月日と縦覧期間だけです (定款変更・合併は申請した法人の現在のもの)。
ファイルは他の書き出しと同じく本人だけが読める権限 (0600) で作ります。掲載担当へ渡してください。"""


def add_parsers(sub: argparse._SubParsersAction[ParserT]) -> None:
    """Register ``report``, ``export``, ``import`` and ``publish`` on the CLI's subparsers."""
    p = sub.add_parser("report", help="期限一覧表を PDF に出力する")
    kinds = p.add_subparsers(dest="report_kind", required=True, parser_class=type(p))
    d = kinds.add_parser("deadlines", help="期限一覧表 (A4 横, PDF)")
    d.add_argument("--out", required=True, metavar="FILE.pdf", help="出力する PDF ファイル")
    d.add_argument("--as-of", metavar="DATE", help="基準日 (既定: 今日)")
    d.add_argument(
        "--days", type=int, default=30, metavar="N", help="基準日から何日先までの期限を載せるか (既定: 30)"
    )
    d.set_defaults(handler=cmd_report_deadlines)
    r = kinds.add_parser("revocation-candidates", help="認証取消の候補 (法第43条第1項, A4 横, PDF)")
    r.add_argument("--out", required=True, metavar="FILE.pdf", help="出力する PDF ファイル")
    r.add_argument("--as-of", metavar="DATE", help="基準日 (既定: 今日)")
    r.set_defaults(handler=cmd_report_revocation_candidates)
    c = kinds.add_parser("case-sheet", help="案件票 (A4 縦, 1ページ, PDF)")
    c.add_argument("--case", required=True, metavar="NUMBER", help="案件番号 (例: R8-003)")
    c.add_argument("--out", required=True, metavar="FILE.pdf", help="出力する PDF ファイル")
    c.add_argument("--as-of", metavar="DATE", help="基準日 (既定: 今日)")
    c.set_defaults(handler=cmd_report_case_sheet)

    stages = ", ".join(f"{s.value} ({label})" for s, label in STAGE_LABELS.items())
    p = sub.add_parser(
        "export",
        help="案件を CSV / Excel に書き出す",
        epilog=EXPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--out", required=True, metavar="FILE", help="出力先 (.csv または .xlsx)")
    p.add_argument(
        "--layout",
        choices=[x.value for x in ExportLayout],
        default=ExportLayout.CABINET_OFFICE.value,
        help="形式 (既定: cabinet-office)",
    )
    p.add_argument(
        "--encoding",
        choices=list(ENCODING_LABELS),
        default=ExportOptions.encoding,
        help=f"CSV の文字コード (既定: {ExportOptions.encoding})",
    )
    p.add_argument("--stage", choices=list(STAGE_CHOICES), metavar="STAGE", help=f"段階で絞り込む: {stages}")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="期間の始め")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="期間の終わり")
    p.add_argument("--replace-unencodable", action="store_true", help="表せない文字を〓に置き換えて書き出す")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "import",
        help="台帳 (CSV / Excel) または内閣府の60列ファイルを取り込む",
        epilog=IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE", help=".csv (cp932 / UTF-8) または .xlsx")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser(
        "publish",
        help="公表用の一覧 (HTML と CSV) を書き出す (法第10条第2項)",
        epilog=PUBLISH_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--out", required=True, metavar="DIR", help="書き出すフォルダー (無ければ作ります)")
    p.add_argument("--as-of", metavar="DATE", help="基準日 (既定: 今日)")
    p.add_argument(
        "--all-pending",
        action="store_true",
        help="令和3年6月8日以前に受理した申請も、縦覧期間を過ぎて認証・不認証の決定まで載せる",
    )
    p.set_defaults(handler=cmd_publish)


def _who() -> str:
    """The OS user, recorded as who imported (history); a container may have no name for it."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "npo-desk"


def cmd_report_deadlines(args: argparse.Namespace) -> int:
    from npo_desk import store as store_api
    from npo_desk.reports.deadline_report import collect, save_pdf
    from npo_desk.reports.qt import ensure_gui_application

    as_of = parse_date_field(args.as_of, "--as-of") or date.today()
    if args.days < 0:
        raise InvalidInput("--days: 日数は0以上で指定してください。")
    try:
        as_of + timedelta(days=args.days)
    except OverflowError:
        raise InvalidInput(f"--days: {as_of.isoformat()}から{args.days}日後は暦の範囲を超えます。") from None
    st = store_api.open_store(args.db, create=False)
    try:
        report = collect(st, store_api.load_settings(st), as_of, args.days)
    finally:
        st.close()
    ensure_gui_application()
    pages = save_pdf(report, str(Path(args.out)))
    print(
        f"{args.out}: 期限一覧表 {format_wareki(as_of)}現在、{len(report.lines)}件"
        f"（うち期限超過 {report.overdue_count}件）、{pages}ページ"
    )
    return 0


def cmd_report_revocation_candidates(args: argparse.Namespace) -> int:
    from npo_desk import store as store_api
    from npo_desk.reports.qt import ensure_gui_application
    from npo_desk.reports.revocation_report import collect, save_pdf

    as_of = parse_date_field(args.as_of, "--as-of") or date.today()
    st = store_api.open_store(args.db, create=False)
    try:
        report = collect(st, store_api.load_settings(st), as_of)
    finally:
        st.close()
    ensure_gui_application()
    pages = save_pdf(report, str(Path(args.out)))
    print(f"{args.out}: 認証取消の候補 {format_wareki(as_of)}現在、{len(report.lines)}件、{pages}ページ")
    return 0


def cmd_report_case_sheet(args: argparse.Namespace) -> int:
    from npo_desk import store as store_api
    from npo_desk.reports.case_sheet import build_case_sheet, save_pdf
    from npo_desk.reports.qt import ensure_gui_application

    as_of = parse_date_field(args.as_of, "--as-of") or date.today()
    st = store_api.open_store(args.db, create=False)
    try:
        case = store_api.case_by_number(st, args.case)
        if case is None:
            raise InvalidInput(f"案件番号「{args.case}」の案件はありません。")
        sheet = build_case_sheet(case, store_api.load_settings(st), as_of)
    finally:
        st.close()
    ensure_gui_application()
    save_pdf(sheet, str(Path(args.out)))
    print(f"{args.out}: 案件票 {case.number} {case.name}（{format_wareki(as_of)}現在）")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from npo_desk import store as store_api
    from npo_desk.reports.exporting import export_cases

    options = ExportOptions(
        layout=ExportLayout(args.layout),
        encoding=args.encoding,
        stage=STAGE_CHOICES[args.stage] if args.stage else None,
        date_from=parse_date_field(args.date_from, "--from"),
        date_to=parse_date_field(args.date_to, "--to"),
        replace_unencodable=args.replace_unencodable,
    )
    if options.date_from and options.date_to and options.date_from > options.date_to:
        raise InvalidInput("--from の日付が --to の日付より後になっています。")
    st = store_api.open_store(args.db, create=False)
    try:
        result = export_cases(st, Path(args.out), options, date.today())
    finally:
        st.close()
    for item in result.replacements:
        print(f"置き換え: {item.describe()} → 〓", file=sys.stderr)
    print(f"{result.path}: {EXPORT_LAYOUT_LABELS[options.layout]} {result.describe()}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from npo_desk import store as store_api
    from npo_desk.reports.importer import LAYOUT_LABELS, import_file

    st = store_api.open_store(args.db)
    try:
        plan = import_file(st, Path(args.file), who=_who(), today=date.today())
    finally:
        st.close()
    for warning in plan.warnings:
        print(f"注意: {warning}", file=sys.stderr)
    for duplicate in plan.duplicates:
        print(f"取り込まず: {duplicate}", file=sys.stderr)
    print(
        f"{args.file}（{LAYOUT_LABELS[plan.layout]}、{plan.source}）: {plan.count_text()}を取り込みました。"
        + (f" 既にある {len(plan.duplicates)}件は取り込みませんでした。" if plan.duplicates else "")
    )
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from npo_desk import store as store_api
    from npo_desk.reports.publication import publish

    as_of = parse_date_field(args.as_of, "--as-of") or date.today()
    st = store_api.open_store(args.db, create=False)
    try:
        result = publish(st, Path(args.out), as_of, all_pending=args.all_pending)
    finally:
        st.close()
    print(f"{result.html_path}, {result.csv_path}: 公表用の一覧 {format_wareki(as_of)}現在、{result.count}件")
    return 0
