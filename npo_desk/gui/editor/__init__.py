"""The case editor window (one top-level window per case) and its tabs."""

from npo_desk.gui.editor.window import CaseEditor

__all__ = ["CaseEditor"]
