"""The store's text rule (``validation.text_problem``) over a whole case: ``text_problems`` names every
text of a case that breaks it, whichever field holds it, and nothing else.

``text_problems`` first looks at all the texts at once (one search over the joined texts, the lengths)
and only names fields when something is wrong: these tests hold that shortcut to the field-by-field rule.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as strats

from npo_desk.store import Case, Milestone, MilestoneKind, Office, OfficeKind, Officer, text_problem
from npo_desk.store.validation import text_problems
from tests.store.samples import sample_case

# Characters the rule cares about (line breaks, tabs, other controls, DEL, C1, a lone surrogate) among
# ordinary ones, and lengths around the columns' limits.
_CHARS = strats.sampled_from(["a", "あ", "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "\x85", "\ud800", " "])
_TEXTS = strats.one_of(
    strats.text(_CHARS, max_size=6),
    strats.integers(0, 600).map(lambda n: "長" * n),
    strats.text(max_size=8),
)


def _put(case: Case, where: str, text: str) -> tuple[Case, str]:
    """``case`` with ``text`` in the field ``where``; the history field key ``text_problem`` reads."""
    if where == "office":
        offices = (case.offices[0], replace(case.offices[1], address=text))
        return replace(case, offices=offices), "offices"
    if where in ("officer_name", "officer_kana"):
        officer = replace(case.officers[1], **{where.removeprefix("officer_"): text})
        return replace(case, officers=(case.officers[0], officer, *case.officers[2:])), "officers"
    if where == "milestone":
        consulted = Milestone(MilestoneKind.CONSULTED, date(2026, 3, 10), text)
        return replace(case, milestones=(consulted, *case.milestones[1:])), "milestone:consulted_on"
    return replace(case, **{where: text}), where


_WHERE = strats.sampled_from(
    [
        "name",
        "name_kana",
        "representative",
        "representative_kana",
        "phone",
        "email",
        "postal_code",
        "purpose",
        "notes",
        "law_profile_reason",
        "clerk",
        "office",
        "officer_name",
        "officer_kana",
        "milestone",
    ]
)


@given(where=_WHERE, text=_TEXTS)
def test_text_problems_names_exactly_the_field_the_rule_refuses(where: str, text: str) -> None:
    case, field = _put(sample_case(), where, text)
    problem = text_problem(field, text)
    assert list(text_problems(case)) == ([(field, problem)] if problem else [])


@given(first=_TEXTS, second=_TEXTS)
def test_two_texts_joined_neither_make_nor_hide_a_problem(first: str, second: str) -> None:
    """Two one-line fields side by side: a problem is named in the field that has it, none appears
    from where one text ends and the next begins."""
    case = replace(sample_case(), phone=first, email=second)
    expected = [(f, p) for f, t in (("phone", first), ("email", second)) if (p := text_problem(f, t))]
    assert sorted(text_problems(case)) == sorted(expected)


def test_a_relative_marker_too_long_is_named_on_the_officers() -> None:
    officer = Officer("黒木 由美", "director", "クロギ ユミ", relative_group="A" * 500)
    case = replace(sample_case(), officers=(officer,), offices=(Office("宮崎県日南市", OfficeKind.MAIN),))
    assert [field for field, _problem in text_problems(case)] == ["officers"]
