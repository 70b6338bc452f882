"""The application layer: every action of the kiosk, once, for the command line and the screens.

`kiosk/cli.py` parses, calls a `KioskService` method and prints; the Qt controllers call the same
methods and show the outcome. Neither assembles the core itself: the defaults of a signature, the
print policy, the sample letter, the print-queue actions, the delivery target and its workers,
export, counts, doctor and settings changes are each wired here and nowhere else.

Errors leave this layer as `KioskError`s only: an `sqlite3.DatabaseError` (a damaged or locked
database) becomes a `StorageError` (exit 74) and an `OSError` on a file the kiosk was asked to
write becomes an `OutputError` or `SettingsWriteError` (exit 73), each saying what to do, so no
volunteer ever sees a traceback.
"""

from kiosk.app.boundary import write_output
from kiosk.app.offline import (
    collector,
    collector_upstream,
    doctor,
    export_database,
    merge,
    new_collector_token,
    rescue,
    serve_collector,
    set_coordinator_password,
)
from kiosk.app.outcomes import (
    PrinterStatus,
    PrintRun,
    Recorded,
    StandStatus,
    SyncRun,
    TestPageOutcome,
)
from kiosk.app.sealed import decrypt, new_keys
from kiosk.app.service import KioskService

__all__ = [
    "KioskService",
    "PrintRun",
    "PrinterStatus",
    "Recorded",
    "StandStatus",
    "SyncRun",
    "TestPageOutcome",
    "collector",
    "collector_upstream",
    "decrypt",
    "doctor",
    "export_database",
    "merge",
    "new_collector_token",
    "new_keys",
    "rescue",
    "serve_collector",
    "set_coordinator_password",
    "write_output",
]
