"""Each letter opens in LibreOffice Writer and prints: converted headless to PDF, its text read back.

Skipped where LibreOffice is not installed; CI installs Writer and a Japanese font (.ci/run)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from npo_desk.domain.letters import LetterKind
from npo_desk.reports.letters import LetterRequest, write_letter
from npo_desk.store import CaseKind

from .test_letters import (
    BEHIND,
    CERTIFIED,
    REASONS,
    RECEIVED,
    REFUSED,
    REVOKED,
    SETTINGS,
    TODAY,
    UNNOTIFIED,
)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")]

LETTERS = {
    "ninsho-setsuritsu": (CERTIFIED, LetterRequest(LetterKind.NINSHO, number="123"), "令和8年11月2日"),
    "ninsho-teikan-henko": (
        replace(CERTIFIED, kind=CaseKind.ARTICLES_AMENDMENT),
        LetterRequest(LetterKind.NINSHO),
        "第25条第5項",
    ),
    "ninsho-gappei": (
        replace(CERTIFIED, kind=CaseKind.MERGER),
        LetterRequest(LetterKind.NINSHO),
        "第34条第5項",
    ),
    "funinsho": (REFUSED, LetterRequest(LetterKind.FUNINSHO, REASONS), "報酬を受ける者"),
    "hosei": (RECEIVED, LetterRequest(LetterKind.HOSEI, ("設立趣旨書の日付",)), "令和8年12月4日"),
    "tokusoku-jigyo-hokoku": (BEHIND, LetterRequest(LetterKind.TOKUSOKU_JIGYO_HOKOKU), "令和7年度分"),
    "tokusoku-toki": (UNNOTIFIED, LetterRequest(LetterKind.TOKUSOKU_TOKI), "設立登記完了届"),
    "torikeshi": (REVOKED, LetterRequest(LetterKind.TORIKESHI, ("3年にわたり提出がない",)), "第43条"),
}


def _plain(text: str) -> str:
    """PDF text without the spaces and line breaks a layout puts between characters."""
    return "".join(text.split())


def test_libreoffice_prints_every_letter(tmp_path: Path) -> None:
    sources = []
    for stem, (case, request, _) in LETTERS.items():
        sources.append(write_letter(case, SETTINGS, request, tmp_path / f"{stem}.docx", TODAY))
    outdir = tmp_path / "pdf"
    assert SOFFICE is not None
    command = [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(outdir), *map(str, sources)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    for stem, (_, _, expected) in LETTERS.items():
        pdf = outdir / f"{stem}.pdf"
        assert pdf.exists(), f"LibreOffice wrote no {pdf.name}"
        text = _plain("".join(page.extract_text() or "" for page in PdfReader(pdf).pages))
        assert "特定非営利活動法人ひなた子ども食堂" in text, stem
        assert "日南市長日南太郎" in text and _plain(expected) in text, stem


def test_templates_saved_again_by_libreoffice_still_fill(tmp_path: Path) -> None:
    """The clerk edits a template in LibreOffice and saves it as .docx: its placeholders survive the
    round trip (LibreOffice rewrites every run), and the letter is filled from the clerk's copy."""
    from npo_desk import paths
    from npo_desk.reports.letters import shipped_template_names

    folder = tmp_path / "templates"
    assert SOFFICE is not None
    command = [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless"]
    command += ["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder)]
    command += [str(paths.TEMPLATES_DIR / name) for name in shipped_template_names()]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    settings = replace(SETTINGS, template_folder=str(folder))
    for stem, (case, request, expected) in LETTERS.items():
        assert (folder / f"{stem}.docx").exists(), stem
        out = write_letter(case, settings, request, tmp_path / f"{stem}.docx", TODAY)
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert expected in text and "{{" not in text and "{%" not in text, stem
