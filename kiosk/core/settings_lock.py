"""One writer of a kiosk's settings at a time, across processes.

The admin screen and a terminal (`kiosk admin set-pin`, `kiosk config set`) each read the
config file, change their own keys and replace the file. Two at the same instant would each
write the file as they read it, and a PIN set in the terminal could be lost to a print mode
saved at the screen. The lock is an `flock` on the config's folder (the file is replaced on
every save, so it cannot carry a lock); the kernel drops it when a writer dies.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def settings_lock(config_path: Path) -> Iterator[None]:
    """Hold the lock of the settings at `config_path` (waiting for another writer to finish).
    A folder that does not exist yet is made by the save: its nearest existing parent is
    locked instead. Raises OSError when no folder can be opened."""
    folder = Path(config_path).absolute().parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # and with it the lock
