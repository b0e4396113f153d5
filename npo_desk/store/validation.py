"""What the store refuses to write, named in Japanese: the one check every write path passes.

The window, the importer, the demo and the benchmarks all write through ``create_case(s)`` and
``save_case``, so whatever is stored can be exported and imported again. Besides contradictions no
table could hold, the store refuses what the law makes impossible and an export could not write: dates
out of the lifecycle's order (``lifecycle.check_facts``), activity-field numbers the case's version of
the Act does not have, a law version or receipt date the Act does not know, branches without a main
office. The requirements (officers, members) stay findings shown to the clerk, not refusals.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import fields
from datetime import date
from operator import attrgetter, gt
from typing import Any, TypeVar

from npo_desk.domain.documents import attachment_name, check_record, has_checklist
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.lifecycle import check_facts
from npo_desk.domain.procedures import check_procedure
from npo_desk.domain.profiles import resolve_profile
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_fiscal_year
from npo_desk.store.history import label_of
from npo_desk.store.mapping import CHOICE_FIELDS, SCALAR_FIELDS
from npo_desk.store.models import CaseRow, OfficeRow, OfficerRow
from npo_desk.store.records import (
    CASE_FACT_MILESTONES,
    Case,
    CaseKind,
    Office,
    facts_of,
    milestone_label_of,
    procedure_facts,
    procedure_kind,
)

_V = TypeVar("_V")


def validate_case(case: Case, settings: Settings, *, today: date | None = None) -> None:
    """Raise InvalidInput with a Japanese sentence when ``case`` cannot be stored as it is.

    A new case (``today`` given: an import, the window's first save) may not record a fact after
    today; a stored case being re-saved is not refused over a date it already holds."""
    if not case.name.strip():
        raise InvalidInput("法人名 (団体名) が空です。法人名を入力してから保存してください。")
    for field, problem in text_problems(case):
        raise InvalidInput(f"「{label_of(field)}」を保存できません。{problem}")
    twice = _repeated([m.kind for m in case.milestones])
    if twice:
        name = milestone_label_of(case.kind, twice[0])
        raise InvalidInput(f"「{name}」の日付が2つあります。1つにしてから保存してください。")
    keys = _repeated([o.key for o in case.deadline_overrides])
    if keys:
        raise InvalidInput(f"期限「{keys[0]}」の手動設定が2つあります。1つにしてから保存してください。")
    if any(not o.reason.strip() for o in case.deadline_overrides):
        raise InvalidInput("期限を手動で設定するときは、その理由を入力してください。")
    if len(set(case.activity_fields)) != len(case.activity_fields):
        raise InvalidInput("同じ活動分野が2回選ばれています。1回にしてから保存してください。")
    if case.member_count is not None and case.member_count < 0:
        raise InvalidInput("社員数には0以上の数を入力してください。")
    if case.fiscal_year_start is not None:
        month, day = case.fiscal_year_start
        try:
            date(2001, month, day)  # a year without 2月29日: a fiscal year cannot start on it
        except ValueError:
            raise InvalidInput(
                f"事業年度の開始日 {month}月{day}日 はありません。正しい日付を入力してください。"
            ) from None
    years = _repeated([f.fiscal_year_start for f in case.annual_reports])
    if years:
        raise InvalidInput(
            f"{format_fiscal_year(years[0])}分の事業報告書等の受理が2つあります。1つにしてから保存してください。"
        )
    if case.law_profile_id and not case.law_profile_reason.strip():
        raise InvalidInput("適用する法令の版を指定するときは、その理由を入力してください。")
    _check_documents(case)
    check_offices(case.offices)
    facts = facts_of(case)
    resolve_profile(facts).check_activity_fields(case.activity_fields)  # also: a version the Act knows
    _check_topics(case)
    if case.kind is not CaseKind.ESTABLISHMENT:
        # A re-saved case is not refused over a date it already holds (as check_facts without today).
        check_procedure(procedure_facts(case), today or date.max)
        return
    chosen = case.registered_change or any(getattr(case, name) for name in CHOICE_FIELDS)
    if chosen:
        raise InvalidInput(
            "設立認証の手続には、登記事項・所轄庁の変更、解散の事由、合併での立場は指定できません。"
        )
    other = next((m for m in case.milestones if m.kind not in CASE_FACT_MILESTONES), None)
    if other is not None:
        name = milestone_label_of(case.kind, other.kind)
        raise InvalidInput(f"設立認証の手続に「{name}」の日付はありません。")
    check_facts(facts, settings, today=today)


def _repeated(values: list[_V]) -> list[_V]:
    """The values found more than once, in the order first seen (a set first: usually none is)."""
    if len(set(values)) == len(values):
        return []
    return [value for value, count in Counter(values).items() if count > 1]


# The kinds whose case says which items of the articles (11条1項各号) the change touches.
_TOPIC_KINDS = frozenset({CaseKind.ARTICLES_AMENDMENT, CaseKind.ARTICLES_AMENDMENT_NOTICE})


def _check_documents(case: Case) -> None:
    """Each document once, known, dated exactly when received or corrected (``documents.check_record``),
    and only on an application that carries documents (設立・定款変更・合併)."""
    if not case.documents:
        return
    if not has_checklist(procedure_kind(case.kind)):
        raise InvalidInput("添付書類は、設立・定款変更・合併の認証の申請にだけ記録できます。")
    twice = [key for key, count in Counter(d.key for d in case.documents).items() if count > 1]
    if twice:
        raise InvalidInput(
            f"添付書類「{attachment_name(twice[0])}」の記録が2つあります。1つにしてから保存してください。"
        )
    for record in case.documents:
        check_record(record)


def _check_topics(case: Case) -> None:
    if case.articles_topics and case.kind not in _TOPIC_KINDS:
        raise InvalidInput("変更する定款の事項は、定款変更の手続にだけ指定できます。")
    if len(set(case.articles_topics)) != len(case.articles_topics):
        raise InvalidInput("同じ定款の事項が2回選ばれています。1回にしてから保存してください。")


def check_offices(offices: Sequence[Office]) -> None:
    """A branch needs a main office: ``offices[0]`` with an address (the importer's
    「主たる事務所の所在地」 column gets the same refusal)."""
    if any(o.address.strip() for o in offices[1:]) and not offices[0].address.strip():
        raise InvalidInput("従たる事務所があるのに、主たる事務所の所在地が空です。所在地を入力してください。")


def _length(model: Any, column: str) -> int | None:
    return getattr(model.__table__.c[column].type, "length", None)


# The longest text each field's column holds, from the tables themselves (None: no limit). PostgreSQL
# refuses a longer text and SQLite would keep it: the store refuses it first, alike on both.
# Every scalar field a Case holds as text (mapping.SCALAR_FIELDS, less the kind, numbers and dates).
_CASE_TEXTS = tuple(
    f.name for f in fields(Case) if f.name in SCALAR_FIELDS and f.type in ("str", "str | None")
)
_LIMITS: dict[str, int | None] = {
    **{name: _length(CaseRow, name) for name in _CASE_TEXTS},
    "offices": _length(OfficeRow, "address"),
    "officers": _length(OfficerRow, "name"),
    "milestone": None,
    "override": None,
    "annual_report": None,
    "document": None,
}
_GROUP_LIMIT = _length(OfficerRow, "relative_group")
# Free text, typed in a multi-line box: line breaks and tabs belong to it. Everything else is one line.
_FREE_TEXT = frozenset({"purpose", "law_profile_reason", "notes", "milestone", "override", "annual_report"})
# Control characters (C0, DEL, C1) and lone surrogates: PostgreSQL cannot store NUL, no screen or file
# shows the others, and a lone surrogate cannot even be encoded.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_FREE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def text_problem(field: str, text: str) -> str | None:
    """Why ``text`` cannot be stored as ``field`` (a history field key such as ``name``, ``offices``
    or ``milestone:received_on``), or None. The one text rule of every write path: the store names
    the field (``text_problems``), the importer the row and column of the cell it read."""
    kind = field.partition(":")[0]
    return _problem(text, _LIMITS[kind], free=kind in _FREE_TEXT)


_ONE_LINE_SCALARS = tuple(name for name in _CASE_TEXTS if name not in _FREE_TEXT)
_FREE_SCALARS = tuple(name for name in _CASE_TEXTS if name in _FREE_TEXT)
_SCALARS = attrgetter(*_ONE_LINE_SCALARS, *_FREE_SCALARS)  # one C call for all of them
_SCALAR_LIMITS = tuple(
    sys.maxsize if limit is None else limit
    for limit in (_LIMITS[name] for name in (*_ONE_LINE_SCALARS, *_FREE_SCALARS))
)
_OFFICE_LIMIT, _OFFICER_LIMIT, _GROUP_MAX = (
    sys.maxsize if limit is None else limit
    for limit in (_LIMITS["offices"], _LIMITS["officers"], _GROUP_LIMIT)
)


def _plainly_storable(case: Case) -> bool:
    """True when no text of ``case`` breaks a rule of ``text_problem``, found with one search over its
    one-line texts joined, one over its free texts and the lengths compared in C (map): what every row
    of a large import passes, at a fraction of naming each field's problem. When False,
    ``text_problems`` names them. (Joining cannot make or hide a control character.)"""
    scalars = [text or "" for text in _SCALARS(case)]
    if any(map(gt, map(len, scalars), _SCALAR_LIMITS)):
        return False
    addresses = [o.address for o in case.offices]
    names = [text for o in case.officers for text in (o.name, o.kana)]
    groups = [o.relative_group or "" for o in case.officers]
    if (
        max(map(len, addresses), default=0) > _OFFICE_LIMIT
        or max(map(len, names), default=0) > _OFFICER_LIMIT
    ):
        return False
    if max(map(len, groups), default=0) > _GROUP_MAX:
        return False
    one_line = "".join(scalars[: len(_ONE_LINE_SCALARS)]) + "".join(addresses) + "".join(names)
    one_line += "".join(d.note for d in case.documents)  # a document's note is one line (not _FREE_TEXT)
    free = [*scalars[len(_ONE_LINE_SCALARS) :], *(m.note for m in case.milestones)]
    free += [o.reason for o in case.deadline_overrides]
    free += [f.note for f in case.annual_reports]
    return not (_CONTROL.search(one_line + "".join(groups)) or _FREE_CONTROL.search("".join(free)))


def text_problems(case: Case) -> Iterator[tuple[str, str]]:
    """(field, problem) for every text of ``case`` the database could not hold as it is."""
    if _plainly_storable(case):
        return
    texts = [(name, getattr(case, name) or "") for name in _CASE_TEXTS]
    texts += [("offices", office.address) for office in case.offices]
    texts += [("officers", text) for officer in case.officers for text in (officer.name, officer.kana)]
    texts += [(f"milestone:{m.kind.value}", m.note) for m in case.milestones]
    texts += [(f"override:{o.key}", o.reason) for o in case.deadline_overrides]
    texts += [(f"annual_report:{f.fiscal_year_start.isoformat()}", f.note) for f in case.annual_reports]
    texts += [(f"document:{d.key}", d.note) for d in case.documents]
    for field, text in texts:
        problem = text_problem(field, text)
        if problem:
            yield field, problem
    for officer in case.officers:
        problem = _problem(officer.relative_group or "", _GROUP_LIMIT, free=False)
        if problem:
            yield "officers", problem


def _problem(text: str, limit: int | None, *, free: bool) -> str | None:
    found = (_FREE_CONTROL if free else _CONTROL).search(text)
    if found:
        if found.group() in "\r\n":
            return "改行は入れられません。1行で入力してください。"
        what = "タブ" if found.group() == "\t" else "制御文字"
        return f"{what}（U+{ord(found.group()):04X}）が含まれています。取り除いてください。"
    if limit is not None and len(text) > limit:
        return f"長すぎます（{len(text):,}文字あります。{limit:,}文字までにしてください）。"
    return None
