"""`kiosk doctor`: what is ready at this stand and what is not, in words a volunteer can act on.

Each check is independent, so one broken part (a bad case file, say) does not hide the state of
the others. The admin screen shows the same list.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.core.cases import check_cases
from kiosk.core.config import Config
from kiosk.core.errors import DamagedDatabaseError, KioskError, NoDatabaseFolderError
from kiosk.core.languages import language_gaps, screen_languages
from kiosk.core.paths import data_dir, default_config_path
from kiosk.core.records.connection import database_errors
from kiosk.core.records.store import Store
from kiosk.core.release import clock_problem


@dataclass(frozen=True)
class Check:
    """One line of the report: `ok` is True (ready), False (must be fixed) or None (a note).
    `error` is the error found, when the part cannot be used at all (a damaged database):
    `kiosk doctor` then exits with its code."""

    name: str
    ok: bool | None
    detail: str
    error: KioskError | None = None


def run_checks(
    config: Config,
    database: Path | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> list[Check]:
    return [
        _config(config),
        _clock(now()),
        _admin_pin(config),
        *_cases(config),
        _database(database or config.database_path),
        _fonts(),
        _printer(config),
        _sync(config),
        _privacy(config, database or config.database_path),
    ]


def _privacy(config: Config, path: Path) -> Check:
    """A note on what a lost or stolen kiosk would give away (README, "Personal data")."""
    key = config.settings.privacy.public_key
    if not key:
        return Check(
            "personal data",
            None,
            "kept readable on this kiosk (privacy.public_key is empty: see `kiosk keys new`)",
        )
    from kiosk.core.privacy.keys import parse_public_key
    from kiosk.core.records.export_rows import readable_personal_count

    readable = 0
    if path.exists():
        try:
            with database_errors(path), Store(path) as store:
                readable = readable_personal_count(store)
        except KioskError:
            pass  # the database check says what is wrong with the file
    sealed = (
        f"sealed to key {parse_public_key(key).id.hex()}: names, addresses, emails and drawn "
        "signatures cannot be read on this kiosk (`kiosk decrypt` opens them elsewhere)"
    )
    if not readable:
        return Check("personal data", None, sealed)
    return Check(
        "personal data",
        False,
        f"{sealed}; but {readable} record(s) made before the key was set are still readable "
        "here: deliver or export them, then erase them (`kiosk purge` once delivered and "
        "older than privacy.retention_days, or `kiosk forget --uuid`)",
    )


def _config(config: Config) -> Check:
    where = str(config.path) if config.path else "none found, using the built-in defaults"
    return Check("configuration", True, where)


def _clock(now: datetime) -> Check:
    problem = clock_problem(now)
    if problem:
        return Check("clock", False, problem)
    return Check("clock", True, now.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"))


def _admin_pin(config: Config) -> Check:
    """Without a PIN nobody can open the admin screen, and it is never chosen at the screen
    (any visitor could): a coordinator sets it here."""
    if config.settings.admin.pin_hash:
        return Check("admin PIN", True, "set")
    command = "kiosk admin set-pin"
    if config.path is not None and config.path != default_config_path():
        command += f" --config {shlex.quote(str(config.path))}"
    return Check(
        "admin PIN", False, f"no admin PIN: volunteers cannot open the admin screen. Run: {command}"
    )


def _cases(config: Config) -> list[Check]:
    folder = config.cases_folder
    cases, problems = check_cases(folder)
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        return [Check("cases", False, f"{len(problems)} problem(s) in {folder}:\n{lines}")]
    ids = [c.id for c in cases]
    checks = [Check("cases", True, f"{len(cases)} valid in {folder}: {', '.join(ids)}")]
    active = config.settings.cases.active or ids
    unknown = [cid for cid in active if cid not in ids]
    if unknown:
        checks.append(Check("active cases", False, f"not found: {', '.join(unknown)}"))
    gaps = language_gaps(
        config.settings.languages.offered,
        [c for c in cases if c.id in active],
        screens=screen_languages(),
        source=str(config.path or "config"),
    )
    if gaps:
        lines = "\n".join(f"  - {p.message}" for p in gaps)
        checks.append(Check("languages", False, f"a visitor would get a mix:\n{lines}"))
    return checks


def _database(path: Path) -> Check:
    if not path.exists():  # a check creates nothing: the first signature will
        if path.parent.is_dir() or path.parent == data_dir():
            return Check("database", True, f"none yet at {path}: made with the first signature")
        return Check("database", False, str(NoDatabaseFolderError(path.parent)))
    try:
        with database_errors(path), Store(path) as store:
            integrity = store.integrity()
            total = store.counts().total if integrity == "ok" else 0
    except KioskError as exc:
        return Check("database", False, str(exc), exc)
    if integrity != "ok":
        damaged = DamagedDatabaseError(path)
        return Check("database", False, str(damaged), damaged)
    return Check("database", True, f"{path} (writable, {total} signature(s))")


def _printer(config: Config) -> Check:
    from kiosk.core.printing.backends import PdfFolder, backend_for

    if config.settings.printing.mode == "off":
        return Check("printer", None, "printing is off: no letters are printed")
    backend = backend_for(config)
    status = backend.status()
    if isinstance(backend, PdfFolder) and status.ok:
        return Check(
            "printer", None, f"no CUPS queue set: letters are saved as PDFs in {backend.folder}"
        )
    detail = f"{backend.description}: {status.state}"
    if status.reason:
        detail += f" ({status.reason})"
    if not status.accepting and status.state != "unreachable":
        detail += ", not accepting letters"
    return Check("printer", status.ok, detail)


def _fonts() -> Check:
    from kiosk.core.letters import fonts

    try:
        covered = fonts.coverage()
    except fonts.FontsMissing as exc:
        return Check("fonts", False, str(exc))
    have = [script for script, font in covered.items() if font]
    lacking = [script for script, font in covered.items() if not font]
    detail = f"letters can print {', '.join(have)}"
    if lacking:
        packages = " ".join(fonts.missing_packages())
        detail += f"; not {', '.join(lacking)} (sudo apt-get install {packages})"
    return Check("fonts", not lacking or None, detail)


def _sync(config: Config) -> Check:
    """Built with the very code `kiosk sync` and the kiosk's delivery use, so doctor says FIX
    exactly when they would refuse, with the same words."""
    from kiosk.core.delivery.protocol import SyncError
    from kiosk.core.delivery.targets import target_for

    try:
        target = target_for(config, config.settings.kiosk.id or "doctor")
    except SyncError as exc:
        return Check("sync", False, str(exc))
    if target is None:
        return Check("sync", None, "no sync target: signatures stay on this kiosk until exported")
    target.close()
    return Check("sync", True, target.description)
