"""案件票: one case on one A4 page: its facts, its deadlines and what the requirement check found.

The content comes from the store (the case) and the domain (stage, deadlines, 所轄庁, requirements,
和暦); the painter stacks titled sections of rows. When the case is long (many officers, many
findings) the type shrinks step by step (down to 6.5 pt) so the sheet stays on one page; beyond
that, long cells are elided rather than spilling onto a second page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPagedPaintDevice, QPageLayout, QPainter, QPen

from npo_desk import store as store_api
from npo_desk.domain import documents
from npo_desk.domain.deadlines import compute_deadlines, open_deadlines
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.jurisdiction import decide_authority, verdict_date
from npo_desk.domain.lifecycle import STAGE_LABELS, stage_of
from npo_desk.domain.procedures import ProcedureKind, procedure_deadlines
from npo_desk.domain.profiles import resolve_profile
from npo_desk.domain.requirements import ROLE_LABELS, Severity, check_requirements
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_wareki
from npo_desk.refdata import municipality_index
from npo_desk.reports.paint import Page, begin, draw_lines, fit_lines, line_height, page_of
from npo_desk.reports.qt import a4_layout, pdf_writer, report_font
from npo_desk.store import Case, facts_of, milestone_label_of, officer_facts, procedure_facts

ORIENTATION = QPageLayout.Orientation.Portrait
_HEADER_FILL = QColor("#dfe4ea")
_RULE = QColor("#9aa3ad")


@dataclass(frozen=True)
class Section:
    title: str
    weights: tuple[float, ...]  # column shares
    rows: tuple[tuple[str, ...], ...]
    header: tuple[str, ...] = ()  # column titles (none for label/value sections)
    empty: str = "なし"
    max_lines: int = 4  # per cell; longer text is elided


@dataclass(frozen=True)
class CaseSheet:
    number: str
    name: str
    as_of: date
    sections: tuple[Section, ...]


def _authority(case: Case, settings: Settings, as_of: date) -> str:
    addresses = [o.address for o in case.offices if o.address.strip()]
    if not addresses:
        return "（事務所の所在地が未入力）"
    try:
        on = verdict_date(facts_of(case), as_of)  # the sheet's day, not the receipt date
        return decide_authority(addresses, on, settings, municipality_index()).reason
    except InvalidInput as err:
        return f"判定できません: {err}"


def build_case_sheet(case: Case, settings: Settings, as_of: date) -> CaseSheet:
    facts = facts_of(case)
    profile = resolve_profile(facts)
    fields = []
    for number in case.activity_fields:
        try:
            fields.append(f"{number} {profile.activity_field(number).name}")
        except InvalidInput:
            fields.append(f"{number} （この法令の版にない番号）")
    basics = (
        ("法人名称", case.name),
        ("フリガナ", case.name_kana),
        (
            "代表者",
            " ".join(
                filter(
                    None,
                    (case.representative, case.representative_kana and f"（{case.representative_kana}）"),
                )
            ),
        ),
        ("主たる事務所", case.main_address),
        ("従たる事務所", "\n".join(o.address for o in case.offices[1:]) or "なし"),
        (
            "連絡先",
            " ".join(filter(None, (case.postal_code and f"〒{case.postal_code}", case.phone, case.email))),
        ),
        ("所轄庁", _authority(case, settings, as_of)),
        ("法令の版", profile.label + (f"（手動: {case.law_profile_reason}）" if case.law_profile_id else "")),
        ("段階", STAGE_LABELS[stage_of(facts, settings, as_of)]),
        ("活動分野", "\n".join(fields) or "未入力"),
        (
            "事業年度開始日",
            "{}月{}日".format(*case.fiscal_year_start) if case.fiscal_year_start else "未入力",
        ),
        ("社員数", f"{case.member_count}人" if case.member_count is not None else "未入力"),
        ("担当", case.clerk),
    )
    milestones = tuple(
        (milestone_label_of(case.kind, m.kind), format_wareki(m.on, weekday=True), m.note)
        for m in case.milestones
    )
    pending = {d.key for d in open_deadlines(facts, settings, as_of)}
    deadlines = []
    for deadline in compute_deadlines(facts, settings).values():
        due = case.due(deadline)  # the law's date counts; a manual date is shown beside it
        status = due.days_left_text(as_of) if deadline.key in pending else "済・経過"
        basis = deadline.basis + (f"\n{deadline.note}" if deadline.note else "")
        deadlines.append((deadline.label, due.date_text(), status, "\n".join(due.manual_details()), basis))
    officers = tuple(
        (
            o.name,
            ROLE_LABELS.get(o.role, o.role),
            "、".join(o.marks()),
        )
        for o in case.officers
    )
    found = check_requirements(case.member_count, officer_facts(case.officers), case.activity_fields, profile)
    listed = documents.listed_for(ProcedureKind(case.kind.value), profile, case.articles_topics)
    deadlines_by_key = procedure_deadlines(procedure_facts(case), settings)  # a 定款変更's own 補正
    found += documents.case_findings(listed, case.documents, facts, deadlines_by_key, as_of)
    findings = tuple(("誤り" if f.severity is Severity.ERROR else "注意", f.message) for f in found)
    sections = (
        Section("基本情報", (22, 78), basics),
        Section("経過", (22, 30, 48), milestones, ("事項", "日付", "備考"), "記録された日付はありません"),
        Section(
            "期限",
            (16, 20, 10, 32, 22),
            tuple(deadlines),
            ("期限の種類", "期限", "状況", "手動", "根拠"),
            "受理前のため期限はありません",
            max_lines=12,  # a superseded manual date says why at length
        ),
        Section("役員", (30, 15, 55), officers, ("氏名", "役職", "備考"), "登録された役員はいません"),
        Section("要件の確認", (12, 88), findings, (), "指摘事項はありません"),
        Section("備考", (100,), ((case.notes,),) if case.notes.strip() else (), (), "なし"),
    )
    return CaseSheet(case.number, case.name, as_of, sections)


def collect(st: store_api.Store, case_id: int, as_of: date) -> CaseSheet:
    return build_case_sheet(store_api.get_case(st, case_id), store_api.load_settings(st), as_of)


def page_layout() -> QPageLayout:
    return a4_layout(ORIENTATION)


def paint_case_sheet(device: QPagedPaintDevice, sheet: CaseSheet) -> None:
    """The sheet on one page of ``device`` (printer, PDF writer, preview)."""
    painter = begin(device)
    try:
        page = page_of(device)
        size = 9.5
        while size > 6.5 and _SheetPainter(device, page, size).run(sheet, None) > page.height:
            size -= 0.5
        _SheetPainter(device, page, size).run(sheet, painter)
    finally:
        painter.end()


def _rows_of(section: Section) -> list[tuple[str, ...]]:
    rows = list(section.rows) or [(section.empty, *[""] * (len(section.weights) - 1))]
    return [section.header, *rows] if section.header else rows


class _SheetPainter:
    """Lays the sheet out at one type size; paints too when given a painter. Returns the height used."""

    def __init__(self, device: QPagedPaintDevice, page: Page, size: float) -> None:
        self.device = device
        self.width = page.width
        self.mm = page.mm
        self.title_font, self.head_font, self.cell_font = (
            report_font(size + 7),
            report_font(size + 1.5),
            report_font(size),
        )
        self.pad = page.mm(0.8)
        self.step = line_height(self.cell_font, device)

    def run(self, sheet: CaseSheet, painter: QPainter | None) -> float:
        title_h = line_height(self.title_font, self.device) * 1.2
        if painter is not None:
            box = QRectF(0, 0, self.width, title_h)
            draw_lines(painter, box, ["案件票"], self.title_font, Qt.AlignmentFlag.AlignHCenter)
            stamp = f"{sheet.number}　{format_wareki(sheet.as_of)}現在"
            draw_lines(painter, box, [stamp], self.cell_font, Qt.AlignmentFlag.AlignRight)
        y = title_h
        for section in sheet.sections:
            y = self._section(section, y, painter)
        return y

    def _section(self, section: Section, y: float, painter: QPainter | None) -> float:
        head_h = line_height(self.head_font, self.device) + self.mm(1.5)
        if painter is not None:
            painter.setPen(QPen(QColor("black")))
            box = QRectF(0, y + self.mm(1.5), self.width, head_h)
            draw_lines(painter, box, [f"■ {section.title}"], self.head_font)
        y += head_h
        total = sum(section.weights)
        widths = [self.width * w / total for w in section.weights]
        for index, cells in enumerate(_rows_of(section)):
            lines = [
                fit_lines(text, self.cell_font, self.device, w - 2 * self.pad, section.max_lines)
                for text, w in zip(cells, widths, strict=True)
            ]
            height = max(len(x) for x in lines) * self.step + 2 * self.pad
            if painter is not None:
                is_header = bool(section.header) and index == 0
                self._row(painter, y, height, widths, lines, is_header, labelled=not section.header)
            y += height
        return y

    def _row(
        self,
        painter: QPainter,
        y: float,
        height: float,
        widths: list[float],
        lines: list[list[str]],
        is_header: bool,
        *,
        labelled: bool,
    ) -> None:
        if is_header or (labelled and len(widths) > 1):  # column titles, or the label of a label/value row
            painter.fillRect(QRectF(0, y, self.width if is_header else widths[0], height), _HEADER_FILL)
        painter.setPen(QPen(QColor("black")))
        x = 0.0
        for text_lines, w in zip(lines, widths, strict=True):
            draw_lines(
                painter,
                QRectF(x + self.pad, y + self.pad, w - 2 * self.pad, height),
                text_lines,
                self.cell_font,
            )
            x += w
        pen = QPen(_RULE)
        pen.setWidthF(self.mm(0.1))
        painter.setPen(pen)
        painter.drawLine(QPointF(0, y + height), QPointF(self.width, y + height))


def save_pdf(sheet: CaseSheet, path: str) -> None:

    writer = pdf_writer(path, page_layout(), f"案件票 {sheet.number} {sheet.name}")
    paint_case_sheet(writer, sheet)
