"""``npo-desk letter KIND --case NUMBER --out FILE.docx``: one letter of a case from its Word template.

Kept beside the other report commands; cli.py only wires it. Errors for the clerk are NpoDeskError
(cli.main prints them on one line, exit 2).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TypeVar

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.letters import LETTER_LABELS, TYPED_TEXT, LetterKind
from npo_desk.domain.wareki import parse_date_field

ParserT = TypeVar("ParserT", bound=argparse.ArgumentParser)

LETTER_EPILOG = (
    "KIND (文書の種類):\n"
    + "\n".join(
        f"  {kind.value:<22}{LETTER_LABELS[kind]}"
        + (f" (--reason に{TYPED_TEXT[kind]}が必要)" if kind in TYPED_TEXT else "")
        for kind in LetterKind
    )
    + """

ninsho は案件の手続 (設立・定款変更・合併) に応じた認証書のテンプレートを使います。
--reason は1項目ずつ繰り返して指定します (例: --reason "…のため。" --reason "…のため。")。
認証書・不認証決定通知書・取消しの通知の日付は記録された決定の日、ほかは今日です (--date で指定可)。
差出人 (首長名)・文書番号の書式・問い合わせ先・テンプレートのフォルダーは 設定 →「文書」のものを使います。
テンプレートのフォルダーに同じ名前の .docx があれば、同梱のものの代わりにそれを使います。
ファイルは他の書き出しと同じく本人だけが読める権限 (0600) で作ります。"""
)


def _letter_kind(text: str) -> LetterKind:
    """KIND as typed; a word that names no letter is refused in Japanese with the words that do."""
    try:
        return LetterKind(text.strip().lower())
    except ValueError:
        kinds = ", ".join(kind.value for kind in LetterKind)
        raise argparse.ArgumentTypeError(
            f"「{text}」という文書はありません。使えるのは {kinds} です。"
        ) from None


def add_parser(sub: argparse._SubParsersAction[ParserT]) -> None:
    """Register ``letter`` on the CLI's subparsers."""
    p = sub.add_parser(
        "letter",
        help="案件の文書 (認証書・通知・督促) を Word ファイルで作成する",
        epilog=LETTER_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("kind", type=_letter_kind, metavar="KIND", help="文書の種類 (下記)")
    p.add_argument("--case", required=True, metavar="NUMBER", help="案件番号 (例: R8-003)")
    p.add_argument("--out", required=True, metavar="FILE.docx", help="作成する Word ファイル")
    p.add_argument(
        "--reason", action="append", default=[], metavar="TEXT", help="理由・補正を求める事項 (1項目ずつ)"
    )
    p.add_argument("--number", default="", metavar="N", help="文書番号の番号 (省略時は空欄)")
    p.add_argument("--date", metavar="DATE", help="文書の日付")
    p.add_argument("--force", action="store_true", help="既存のファイルを上書きする")
    p.set_defaults(handler=cmd_letter)


def cmd_letter(args: argparse.Namespace) -> int:
    from npo_desk import store as store_api
    from npo_desk.reports.letters import LetterRequest, letter_label, write_letter

    out = Path(args.out)
    if out.suffix.lower() != ".docx":
        raise InvalidInput(
            f"--out: Word ファイルの名前は .docx で終わるようにしてください (「{args.out}」)。"
        )
    if out.exists() and not args.force:
        raise InvalidInput(
            f"--out: 「{args.out}」は既にあります。上書きするときは --force を付けてください。"
        )
    request = LetterRequest(args.kind, tuple(args.reason), args.number, parse_date_field(args.date, "--date"))
    st = store_api.open_store(args.db, create=False)
    try:
        case = store_api.case_by_number(st, args.case)
        if case is None:
            raise InvalidInput(f"案件番号「{args.case}」の案件はありません。")
        settings = store_api.load_settings(st)
    finally:
        st.close()
    write_letter(case, settings, request, out, date.today())
    print(f"{out}: {letter_label(request.kind, case.kind.value)} {case.number} {case.name}")
    return 0
