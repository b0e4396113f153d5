"""The ``npo-desk`` command line: a thin front door over the domain, the store and the reports.

Every handler parses, calls one service, prints. Errors meant for the user (``NpoDeskError``)
become one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from npo_desk.domain.errors import NpoDeskError

if TYPE_CHECKING:
    from npo_desk.domain.deadlines import Deadline
    from npo_desk.domain.procedures import AuthorityChange, ProcedureKind
    from npo_desk.domain.settings import Settings

EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 128 + 13  # SIGPIPE: the reader of our output went away


class _VersionAction(argparse.Action):
    """``--version``: the installed version is looked up only when asked for (see npo_desk/__init__)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        from npo_desk import __version__

        print(f"npo-desk {__version__}")  # on stdout, as argparse's own version action does
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one Japanese line, like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: 入力エラー: {message}\n")


# ``deadlines --procedure``: the command line's name of each procedure, and its ProcedureKind value.
_PROCEDURES = {
    "establishment": "establishment",
    "articles-amendment": "articles_amendment",
    "merger": "merger",
}
# The dated facts ``deadlines`` takes besides --received: option -> (Milestone value, help). Which
# procedure takes which is the domain's (procedures.KINDS[kind].milestones); the strings keep the
# parser from importing the domain for every command.
_DEADLINE_FACTS = {
    "--correction-received": ("correction_received", "補正の受付日"),
    "--certified": ("certified", "認証日"),
    "--refused": ("refused", "不認証の日"),
    "--withdrawn": ("withdrawn", "取下げの日"),
    "--certificate-delivered": ("certificate_delivered", "認証書の到達日"),
    "--merger-procedures-done": (
        "merger_procedures_done",
        "合併に必要な手続 (債権者の異議の期間 (第35条) の満了など) が終了した日 (合併認証のみ)",
    ),
    "--registered": ("registered", "登記の日 (設立・定款変更・合併の登記)"),
    "--registration-notice": ("registration_notice", "登記完了の届出 (登記事項証明書) の受理日"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="npo-desk", description="NPO法人 設立認証事務の期限管理")
    parser.add_argument("--version", action=_VersionAction, help="バージョンを表示して終了する")
    parser.add_argument("--db", metavar="PATH", help="データベース (ファイルまたは SQLAlchemy URL)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser(
        "deadlines",
        help="設立認証・定款変更認証・合併認証の法定期限を計算する",
        description="申請の日付から法定期限を計算する。手続に関係のない日付・指定は受け付けない。",
    )
    p.add_argument(
        "--procedure",
        choices=list(_PROCEDURES),
        default="establishment",
        help="手続: establishment 設立認証 (既定), articles-amendment 定款変更認証, merger 合併認証",
    )
    p.add_argument("--received", required=True, metavar="DATE", help="申請受理日")
    for option, (_milestone, help_text) in _DEADLINE_FACTS.items():
        p.add_argument(option, metavar="DATE", help=help_text)
    p.add_argument(
        "--registered-change",
        action="store_true",
        help="登記事項 (目的・名称・事務所など) が変わる定款変更で、変更の登記が続く (定款変更認証のみ)",
    )
    p.add_argument(
        "--authority-change",
        choices=["outgoing", "incoming"],
        help="所轄庁の変更を伴う定款変更での当庁の立場: outgoing 変更前の所轄庁 (経由するだけ), "
        "incoming 変更後の所轄庁 (定款変更認証のみ)",
    )
    p.add_argument(
        "--as-of",
        metavar="DATE",
        help="基準日: これより後の日付は受け付けず、この日に未了の期限を示す"
        " (既定: 今日。定款変更認証・合併認証のみ)",
    )
    p.add_argument("--law", metavar="ID", help="法令の版 (例: 2021-06-09)")
    p.add_argument("--json", action="store_true", help="JSON で出力")
    p.set_defaults(handler=_cmd_deadlines)

    p = sub.add_parser("jurisdiction", help="事務所の所在地から所轄庁を判定する")
    p.add_argument(
        "--office",
        action="append",
        required=True,
        metavar="ADDRESS",
        help="事務所の所在地 (最初が主たる事務所)",
    )
    p.add_argument("--as-of", metavar="DATE", help="判定の基準日 (既定: 今日)")
    p.add_argument("--home", metavar="ADDRESS", help="当庁 (例: 宮崎県日南市)")
    p.add_argument("--json", action="store_true", help="JSON で出力")
    p.set_defaults(handler=_cmd_jurisdiction)

    p = sub.add_parser("backup", help="データベースのバックアップを作成する (SQLite)")
    p.add_argument("--out", required=True, metavar="FILE", help="バックアップの保存先")
    p.add_argument("--force", action="store_true", help="既存のファイルを上書きする")
    p.set_defaults(handler=_cmd_backup)

    p = sub.add_parser("restore", help="バックアップからデータベースを復元する (SQLite)")
    p.add_argument("file", metavar="FILE", help="復元するバックアップファイル")
    p.set_defaults(handler=_cmd_restore)

    p = sub.add_parser("due", help="データベースの未到来・期限超過の期限を一覧にする (ダッシュボードと同じ)")
    p.add_argument("--as-of", metavar="DATE", help="基準日 (既定: 今日)")
    p.add_argument(
        "--days", type=int, metavar="N", help="基準日から N 日先までの期限 (期限超過は常に含む。既定: すべて)"
    )
    p.add_argument("--clerk", metavar="NAME", help="担当者で絞り込む")
    p.add_argument("--json", action="store_true", help="JSON で出力")
    p.add_argument("--ics", metavar="FILE", help="カレンダー形式 (iCalendar, .ics) のファイルに書き出す")
    p.set_defaults(handler=_cmd_due)

    p = sub.add_parser(
        "revocation-candidates",
        help="認証取消の候補 (3年以上事業報告書等の提出がない法人、法第43条第1項) を一覧にする",
    )
    p.add_argument("--as-of", metavar="DATE", help="基準日 (既定: 今日)")
    p.add_argument("--json", action="store_true", help="JSON で出力")
    p.set_defaults(handler=_cmd_revocation_candidates)

    from npo_desk.reports.commands import add_parsers as add_report_parsers

    add_report_parsers(sub)  # report, export, import, publish
    from npo_desk.reports.letter_command import add_parser as add_letter_parser

    add_letter_parser(sub)  # letter
    return parser


def _installation_settings(db: str | None) -> Settings:
    """The settings saved in the clerk's database (条例 period, closed days, our authority), so the
    command line computes what the window shows. With no database yet, the law's defaults: a
    calculation must not create one, nor load the store (SQLAlchemy, Alembic) to find none."""
    import os

    from npo_desk import paths
    from npo_desk.domain.settings import Settings

    named = db is not None or bool(os.environ.get("NPO_DESK_DB"))
    if not named and not paths.default_db_path().exists():
        return Settings()
    from npo_desk import store

    st = store.open_store(db, create=False)
    try:
        return store.load_settings(st)
    finally:
        st.close()


def _pad(text: str, width: int) -> str:
    from npo_desk.reports.sheets import display_width

    return text + " " * max(0, width - display_width(text))


def _cmd_deadlines(args: argparse.Namespace) -> int:
    """The legal deadlines of one application (設立認証, 定款変更認証 or 合併認証), from its dates and
    the installation's settings: ``procedures.procedure_deadlines``, the domain's one computation."""
    import json
    from datetime import date

    from npo_desk.domain.facts import CaseFacts
    from npo_desk.domain.lifecycle import check_facts
    from npo_desk.domain.procedures import (
        KINDS,
        Milestone,
        ProcedureFacts,
        ProcedureKind,
        check_procedure,
        establishment,
        open_procedure_deadlines,
        procedure_deadlines,
        procedure_profile,
    )
    from npo_desk.domain.profiles import get_profile
    from npo_desk.domain.wareki import format_wareki, parse_date_field

    kind = ProcedureKind(_PROCEDURES[args.procedure])
    _refuse_options_of_other_procedures(args, kind)
    if args.law is not None:
        get_profile(args.law)  # an unknown version is refused before anything else
    received = parse_date_field(args.received, "--received")
    assert received is not None  # a required option
    dates = {Milestone.RECEIVED: received}
    for option, (milestone, _help) in _DEADLINE_FACTS.items():
        on = parse_date_field(getattr(args, milestone), option)
        if on is not None:
            dates[Milestone(milestone)] = on
    # 設立 keeps its own record and check, and no 基準日: its dates may be hypothetical (「認証したら?」).
    as_of = None
    if kind is not ProcedureKind.ESTABLISHMENT:
        as_of = parse_date_field(args.as_of, "--as-of") or date.today()
    if as_of is None:
        given = dates.get
        case = CaseFacts(
            received_on=received,
            correction_received_on=given(Milestone.CORRECTION_RECEIVED),
            certified_on=given(Milestone.CERTIFIED),
            refused_on=given(Milestone.REFUSED),
            withdrawn_on=given(Milestone.WITHDRAWN),
            certificate_delivered_on=given(Milestone.CERTIFICATE_DELIVERED),
            registered_on=given(Milestone.REGISTERED),
            registration_notice_on=given(Milestone.REGISTRATION_NOTICE),
            law_profile_id=args.law,
        )
        facts = establishment(case)
    else:
        facts = ProcedureFacts(
            kind,
            dates,
            law_profile_id=args.law,
            registered_change=args.registered_change,
            authority_change=_authority_change(args.authority_change),
        )
    settings = _installation_settings(args.db)
    profile = procedure_profile(facts)
    if as_of is None:
        check_facts(case, settings)
    else:
        check_procedure(facts, as_of)
    deadlines = procedure_deadlines(facts, settings)
    pending = [] if as_of is None else open_procedure_deadlines(facts, settings, as_of)
    if args.json:
        payload: dict[str, object] = {} if as_of is None else {"procedure": kind.value}
        payload["law"] = profile.id
        payload["deadlines"] = {
            key.value: {"date": d.date.isoformat(), "unrolled": d.unrolled.isoformat(), "basis": d.basis}
            for key, d in deadlines.items()
        }
        if as_of is not None:
            payload["as_of"] = as_of.isoformat()
            payload["pending"] = [d.key.value for d in pending]
        print(json.dumps(payload, ensure_ascii=False))
        return 0
    print(f"法令の版: {profile.id} {profile.label}")
    if as_of is not None:
        spec = KINDS[kind]
        print(f"手続: {spec.label} (特定非営利活動促進法{spec.article})")
    print(f"申請受理日: {format_wareki(received, weekday=True)}")
    print()
    if deadlines:
        _print_deadline_table(list(deadlines.values()))
    else:
        print("当庁が数える期限はありません (所轄庁の変更を伴う定款変更は変更後の所轄庁が認証します。26条)。")
    if as_of is not None:
        print()
        names = "、".join(d.label for d in pending) if pending else "なし"
        print(f"{format_wareki(as_of, weekday=True)}現在で未了の期限: {names}")
    return 0


def _authority_change(value: str | None) -> AuthorityChange | None:
    from npo_desk.domain.procedures import AuthorityChange

    return None if value is None else AuthorityChange(value)


def _refuse_options_of_other_procedures(args: argparse.Namespace, kind: ProcedureKind) -> None:
    """An option the chosen procedure does not have is refused, not ignored: a 合併's date given to a
    定款変更 would otherwise be silently lost. Which dates a kind has is ``KINDS[kind].milestones``."""
    from npo_desk.domain.procedures import KINDS, Milestone, ProcedureKind

    given = [option for option, (name, _help) in _DEADLINE_FACTS.items() if getattr(args, name) is not None]
    for option in given:
        milestone = Milestone(_DEADLINE_FACTS[option][0])
        if milestone not in KINDS[kind].milestones:
            owners = [
                KINDS[ProcedureKind(k)].label
                for k in _PROCEDURES.values()
                if milestone in KINDS[ProcedureKind(k)].milestones
            ]
            raise NpoDeskError(
                f"{option} は{'・'.join(owners)}の日付です。{KINDS[kind].label}には指定できません。"
            )
    amendment_only = {
        "--registered-change": args.registered_change,
        "--authority-change": args.authority_change,
    }
    for option, value in amendment_only.items():
        if value and kind is not ProcedureKind.ARTICLES_AMENDMENT:
            raise NpoDeskError(f"{option} は定款変更認証の指定です。{KINDS[kind].label}には指定できません。")
    if args.as_of is not None and kind is ProcedureKind.ESTABLISHMENT:
        raise NpoDeskError(
            "--as-of は定款変更認証・合併認証の指定です。設立認証の期限は仮の日付でも計算します"
            " (未了の期限は npo-desk due で見られます)。"
        )


def _print_deadline_table(deadlines: list[Deadline]) -> None:
    """期限・日付・根拠 in aligned columns (full-width characters count two), with each row's notes."""
    from npo_desk.reports.sheets import display_width

    rows = [(d.label, d.date_text(), d.basis, d) for d in deadlines]
    label_width = max(display_width(label) for label, *_ in rows)
    date_width = max(display_width(when) for _, when, *_ in rows)
    basis_width = max(display_width(basis) for *_, basis, _ in rows)
    print(f"{_pad('期限', label_width)}  {_pad('日付', date_width)}  根拠")
    print("-" * (label_width + date_width + basis_width + 4))
    for label, when, basis, d in rows:
        print(f"{_pad(label, label_width)}  {_pad(when, date_width)}  {basis}")
        for note in (d.roll_note(), d.note):
            if note:
                print(f"{' ' * (label_width + 2)}({note})")


_AUTHORITY_KIND_LABELS = {
    "city": "権限移譲を受けた市町村",
    "designated_city": "指定都市",
    "prefecture": "都道府県",
    "national": "国",
}


def _cmd_jurisdiction(args: argparse.Namespace) -> int:
    """所轄庁 for the offices given; ``--home`` overrides the installation's own authority."""
    import dataclasses
    import json
    from datetime import date

    from npo_desk.domain.jurisdiction import decide_authority, office_label
    from npo_desk.domain.profiles import get_profile
    from npo_desk.domain.wareki import format_wareki, parse_date_field
    from npo_desk.refdata import municipality_index

    as_of = parse_date_field(args.as_of, "--as-of") or date.today()
    settings = _installation_settings(args.db)
    if args.home:
        settings = dataclasses.replace(settings, home_authority=args.home)
    index = municipality_index()
    verdict = decide_authority(args.office, as_of, settings, index)
    if args.json:
        payload = dataclasses.asdict(verdict)
        payload["kind"] = str(verdict.kind)
        print(json.dumps(payload, ensure_ascii=False))
        return 0
    print(f"所轄庁: {verdict.authority} ({_AUTHORITY_KIND_LABELS[verdict.kind]})")
    print(f"当庁の所轄: {'はい' if verdict.ours else 'いいえ'} (当庁: {settings.home_authority})")
    print(f"理由: {verdict.reason}")
    print(f"基準日: {format_wareki(as_of)} / 法令の版: {get_profile(verdict.law).label}")
    for i, office in enumerate(args.office):
        resolved = index.resolve(office, as_of)
        former = f" {resolved.former}" if resolved.former else ""
        print(f"{office_label(i)}: {resolved.full_name}{former} ({office})")
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from npo_desk.store import backup_database

    written = backup_database(args.db, Path(args.out), overwrite=args.force)
    print(f"バックアップを作成しました: {written}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from npo_desk.store.backup import restore_database
    from npo_desk.store.database import resolve_url

    kept = restore_database(args.db, Path(args.file))
    print(f"復元しました: {resolve_url(args.db).database}")
    if kept is not None:
        print(f"復元前のデータベースは {kept} に保存しました。")
    return 0


def _cmd_due(args: argparse.Namespace) -> int:
    from npo_desk.reports.due_list import cmd_due

    return cmd_due(args)


def _cmd_revocation_candidates(args: argparse.Namespace) -> int:
    from npo_desk.reports.revocation_list import cmd_revocation_candidates

    return cmd_revocation_candidates(args)


def _cmd_gui(args: argparse.Namespace) -> int:
    from npo_desk.gui.app import run

    return run(db=args.db)


# Arguments that name files: a file name may hold bytes that are not UTF-8, and the OS takes it back.
_FILE_ARGUMENTS = frozenset({"db", "out", "file", "ics"})


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse text that is not UTF-8 (a shell passes such bytes as lone surrogates) in the arguments
    that are not file names: no case number, address or date can hold it, and no database accepts it."""
    for name, value in vars(args).items():
        if name in _FILE_ARGUMENTS:
            continue
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                try:
                    text.encode()
                except UnicodeEncodeError:
                    shown = text.encode(errors="replace").decode()
                    option = "--" + name.replace("_", "-")
                    raise NpoDeskError(
                        f"{option}: 「{shown}」に文字化けした文字 (UTF-8 でない文字) があります。"
                        "入力し直してください。"
                    ) from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", _cmd_gui)
    if getattr(sys.stdout, "errors", None) == "strict" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")  # a file name that is not UTF-8 is printed too
    try:
        _check_text_arguments(args)
        status = int(handler(args))
        sys.stdout.flush()  # a reader that stopped (npo-desk due | head) shows here, not at exit
        return status
    except BrokenPipeError:
        # Not our error: the rest of the output has no reader. Silence the flush at exit and end
        # like a program stopped by SIGPIPE, as the shell expects.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except NpoDeskError as err:
        print(f"npo-desk: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:  # a file the command had to read or write, outside what it checked itself
        where = f"「{err.filename}」" if err.filename else ""
        print(
            f"npo-desk: ファイル{where}を読み書きできませんでした ({err.strerror or err})。"
            "ファイル名と保存先のフォルダー・権限を確かめてください。",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
