"""The domain stays pure: no Qt, no SQL, no clock (design.md, "Layers")."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import npo_desk.domain

DOMAIN_DIR = Path(npo_desk.domain.__file__).parent
MODULES = sorted(f"npo_desk.domain.{m.name}" for m in pkgutil.iter_modules([str(DOMAIN_DIR)]))


def test_domain_imports_neither_qt_nor_sql() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'PySide6', 'shiboken6', 'sqlmodel', 'sqlalchemy', 'alembic'})\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == ""
    assert {f"npo_desk.domain.{m}" for m in ("deadlines", "lifecycle", "wareki")} <= set(MODULES)


CLOCK_CALLS = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"),
               ("time", "time"), ("time", "localtime")}


def _clock_calls(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            owner_name = ""
            if isinstance(owner, ast.Name):
                owner_name = owner.id
            elif isinstance(owner, ast.Attribute):
                owner_name = owner.attr
            if (owner_name, node.func.attr) in CLOCK_CALLS:
                found.append(f"{owner_name}.{node.func.attr} (line {node.lineno})")
    return found


def test_no_domain_module_reads_the_clock() -> None:
    offenders = {
        path.name: calls
        for path in sorted(DOMAIN_DIR.glob("*.py"))
        if (calls := _clock_calls(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}


def test_the_clock_check_catches_a_call() -> None:
    tree = ast.parse("import datetime\nx = datetime.date.today()\ny = datetime.datetime.now()\n")
    assert _clock_calls(tree) == ["date.today (line 2)", "datetime.now (line 3)"]
