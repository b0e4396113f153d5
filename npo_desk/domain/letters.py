"""The rules of the letters the 所轄庁 issues: which article each letter cites, how the 文書番号 and the
sender are written, and what the clerk must type before a letter can go out.

Pure wording and checks; ``reports.letters`` fills the Word templates with them. The articles are those
of docs/legal-reference.md §4.9 (and §4, §13): a 定款変更 or 合併 application is decided under 12条 through
25条5項 / 34条5項 (準用), 12条3項 requires the 不認証 to state its reason in writing, and the 認証の
取消し (43条) is a 不利益処分 whose reasons must be shown (行政手続法14条1項).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.procedures import ProcedureKind
from npo_desk.domain.wareki import era_year

CORPORATE_PREFIX = "特定非営利活動法人"
ACT = "特定非営利活動促進法"


class LetterKind(StrEnum):
    """A letter, named in romaji: the ``npo-desk letter KIND`` argument and the stem of its template."""

    NINSHO = "ninsho"  # 認証書 (設立・定款変更・合併: the variant follows the case's kind)
    FUNINSHO = "funinsho"  # 不認証決定通知書 (12条3項)
    HOSEI = "hosei"  # 補正を求める文書 (10条3項/4項)
    TOKUSOKU_JIGYO_HOKOKU = "tokusoku-jigyo-hokoku"  # 事業報告書等の提出の督促 (29条)
    TOKUSOKU_TOKI = "tokusoku-toki"  # 設立登記完了届の提出の督促 (13条2項)
    TORIKESHI = "torikeshi"  # 設立の認証の取消しの通知 (43条)


LETTER_LABELS: dict[LetterKind, str] = {
    LetterKind.NINSHO: "認証書",
    LetterKind.FUNINSHO: "不認証決定通知書",
    LetterKind.HOSEI: "補正を求める文書",
    LetterKind.TOKUSOKU_JIGYO_HOKOKU: "事業報告書等の提出の督促",
    LetterKind.TOKUSOKU_TOKI: "設立登記完了届の提出の督促",
    LetterKind.TORIKESHI: "設立の認証の取消しの通知",
}

# The letters to the corporation as a whole, not about one application: the 督促 of its 事業報告書等
# (29条; they are filed with its 設立 case) and the 取消し of its 設立の認証 (43条, 13条3項). They are
# made from its 設立 case, addressed as the corporation is now (``store.corporation_letter_case``).
CORPORATION_LETTERS: tuple[LetterKind, ...] = (LetterKind.TOKUSOKU_JIGYO_HOKOKU, LetterKind.TORIKESHI)

# What the clerk types for each letter, and what it is called in a refusal. A letter listed here is
# refused without it: 12条3項 (不認証の理由), the 補正 request names what to correct, and a 取消し
# states its reasons (行政手続法14条1項).
TYPED_TEXT: dict[LetterKind, str] = {
    LetterKind.FUNINSHO: "不認証の理由",
    LetterKind.HOSEI: "補正を求める事項",
    LetterKind.TORIKESHI: "取消しの理由",
}


@dataclass(frozen=True)
class ApplicationWording:
    """How the letters name an application of one kind and the articles its decision rests on."""

    procedure: str  # 「特定非営利活動法人の設立」「定款の変更」「合併」: titles say what was applied for
    subject: str  # 「…については」: ``{name}`` is the corporation's name
    through: str  # 「第25条第5項において準用する」: how 10条 and 12条 reach this kind ("" for 設立)
    template_stem: str  # the 認証書 template of this kind

    @property
    def certify_article(self) -> str:
        """「第12条第1項」 (or its 準用): the article under which the application is certified."""
        return f"{self.through}第12条第1項"

    @property
    def notice_article(self) -> str:
        """「第12条第3項」 (or its 準用): the written notice of the decision, with its reason if 不認証."""
        return f"{self.through}第12条第3項"


# docs/legal-reference.md §4.8 and §13.1: 25条5項 and 34条5項 apply 10条 and 12条 to 定款変更 and 合併.
APPLICATION_WORDING: dict[ProcedureKind, ApplicationWording] = {
    ProcedureKind.ESTABLISHMENT: ApplicationWording(
        "特定非営利活動法人の設立", "{name}の設立", "", "ninsho-setsuritsu"
    ),
    ProcedureKind.ARTICLES_AMENDMENT: ApplicationWording(
        "定款の変更", "{name}の定款の変更", "第25条第5項において準用する", "ninsho-teikan-henko"
    ),
    ProcedureKind.MERGER: ApplicationWording(
        "合併", "{name}の合併", "第34条第5項において準用する", "ninsho-gappei"
    ),
}


def application_wording(kind: str) -> ApplicationWording:
    """The wording of an application of ``kind`` (a ``ProcedureKind`` value); InvalidInput for a kind
    that is not decided by 認証 (届出 and the like get no 認証書)."""
    try:
        return APPLICATION_WORDING[ProcedureKind(kind)]
    except (ValueError, KeyError):
        raise InvalidInput(f"「{kind}」の手続には認証・不認証の文書を作成できません。") from None


def corporate_name(name: str) -> str:
    """「特定非営利活動法人ひなた子ども食堂」: the name as a letter writes it, with the legal form the
    clerk may have left out of the case (it must appear in the name: 法4条)."""
    name = name.strip()
    return name if CORPORATE_PREFIX in name else f"{CORPORATE_PREFIX}{name}"


_PREFECTURE = re.compile(r"(東京都|北海道|京都府|大阪府|.{2,3}県)(.+)")


def authority_name_of(home_authority: str) -> str:
    """「日南市」 for 「宮崎県日南市」, 「横浜市」 for 「神奈川県横浜市」, 「宮崎県」 for 「宮崎県」: the
    authority as it names itself on its letters, when 設定 gives no 所轄庁名."""
    text = home_authority.strip()
    found = _PREFECTURE.fullmatch(text)
    return found.group(2) if found else text


def head_title(authority_name: str) -> str:
    """「日南市長」, 「宮崎県知事」: the title of the head of the authority (知事 for a prefecture)."""
    name = authority_name.strip()
    if re.search(r"(都|道|府|県)$", name):
        return f"{name}知事"
    return f"{name}長"


NUMBER_FIELD = "番号"
YEAR_FIELD = "年"
_BLANK_NUMBER = "\u3000" * 3  # left blank to be written by hand, as offices do before numbering


def check_number_format(pattern: str) -> None:
    """Refuse a 文書番号 pattern the letters cannot fill: it must hold ``{番号}`` and may hold ``{年}``
    (the 和暦 year of the letter's date), nothing else in braces."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError:
        raise InvalidInput(
            f"文書番号の書式「{pattern}」の {{ }} の組が合っていません (例: 日南市指令第{{番号}}号)。"
        ) from None
    unknown = sorted(fields - {NUMBER_FIELD, YEAR_FIELD})
    if unknown:
        named = "、".join(f"{{{name}}}" for name in unknown)
        raise InvalidInput(
            f"文書番号の書式に使えない差し込み {named} があります。使えるのは {{番号}} と {{年}} だけです。"
        )
    if NUMBER_FIELD not in fields:
        raise InvalidInput(
            f"文書番号の書式「{pattern}」に {{番号}} がありません (例: 日南市指令第{{番号}}号)。"
        )


def document_number(pattern: str, number: str, on: date) -> str:
    """「日南市指令第123号」 from the pattern of 設定; with no number, a blank to be written by hand
    (「日南市指令第　　　号」). ``{年}`` is the era year of ``on`` (「8」 in 令和8年, 「元」 in a
    first year)."""
    check_number_format(pattern)
    _, year = era_year(on)
    return pattern.format_map(
        {NUMBER_FIELD: number.strip() or _BLANK_NUMBER, YEAR_FIELD: "元" if year == 1 else str(year)}
    )


# XML 1.0 (every .docx part) cannot hold these characters at all; tab and line feed are fine.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def check_letter_text(label: str, text: str) -> None:
    """Refuse (naming ``label``) text a letter cannot hold: control characters that a Word document
    cannot contain, which would otherwise be dropped or break the file."""
    found = _UNWRITABLE.search(text)
    if found is not None:
        raise InvalidInput(
            f"「{label}」に文書に書けない制御文字 (U+{ord(found.group()):04X}) があります。"
            "入力し直してください。"
        )


def typed_items(kind: LetterKind, texts: list[str] | tuple[str, ...]) -> list[str]:
    """The clerk's items for ``kind`` (reasons, points to correct), blank ones dropped; InvalidInput naming
    what is missing when the letter needs them and none were typed."""
    items = [text.strip() for text in texts if text.strip()]
    label = TYPED_TEXT.get(kind)
    if label is not None:
        if not items:
            raise InvalidInput(f"{LETTER_LABELS[kind]}には{label}が必要です。{label}を入力してください。")
        for item in items:
            check_letter_text(label, item)
    return items
