"""The take-away's QR code as an image: crisp modules, sized for a screen or the printout."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPixmap

from massage_explorer.core.qr_payload import MIN_MODULE_PX, QrPayload, qr_matrix


def qr_image(text: str, module_px: int, level: str = "m") -> QImage:
    """The code as a black-on-white grayscale image, `module_px` pixels per module, crisp edges."""
    matrix = qr_matrix(text, level)
    side = len(matrix) * module_px
    data = b"".join(
        b"".join((b"\x00" if dark else b"\xff") * module_px for dark in row) * module_px for row in matrix
    )
    image = QImage(data, side, side, side, QImage.Format.Format_Grayscale8)
    return image.copy()  # own the pixels: `data` is freed when this function returns


def qr_pixmap(payload: QrPayload, max_side_px: int) -> QPixmap:
    """The payload's code for a screen: whole pixels per module, never below MIN_MODULE_PX.

    Whole pixels keep every module edge sharp (no blur or moire for the camera); the code may
    exceed `max_side_px` rather than become too fine to scan.
    """
    module_px = max(MIN_MODULE_PX, max_side_px // payload.side_modules)
    return QPixmap.fromImage(qr_image(payload.text, module_px, payload.level))
