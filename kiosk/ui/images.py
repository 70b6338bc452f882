"""Pictures for the screens: case photos, QR codes and the letter preview.

QML asks for `image://kiosk/<kind>/<key>`. Photos come from the case folders, QR codes are made
from a web address, and previews are pictures of the signer's real letter
(`kiosk.ui.letter_picture`), held in memory only until the next person (`forget_previews`):
nothing of a signer is ever written to disk for the screen, and nothing is left for the next one.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote, unquote

import qrcode
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

PROVIDER = "kiosk"


def qr_source(url: str) -> str:
    """The QML image source of a QR code for `url`."""
    return f"image://{PROVIDER}/qr/{quote(url, safe='')}"


def photo_source(case_id: str) -> str:
    return f"image://{PROVIDER}/photo/{quote(case_id, safe='')}"


def qr_png(url: str) -> bytes:
    """A QR code for `url` as a PNG, black on white with a quiet zone."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8)
    code.add_data(url)
    out = io.BytesIO()
    code.make_image().save(out, format="PNG")
    return out.getvalue()


class KioskImages(QQuickImageProvider):
    """Serves photos, QR codes and previews to QML (called on Qt's image-loading threads)."""

    def __init__(self, photos: Mapping[str, Path]) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._photos = dict(photos)  # case id -> photo file
        self._mutex = threading.Lock()
        self._previews: dict[str, QImage] = {}
        self._qr_cache: dict[str, QImage] = {}

    def add_preview(self, key: str, picture: QImage) -> str:
        """Hold `picture` for the screen; its address for QML."""
        with self._mutex:
            self._previews[key] = picture
        return f"image://{PROVIDER}/preview/{key}"

    def forget_previews(self) -> None:
        with self._mutex:
            self._previews.clear()

    def preview_count(self) -> int:
        with self._mutex:
            return len(self._previews)

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:
        kind, _, key = image_id.partition("/")
        key = unquote(key)
        image = QImage()
        if kind == "photo":
            with self._mutex:
                photo = self._photos.get(key)
            if photo is not None:
                image = QImage(str(photo))
        elif kind == "qr":
            with self._mutex:
                cached = self._qr_cache.get(key)
            if cached is None:
                cached = QImage.fromData(qr_png(key), "PNG")
                with self._mutex:
                    self._qr_cache[key] = cached
            image = cached
        elif kind == "preview":
            with self._mutex:
                image = self._previews.get(key, image)
        if not image.isNull() and requested.isValid() and requested.width() > 0:
            image = image.scaledToWidth(requested.width())
        return image
