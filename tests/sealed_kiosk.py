"""A sealed kiosk process holding letters the printer has not taken yet, for a test to kill.

    python tests/sealed_kiosk.py CONFIG DATABASE GIVEN_NAME...

It signs one letter per name (the config's printer is stopped, so they wait in its memory),
says "holding N" on its stdout, and then waits for its stdin to close or for a SIGKILL.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.app import KioskService
from kiosk.core.config import load_config
from kiosk.core.signatures import SignerEntry

CASE = "maryia-kalesnikava"


def main(config: str, database: str, names: list[str]) -> None:
    service = KioskService(load_config(Path(config)), Path(database))
    for name in names:
        entry = SignerEntry(
            given_name=name,
            family_name="Quist",
            postal_code="8004",
            town="Zürich",
            country="CH",
            consents={"sign"},
        )
        service.sign(CASE, entry)
    service.print_now()
    print(f"holding {service.print_queue.held}", flush=True)
    sys.stdin.read()
    service.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
