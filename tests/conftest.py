"""Every test runs offscreen, on its own data folder and its own database."""

from __future__ import annotations

import os
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """No test may touch the user's real data folder or database."""
    data = tmp_path / "npo-desk-data"
    monkeypatch.setenv("NPO_DESK_DATA_DIR", str(data))
    monkeypatch.delenv("NPO_DESK_DB", raising=False)
    return data


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The usual 022 umask, under which a plain open() makes a file world-readable: what the app's own
    modes must overcome."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)
