"""``npo-desk letter KIND --case NUMBER --out FILE.docx``: one letter of a case from its Word template;
``--corporation-number 法人番号`` instead of --case for a letter to the corporation as a whole.

Kept beside the other report commands; cli.py only wires it. Errors for the clerk are NpoDeskError
(cli.main prints them on one line, exit 2).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.letters import CORPORATION_LETTERS, LETTER_LABELS, TYPED_TEXT, LetterKind
from npo_desk.domain.wareki import parse_date_field

if TYPE_CHECKING:  # the store is imported when a letter is made, not for every command's parser
    from npo_desk import store as store_api

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
{corporation} は法人あての文書です。法人の設立認証の案件 (事業報告書等の受理を記録する案件) から、
法人の今の名称・代表者・事務所で作成します。案件は --case に法人のどの手続の案件番号を指定しても、
--case の代わりに --corporation-number で法人番号 (13桁、全角・ハイフン可) を指定してもかまいません
(例: npo-desk letter tokusoku-jigyo-hokoku --corporation-number 9234567890123 --out 督促.docx)。
--reason は1項目ずつ繰り返して指定します (例: --reason "…のため。" --reason "…のため。")。
認証書・不認証決定通知書・取消しの通知の日付は記録された決定の日、ほかは今日です (--date で指定可)。
差出人 (首長名)・文書番号の書式・問い合わせ先・テンプレートのフォルダーは 設定 →「文書」のものを使います。
テンプレートのフォルダーに同じ名前の .docx があれば、同梱のものの代わりにそれを使います。
ファイルは他の書き出しと同じく本人だけが読める権限 (0600) で作ります。"""
).replace("{corporation}", "・".join(kind.value for kind in CORPORATION_LETTERS))


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
    p.add_argument("--case", metavar="NUMBER", help="案件番号 (例: R8-003)")
    p.add_argument(
        "--corporation-number",
        metavar="法人番号",
        help="--case の代わりに: 法人番号 (13桁) で法人を指定する ("
        + "・".join(kind.value for kind in CORPORATION_LETTERS)
        + " のみ)",
    )
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

    _check_subject(args)
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
        case = _letter_case(st, args)
        settings = store_api.load_settings(st)
    finally:
        st.close()
    write_letter(case, settings, request, out, date.today())
    print(f"{out}: {letter_label(request.kind, case.kind.value)} {case.number} {case.name}")
    return 0


def _check_subject(args: argparse.Namespace) -> None:
    """Exactly one of --case and --corporation-number; the 法人番号 only for a letter to the
    corporation as a whole (an application's letter needs its case)."""
    if (args.case is None) == (args.corporation_number is None):
        raise InvalidInput(
            "--case (案件番号) か --corporation-number (法人番号) のどちらか1つを指定してください。"
        )
    if args.corporation_number is not None and args.kind not in CORPORATION_LETTERS:
        allowed = "・".join(kind.value for kind in CORPORATION_LETTERS)
        raise InvalidInput(
            f"--corporation-number で作成できるのは {allowed} です。"
            f"{LETTER_LABELS[args.kind]}は --case で申請の案件番号を指定してください。"
        )


def _letter_case(st: store_api.Store, args: argparse.Namespace) -> store_api.Case:
    """The case the letter is made from: --case's (a letter to the corporation as a whole: its
    corporation's 設立 case, ``reports.letters.letter_case``), or --corporation-number's corporation's."""
    from npo_desk import store as store_api
    from npo_desk.reports.letters import letter_case

    if args.corporation_number is not None:
        corporation = store_api.corporation_by_number(st, args.corporation_number)
        if corporation is None or corporation.id is None:
            raise InvalidInput(f"法人番号「{args.corporation_number.strip()}」の法人はありません。")
        return store_api.corporation_letter_case(st, corporation.id)
    case = store_api.case_by_number(st, args.case)
    if case is None:
        raise InvalidInput(f"案件番号「{args.case}」の案件はありません。")
    return letter_case(st, case, args.kind)
