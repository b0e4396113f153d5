"""Every place on disk the app reads or writes, in one module (as Vorta does).

Tests and power users redirect the data folder with ``NPO_DESK_DATA_DIR`` and the database
with ``NPO_DESK_DB`` or ``--db``; nothing else in the code decides a path.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from npo_desk.private_files import private_dir

APP_NAME = "npo-desk"


def _data_root() -> Path:
    """Installed wheels carry ui/, db/ and resources/ under npo_desk/_data; a checkout has them
    beside the package."""
    package = Path(__file__).resolve().parent
    installed = package / "_data"
    return installed if installed.is_dir() else package.parent


DATA_ROOT = _data_root()
UI_DIR = DATA_ROOT / "ui"
MIGRATIONS_DIR = DATA_ROOT / "db"
RESOURCES_DIR = DATA_ROOT / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"
FONT_FILE = FONTS_DIR / "ipaexg.ttf"
ICON_FILE = RESOURCES_DIR / "icons" / "npo-desk.svg"
HELP_FILE = RESOURCES_DIR / "help" / "guide.html"  # the user guide (ヘルプ → 使い方, F1)
TEMPLATES_DIR = RESOURCES_DIR / "templates"  # the letters' Word templates (reports.letters)


def user_data_dir() -> Path:
    """The user's data folder (created on demand, 0700: it holds the database and the logs)."""
    override = os.environ.get("NPO_DESK_DATA_DIR")
    path = Path(override) if override else platformdirs.user_data_path(APP_NAME, appauthor=False)
    return private_dir(path)


def default_db_path() -> Path:
    return user_data_dir() / "npo-desk.db"


def database_target(explicit: str | None = None) -> str | Path:
    """``--db`` beats ``NPO_DESK_DB`` beats the default file: the text of a URL when it has ``://``,
    else the SQLite file's absolute path. A plain path is a path: 「c%20d.db」 and 「x?mode=ro.db」 name
    those very files, never a URL's escapes or query."""
    value = explicit or os.environ.get("NPO_DESK_DB") or str(default_db_path())
    if "://" in value:
        return value
    return Path(value).expanduser().resolve()
