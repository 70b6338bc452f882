"""The exceptions the kiosk raises, each with a message a volunteer can act on.

Every message names the bad value (file, field, key) and says what to do about it. The command line
prints the message and exits with the error's `exit_code`, one of :class:`ExitCode`; the screens
never show the message itself but a translated sentence chosen by the error's `kind`, a short
stable code. No message carries a signer's personal data except
:class:`InvalidSignatureError`'s, whose field errors are shown to the signer themselves and are
never logged.

Every non-zero exit of `kiosk` is one of these errors: there are no exit numbers anywhere else.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ExitCode(enum.IntEnum):
    """What `kiosk` exits with: BSD `sysexits.h` where one fits, so scripts can tell a bad input
    (65) from a configuration problem (78) or a broken database (74)."""

    OK = 0
    NOT_READY = 1  # the command ran, and found something a person must see to (doctor, print)
    USAGE = 2  # click's own: a missing or unknown option
    DATAERR = 65  # the input given is wrong (a field, a PIN, a case id)
    NOINPUT = 66  # an input named does not exist (a record id, nothing to write)
    UNAVAILABLE = 69  # a service needed is not there (printer, screen, Qt, fonts)
    SOFTWARE = 70  # a fault of the kiosk itself
    CANTCREAT = 73  # an output file or the config file cannot be written
    IOERR = 74  # the signature database cannot be read or written
    NOPERM = 77  # the receiver refused the credentials
    CONFIG = 78  # the settings cannot be used as they are


class KioskError(Exception):
    """Base of every error the kiosk raises on purpose.

    `exit_code` is what the command line exits with; `kind` is the short code the screens
    translate (they never show `str(exc)`, which is English and may be technical).
    """

    exit_code: ExitCode = ExitCode.SOFTWARE
    kind = "unexpected"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where it is, and what is wrong with it."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        where = f" [{self.where}]" if self.where else ""
        return f"{self.file}{where}: {self.message}"


class ProblemsError(KioskError):
    """An error that lists every problem found, one per line, instead of stopping at the first."""

    kind = "problems"
    title = "Problems found"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = [f"{self.title} ({len(self.problems)}):"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class ConfigError(ProblemsError):
    """The configuration file cannot be used as it is."""

    exit_code = ExitCode.CONFIG
    kind = "config"
    title = "The configuration has problems"


class CaseError(ProblemsError):
    """One or more case folders cannot be used as they are."""

    exit_code = ExitCode.DATAERR
    kind = "cases"
    title = "The cases have problems"


class UnknownCaseError(KioskError):
    """A case id that no loaded case has."""

    exit_code = ExitCode.DATAERR
    kind = "unknown-case"

    def __init__(self, case_id: str, known: list[str]) -> None:
        self.case_id = case_id
        hint = ", ".join(known) if known else "none: check the cases folder in the config"
        super().__init__(f"There is no case with the id '{case_id}'. Known cases: {hint}.")


class InvalidSignatureError(KioskError):
    """What a signer typed cannot be recorded.

    `fields` maps each refused field to a reason in plain English, `codes` to a stable code that
    the UI translates and shows under the field; the message joins the reasons for the command line.
    """

    exit_code = ExitCode.DATAERR
    kind = "invalid-signature"

    def __init__(self, fields: dict[str, str], codes: dict[str, str] | None = None) -> None:
        self.fields = dict(fields)
        self.codes = dict(codes or {})
        lines = [f"  - {name.replace('_', ' ')}: {why}" for name, why in self.fields.items()]
        super().__init__("\n".join(["The signature was not recorded:", *lines]))


class DuplicateSignatureError(KioskError):
    """The same record UUID was recorded before with different content.

    The same UUID with the same content is not an error (a double tap records once); a different
    content under one UUID means two records were mixed up and neither may be overwritten.
    """

    exit_code = ExitCode.DATAERR
    kind = "duplicate-signature"

    def __init__(self, uuid: str) -> None:
        self.uuid = uuid
        super().__init__(
            f"A different signature was already recorded under the id {uuid}; nothing was changed."
        )


class RealSignaturesError(KioskError):
    """Made-up signatures were asked for in a database that holds real ones: they could be
    taken for real people, so nothing is added."""

    exit_code = ExitCode.DATAERR
    kind = "real-signatures"

    def __init__(self, path: object, real: int) -> None:
        self.path = path
        super().__init__(
            f"The database {path} holds {real} real signature(s): no made-up ones were added, "
            "so none can be taken for real people. Give `kiosk sample` a new file with "
            "--database, e.g. --database /tmp/training.db."
        )


class StorageError(KioskError):
    """The signature database cannot be opened or written (disk full, read-only, damaged)."""

    exit_code = ExitCode.IOERR
    kind = "storage"


class DamagedDatabaseError(StorageError):
    """The database file is damaged: some of its pages or records cannot be read.

    The message never quotes SQLite's words, which may hold a piece of a signer's record.
    """

    kind = "database-damaged"
    SIGNS = ("malformed", "not a database", "could not decode", "disk image", "encrypted")

    def __init__(self, path: object) -> None:
        self.path = path
        super().__init__(
            f"The database {path} is damaged: its records cannot all be read, and nothing was "
            "changed. Keep a copy of the file and record no more signatures in it: start the "
            "kiosk on a new database (--database, or the `database` setting) and give the copy "
            "to your coordinator, who can save every record that can still be read into a new "
            f"database with `kiosk rescue --database {path} --output NEW.db`."
        )

    @classmethod
    def fits(cls, exc: BaseException) -> bool:
        """Whether an `sqlite3.DatabaseError` says the file is damaged (not busy, not full)."""
        text = str(exc).lower()
        return any(sign in text for sign in cls.SIGNS)


class NotADatabaseError(StorageError):
    """The file named as the signature database is something else (a text file, a PDF): it is
    refused before anything in it, its permissions included, is changed.

    Exit 74 like every database that cannot be used (scripts tell database problems by it); a
    screen says the same as for any database it cannot open.
    """

    def __init__(self, path: object) -> None:
        self.path = path
        super().__init__(
            f"The file {path} is not a signature database, so the kiosk left it as it is. Check "
            "the --database option (or the `database` setting): name an existing kiosk "
            "database, or a new file for the kiosk to create."
        )


class SealedLetterError(KioskError):
    """A letter of a sealed record was asked for on the kiosk, which cannot read it back."""

    exit_code = ExitCode.DATAERR
    kind = "sealed-letter"

    def __init__(self, uuid: str) -> None:
        super().__init__(
            f"The letter of {uuid} cannot be printed on this kiosk: its record is sealed "
            "(privacy.public_key) and the kiosk cannot read it back. The coordinator prints it "
            "from the decrypted export: kiosk decrypt --key PRIVATE_KEY, on their own machine."
        )
        self.uuid = uuid


class NotReadyError(KioskError):
    """The command did its work and found something a person must see to (the details were
    printed above the message)."""

    exit_code = ExitCode.NOT_READY
    kind = "not-ready"


class NothingMatchesError(KioskError):
    """A selection (a case, some days) matched no record, so nothing was written."""

    exit_code = ExitCode.NOT_READY
    kind = "nothing-matches"


class NotFoundError(KioskError):
    """Something named on the command line is not there (a record id, letters to write)."""

    exit_code = ExitCode.NOINPUT
    kind = "not-found"


class NoDatabaseError(NotFoundError):
    """A command that only reads was given a database that is not there: nothing is created
    (a mistyped --database would otherwise show an empty day as if it were the real one)."""

    kind = "no-database"

    def __init__(self, path: object) -> None:
        self.path = path
        super().__init__(
            f"There is no signature database at {path}, and nothing was created. Check the "
            "--database option (or the `database` setting). A kiosk creates its database when "
            "it records the first signature."
        )


class NoDatabaseFolderError(NotFoundError):
    """A new database was to be made in a folder that does not exist: a mistyped path is said,
    not created (only the kiosk's own data folder is made when missing)."""

    kind = "no-database-folder"

    def __init__(self, path: object) -> None:
        self.path = path
        super().__init__(
            f"The folder {path} does not exist, so no database was created there. Check the "
            "--database option (or the `database` setting), or create the folder first."
        )


class OutputError(KioskError):
    """A file the kiosk was asked to write cannot be written (folder missing, full, read-only)."""

    exit_code = ExitCode.CANTCREAT
    kind = "output"


class SettingsWriteError(KioskError):
    """The configuration file cannot be written; nothing was changed."""

    exit_code = ExitCode.CANTCREAT
    kind = "settings-write"

    def __init__(self, path: object, why: str) -> None:
        self.path = path
        super().__init__(
            f"The settings cannot be saved to {path}: {why}. Nothing was changed. Check that "
            "the folder exists and this user may write to it (or name another file with --config)."
        )


class UnavailableError(KioskError):
    """A part the kiosk needs is not there (a screen, Qt, a sync target)."""

    exit_code = ExitCode.UNAVAILABLE
    kind = "unavailable"


class PreviewError(KioskError):
    """The letter could not be drawn as a picture for the screen (it can still print)."""

    exit_code = ExitCode.UNAVAILABLE
    kind = "preview"


class KeyFileError(KioskError):
    """A private key file of sealed records cannot be used; the message says why."""

    exit_code = ExitCode.DATAERR
    kind = "key"


class KeyFileExistsError(KioskError):
    """`kiosk keys new` would overwrite a key: a lost private key loses every record."""

    exit_code = ExitCode.CANTCREAT
    kind = "key-exists"


class SealedRecordsError(KioskError):
    """What was asked needs the signers' names, and the records are sealed: only the
    coordinator's private key opens them (`kiosk decrypt`)."""

    exit_code = ExitCode.DATAERR
    kind = "sealed"


class UnopenedRecordsError(KioskError):
    """`kiosk decrypt` left out records that did not open (each was named with the reason)."""

    exit_code = ExitCode.DATAERR
    kind = "unopened"


class WeakPasswordError(KioskError):
    """A coordinator's password too short (or too long) to set: the message says what is
    needed."""

    exit_code = ExitCode.DATAERR
    kind = "weak-password"
