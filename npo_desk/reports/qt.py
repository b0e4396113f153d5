"""The little Qt the printed reports need: an application object, the bundled font, an A4 page.

Reports paint with QPainter, which needs a QGuiApplication; the CLI runs on servers and in cron
jobs without a display, so ``ensure_gui_application`` falls back to Qt's offscreen platform there.
The font is registered here (not only by the GUI shell) so that a PDF made from the command line
embeds IPAex Gothic and reads on a machine with no Japanese font installed.
"""

from __future__ import annotations

import io
import os
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
)

from npo_desk import paths
from npo_desk.domain.errors import NpoDeskError
from npo_desk.private_files import create_private_file

# Qt's own PDF engine writes at this resolution; 1200 dpi keeps thin rules crisp when zoomed.
PDF_RESOLUTION = 1200


def ensure_gui_application() -> QGuiApplication:
    """The process's Qt application; created offscreen when there is no display to talk to."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(sys.argv[:1])


# Kangxi radicals and the CJK radicals supplement: IPAex maps many of them to the same glyph as the
# ideograph (⽇ U+2F47 and 日 U+65E5). Qt's PDF writer names each glyph by the lowest code point that
# maps to it, so without this a PDF would say ⽇南市 to anyone who copies or searches its text. The
# same holds for the em dash (U+2014), which shares its glyph with a combining overlay (U+0336).
_RADICALS = frozenset(range(0x2E80, 0x2FE0)) | {0x0336}


def _font_for_pdf() -> bytes:
    """The bundled font with the radical code points unmapped (in memory; the file stays untouched)."""
    from fontTools.ttLib import TTFont

    out = io.BytesIO()
    with TTFont(str(paths.FONT_FILE), lazy=True) as font:
        for table in font["cmap"].tables:
            for code in [c for c in table.cmap if c in _RADICALS]:
                del table.cmap[code]
        font.save(out)
    return out.getvalue()


@cache
def _bundled_family() -> str | None:
    try:
        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(_font_for_pdf()))
    except Exception:  # a damaged or missing font file: fall back to the plain file, then to the system
        font_id = QFontDatabase.addApplicationFont(str(paths.FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def report_font(point_size: float) -> QFont:
    """IPAex Gothic at ``point_size``; the system's default font only if the bundled file is missing."""
    font = QFont()
    family = _bundled_family()
    if family:
        font.setFamilies([family])
    font.setPointSizeF(point_size)
    return font


def a4_layout(orientation: QPageLayout.Orientation, margin_mm: float = 12.0) -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        orientation,
        QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
        QPageLayout.Unit.Millimeter,
    )


def pdf_writer(path: str, layout: QPageLayout, title: str) -> QPdfWriter:
    """A PDF device with our page layout, resolution and document title (NpoDeskError if unwritable)."""
    target = Path(path)
    if (
        not target.parent.is_dir()
        or not os.access(target.parent, os.W_OK)
        or (target.exists() and not os.access(target, os.W_OK))
    ):
        raise NpoDeskError(
            f"PDF ファイル「{target}」に書き込めません。保存先のフォルダーと権限を確認してください。"
        )
    create_private_file(target)  # Qt truncates and fills it, keeping the mode: 0600, not the umask's
    writer = QPdfWriter(path)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(layout)
    writer.setTitle(title)
    writer.setCreator("npo-desk")
    return writer
