"""The project as shipped: lint and types clean, and a wheel that carries ui/, db/ and resources/."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "npo_desk", "tests", "benchmarks", "tools")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_is_clean_and_strict_on_the_domain() -> None:
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT))
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("npo_desk-*.whl")
    return built


@pytest.mark.slow
def test_wheel_carries_forms_migrations_and_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("ui", "db", "resources"):
        shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*") if p.is_file()}
        shipped = {name for name in shipped if "__pycache__" not in name}
        assert shipped, folder
        missing = {name for name in shipped if f"npo_desk/_data/{name}" not in names}
        assert not missing, f"not in the wheel: {sorted(missing)}"


@pytest.mark.slow
def test_unpacked_wheel_finds_its_data_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import npo_desk.paths as p, npo_desk.refdata as r;"
        "assert p.DATA_ROOT.parent.name == 'npo_desk', p.DATA_ROOT;"
        "assert (p.UI_DIR / 'main_window.ui').is_file() and (p.MIGRATIONS_DIR / 'env.py').is_file();"
        "assert p.FONT_FILE.is_file();"
        "from npo_desk.reports.letters import shipped_template_names as t;"
        "assert p.TEMPLATES_DIR.is_relative_to(p.DATA_ROOT);"
        "assert all((p.TEMPLATES_DIR / n).is_file() for n in t()), 'letter templates';"
        "print(r.municipality_index().resolve('宮崎県日南市中央通1-1').municipality.code)"
    )
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "NPO_DESK_DATA_DIR": str(tmp_path / "data")}
    result = _run(sys.executable, "-c", probe, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "452041"


@pytest.mark.slow
def test_unpacked_wheel_finds_the_user_guide_with_every_topic(wheel: Path, tmp_path: Path) -> None:
    """ヘルプ → 使い方 and F1 read resources/help/guide.html: it must travel in the wheel and be found
    from an installed layout, with every section the windows open."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import npo_desk.paths as p;"
        "from npo_desk.gui.help import HelpTopic;"
        "assert p.HELP_FILE.is_file() and p.HELP_FILE.is_relative_to(p.DATA_ROOT), p.HELP_FILE;"
        "assert p.DATA_ROOT.name == '_data', p.DATA_ROOT;"
        "html = p.HELP_FILE.read_text(encoding='utf-8');"
        "print(sorted(t.value for t in HelpTopic if f'<a name=\"{t.value}\">' not in html))"
    )
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "NPO_DESK_DATA_DIR": str(tmp_path / "data")}
    result = _run(sys.executable, "-c", probe, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def _load_tool(name: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_frozen_build_collects_every_folder_the_wheel_carries() -> None:
    """packaging/npo-desk.spec puts ui/, db/ and resources/ where the wheel has them (npo_desk/_data),
    so npo_desk.paths finds forms, migrations, fonts and municipality data in the one-folder build too."""
    import ast
    import tomllib

    tree = ast.parse((ROOT / "packaging" / "npo-desk.spec").read_text(encoding="utf-8"))
    (folders,) = (
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "DATA_FOLDERS" for t in node.targets)
    )
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert dict(folders) == wheel
    assert all((ROOT / source).is_dir() for source, _ in folders)


def test_readme_gives_the_offline_bundles_install_lines() -> None:
    """The README's 庁内ネットワーク section and the bundle's INSTALL.txt give the same two lines."""
    bundle = _load_tool("make_offline_bundle")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 庁内ネットワークの PC へのインストール", 1)[1].split("\n## ", 1)[0]
    for target, lines in bundle.INSTALL_LINES.items():
        assert "--no-index" in lines[1], target
        for line in lines:
            assert f"\n{line}\n" in section, (target, line)
    assert "manylinux2014_x86_64" in bundle.platform_tags("linux")
    assert bundle.platform_tags("linux", "2.28")[0] == "manylinux_2_28_x86_64"


def _pyinstaller() -> Path | None:
    """The freezer of the README's build venv (.venv-freeze, ``pip install ".[freeze]"``) or the one
    named by NPO_DESK_PYINSTALLER; PyInstaller is no dependency of the app or of its tests."""
    import os

    named = os.environ.get("NPO_DESK_PYINSTALLER")
    candidates = [Path(named)] if named else []
    venv = ROOT / ".venv-freeze"
    candidates += [venv / "bin" / "pyinstaller", venv / "Scripts" / "pyinstaller.exe"]
    return next((path for path in candidates if path.is_file()), None)


@pytest.mark.slow
def test_frozen_build_runs_its_commands_without_python(tmp_path: Path) -> None:
    """The one-folder build (packaging/npo-desk.spec) finds its migrations, municipality data, font and
    the letters' Word templates with docxtpl/python-docx: a 認証書 (法第10条・第12条) written by the
    frozen npo-desk-cli is read back. Runs only where PyInstaller is installed (see _pyinstaller)."""
    import json
    import os
    from dataclasses import replace
    from datetime import date

    import docx
    from icalendar import Calendar

    from npo_desk import __version__, store
    from npo_desk.store import Case, Milestone, MilestoneKind, Office

    freezer = _pyinstaller()
    if freezer is None:
        pytest.skip("PyInstaller is not installed (.venv-freeze or NPO_DESK_PYINSTALLER)")
    dist = tmp_path / "dist"
    spec = str(ROOT / "packaging" / "npo-desk.spec")
    built = _run(str(freezer), "--noconfirm", "--distpath", str(dist), "--workpath", str(tmp_path), spec)
    assert built.returncode == 0, built.stderr[-3000:]
    cli = dist / "npo-desk" / ("npo-desk-cli.exe" if sys.platform == "win32" else "npo-desk-cli")

    db = tmp_path / "frozen.db"
    st = store.open_store(str(db))
    store.save_settings(st, replace(store.load_settings(st), head_name="日南 太郎"), who="テスト")
    case = Case(
        name="ひなた子ども食堂",
        representative="日向 花子",
        offices=(Office("宮崎県日南市中央通1丁目1-1"),),
        milestones=(
            Milestone(MilestoneKind.RECEIVED, date(2026, 9, 1)),
            Milestone(MilestoneKind.CERTIFIED, date(2026, 11, 2)),
        ),
    )
    number = store.create_case(st, case, who="テスト", today=date(2026, 12, 2)).number
    st.close()
    env = {**os.environ, "NPO_DESK_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": ""}

    def frozen(*args: str) -> str:
        result = _run(str(cli), "--db", str(db), *args, cwd=tmp_path, env=env)
        assert result.returncode == 0, (args, result.stderr)
        return result.stdout

    assert frozen("--version").strip() == f"npo-desk {__version__}"
    amendment = ("--procedure", "articles-amendment", "--received", "2026-11-16", "--json")
    shown = json.loads(frozen("deadlines", *amendment))
    assert shown["deadlines"]["public_inspection_end"]["date"] == "2026-11-30"
    where = json.loads(frozen("jurisdiction", "--office", "宮崎県日南市中央通1-1", "--json"))
    assert where["authority"] == "日南市"  # the municipality data
    frozen("letter", "ninsho", "--case", number, "--out", str(tmp_path / "ninsho.docx"))
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "ninsho.docx")).paragraphs)
    assert "ひなた子ども食堂" in text and "令和8年11月2日" in text and "日南 太郎" in text
    frozen("due", "--ics", str(tmp_path / "due.ics"))
    assert Calendar.from_ical((tmp_path / "due.ics").read_bytes()).walk("VEVENT")
    frozen("publish", "--out", str(tmp_path / "kohyo"))
    assert (tmp_path / "kohyo" / "npo-kohyo.html").is_file()
    frozen("report", "deadlines", "--out", str(tmp_path / "deadlines.pdf"))
    assert b"IPAex" in (tmp_path / "deadlines.pdf").read_bytes()  # the bundled font, embedded
