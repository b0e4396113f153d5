"""Which database the store opens: --db, then NPO_DESK_DB, then the file in the user's data folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import npo_desk.store as st
from tests.store.samples import sample_case


def test_default_database_is_a_file_in_the_data_folder(_isolated_data_dir: Path) -> None:
    store = st.open_store()
    try:
        assert store.path == _isolated_data_dir / "npo-desk.db"
        assert store.is_sqlite and store.display_name == str(_isolated_data_dir / "npo-desk.db")
    finally:
        store.close()


def test_environment_and_explicit_path_take_precedence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NPO_DESK_DB", str(tmp_path / "env.db"))
    from_env = st.open_store()
    st.create_case(from_env, sample_case(), who="田中", today=date(2026, 4, 7))
    from_env.close()
    explicit = st.open_store(str(tmp_path / "explicit.db"))
    try:
        assert explicit.path == tmp_path / "explicit.db"
        assert st.list_cases(explicit) == []
    finally:
        explicit.close()
    assert (tmp_path / "env.db").exists()


def test_a_plain_postgresql_url_uses_psycopg_3() -> None:
    url = st.database.resolve_url("postgresql://clerk:pw@db.example.jp/npo")
    assert url.drivername == "postgresql+psycopg" and url.host == "db.example.jp"


def test_a_folder_or_an_unwritable_place_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(st.DatabaseUnusable, match="フォルダー"):
        st.open_store(str(tmp_path))
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(st.DatabaseUnusable, match="作成できません"):
        st.open_store(str(blocker / "cases.db"))
