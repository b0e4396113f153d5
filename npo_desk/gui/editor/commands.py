"""Undo commands of the case editor: every edit is the swap of one immutable ``Case`` for another.

Because the store hands out frozen records, an edit is fully described by the case before and the
case after. Undo puts ``before`` back, redo puts ``after`` back; nothing is recomputed, so undo can
never drift from what the clerk saw. Consecutive keystrokes in one field merge into one step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from npo_desk.store import Case

if TYPE_CHECKING:
    from npo_desk.gui.editor.session import EditorSession

# QUndoCommand ids: one per merge key, handed out on first use (ids must be ints, keys are field names).
_MERGE_IDS: dict[str, int] = {}


def merge_id(key: str | None) -> int:
    """A stable positive id for ``key``; -1 (never merge) for None."""
    if key is None:
        return -1
    return _MERGE_IDS.setdefault(key, len(_MERGE_IDS) + 1)


class EditCaseCommand(QUndoCommand):
    """Replace the session's case ``before`` by ``after``; typing in one field merges into one command."""

    def __init__(self, session: EditorSession, text: str, before: Case, after: Case, merge_key: str | None):
        super().__init__(text)
        self._session = session
        self.before = before
        self.after = after
        self._id = merge_id(merge_key)

    def id(self) -> int:
        return self._id

    def redo(self) -> None:
        self._session.set_case(self.after)

    def undo(self) -> None:
        self._session.set_case(self.before)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCaseCommand) or other.id() != self._id or self._id < 0:
            return False
        self.after = other.after
        # Typing a field back to what it was leaves nothing to undo; an obsolete step would only confuse.
        if self.after == self.before:
            self.setObsolete(True)
        return True
