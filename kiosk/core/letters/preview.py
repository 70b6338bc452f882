"""The letter as a picture, for the signer to read before confirming.

The preview is the real PDF that will print, drawn by poppler's `pdftoppm` (installed with
`poppler-utils` by the set-up command): what the signer sees is exactly what the printer gets.
The PDF goes through a pipe and the picture comes back the same way; nothing touches the disk.
"""

from __future__ import annotations

import shutil
import subprocess

from kiosk.core.errors import ExitCode, KioskError


class PreviewError(KioskError):
    """The letter could not be drawn as a picture."""

    exit_code = ExitCode.UNAVAILABLE
    kind = "preview"


def pdf_to_png(pdf: bytes, dpi: int = 110) -> bytes:
    """The first page of `pdf` as a PNG at `dpi`."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise PreviewError(
            "The letter preview needs poppler's pdftoppm: sudo apt-get install poppler-utils"
        )
    try:
        result = subprocess.run(
            [tool, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", "-"],
            input=pdf,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise PreviewError("Drawing the letter took too long.") from exc
    if result.returncode != 0 or not result.stdout.startswith(b"\x89PNG"):
        said = result.stderr.decode(errors="replace").strip()
        raise PreviewError(f"The letter could not be drawn: {said or 'no picture came out'}")
    return result.stdout
