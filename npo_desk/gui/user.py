"""Who is working: the name the store writes into the history of every change."""

from __future__ import annotations

import getpass


def current_user() -> str:
    """The operating-system login name; the history must never be blank, so a fallback exists."""
    try:
        return getpass.getuser() or "不明"
    except (KeyError, OSError):  # no passwd entry / no login name (containers, services)
        return "不明"
