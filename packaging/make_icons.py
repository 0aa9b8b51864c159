"""Render the application icon (bostadsinkasso.svg) to the PNG, ICO and ICNS files the bundle uses.

Run once after changing the SVG: `python packaging/make_icons.py` (needs PySide6 and Pillow); the
outputs are committed so that building the bundle needs neither step.
"""
from __future__ import annotations

import os
import sys
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "bostadsinkasso.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render_png(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage needs one
    images = {size: Image.open(BytesIO(render_png(size))).convert("RGBA") for size in SIZES}
    (HERE / "bostadsinkasso.png").write_bytes(render_png(256))
    # each size rendered from the vector, not scaled down from the largest: small icons stay sharp
    largest = images[256]
    largest.save(HERE / "bostadsinkasso.ico", sizes=[(s, s) for s in SIZES if s <= 256],
                 append_images=[images[s] for s in SIZES if s < 256])
    images[512].save(HERE / "bostadsinkasso.icns")
    print("wrote", ", ".join(p.name for p in sorted(HERE.glob("bostadsinkasso.*"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
