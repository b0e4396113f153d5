#!/usr/bin/env python3
"""Build the offline bundle: every wheel npo-desk needs, for a PC on the closed 庁内 network.

Why: the city's PC reaches no package index, so ``pip install npo-desk`` cannot fetch anything
there. This script runs on a PC that has the internet, builds the npo-desk wheel, and lets pip
resolve and download every runtime dependency as a binary wheel for each target (Windows x64,
Linux x86-64) and each supported Python. pip's own resolver decides the set: if any dependency had
no wheel for a target, the download fails here, not on the clerk's PC.

Usage (from the repository root)::

    python tools/make_offline_bundle.py                     # Windows + Linux, Python 3.11-3.13
    python tools/make_offline_bundle.py --target linux --python 3.11 --zip
    python tools/make_offline_bundle.py --extras postgres   # also the PostgreSQL driver

The result, ``dist/npo-desk-offline-<version>/``, holds ``wheels/`` (one folder for both systems:
pip picks the wheels of the PC it runs on) and ``INSTALL.txt`` with the two install lines
(``INSTALL_LINES``, the same as in the README's 庁内ネットワークの PC へのインストール).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ("3.11", "3.12", "3.13")
# The oldest glibc the Linux wheels may need: 2.34 is RHEL 9 / Ubuntu 22.04 (2.35) / Debian 12 (2.36);
# PySide6 6.11 itself is built for manylinux_2_34.
GLIBC = "2.34"
TARGETS = ("windows", "linux")

# The two lines the clerk types, per system, run in the bundle's folder.
INSTALL_LINES = {
    "windows": (
        r"py -m venv %USERPROFILE%\npo-desk",
        r"%USERPROFILE%\npo-desk\Scripts\pip install --no-index --find-links .\wheels npo-desk",
    ),
    "linux": (
        "python3 -m venv ~/.npo-desk",
        "~/.npo-desk/bin/pip install --no-index --find-links ./wheels npo-desk",
    ),
}
START_LINES = {"windows": r"%USERPROFILE%\npo-desk\Scripts\npo-desk.exe", "linux": "~/.npo-desk/bin/npo-desk"}


def platform_tags(target: str, glibc: str = GLIBC) -> list[str]:
    """pip's ``--platform`` values for a target. pip (before 24) does not widen a manylinux_2_N tag to
    the older glibc versions it includes, so every one from 2.17 (manylinux2014) up is listed."""
    if target == "windows":
        return ["win_amd64"]
    major, minor = (int(part) for part in glibc.split("."))
    tags = [f"manylinux_{major}_{m}_x86_64" for m in range(minor, 16, -1)]
    return [*tags, "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"]


def _pip(*args: str, label: str = "", env: dict[str, str] | None = None) -> None:
    command = [sys.executable, "-m", "pip", *args]
    print(label or "$ " + " ".join(command), flush=True)
    subprocess.run(command, check=True, env=env)


def build_wheel(dest: Path) -> Path:
    """The npo-desk wheel of this checkout (ui/, db/, resources/ inside, see pyproject.toml)."""
    for old in dest.glob("npo_desk-*.whl"):
        old.unlink()
    _pip("wheel", "--no-deps", "--quiet", "-w", str(dest), str(ROOT))
    (wheel,) = dest.glob("npo_desk-*.whl")
    return wheel


def _interpreter_args(target: str, python: str, glibc: str) -> list[str]:
    """pip's options for an interpreter other than the running one: binary wheels of that target only."""
    args = ["--only-binary=:all:", "--implementation", "cp", "--python-version", python]
    for abi in (f"cp{python.replace('.', '')}", "abi3", "none"):
        args += ["--abi", abi]
    for tag in platform_tags(target, glibc):
        args += ["--platform", tag]
    return args


def download(requirement: str, dest: Path, target: str, python: str, glibc: str = GLIBC) -> None:
    """Every dependency of ``requirement`` as a wheel for one target and one Python (binary only)."""
    args = ["download", "--quiet", "--dest", str(dest), *_interpreter_args(target, python, glibc)]
    _pip(*args, requirement, label=f"pip download: {target}, Python {python}")


def verify(requirement: str, wheels: Path, target: str, python: str, glibc: str = GLIBC) -> None:
    """Resolve the install from the folder alone (``--no-index``, a dry run), as the clerk's PC will."""
    with tempfile.TemporaryDirectory() as target_dir:
        args = ["install", "--quiet", "--dry-run", "--ignore-installed", "--target", target_dir]
        args += ["--no-index", "--find-links", str(wheels), *_interpreter_args(target, python, glibc)]
        # No pip.conf and no PIP_* settings: only the folder may answer, as on the clerk's PC.
        env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
        env["PIP_CONFIG_FILE"] = os.devnull
        label = f"pip install --no-index --dry-run: {target}, Python {python}"
        _pip(*args, requirement, label=label, env=env)


def wheel_platforms(wheel_name: str) -> set[str]:
    """The platform tags of a wheel file name (``any`` for pure Python)."""
    stem = wheel_name.removesuffix(".whl")
    return set(stem.split("-")[-1].split("."))


def check_targets(wheels: Sequence[Path], targets: Sequence[str]) -> list[str]:
    """Lines for INSTALL.txt and the console: each target's share of the folder."""
    lines = []
    for target in targets:
        mine = [
            w.name
            for w in wheels
            if "any" in wheel_platforms(w.name)
            or any(tag in platform_tags(target) for tag in wheel_platforms(w.name))
        ]
        lines.append(f"{target}: {len(mine)} wheels")
    return lines


def install_text(version: str, targets: Sequence[str], pythons: Sequence[str], wheels: Sequence[Path]) -> str:
    """INSTALL.txt: what the folder is and the two lines per system, in Japanese for the clerk."""
    parts = [
        f"npo-desk {version} オフライン インストール用パッケージ",
        "",
        "インターネットにつながらない PC に npo-desk をインストールするためのフォルダーです。",
        f"Python {', '.join(pythons)} のいずれかが入っている PC で、このフォルダーを開いて",
        "次の2行を実行します (--no-index: インターネットには接続しません)。",
        "",
    ]
    titles = {"windows": "Windows (64ビット、コマンドプロンプト)", "linux": "Linux (x86-64)"}
    for target in targets:
        parts += [f"■ {titles[target]}", *(f"  {line}" for line in INSTALL_LINES[target])]
        parts += [f"  起動: {START_LINES[target]}", ""]
    parts += ["収録したホイール:", *check_targets(wheels, targets), *(f"  {w.name}" for w in wheels), ""]
    return "\r\n".join(parts)  # readable in Windows Notepad too


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="the folder for the bundle")
    parser.add_argument("--target", choices=(*TARGETS, "all"), default="all")
    parser.add_argument("--python", action="append", help=f"Python version(s), default {' '.join(PYTHONS)}")
    parser.add_argument("--glibc", default=GLIBC, help="the oldest glibc of the Linux PCs")
    parser.add_argument("--extras", default="", help="optional extras, e.g. postgres")
    parser.add_argument("--zip", action="store_true", help="also write the bundle as a .zip")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"2\.\d+", args.glibc):
        parser.error("--glibc: e.g. 2.34")
    targets = TARGETS if args.target == "all" else (args.target,)
    pythons = args.python or list(PYTHONS)

    args.out.mkdir(parents=True, exist_ok=True)
    wheel = build_wheel(args.out)
    version = wheel.name.split("-")[1]
    bundle = args.out / f"npo-desk-offline-{version}"
    if bundle.exists():
        shutil.rmtree(bundle)
    wheels_dir = bundle / "wheels"
    wheels_dir.mkdir(parents=True)
    requirement = f"npo-desk[{args.extras}] @ {wheel.as_uri()}" if args.extras else str(wheel)
    for target in targets:
        for python in pythons:
            download(requirement, wheels_dir, target, python, args.glibc)
    installed = f"npo-desk[{args.extras}]" if args.extras else "npo-desk"
    for target in targets:
        for python in pythons:
            verify(installed, wheels_dir, target, python, args.glibc)
    wheels = sorted(wheels_dir.glob("*.whl"))
    (bundle / "INSTALL.txt").write_text(install_text(version, targets, pythons, wheels), encoding="utf-8")
    size = sum(w.stat().st_size for w in wheels) / 1e6
    print(f"{bundle}: {len(wheels)} wheels, {size:.0f} MB", *check_targets(wheels, targets), sep="\n")
    if args.zip:
        archive = bundle.parent / f"{bundle.name}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
            for path in sorted(bundle.rglob("*")):
                out.write(path, path.relative_to(args.out))
        print(archive)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
