"""Files and folders the app writes are the owner's alone (0600 / 0700), whatever the umask.

Everything npo-desk writes holds personal data of applicants and officers: the database and its
-wal/-shm, backups and the copies kept before an upgrade or a restore, exports, PDF reports and the
logs. Under the usual 022 umask a plain ``open`` would make them readable by every account on the
machine, so every writer creates its file through ``create_private_file`` (or fixes the mode of a
file a library created with ``make_private``) and its folder through ``private_dir``. A file a library
creates and removes on its own, out of our reach, is covered by the window's process umask
(``private_umask``). On Windows the modes mean nothing and the calls change nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
PRIVATE_UMASK = 0o077

_users_umask: list[int] = []  # the umask the process had before private_umask, for programs it starts


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


def private_umask() -> None:
    """Make the process's umask 077, so that a file a library creates with its own default mode is
    its owner's alone too. Qt's QSettings writes the settings (``npo-desk.ini``, made 0600 by
    ``gui.ui_state``) under a lock file beside them, ``npo-desk.ini.lock``, which it creates with
    0666 less the umask (world-readable under the usual 022) and removes after each write: no mode
    can be set on it, and no chmod reaches it in time. Programs the process starts keep the umask it
    had before (``users_umask``)."""
    if os.name != "posix":
        return
    previous = os.umask(PRIVATE_UMASK)
    if not _users_umask:
        _users_umask.append(previous)


@contextlib.contextmanager
def users_umask() -> Iterator[None]:
    """The umask the process had before ``private_umask``, while another program is started (a
    letter opened in Word or LibreOffice): the files that program writes are the user's, not ours."""
    if not _users_umask:
        yield
        return
    mine = os.umask(_users_umask[0])
    try:
        yield
    finally:
        os.umask(mine)


def _chmod(path: Path, mode: int) -> None:
    if os.name == "posix":
        with contextlib.suppress(OSError):
            path.chmod(mode)
