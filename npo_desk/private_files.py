"""Files and folders the app writes are the owner's alone (0600 / 0700), whatever the umask.

Everything npo-desk writes holds personal data of applicants and officers: the database and its
-wal/-shm, backups and the copies kept before an upgrade or a restore, exports, PDF reports and the
logs. Under the usual 022 umask a plain ``open`` would make them readable by every account on the
machine, so every writer creates its file through ``create_private_file`` (or fixes the mode of a
file a library created with ``make_private``) and its folder through ``private_dir``. On Windows the
modes mean nothing and the calls change nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(path: Path) -> Path:
    """``path`` as a folder only its owner may enter, created (with missing parents) when absent.

    An existing folder is tightened too: the data folder of an older version was 0755. Parents that
    already exist are left as they are (they may be the user's home or a shared drive)."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    _chmod(path, PRIVATE_DIR)
    return path


def create_private_file(path: Path) -> Path:
    """Create ``path`` empty and 0600 when absent (an existing file keeps its content, made 0600), so
    whatever then opens it for writing, Python, SQLite, Qt or openpyxl, writes into a private file.
    Raises OSError when the folder does not allow it."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
    os.close(fd)
    _chmod(path, PRIVATE_FILE)
    return path


def copy_private(source: Path, target: Path) -> Path:
    """A byte-for-byte copy of ``source`` at ``target``, 0600 from its first byte."""
    create_private_file(target)
    shutil.copyfile(source, target)
    return target


def make_private(path: Path) -> None:
    """Make an existing file 0600 (one a library created with the umask's mode); silent if it cannot."""
    _chmod(path, PRIVATE_FILE)


def _chmod(path: Path, mode: int) -> None:
    if os.name == "posix":
        with contextlib.suppress(OSError):
            path.chmod(mode)
