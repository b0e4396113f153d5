"""The rules of the letters: the articles each cites, the 文書番号, the sender, and what the clerk must
type (特定非営利活動促進法12条3項, 25条5項, 34条5項; docs/legal-reference.md §4 and §13)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.letters import (
    CORPORATE_PREFIX,
    LETTER_LABELS,
    TYPED_TEXT,
    LetterKind,
    application_wording,
    authority_name_of,
    check_letter_text,
    check_number_format,
    corporate_name,
    document_number,
    head_title,
    typed_items,
)


def test_a_refusal_needs_its_reason_in_writing():
    """12条3項: 不認証の決定をしたときは「その旨及びその理由」を書面により通知する. A letter without
    one is refused."""
    with pytest.raises(InvalidInput, match="不認証の理由が必要です"):
        typed_items(LetterKind.FUNINSHO, ["", "  \n"])
    typed = typed_items(LetterKind.FUNINSHO, [" 目的が特定非営利活動でない。 ", ""])
    assert typed == ["目的が特定非営利活動でない。"]


@pytest.mark.parametrize("kind", list(TYPED_TEXT))
def test_every_letter_with_typed_text_refuses_none_and_names_it(kind):
    with pytest.raises(InvalidInput) as err:
        typed_items(kind, [])
    assert TYPED_TEXT[kind] in str(err.value) and LETTER_LABELS[kind] in str(err.value)


def test_a_certificate_needs_nothing_typed():
    assert typed_items(LetterKind.NINSHO, []) == []


def test_text_a_word_file_cannot_hold_is_refused_with_its_name():
    with pytest.raises(InvalidInput, match=r"「不認証の理由」.*U\+0007"):
        typed_items(LetterKind.FUNINSHO, ["理由\x07"])
    check_letter_text("理由", "一行目\n\t二行目")  # line feeds and tabs are fine


@pytest.mark.parametrize(
    ("kind", "certify", "notice"),
    [
        ("establishment", "第12条第1項", "第12条第3項"),
        # 25条5項 and 34条5項 apply 12条 to the 認証 of a 定款変更 and of a 合併
        (
            "articles_amendment",
            "第25条第5項において準用する第12条第1項",
            "第25条第5項において準用する第12条第3項",
        ),
        ("merger", "第34条第5項において準用する第12条第1項", "第34条第5項において準用する第12条第3項"),
    ],
)
def test_each_kind_of_application_cites_its_own_article(kind, certify, notice):
    wording = application_wording(kind)
    assert (wording.certify_article, wording.notice_article) == (certify, notice)
    assert wording.subject.format(name="X").startswith("Xの")


def test_a_notification_gets_no_certificate():
    with pytest.raises(InvalidInput, match="認証・不認証の文書を作成できません"):
        application_wording("officer_change_notice")


@pytest.mark.parametrize(
    ("home", "name", "title"),
    [
        ("宮崎県日南市", "日南市", "日南市長"),
        ("神奈川県横浜市", "横浜市", "横浜市長"),
        ("鹿児島県", "鹿児島県", "鹿児島県知事"),
        ("東京都", "東京都", "東京都知事"),
        ("北海道札幌市", "札幌市", "札幌市長"),
        ("京都府京都市", "京都市", "京都市長"),
        ("宮崎県三股町", "三股町", "三股町長"),
    ],
)
def test_the_authority_names_itself_and_its_head(home, name, title):
    assert authority_name_of(home) == name
    assert head_title(name) == title


def test_document_number_fills_the_pattern_or_leaves_a_blank_for_the_pen():
    on = date(2026, 12, 2)  # 令和8年
    assert document_number("日南市指令第{番号}号", "123", on) == "日南市指令第123号"
    assert document_number("日市民第{年}-{番号}号", "45", on) == "日市民第8-45号"
    assert document_number("第{番号}号", "", on) == "第\u3000\u3000\u3000号"
    assert document_number("第{年}号{番号}", "1", date(2019, 5, 1)) == "第元号1"  # 令和元年


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("日南市指令第号", "{番号} がありません"),
        ("第{番号}号{課}", "{課}"),
        ("第{番号号", "組が合っていません"),
    ],
)
def test_a_number_pattern_the_letters_cannot_fill_is_refused(pattern, message):
    with pytest.raises(InvalidInput, match=message.replace("{", "\\{").replace("}", "\\}")):
        check_number_format(pattern)


@given(st.text(min_size=1, max_size=20).filter(lambda s: s.strip()))
def test_the_corporate_name_carries_the_legal_form_once(name):
    """法4条: the name of an NPO法人 contains 「特定非営利活動法人」; a letter never doubles it."""
    written = corporate_name(name)
    assert CORPORATE_PREFIX in written
    assert corporate_name(written) == written
    assert written.count(CORPORATE_PREFIX) == max(1, name.count(CORPORATE_PREFIX))
