"""The letters the 所轄庁 issues, as Word files filled from a case and the settings (docxtpl).

Templates are ``resources/templates/<name>.docx`` (made by tools/make_letter_templates.py). When 設定
names a template folder, a file of the same name there is used instead: the clerk edits wording and
layout in Word or LibreOffice without touching code (``copy_templates`` puts the shipped ones there).

Nothing is written that the letter cannot say right: a template naming a placeholder this module does
not provide, a value the letter needs that the case lacks (no reason for a 不認証, no 認証日 on a
認証書, no 首長名 in 設定) or text a Word file cannot hold is refused (InvalidInput) with its name.
Dates print in 和暦. Files are written whole and private (``sheets.write_atomically``), like every export.
"""

from __future__ import annotations

import dataclasses
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from npo_desk import paths
from npo_desk.domain.annual_reports import ReportStatus, annual_reports
from npo_desk.domain.deadlines import ACT, DeadlineKey
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.letters import (
    APPLICATION_WORDING,
    CORPORATION_LETTERS,
    LETTER_LABELS,
    LetterKind,
    application_wording,
    authority_name_of,
    check_letter_text,
    corporate_name,
    document_number,
    head_title,
    typed_items,
)
from npo_desk.domain.procedures import ProcedureKind, procedure_deadlines
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_fiscal_year, format_wareki
from npo_desk.private_files import copy_private, private_dir
from npo_desk.reports.sheets import write_atomically
from npo_desk.store.corporations import corporation_letter_case
from npo_desk.store.database import Store
from npo_desk.store.records import Case, MilestoneKind, facts_of, procedure_facts

TEMPLATE_SUFFIX = ".docx"
# The letters whose template is one file whatever the case's kind; 認証書 has one per kind of application.
_SINGLE_TEMPLATES: dict[LetterKind, str] = {
    kind: kind.value for kind in LetterKind if kind is not LetterKind.NINSHO
}
# The letters that are a decision on an application (設立・定款変更・合併): the case's kind must be one.
_APPLICATION_LETTERS = frozenset({LetterKind.NINSHO, LetterKind.FUNINSHO, LetterKind.HOSEI})
# The fact that dates a decision letter (the letter carries the day of the decision, not of printing).
_DECISION_DAYS: dict[LetterKind, tuple[MilestoneKind, str]] = {
    LetterKind.NINSHO: (MilestoneKind.CERTIFIED, "認証日"),
    LetterKind.FUNINSHO: (MilestoneKind.REFUSED, "不認証日"),
    LetterKind.TORIKESHI: (MilestoneKind.REVOKED, "取消日"),
}
# The placeholder that holds the clerk's typed items in each template.
_ITEMS_NAME: dict[LetterKind, str] = {
    LetterKind.FUNINSHO: "理由",
    LetterKind.HOSEI: "補正事項",
    LetterKind.TORIKESHI: "理由",
}


@dataclass(frozen=True)
class LetterRequest:
    """What the clerk asks for: the letter, the items typed (reasons, points to correct), the number
    from the office's register (blank: left for the pen) and the letter's date (None: the decision's
    day for a decision letter, else ``today``)."""

    kind: LetterKind
    items: tuple[str, ...] = ()
    number: str = ""
    on: date | None = None


def template_name(kind: LetterKind, case_kind: str) -> str:
    """The file name of the template for ``kind`` on a case of ``case_kind`` (a ProcedureKind value)."""
    if kind is LetterKind.NINSHO:
        return application_wording(case_kind).template_stem + TEMPLATE_SUFFIX
    return _SINGLE_TEMPLATES[kind] + TEMPLATE_SUFFIX


def shipped_template_names() -> list[str]:
    """Every template the app ships, in the order of the letters."""
    certificates = [w.template_stem + TEMPLATE_SUFFIX for w in APPLICATION_WORDING.values()]
    return [*certificates, *(stem + TEMPLATE_SUFFIX for stem in _SINGLE_TEMPLATES.values())]


def template_path(name: str, settings: Settings) -> Path:
    """The clerk's copy in the template folder of 設定 when it has one of that name, else the shipped one."""
    folder = settings.template_folder.strip()
    if folder:
        own = Path(folder).expanduser() / name
        if own.is_file():
            return own
    return paths.TEMPLATES_DIR / name


def copy_templates(folder: Path) -> list[Path]:
    """Copy the shipped templates into ``folder`` for the clerk to edit; a file already there (the
    clerk's own edits) is kept. Returns the files copied."""
    private_dir(folder)
    copied: list[Path] = []
    for name in shipped_template_names():
        target = folder / name
        if not target.exists():
            copied.append(copy_private(paths.TEMPLATES_DIR / name, target))
    return copied


def letter_label(kind: LetterKind, case_kind: str) -> str:
    """「認証書（定款変更）」, 「不認証決定通知書」: the letter as menus and file names call it."""
    if kind is LetterKind.NINSHO and case_kind != ProcedureKind.ESTABLISHMENT.value:
        return f"{LETTER_LABELS[kind]}（{application_wording(case_kind).procedure}）"
    return LETTER_LABELS[kind]


def letter_case(store: Store, case: Case, kind: LetterKind) -> Case:
    """The case a letter of ``kind`` chosen on ``case`` is made from: the case itself, but for a
    letter to the corporation as a whole (``CORPORATION_LETTERS``) its corporation's 設立 case as the
    corporation is now (``store.corporation_letter_case``): chosen on a 定款変更 or on the corporation
    window, a 督促 names the same overdue reports as on the 設立 case."""
    if kind in CORPORATION_LETTERS and case.corporation_id is not None:
        return corporation_letter_case(store, case.corporation_id)
    return case


def default_file_name(case: Case, kind: LetterKind) -> str:
    """「R8-003_不認証決定通知書.docx」: what the save dialog proposes."""
    return f"{case.number}_{letter_label(kind, case.kind.value)}{TEMPLATE_SUFFIX}"


def _wareki(day: date | None) -> str:
    return format_wareki(day) if day is not None else ""


def _refuse(kind: LetterKind, missing: str) -> InvalidInput:
    return InvalidInput(f"{LETTER_LABELS[kind]}を作成できません: {missing}")


def default_letter_day(case: Case, kind: LetterKind, today: date) -> date:
    """The day a letter is dated unless the clerk says otherwise: the decision's day for a decision
    letter (認証書, 不認証, 取消し) once it is recorded, else ``today``."""
    decision = _DECISION_DAYS.get(kind)
    return (case.date_of(decision[0]) if decision else None) or today


def _letter_day(case: Case, request: LetterRequest, today: date) -> date:
    """The letter's date; a decision letter needs its decision recorded, whatever date it carries."""
    decision = _DECISION_DAYS.get(request.kind)
    if decision is not None and case.date_of(decision[0]) is None:
        raise _refuse(
            request.kind, f"{decision[1]}が記録されていません。段階の操作で記録してから作成します。"
        )
    return request.on or default_letter_day(case, request.kind, today)


def _settings_part(settings: Settings, kind: LetterKind) -> dict[str, Any]:
    name = settings.authority_name.strip() or authority_name_of(settings.home_authority)
    head = settings.head_name.strip()
    if not head:
        raise _refuse(kind, "設定の「首長名」が空です。ツール → 設定 →「文書」で入力してください。")
    title = head_title(name)
    return {
        "所轄庁名": name,
        "首長職名": title,
        "首長名": head,
        "差出人": f"{title}\u3000{head}",
        "問い合わせ先": settings.letter_contact.strip(),
    }


def _missing_reports(case: Case, settings: Settings, on: date) -> list[str]:
    """「令和5年度分（提出期限 令和6年6月30日）」 for each overdue report, oldest first."""
    found = []
    for report in annual_reports(facts_of(case), settings, on):
        if report.status(on) is ReportStatus.OVERDUE:
            found.append(
                f"{format_fiscal_year(report.year.start)}分（提出期限 {format_wareki(report.due.date)}）"
            )
    return found


def letter_context(case: Case, settings: Settings, request: LetterRequest, today: date) -> dict[str, Any]:
    """Every placeholder a template may use, filled from the case and the settings.

    Raises InvalidInput naming what the letter needs and the case lacks."""
    kind = request.kind
    items = typed_items(kind, request.items)
    case_kind = case.kind.value
    if kind in _APPLICATION_LETTERS and ProcedureKind(case_kind) not in APPLICATION_WORDING:
        raise _refuse(kind, "この案件の手続は認証の申請ではありません。")
    on = _letter_day(case, request, today)
    facts = facts_of(case)
    name = corporate_name(case.name)
    if not case.representative.strip():
        raise _refuse(kind, "代表者の氏名が入力されていません (宛名に使います)。")
    received = case.date_of(MilestoneKind.RECEIVED)
    certified = case.date_of(MilestoneKind.CERTIFIED)
    registered = case.date_of(MilestoneKind.REGISTERED)
    founding = case_kind == ProcedureKind.ESTABLISHMENT.value and registered is None
    context: dict[str, Any] = {
        **_settings_part(settings, kind),
        "文書番号": document_number(settings.document_number_format, request.number, on),
        "日付": format_wareki(on),
        "案件番号": case.number,
        "法人名": name,
        "代表者": case.representative.strip(),
        "代表者の肩書": "設立代表者" if founding else "代表者",
        "所在地": case.main_address,
        "郵便番号": case.postal_code,
        "担当者": case.clerk,
        "申請日": _wareki(received),
        "認証日": _wareki(certified),
        "不認証日": _wareki(case.date_of(MilestoneKind.REFUSED)),
        "登記日": _wareki(registered),
        "取消日": _wareki(case.date_of(MilestoneKind.REVOKED)),
        # 13条3項 before the registration (認証後6か月), 43条 for an NPO (docs/legal-reference.md §4.5, §13.7)
        "取消条項": "第13条第3項" if founding else "第43条",
        "手続": "",
        "申請事項": "",
        "認証条項": "",
        "通知条項": "",
        "補正期限": "",
        "補正条項": "",
        "理由": [],
        "補正事項": [],
        "未提出の年度": [],
    }
    if kind in _ITEMS_NAME:
        context[_ITEMS_NAME[kind]] = items
    if ProcedureKind(case_kind) in APPLICATION_WORDING:
        wording = application_wording(case_kind)
        context.update(
            手続=wording.procedure,
            申請事項=wording.subject.format(name=name),
            認証条項=wording.certify_article,
            通知条項=wording.notice_article,
        )
    if kind in _APPLICATION_LETTERS and received is None:
        raise _refuse(kind, "申請受理日が記録されていません。")
    if kind is LetterKind.HOSEI:
        _correction(context, case, settings, on)
    elif kind is LetterKind.TOKUSOKU_JIGYO_HOKOKU:
        context["未提出の年度"] = _missing_reports(case, settings, on)
        if not context["未提出の年度"]:
            raise _refuse(kind, f"{format_wareki(on)}に提出期限を過ぎた未提出の事業報告書等はありません。")
    elif kind is LetterKind.TOKUSOKU_TOKI:
        if certified is None:
            raise _refuse(kind, "認証日が記録されていません。")
        if facts.registration_notice_on is not None:
            raise _refuse(
                kind, f"設立登記完了届は{format_wareki(facts.registration_notice_on)}に受理済みです。"
            )
    for label, value in context.items():
        for text in value if isinstance(value, list) else [value]:
            check_letter_text(label, str(text))
    return context


def _correction(context: dict[str, Any], case: Case, settings: Settings, on: date) -> None:
    """補正期限 and 補正条項 from the domain's 補正 deadline of the case's procedure (10条3項/4項, or
    through 25条5項 / 34条5項; docs/legal-reference.md §4.2, §13.2)."""
    deadline = procedure_deadlines(procedure_facts(case), settings).get(DeadlineKey.CORRECTION_DEADLINE)
    if deadline is None:
        raise _refuse(LetterKind.HOSEI, "この申請には補正の規定が適用されません (受理時の法に定めがない)。")
    if on > deadline.date:
        raise _refuse(LetterKind.HOSEI, f"補正の期限 ({format_wareki(deadline.date)}) を過ぎています。")
    article = deadline.basis.split("、")[0].removeprefix(ACT)
    context.update(補正期限=format_wareki(deadline.date), 補正条項=article)


def _environment() -> Any:
    """Jinja with escaping (an 「&」 or 「<」 in a name stays text) and no silent blanks: anything not
    provided is an error, never an empty gap in an official letter."""
    from jinja2 import Environment, StrictUndefined

    return Environment(autoescape=True, undefined=StrictUndefined)


def render_letter(template: Path, context: dict[str, Any], out: Path) -> Path:
    """Fill ``template`` with ``context`` and write ``out`` (whole or not at all, 0600)."""
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError, TemplateSyntaxError

    shown = f"テンプレート「{template}」"
    if not template.is_file():
        raise InvalidInput(f"{shown}がありません。")
    try:
        document = DocxTemplate(str(template))
        environment = _environment()
        unknown = document.get_undeclared_template_variables(jinja_env=environment, context=context)
    except TemplateSyntaxError as err:
        raise InvalidInput(f"{shown}の差し込みの書き方に誤りがあります ({err.message})。") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise InvalidInput(f"{shown}を Word 文書 (.docx) として読めません ({err})。") from None
    if unknown:
        names = "、".join(f"{{{{ {name} }}}}" for name in sorted(unknown))
        raise InvalidInput(
            f"{shown}に、npo-desk が差し込めない項目 {names} があります。使える項目は "
            + "、".join(sorted(context))
            + " です。"
        )
    try:
        document.render(context, jinja_env=environment, autoescape=True)
    except TemplateError as err:
        raise InvalidInput(f"{shown}に差し込めませんでした ({err})。") from None
    write_atomically(out, lambda part: document.save(str(part)))
    return out


def write_letter(case: Case, settings: Settings, request: LetterRequest, out: Path, today: date) -> Path:
    """The letter ``request`` asks for on ``case``, written to ``out`` from the template 設定 selects."""
    context = letter_context(case, settings, request, today)
    template = template_path(template_name(request.kind, case.kind.value), settings)
    return render_letter(template, context, out)


def suggested_items(case: Case, settings: Settings, kind: LetterKind, today: date) -> list[str]:
    """What the dialog proposes for the clerk to check and edit: for a 取消し of an NPO 3 years or more
    behind with its 事業報告書等 (43条1項), that fact with the years; nothing otherwise."""
    if kind is not LetterKind.TORIKESHI:
        return []
    from npo_desk.domain.annual_reports import REVOCATION_YEARS, missing_streak

    # Counted as on the day of the 取消し when it is recorded (the record itself closes the reports).
    facts = facts_of(case)
    on = facts.revoked_on or today
    streak = missing_streak(dataclasses.replace(facts, revoked_on=None), settings, on)
    if len(streak) < REVOCATION_YEARS:
        return []
    first, last = streak[0].year.start, streak[-1].year.start
    return [
        f"{format_fiscal_year(first)}分から{format_fiscal_year(last)}分まで、{len(streak)}年にわたり"
        "特定非営利活動促進法第29条の規定による事業報告書等の提出がなく、同法第43条第1項に該当するため。"
    ]
