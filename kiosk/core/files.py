"""Writing a file whole or not at all, for anything that leaves the kiosk on a stick or a share.

A letter in the PDF folder, a batch of records in a delivery folder, an export: each is written to
a temporary file beside its target, flushed to the disk, renamed into place, and the folder is
flushed too. A power cut or a pulled USB stick then leaves either the whole file or no file, never
a half file that looks complete. On any failure the temporary file is removed and the OSError is
raised for the caller to put in its own words.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> str:
    """Write `data` to `path` whole or not at all (readable by the owner only); its SHA-256."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.part")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    return hashlib.sha256(data).hexdigest()
