"""The kiosk's core service: configuration, cases and the store behind one object.

The command line and the Qt controllers are handed one `KioskService` and call it; neither opens
the database or reads case files itself. Recording a signature is the same call from both.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kiosk.core.cases import Case, CaseLibrary, load_cases
from kiosk.core.config import Config
from kiosk.core.errors import ConfigError, Problem
from kiosk.core.printing.queue import PrintQueue, backend_for
from kiosk.core.records.store import Counts, Store
from kiosk.core.signatures import Signature, SignerEntry, prepare

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recorded:
    """The outcome of one signing: the record, and whether it is new (not a repeated tap)."""

    signature: Signature
    created: bool


class KioskService:
    """What a running kiosk needs: its settings, its checked cases, its open store."""

    def __init__(self, config: Config, database: Path | None = None) -> None:
        self.config = config
        self.library: CaseLibrary = load_cases(config.cases_folder)
        self.active_cases: tuple[Case, ...] = self._active()
        self.store = Store(database or config.database_path)
        self.kiosk_id = config.settings.kiosk.id or self.store.kiosk_id()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KioskService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def active_from_config(self) -> tuple[Case, ...]:
        """The active cases the configuration names, in its order (all if it names none)."""
        return self._active()

    def _active(self) -> tuple[Case, ...]:
        wanted = self.config.settings.cases.active
        if not wanted:
            return tuple(self.library)
        missing = [cid for cid in wanted if cid not in self.library.ids]
        if missing:
            source = str(self.config.path or "config")
            known = ", ".join(self.library.ids) or "none"
            raise ConfigError(
                [
                    Problem(source, "cases.active", f"no case has the id '{cid}' (known: {known})")
                    for cid in missing
                ]
            )
        return tuple(self.library.get(cid) for cid in wanted)

    def case(self, case_id: str) -> Case:
        return self.library.get(case_id)

    def prepare(self, case_id: str, entry: SignerEntry, *, language: str) -> Signature:
        """Check what a signer gave for `case_id`; the result is previewed, then recorded.

        The form prepares once when the signer asks for the preview, and records that very object
        on confirmation: a second tap on "confirm" records the same UUID and content, so once.
        """
        return prepare(
            entry,
            self.case(case_id),
            event_id=self.config.settings.event.id,
            kiosk_id=self.kiosk_id,
            language=language,
        )

    def sign(self, case_id: str, entry: SignerEntry, *, language: str) -> Recorded:
        """Check and record in one step (the command line); returns once it is committed."""
        return self.record(self.prepare(case_id, entry, language=language))

    def record(self, signature: Signature) -> Recorded:
        """Record a prepared signature durably, with its outbox row and print job."""
        print_letter = signature.wants_letter and self.config.settings.printing.mode != "off"
        created = self.store.record(signature, print_letter=print_letter)
        return Recorded(signature, created)

    def counts(self) -> Counts:
        return self.store.counts()

    @cached_property
    def print_queue(self) -> PrintQueue:
        """The letters' print queue on the configured printer (or PDF folder)."""
        return PrintQueue(
            self.store,
            self.library,
            backend_for(self.config),
            event_name=self.config.settings.event.name,
        )
