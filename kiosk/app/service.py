"""`KioskService`: a running kiosk's settings, cases and store, and every action on them."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.app.boundary import database_errors
from kiosk.app.outcomes import (
    ForgetOutcome,
    PrinterStatus,
    PrintRun,
    PurgeOutcome,
    Recorded,
    StandStatus,
    SyncRun,
    TestPageOutcome,
)
from kiosk.core.cases import Case, CaseLibrary, load_cases
from kiosk.core.config import Config, default_config_path, load_config, update_config
from kiosk.core.errors import (
    ConfigError,
    NotFoundError,
    NothingMatchesError,
    Problem,
    SealedLetterError,
    SettingsWriteError,
)
from kiosk.core.languages import language_gaps, screen_languages
from kiosk.core.paths import data_dir
from kiosk.core.printing.backends import backend_for
from kiosk.core.printing.policy import queues_letter, sends_at_once
from kiosk.core.printing.queue import PrintQueue, Report, mark_orphans_lost
from kiosk.core.records.store import Counts, Store
from kiosk.core.settings_lock import settings_lock
from kiosk.core.signatures import Signature, SignerEntry, prepare

if TYPE_CHECKING:
    from kiosk.core.delivery.engine import Report as SyncReport
    from kiosk.core.delivery.protocol import Target
    from kiosk.core.delivery.worker import SyncWorker
    from kiosk.core.export import ExportResult, Selection
    from kiosk.core.printing.worker import PrintWorker
    from kiosk.core.records.outbox import OutboxStatus
    from kiosk.core.retention import PurgeWorker

log = logging.getLogger(__name__)

SettingsListener = Callable[[Config], None]


class KioskService:
    """What a running kiosk needs and does: its settings, its checked cases, its store.

    Printing follows one rule (`kiosk.core.printing.policy`), the same for the touchscreen and
    `kiosk sign`: a signature that wants a letter gets a print job unless `printing.mode` is
    "off"; the job goes to the printer at once only in "immediate" mode (the touchscreen's print
    worker is woken, `kiosk sign` sends it before it returns), and in "batch" mode it waits for a
    volunteer's "print pending".

    Settings change only through `update_settings`, which checks, writes the file (comments
    kept) and tells every subscriber (`subscribe`), so the screens and workers follow.
    """

    def __init__(
        self, config: Config, database: Path | None = None, *, creates: bool = True
    ) -> None:
        """`creates`: whether this use may create a missing database (the screens and commands
        that record do; commands that only read or deliver must not)."""
        self.config = config
        self.database_path = Path(database or config.database_path)
        self.creates = creates
        self.library: CaseLibrary = load_cases(config.cases_folder)
        self.active_cases: tuple[Case, ...] = self._active(config)
        self._listeners: list[SettingsListener] = []
        self.printer: PrintWorker | None = None  # the background workers, once made
        self.syncer: SyncWorker | None = None
        self._seals: dict[Signature, tuple[str, Signature, dict]] = {}  # sealed mode: `_sealed`

    @cached_property
    @database_errors
    def store(self) -> Store:
        """The signature database, opened on first use (a sample letter needs none)."""
        own_folder = self.database_path.parent == data_dir()  # the kiosk's: made when missing
        return Store(self.database_path, create=self.creates, make_folder=own_folder)

    @cached_property
    @database_errors
    def kiosk_id(self) -> str:
        return self.config.settings.kiosk.id or self.store.kiosk_id()

    def close(self) -> None:
        if "print_queue" in self.__dict__:  # sealed letters never outlive the kiosk's memory
            self.print_queue.lose_held()
        if "store" in self.__dict__:
            self.store.close()

    @property
    def sealed(self) -> bool:
        """Whether records are sealed to the organisation's key (`privacy.public_key`): this
        kiosk then cannot read them back, and letters print only from its memory."""
        return self.config.settings.privacy.public_key != ""

    def __enter__(self) -> KioskService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- settings ------------------------------------------------------------------------------

    def active_from_config(self) -> tuple[Case, ...]:
        """The active cases the configuration names, in its order (all if it names none)."""
        return self._active(self.config)

    def _active(self, config: Config, wanted: Iterable[str] | None = None) -> tuple[Case, ...]:
        wanted = list(config.settings.cases.active if wanted is None else wanted)
        if not wanted:
            return tuple(self.library)
        missing = [cid for cid in wanted if cid not in self.library.ids]
        if missing:
            source = str(config.path or "config")
            known = ", ".join(self.library.ids) or "none"
            raise ConfigError(
                [
                    Problem(source, "cases.active", f"no case has the id '{cid}' (known: {known})")
                    for cid in missing
                ]
            )
        return tuple(self.library.get(cid) for cid in wanted)

    def check_languages(
        self, offered: Iterable[str] | None = None, cases: Iterable[Case] | None = None
    ) -> None:
        """Refuse (`ConfigError`, exit 78) offered languages that the screens or an active case
        cannot speak, naming the missing files: a visitor would get a mix of languages."""
        offered = self.config.settings.languages.offered if offered is None else offered
        problems = language_gaps(
            offered,
            self.active_cases if cases is None else cases,
            screens=screen_languages(),
            source=str(self.config.path or "config"),
        )
        if problems:
            raise ConfigError(problems)

    def subscribe(self, listener: SettingsListener) -> Callable[[], None]:
        """Call `listener(config)` after every settings change; returns how to stop."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def update_settings(self, changes: Mapping[str, Any]) -> Config:
        """Check and save `changes` (dotted keys, ``{"printing.mode": "batch"}``), then apply them.

        Nothing is written when a value is refused (`ConfigError`, exit 78) or the file cannot
        be written (`SettingsWriteError`, exit 73); subscribers hear only of saved changes.
        """
        path = self.config.path or default_config_path()
        if "cases.active" in changes:  # checked before writing: the kiosk must start with it
            self._active(self.config, changes["cases.active"])
        if "languages.offered" in changes or "cases.active" in changes:
            self.check_languages(
                changes.get("languages.offered", self.config.settings.languages.offered),
                self._active(self.config, changes.get("cases.active")),
            )
        try:
            with settings_lock(path):  # a terminal may be saving at this very moment
                config = update_config(path, changes)
        except OSError as exc:
            raise SettingsWriteError(path, exc.strerror or str(exc)) from exc
        self.config = config
        self.active_cases = self._active(config)
        for listener in list(self._listeners):
            listener(config)
        return config

    def set_pin(self, pin: str) -> Path:
        """Save a slow hash of a new admin PIN (never the PIN); returns the file it went to."""
        from kiosk.core.admin import check_new_pin, hash_pin

        self.update_settings({"admin.pin_hash": hash_pin(check_new_pin(pin))})
        return self.config.path or default_config_path()

    def admin_pin_hash(self) -> str:
        """The admin PIN's hash as the config file holds it now, read at each PIN entry:
        `kiosk admin set-pin` may have set or changed it in a terminal since the kiosk started,
        and the new PIN must count (and the old one stop counting) at once. A file that cannot
        be read just now keeps the hash the kiosk started with."""
        path = self.config.path or default_config_path()
        try:
            return load_config(path).settings.admin.pin_hash
        except ConfigError as exc:
            log.warning("the PIN is checked against the settings the kiosk started with: %s", exc)
            return self.config.settings.admin.pin_hash

    @database_errors
    def unlock_admin(self) -> None:
        """Lift the lockout after too many wrong PINs."""
        from kiosk.core.admin import Lockout

        Lockout(self.store).reset()

    # -- signing -------------------------------------------------------------------------------

    def case(self, case_id: str) -> Case:
        return self.library.get(case_id)

    def _filled(self, entry: SignerEntry) -> SignerEntry:
        """The defaults a signer need not give: the event's country."""
        if entry.country:
            return entry
        return dataclasses.replace(entry, country=self.config.settings.event.country)

    def prepare(
        self, case_id: str, entry: SignerEntry, *, language: str | None = None
    ) -> Signature:
        """Check what a signer gave for `case_id`; the result is previewed, then recorded.

        The form prepares once when the signer asks for the preview, and records that very object
        on confirmation: a second tap on "confirm" records the same UUID and content, so once.
        """
        return prepare(
            self._filled(entry),
            self.case(case_id),
            event_id=self.config.settings.event.id,
            kiosk_id=self.kiosk_id,
            language=language or self.config.settings.languages.default,
        )

    def sign(self, case_id: str, entry: SignerEntry, *, language: str | None = None) -> Recorded:
        """Check and record in one step (the command line); returns once it is committed."""
        return self.record(self.prepare(case_id, entry, language=language))

    @database_errors
    def record(self, signature: Signature) -> Recorded:
        """Record a prepared signature durably, with its outbox row and (by the print policy)
        its print job. The letter is sent by whoever calls, when `print_at_once` says so.

        In sealed mode (`privacy.public_key`) the personal fields are sealed before the write
        and only the sealed record reaches the database; `Recorded.signature` stays the one
        given (what the signer typed, for the letter printed now)."""
        mode = self.config.settings.printing.mode
        queued = queues_letter(signature.wants_letter, mode)
        stored, payload = self._sealed(signature)
        if queued and payload is not None:
            return self._record_sealed(signature, stored, payload, sends_at_once(mode))
        created = self.store.record(stored, print_letter=queued, payload=payload)
        return Recorded(signature, created, queued, queued and sends_at_once(mode))

    def _record_sealed(
        self, signature: Signature, stored: Signature, payload: dict, at_once: bool
    ) -> Recorded:
        """Sealed mode: the letter is made from this very `signature`, held in memory (the
        record, `stored` sealed, cannot be read back), never from the database."""
        holder = self.print_queue.hold(signature)  # before the commit: the worker may wake
        try:
            created = self.store.record(stored, print_letter=True, payload=payload, held_by=holder)
        except BaseException:
            self.print_queue.drop(signature.uuid)
            raise
        return Recorded(signature, created, True, at_once)

    def _sealed(self, signature: Signature) -> tuple[Signature, dict | None]:
        """What `record` writes: the signature itself, or in sealed mode the sealed one and
        its payload. A second confirm of the same signature gets the very same blobs (each
        seal is random), so it is recognised as the record already kept."""
        key_text = self.config.settings.privacy.public_key
        if not key_text:
            return signature, None
        cached = self._seals.get(signature)
        if cached is None or cached[0] != key_text:
            from kiosk.core.privacy.keys import parse_public_key
            from kiosk.core.privacy.sealed_signatures import seal_signature

            cached = (key_text, *seal_signature(signature, parse_public_key(key_text)))
            self._seals[signature] = cached
            while len(self._seals) > 16:  # only a retry of the last confirms needs them
                del self._seals[next(iter(self._seals))]
        return cached[1], cached[2]

    @database_errors
    def record_sample(self, count: int, seed: int | None = None) -> int:
        """Record `count` made-up signatures (training, demos); returns how many made-up ones
        the database now holds. They are marked as made up, so never delivered, and left out
        of exports and counts unless asked for. `RealSignaturesError` for a database that holds
        real signatures: nothing is added there."""
        from kiosk.core.errors import RealSignaturesError
        from kiosk.core.sample import synthetic_signatures

        real = self.store.counts().total
        if real:
            raise RealSignaturesError(self.database_path, real)

        made = synthetic_signatures(
            list(self.active_cases),
            count,
            event_id=self.config.settings.event.id,
            kiosk_id=self.kiosk_id,
            seed=seed,
        )
        mode = self.config.settings.printing.mode
        for signature in made:
            queued = queues_letter(signature.wants_letter, mode)
            self.store.record(signature, print_letter=queued, sample=True)
        return self.store.counts().samples

    @database_errors
    def counts(self) -> Counts:
        return self.store.counts()

    @database_errors
    def count_today(self) -> int:
        """Signatures recorded today here, for the screens' counter."""
        return self.store.count_today()

    # -- letters -------------------------------------------------------------------------------

    def sample_letter(
        self,
        case_id: str | None = None,
        *,
        given_name: str = "Test",
        family_name: str = "Page",
        town: str = "Kiosk",
        postal_code: str = "",
        country: str | None = None,
        language: str | None = None,
    ) -> bytes:
        """A letter as it prints at the stand, for a signer who is not recorded (`kiosk letter`,
        the printer's test page). Without `case_id`, for the first active case."""
        from kiosk.core.letters.layout import render_letter

        settings = self.config.settings
        case = self.case(case_id) if case_id else self.active_cases[0]
        entry = SignerEntry(
            given_name=given_name,
            family_name=family_name,
            town=town,
            postal_code=postal_code,
            country=country or settings.event.country,
            consents={c.id for c in case.consents if c.required},
        )
        signature = prepare(
            entry,
            case,
            event_id=settings.event.id,
            kiosk_id=settings.kiosk.id or "sample",
            language=language or settings.languages.default,
        )
        return render_letter(signature, case, settings.event.name)

    @database_errors
    def letters_pdf(
        self,
        *,
        case_id: str | None = None,
        event_id: str | None = None,
        start: date | None = None,
        end: date | None = None,
        samples: bool = False,
    ) -> tuple[bytes, int]:
        """One PDF of the recorded letters chosen, in signing order, and how many it holds
        (made-up signatures only with `samples`). `NotFoundError` when none match."""
        from kiosk.core.letters.layout import Letter, render

        event = self.config.settings.event.name
        wanting = self._wanting_letters(case_id, event_id, start, end, samples)
        sealed = sum(s.is_sealed for s in wanting)
        if sealed:
            from kiosk.core.errors import SealedRecordsError

            raise SealedRecordsError(
                f"{sealed} of these letters are of sealed signatures (privacy.public_key): this "
                "kiosk cannot read their names. Print them on the coordinator's machine with "
                "`kiosk decrypt --key PRIVATE_KEY EXPORT.jsonl --letters letters.pdf`."
            )
        chosen = [Letter(s, self.case(s.case_id), event) for s in wanting]
        if not chosen:
            raise NothingMatchesError("No letters match: nothing written.")
        return render(chosen, title="Letters"), len(chosen)

    def letters_of(self, signatures: Iterable[Signature]) -> tuple[bytes, int, list[str]]:
        """One PDF of the letters of `signatures` that want one (opened by `kiosk decrypt`),
        how many it holds, and the cases not installed here (their letters cannot be made).
        `NothingMatchesError` when there is no letter to make."""
        from kiosk.core.letters.layout import Letter, render

        event = self.config.settings.event.name
        wanting = [s for s in signatures if s.wants_letter]
        missing = sorted({s.case_id for s in wanting} - set(self.library.ids))
        chosen = [
            Letter(s, self.case(s.case_id), event) for s in wanting if s.case_id not in missing
        ]
        if not chosen:
            raise NothingMatchesError("No letters to make: nothing written.")
        return render(chosen, title="Letters"), len(chosen), missing

    def _wanting_letters(
        self,
        case_id: str | None,
        event_id: str | None,
        start: date | None,
        end: date | None,
        samples: bool = False,
    ) -> list[Signature]:
        from kiosk.core.records.erasure import erased_among

        selected = self.store.signatures(
            case_id=case_id, event_id=event_id, start=start, end=end, samples=samples
        )
        wanting = [s for s in selected if s.wants_letter]
        erased = erased_among(self.store, [s.uuid for s in wanting])  # no name to print
        return [s for s in wanting if s.uuid not in erased]

    def _letters_per_case(self, selection: Selection) -> dict[str, bytes]:
        """One PDF of the selected letters per case still installed here."""
        from kiosk.core.letters.layout import Letter, render

        event = self.config.settings.event.name
        chosen = self._wanting_letters(
            selection.case_id, selection.event_id, selection.start, selection.end, selection.samples
        )
        chosen = [s for s in chosen if not s.is_sealed]  # their letters: `kiosk decrypt`
        letters = {}
        for cid in dict.fromkeys(s.case_id for s in chosen):
            if cid in self.library.ids:  # a case no longer installed: its letters cannot be made
                case = self.case(cid)
                batch = [Letter(s, case, event) for s in chosen if s.case_id == cid]
                letters[cid] = render(batch, title=f"Letters - {case.person}")
        return letters

    # -- printing ------------------------------------------------------------------------------

    @cached_property
    def print_queue(self) -> PrintQueue:
        """The letters' print queue on the configured printer (or PDF folder)."""
        queue = PrintQueue(
            self.store,
            self.library,
            backend_for(self.config),
            event_name=self.config.settings.event.name,
            sealed=self.sealed,
        )

        def follow(config: Config) -> None:
            queue.sealed = config.settings.privacy.public_key != ""

        self.subscribe(follow)
        return queue

    def print_worker(self, on_report: Callable[[Report], None] | None = None) -> PrintWorker:
        """The background printing of the touchscreen; it follows `printing.mode` changes."""
        from kiosk.core.printing.worker import PrintWorker

        worker = PrintWorker(
            self.print_queue, mode=self.config.settings.printing.mode, on_report=on_report
        )

        def follow(config: Config) -> None:
            worker.mode = config.settings.printing.mode

        self.subscribe(follow)
        self.printer = worker
        return worker

    def send_pending(self) -> None:
        """A volunteer's "print what waits": the background worker sends every queued letter
        now, whatever the mode (without a worker, one round here)."""
        if self.printer is not None:
            self.printer.wake(send_all=True)
        else:
            self.print_now()

    @database_errors
    def print_now(self) -> Report:
        """One round of the print queue (after `kiosk sign` when `print_at_once`)."""
        return self.print_queue.run_once()

    @database_errors
    def retry_failed(self) -> int:
        """Put the failed letters back in the queue; returns how many."""
        failed = self.store.print_jobs("failed")
        for job in failed:
            self.store.move_print_job(job.id, ("failed",), "queued", last_error=None)
        return len(failed)

    @database_errors
    def cancel_failed(self) -> int:
        """Give up on the failed letters (the signatures are kept); returns how many."""
        failed = self.store.print_jobs("failed")
        for job in failed:
            self.store.move_print_job(job.id, ("failed",), "cancelled")
        return len(failed)

    @database_errors
    def reprint(self, uuids: Iterable[str]) -> None:
        """Queue the letters of these signatures once more. `NotFoundError` for an unknown id,
        before anything is queued."""
        from kiosk.core.records.erasure import erased_among

        uuids = list(uuids)
        for uuid in uuids:
            if self.store.get(uuid) is None:
                raise NotFoundError(f"no signature has the id {uuid}")
        for uuid in erased_among(self.store, uuids):
            raise NotFoundError(
                f"the signer of {uuid} was erased (retention or `kiosk forget`): "
                "there is no name left to print"
            )
        for uuid in uuids:
            if self.store.get(uuid).is_sealed:
                raise SealedLetterError(uuid)
        for uuid in uuids:
            self.store.add_reprint(uuid)

    @database_errors
    def print_pending(self, wait: float) -> PrintRun:
        """Send what is queued and wait up to `wait` seconds for the printer to finish it."""
        report = self.print_queue.wait(wait)
        return PrintRun(report, self.store.print_job_counts())

    @database_errors
    def printer_status(self) -> PrinterStatus:
        """The printer's state, and the letters' when there is a database (a kiosk that has
        not recorded anyone yet has none, and a printer check does not make one)."""
        backend = backend_for(self.config)
        if not self.database_path.exists():
            return PrinterStatus(backend.description, backend.status(), {}, [])
        mark_orphans_lost(self.store)  # a kiosk killed with sealed letters waiting
        return PrinterStatus(
            backend.description,
            backend.status(),
            self.store.print_job_counts(),
            self.store.print_jobs("failed"),
        )

    def test_page(self, wait: float) -> TestPageOutcome:
        """Print a sample letter (not recorded) and wait for the printer to finish it."""
        from kiosk.core.printing.cups import PrinterError

        backend = backend_for(self.config)
        status = backend.status()
        if not status.ok:
            why = f" ({status.reason})" if status.reason else ""
            said = f"{backend.description} is {status.state}{why}."
            return TestPageOutcome(
                False, said, "not-ready", status.state, status.reason, status.why
            )
        try:
            job_id = backend.submit(self.sample_letter(), "kiosk-test")
            deadline = time.monotonic() + wait
            state = backend.job_state(job_id)
            while state.state not in ("completed", "cancelled", "aborted"):
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.2)
                state = backend.job_state(job_id)
        except PrinterError as exc:
            return TestPageOutcome(False, str(exc), "printer")
        if state.state == "completed":
            return TestPageOutcome(True, f"Test page printed on {backend.description} ({job_id}).")
        why = f": {state.reason}" if state.reason else ""
        return TestPageOutcome(
            False,
            f"The test page ({job_id}) is {state.state} on {backend.description}{why}.",
            "unfinished",
            state.state,
        )

    # -- delivery ------------------------------------------------------------------------------

    def sync_target(self) -> Target:
        """The configured delivery target, built as `kiosk doctor` checks it. `SyncError` when
        it cannot be set up or none is configured."""
        from kiosk.core.delivery.targets import require_target

        return require_target(self.config, self.kiosk_id)

    @database_errors
    def sync(self, *, once: bool, max_time: float = 60.0, release: bool = False) -> SyncRun:
        """`kiosk sync`: put refused records back in line, deliver now (retrying a busy
        receiver for up to `max_time` seconds), and say how the outbox stands."""
        from kiosk.core.delivery.engine import SyncEngine
        from kiosk.core.delivery.targets import require_target
        from kiosk.core.records.outbox import Outbox

        if once:  # a set-up that cannot deliver is said first, database or not
            require_target(self.config, self.config.settings.kiosk.id or "check").close()
        outbox = Outbox(self.store)
        released = outbox.release() if release else 0
        report = None
        if once:
            target = self.sync_target()
            try:
                engine = SyncEngine(
                    self.store, target, batch_size=self.config.settings.sync.batch_size
                )
                report = engine.deliver_all(max_time)
            finally:
                target.close()
        return SyncRun(report, released, outbox.status(), outbox.quarantined())

    @database_errors
    def sync_status(self) -> OutboxStatus:
        from kiosk.core.records.outbox import Outbox

        return Outbox(self.store).status()

    def sync_worker(
        self, on_report: Callable[[SyncReport], None] | None = None
    ) -> SyncWorker | None:
        """The background delivery of the touchscreen, or None when no target is configured.
        The target is built on its first round, so a missing token is a reported problem."""
        from kiosk.core.delivery.engine import SyncEngine
        from kiosk.core.delivery.worker import SyncWorker

        settings = self.config.settings.sync
        if settings.target == "none":
            return None

        def make_engine() -> SyncEngine:
            return SyncEngine(self.store, self.sync_target(), batch_size=settings.batch_size)

        self.syncer = SyncWorker(make_engine, interval=settings.interval, on_report=on_report)
        return self.syncer

    def sync_now(self) -> None:
        """A volunteer's "deliver now": the background delivery tries every pending record at
        once. `NoSyncTargetError` when no delivery is set up."""
        from kiosk.core.delivery.protocol import NoSyncTargetError

        if self.syncer is None:
            raise NoSyncTargetError(
                "No delivery is set up (sync.target): signatures stay on this kiosk."
            )
        self.syncer.wake(force=True)

    # -- export and checks ---------------------------------------------------------------------

    @database_errors
    def export(
        self,
        selection: Selection,
        output: Path,
        fmt: str = "csv",
        *,
        bom: bool = True,
        letters: bool = True,
    ) -> ExportResult:
        """The signatures for a spreadsheet or a CRM, with a summary and (with `letters`) one
        PDF of the letters per case beside it."""
        from kiosk.core.export import check_case, export

        check_case(selection, [*self.library.ids, *self.store.counts().per_case])
        pdfs = self._letters_per_case(selection) if letters else None
        return export(self.store, selection, output, fmt, bom=bom, letters=pdfs)

    @database_errors
    def stand(self) -> StandStatus:
        """How the stand is doing, for the admin screen's dashboard."""
        import shutil

        from kiosk.core.records.outbox import Outbox

        mark_orphans_lost(self.store)  # a kiosk killed with sealed letters waiting
        return StandStatus(
            counts=self.store.counts(),
            letters=self.store.print_job_counts(),
            failed=self.store.print_jobs("failed"),
            printer=self.print_queue.backend.description,
            printer_kind=self.print_queue.backend.kind,
            printer_place=self.print_queue.backend.place,
            sync=Outbox(self.store).status(),
            database=self.database_path,
            disk_free=shutil.disk_usage(self.database_path.parent).free,
        )

    # -- retention and erasure -----------------------------------------------------------------

    @database_errors
    def purge(self, *, dry_run: bool = False) -> PurgeOutcome:
        """Erase the personal fields of the records older than `privacy.retention_days` that
        are delivered and whose letters are printed or not wanted, and their letters in the
        PDF folder (`kiosk purge`, the dashboard, the daily round). `dry_run`: only say what
        would go."""
        from kiosk.core.records import erasure
        from kiosk.core.retention import cut_off

        days = self.config.settings.privacy.retention_days
        before = cut_off(days)
        done = erasure.due(self.store, before) if dry_run else erasure.purge(self.store, before)
        removed = 0 if dry_run else self._remove_letters(done.uuids)
        return PurgeOutcome(
            done.count, done.oldest, done.kept, days, removed, dry_run, done.emptied
        )

    def purge_worker(self) -> PurgeWorker:
        """The touchscreen's retention round: at start, then daily."""
        from kiosk.core.retention import PurgeWorker

        return PurgeWorker(self.purge)

    @database_errors
    def forget(self, *, uuid: str | None = None, email: str | None = None) -> ForgetOutcome:
        """Erase one person's data here (the record `uuid`, or every record that gave `email`),
        cancel their letters not yet printed, delete their PDF letters, and queue a tombstone
        per record for the receiver. `NotFoundError` when nothing matches: nothing changes."""
        from kiosk.core.records import erasure

        if (uuid is None) == (email is None):
            raise ValueError("give exactly one of uuid and email")
        uuids = erasure.find(self.store, uuid=uuid, email=email)
        if not uuids:
            asked = f"the id {uuid}" if uuid is not None else f"the email {email}"
            why = (
                "Emails of sealed records cannot be read on this kiosk: find the record's id in "
                "the decrypted export (kiosk decrypt) and give it with --uuid."
                if email is not None and self.config.settings.privacy.public_key
                else "An email is kept only with a consent that asks for it; otherwise give "
                "the record's id (--uuid)."
            )
            raise NotFoundError(f"No record on this kiosk has {asked}: nothing erased. {why}")
        done = erasure.forget(self.store, uuids)
        by_hand = None
        if done.tombstones and self.config.settings.sync.target == "osdi":
            ids = ", ".join(f"kiosk:{u}" for u in done.uuids)
            by_hand = (
                "Action Network cannot delete through its API: delete the person with the "
                f"identifier {ids} by hand in Action Network (Audience, then the person's page)."
            )
        return ForgetOutcome(
            done.uuids,
            len(done.tombstones),
            done.letters_cancelled,
            self._remove_letters(done.uuids),
            by_hand,
            done.emptied,
        )

    def _remove_letters(self, uuids: Iterable[str]) -> int:
        """Delete the PDF letters of these records, wherever the PDF folder is (letters may
        have been saved there before a printer was set)."""
        from kiosk.core.printing.pdf_folder import PdfFolder

        uuids = list(uuids)
        return PdfFolder(self.config.pdf_folder).remove_letters(uuids) if uuids else 0
