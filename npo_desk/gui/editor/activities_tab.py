"""活動分野: one checkbox per activity field of the case's law profile (17 in 2008, 20 today).

The boxes are rebuilt when the profile changes (a new receipt date or an override); the session
carries checked fields over by their current number, so the clerk's choice survives where the law
still has the field.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from npo_desk.domain.profiles import LawProfile
from npo_desk.gui.editor import styles
from npo_desk.gui.editor.findings import FindingsList
from npo_desk.gui.editor.session import EditorSession

KANJI_NUMBERS = (
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
)  # fmt: skip


class ActivitiesTab(QWidget):
    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        self.profile_label = QLabel(self)
        self.profile_label.setWordWrap(True)
        styles.mark(self.profile_label, styles.INFO)
        layout.addWidget(self.profile_label)
        self.group = QGroupBox(self.tr("特定非営利活動の種類 (法別表)"), self)
        self.grid = QGridLayout(self.group)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.group)
        layout.addWidget(scroll, 1)
        self.findings = FindingsList({"activity_fields"}, parent=self)
        layout.addWidget(self.findings)
        self.boxes: dict[int, QCheckBox] = {}
        self._profile_id: str | None = None
        session.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        case = self.session.case
        profile = self.session.derived.profile
        if profile.id != self._profile_id:
            self._build(profile)
        checked = set(case.activity_fields)
        for number, box in self.boxes.items():
            if box.isChecked() != (number in checked):
                box.blockSignals(True)
                box.setChecked(number in checked)
                box.blockSignals(False)
        self.findings.show_findings(self.session.derived.findings)

    def _build(self, profile: LawProfile) -> None:
        self._profile_id = profile.id
        for box in self.boxes.values():
            self.grid.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        count = len(profile.activity_fields)
        self.profile_label.setText(
            self.tr("適用する法令の版: {label} (活動分野 {count} 種類)").format(
                label=profile.label, count=count
            )
        )
        rows = (count + 1) // 2
        for i, field in enumerate(profile.activity_fields):
            box = QCheckBox(f"{KANJI_NUMBERS[field.number - 1]}　{field.name}", self.group)
            if field.current_number != field.number:
                box.setToolTip(self.tr("現行の別表では第{number}号").format(number=field.current_number))
            box.toggled.connect(lambda on, n=field.number: self._toggled(n, on))
            self.grid.addWidget(box, i % rows, i // rows)
            self.boxes[field.number] = box
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(rows, 1)  # boxes packed at the top, not spread over the height

    def _toggled(self, number: int, on: bool) -> None:
        # Only numbers this version has: one an older version of npo-desk or a hand edit stored (shown
        # as a finding, and refused by the store) goes with the clerk's next choice here.
        fields = {n for n in self.session.case.activity_fields if n in self.boxes}
        if on:
            fields.add(number)
        else:
            fields.discard(number)
        name = self.boxes[number].text()
        text = self.tr("活動分野「{name}」を選択") if on else self.tr("活動分野「{name}」の選択を解除")
        self.session.edit(text.format(name=name), activity_fields=tuple(sorted(fields)))

    def checked_numbers(self) -> list[int]:
        return [n for n, box in self.boxes.items() if box.isChecked()]
