#!/usr/bin/env python3
"""Build resources/templates/*.docx: the Word templates of the letters the 所轄庁 issues.

Why a generator: the templates are binary files; writing them from this script keeps their layout
reviewable in a diff and reproducible (run it again after changing a wording here). The clerk's own
copies (設定 → 文書 → テンプレートのフォルダー) are edited in Word or LibreOffice instead and are never
overwritten by this script.

Each letter is laid out as a Japanese 公文書 on A4: 文書番号 and date at the top right, the addressee at
the left, the sender (首長) at the right, the title centred, the body, and a 記 section closed by 以上.
The placeholders are docxtpl's (Jinja) with the Japanese names ``reports.letters`` provides, e.g.
``{{ 法人名 }}``; ``{%p for 項目 in 理由 %}`` repeats a paragraph for each reason.

Usage::

    python tools/make_letter_templates.py            # writes resources/templates/
    python tools/make_letter_templates.py --out DIR
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "templates"
FONT = "ＭＳ 明朝"  # on every Japanese Windows; LibreOffice substitutes a 明朝 (IPA/Noto Serif CJK) elsewhere
SIZE = Pt(12)
TITLE_SIZE = Pt(14)
LABEL_WIDTH = 10  # characters of the longest label in a 記 (主たる事務所の所在地)
NOTE_SIZE = Pt(10.5)  # the 教示: long, and read after the decision itself
FIXED_TIME = datetime(2026, 1, 1)


class Letter:
    """One A4 letter being written: paragraphs in the letter's fixed font and spacing."""

    def __init__(self, title: str) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(30), Mm(25)
        section.left_margin, section.right_margin = Mm(30), Mm(25)
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = SIZE
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "ja-JP")
        language.set(qn("w:eastAsia"), "ja-JP")
        normal.element.get_or_add_rPr().append(language)
        spacing = normal.paragraph_format
        spacing.space_before = spacing.space_after = Pt(0)
        spacing.line_spacing = 1.0
        self.doc.core_properties.title = title
        self.doc.core_properties.author = "npo-desk"
        self.doc.core_properties.language = "ja-JP"

    def line(
        self,
        text: str = "",
        *,
        align: str = "left",
        size: Pt | None = None,
        indent: float = 0,
        hanging: float = 0,
        spacing: float | None = None,
    ) -> Paragraph:
        """A paragraph; ``indent`` and ``hanging`` are in characters of the body size."""
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
        form = paragraph.paragraph_format
        if indent or hanging:
            form.left_indent = Pt(SIZE.pt * (indent + hanging))
            form.first_line_indent = Pt(-SIZE.pt * hanging)
        if spacing is not None:
            form.space_before = form.space_after = Pt(spacing)
        if text:
            run = paragraph.add_run(text)
            if size is not None:
                run.font.size = size
        return paragraph

    def body(self, text: str) -> Paragraph:
        """A body paragraph: justified, its first line indented by one full-width space (公用文)."""
        return self.line(f"\u3000{text}", align="justify")

    def heading(self) -> None:
        """文書番号 and date at the top right, then the addressee, then the sender at the right."""
        self.line("{{ 文書番号 }}", align="right")
        self.line("{{ 日付 }}", align="right")
        self.line()
        self.line("{{ 法人名 }}")
        self.line("{{ 代表者の肩書 }}\u3000{{ 代表者 }}\u3000様", indent=1)
        self.line()
        self.line("{{ 差出人 }}\u3000", align="right")
        self.line()

    def title(self, text: str) -> None:
        self.line(text, align="center", size=TITLE_SIZE, spacing=6)
        self.line()

    def note_mark(self) -> None:
        """記, centred between blank lines."""
        self.line()
        self.line("記", align="center")
        self.line()

    def items(self, number: str, heading: str, variable: str) -> None:
        """「１　heading」 followed by one 「(1) …」 paragraph per entry of ``variable``."""
        self.line(f"{number}\u3000{heading}")
        self.line(f"{{%p for 項目 in {variable} %}}")
        self.line("（{{ loop.index }}）{{ 項目 }}", align="justify", indent=1, hanging=2)
        self.line("{%p endfor %}")

    def row(self, number: str, label: str, value: str) -> Paragraph:
        """「１　名称　…　value」 in the 記: labels padded to one width, a long value wrapping under it."""
        padded = label + "\u3000" * (LABEL_WIDTH - len(label))
        return self.line(f"{number}\u3000{padded}\u3000{value}", hanging=LABEL_WIDTH + 3)

    def closing(self) -> None:
        """以上 at the right, then the contact (担当) in a box when 設定 names one."""
        self.line("以上", align="right")
        self.line()
        self.line("{%p if 問い合わせ先 %}")
        box = self.line("（担当）{{ 問い合わせ先 }}", indent=12)
        _border(box)
        self.line("{%p endif %}")

    def appeal_notice(self, what: str) -> None:
        """教示 (行政不服審査法82条1項, 行政事件訴訟法46条1項): where and by when the addressee can
        challenge the decision. Decisions of the 所轄庁 on NPO 認証 are 自治事務: the 審査請求 goes to the
        head of the authority itself (行政不服審査法4条1号)."""
        self.line(f"{what}\u3000教示", indent=0)
        self.line(
            "（1）この決定に不服がある場合は、この決定があったことを知った日の翌日から起算して3か月以内に、"
            "{{ 首長職名 }}に対して審査請求をすることができます。ただし、この決定があったことを知った日の"
            "翌日から起算して3か月以内であっても、この決定の日の翌日から起算して1年を経過すると審査請求をすることが"
            "できなくなります。",
            align="justify",
            indent=1,
            hanging=2,
            size=NOTE_SIZE,
        )
        self.line(
            "（2）この決定の取消しの訴えは、この決定があったことを知った日の翌日から起算して6か月以内に、"
            "{{ 所轄庁名 }}を被告として（訴訟において{{ 所轄庁名 }}を代表する者は{{ 首長職名 }}となります。）"
            "提起することができます。ただし、この決定があったことを知った日の翌日から起算して6か月以内であっても、"
            "この決定の日の翌日から起算して1年を経過すると取消しの訴えを提起することができなくなります。",
            align="justify",
            indent=1,
            hanging=2,
            size=NOTE_SIZE,
        )

    def save(self, path: Path) -> None:
        """Write the file byte for byte the same on every run: fixed document dates and zip times."""
        self.doc.core_properties.created = self.doc.core_properties.modified = FIXED_TIME
        self.doc.core_properties.last_printed = FIXED_TIME
        buffer = io.BytesIO()
        self.doc.save(buffer)
        with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                fixed.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(fixed, source.read(info.filename))


def _border(paragraph: Paragraph) -> None:
    """A thin box around ``paragraph`` (the contact block at the foot of the letter)."""
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")
        edge.set(qn("w:space"), "4")
        edge.set(qn("w:color"), "auto")
        borders.append(edge)
    properties.append(borders)


@dataclass(frozen=True)
class Row:
    """「１　名称　…　value」: a labelled line of the 記 (``Letter.row``)."""

    label: str
    value: str


@dataclass(frozen=True)
class Items:
    """「１　heading」, then one 「（1）…」 paragraph per entry of the placeholder ``variable``."""

    heading: str
    variable: str


@dataclass(frozen=True)
class Line:
    """「２　text」, and under it, indented, ``detail`` when there is one."""

    text: str
    detail: str = ""


@dataclass(frozen=True)
class Appeal:
    """「３　教示」: where and by when the addressee can challenge the decision (``Letter.appeal_notice``)."""


Entry = Row | Items | Line | Appeal


@dataclass(frozen=True)
class LetterSpec:
    """What one letter says; ``build`` lays every letter out the same way."""

    name: str  # the document's title (its properties)
    body: tuple[str, ...]  # the paragraphs before 記; a docxtpl 「{%p …%}」 tag stands on a line alone
    record: tuple[Entry, ...]  # the 記, numbered １, ２, … (a blank line between entries, not between rows)
    title: str = ""  # the centred title; "": the name


def build(spec: LetterSpec) -> Letter:
    """The letter of ``spec``: heading, title, body, 記 and closing."""
    letter = Letter(spec.name)
    letter.heading()
    letter.title(spec.title or spec.name)
    for text in spec.body:
        if text.startswith("{%p"):
            letter.line(text)
        else:
            letter.body(text)
    letter.note_mark()
    previous: Entry | None = None
    for position, entry in enumerate(spec.record, start=1):
        number = chr(ord("０") + position)  # full width, as 公用文 numbers the items of a 記
        if previous is not None and not (isinstance(previous, Row) and isinstance(entry, Row)):
            letter.line()
        if isinstance(entry, Row):
            letter.row(number, entry.label, entry.value)
        elif isinstance(entry, Items):
            letter.items(number, entry.heading, entry.variable)
        elif isinstance(entry, Line):
            letter.line(f"{number}\u3000{entry.text}")
            if entry.detail:
                letter.line(entry.detail, align="justify", indent=1)
        else:
            letter.appeal_notice(number)
        previous = entry
    letter.closing()
    return letter


def certificate(kind_title: str) -> LetterSpec:
    """認証書 (12条1項, or its 準用 for 定款変更・合併): the written notice of the 認証 (12条3項)."""
    return LetterSpec(
        f"認証書（{kind_title}）",
        title="認\u3000証\u3000書",
        body=(
            "{{ 申請日 }}付けで申請のあった{{ 申請事項 }}については、特定非営利活動促進法{{ 認証条項 }}の"
            "規定により認証します。",
        ),
        record=(
            Row("名称", "{{ 法人名 }}"),
            Row("代表者の氏名", "{{ 代表者 }}"),
            Row("主たる事務所の所在地", "{{ 所在地 }}"),
            Row("申請年月日", "{{ 申請日 }}"),
            Row("認証年月日", "{{ 認証日 }}"),
        ),
    )


# 不認証決定通知書: 12条3項 requires the decision and its reason in writing.
REFUSAL = LetterSpec(
    "不認証決定通知書",
    title="{{ 手続 }}の不認証について（通知）",
    body=(
        "{{ 申請日 }}付けで申請のあった{{ 申請事項 }}については、審査の結果、下記の理由により認証しない"
        "ことに決定したので、特定非営利活動促進法{{ 通知条項 }}の規定により通知します。",
    ),
    record=(
        Items("不認証の理由", "理由"),
        Line("不認証の決定の日\u3000{{ 不認証日 }}"),
        Appeal(),
    ),
)

# 補正を求める文書: minor defects the applicant may correct until the 補正 deadline (10条3項/4項).
CORRECTION = LetterSpec(
    "補正を求める文書",
    title="{{ 手続 }}の認証申請書類の補正について（通知）",
    body=(
        "{{ 申請日 }}付けで申請のあった{{ 申請事項 }}の認証の申請について、申請書及び添付書類に下記の"
        "不備があります。特定非営利活動促進法{{ 補正条項 }}の規定により、{{ 補正期限 }}までに補正して"
        "ください。",
        "なお、補正することができるのは、条例で定める軽微な不備に限られます。補正がないときは、申請書類の"
        "内容により審査します。",
    ),
    record=(
        Items("補正を求める事項", "補正事項"),
        Line("補正の期限\u3000{{ 補正期限 }}"),
    ),
)

# 督促 of 事業報告書等 not filed (29条); 43条1項 lets the 所轄庁 revoke after 3 years or more.
ANNUAL_REPORT_REMINDER = LetterSpec(
    "事業報告書等の提出について（督促）",
    body=(
        "特定非営利活動促進法第29条の規定により毎事業年度1回提出していただく事業報告書等のうち、下記の"
        "事業年度の分が、提出期限を過ぎても提出されていません。速やかに提出してください。",
        "なお、3年以上にわたって事業報告書等の提出を行わないときは、同法第43条第1項の規定により、設立の"
        "認証を取り消すことがあります。",
    ),
    record=(
        Items("提出されていない事業報告書等", "未提出の年度"),
        Line(
            "提出する書類",
            detail="事業報告書、活動計算書、貸借対照表、財産目録、年間役員名簿及び社員のうち10人以上の者の名簿"
            "（特定非営利活動促進法第28条第1項）",
        ),
    ),
)

# 督促 of the 設立登記完了届 (13条2項: 「遅滞なく」, with the 登記事項証明書 and the 財産目録).
REGISTRATION_NOTICE_REMINDER = LetterSpec(
    "設立登記完了届の提出について（督促）",
    body=(
        "{{ 認証日 }}付けで設立の認証を受けた貴法人から、特定非営利活動促進法第13条第2項の規定による"
        "設立登記完了届がまだ提出されていません。設立の登記をしたときは、遅滞なく、登記事項証明書及び財産目録"
        "を添えて届け出ることとされています。速やかに提出してください。",
    ),
    record=(
        Row("設立の認証の日", "{{ 認証日 }}"),
        Row("設立の登記の日", "{{ 登記日 or '（未確認）' }}"),
        Row("添付する書類", "登記事項証明書、財産目録"),
    ),
)

# 設立の認証の取消し (43条; before registration 13条3項): a 不利益処分 with its reasons.
REVOCATION = LetterSpec(
    "設立の認証の取消しについて（通知）",
    title="特定非営利活動法人の設立の認証の取消しについて（通知）",
    body=(
        "{{ 法人名 }}の設立の認証を、下記の理由により、特定非営利活動促進法{{ 取消条項 }}の規定により"
        "取り消したので通知します。",
        "{%p if 登記日 %}",
        "この取消しにより、貴法人は同法第31条第1項第7号の規定により解散し、清算の手続に入ります。",
        "{%p endif %}",
    ),
    record=(
        Items("取消しの理由", "理由"),
        Line("取消しの日\u3000{{ 取消日 }}"),
        Appeal(),
    ),
)

TEMPLATES: dict[str, LetterSpec] = {
    "ninsho-setsuritsu": certificate("設立"),
    "ninsho-teikan-henko": certificate("定款変更"),
    "ninsho-gappei": certificate("合併"),
    "funinsho": REFUSAL,
    "hosei": CORRECTION,
    "tokusoku-jigyo-hokoku": ANNUAL_REPORT_REMINDER,
    "tokusoku-toki": REGISTRATION_NOTICE_REMINDER,
    "torikeshi": REVOCATION,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder to write (default {OUT})")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for stem, spec in TEMPLATES.items():
        path = args.out / f"{stem}.docx"
        build(spec).save(path)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
