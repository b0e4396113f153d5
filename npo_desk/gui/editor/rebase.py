"""Carry the clerk's unsaved edits over onto a case someone else saved in the meantime.

When a save is refused because the stored case changed (optimistic locking), the clerk's work must
not be lost. A three-way merge per field of the ``Case`` record: a field the clerk changed keeps the
clerk's value, every other field takes the newly stored one. Fields both sides changed differently
are reported, so the clerk can check them before saving again. Editing mechanics only: no legal rule.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, TypeVar

from npo_desk.store import Case, Corporation, label_of

R = TypeVar("R", Case, Corporation)

# Bookkeeping the store owns: always the stored case's.
_STORE_FIELDS = frozenset({"id", "version", "created_at", "updated_at", "deleted_at"})


def merge(base: R, mine: R, theirs: R) -> tuple[R, list[str]]:
    """``theirs`` with the fields ``mine`` changed since ``base``; and the labels of conflicting fields.
    A case and a corporation (the corporation window's own fields) are merged alike."""
    changes: dict[str, Any] = {}
    conflicts: list[str] = []
    for field in fields(mine):
        name = field.name
        if name in _STORE_FIELDS:
            continue
        before, my_value, their_value = (getattr(c, name) for c in (base, mine, theirs))
        if my_value == before:
            continue
        changes[name] = my_value
        if their_value not in (before, my_value):
            conflicts.append(label_of(name))
    return replace(theirs, **changes), conflicts
