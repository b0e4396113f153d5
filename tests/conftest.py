"""Every test runs offscreen, on its own data folder and its own database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """No test may touch the user's real data folder or database."""
    data = tmp_path / "npo-desk-data"
    monkeypatch.setenv("NPO_DESK_DATA_DIR", str(data))
    monkeypatch.delenv("NPO_DESK_DB", raising=False)
    return data
