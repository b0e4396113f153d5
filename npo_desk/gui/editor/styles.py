"""The editor's few colours, in one place: error red, warning amber, info grey, our-case green.

Colours pass WCAG AA contrast on the default light palette (dark text on a pale fill), so a
finding is readable on a projector and in a screenshot alike; text always says what the colour means.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

ERROR = "error"
WARNING = "warning"
INFO = "info"
OK = "ok"

_BOX = "border-radius: 3px; padding: 3px 6px;"
_STYLES = {
    ERROR: f"color: #8b0000; background: #fde7e7; border: 1px solid #e4a0a0; {_BOX}",
    WARNING: f"color: #6b4500; background: #fff4d6; border: 1px solid #e6c46e; {_BOX}",
    INFO: "color: #444444; padding: 3px 0px;",
    OK: f"color: #1d5e20; background: #e8f5e9; border: 1px solid #9ccc9f; {_BOX}",
}


def mark(widget: QWidget, level: str) -> None:
    """Give a label the look of ``level`` (one of ERROR, WARNING, INFO, OK)."""
    widget.setStyleSheet(_STYLES[level])
    widget.setProperty("level", level)  # tests and accessibility tools can read the meaning
