"""A column of requirement findings: errors red, warnings amber, each with its article."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from npo_desk.domain.requirements import Finding, Severity
from npo_desk.gui.editor import styles


def finding_text(finding: Finding) -> str:
    """「報酬を受ける役員が3分の1を超えています (第2条第2項第1号ロ)」: names the article once."""
    if not finding.article or finding.article in finding.message:
        return finding.message
    return f"{finding.message} ({finding.article})"


class FindingsList(QWidget):
    """Shows the findings of some topics; with none, a quiet 'no problems' line (or nothing)."""

    def __init__(self, topics: Iterable[str], ok_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topics = frozenset(topics)
        self.ok_text = ok_text
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.labels: list[QLabel] = []

    def show_findings(self, findings: Iterable[Finding]) -> None:
        mine = [f for f in findings if f.topic in self.topics]
        mine.sort(key=lambda f: f.severity != Severity.ERROR)  # errors first
        for label in self.labels:
            self._layout.removeWidget(label)
            label.hide()  # gone at once, not only when the event loop deletes it
            label.deleteLater()
        self.labels = []
        for finding in mine:
            self._add(
                finding_text(finding), styles.ERROR if finding.severity == Severity.ERROR else styles.WARNING
            )
        if not mine and self.ok_text:
            self._add(self.ok_text, styles.OK)

    def texts(self) -> list[str]:
        return [label.text() for label in self.labels]

    def _add(self, text: str, level: str) -> None:
        label = QLabel(text, self)
        label.setWordWrap(True)
        styles.mark(label, level)
        self._layout.addWidget(label)
        self.labels.append(label)
