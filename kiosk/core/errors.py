"""The exceptions the core raises, each with a message a volunteer can act on.

Every message names the bad value (file, field, key) and says what to do about it. The command line
prints the message and exits with the error's `exit_code`; the UI shows it in plain words. No
message carries a signer's personal data except :class:`InvalidSignatureError`'s, whose field
errors are shown to the signer themselves and are never logged.
"""

from __future__ import annotations

from dataclasses import dataclass


class KioskError(Exception):
    """Base of every error the core raises on purpose.

    `exit_code` follows the BSD `sysexits.h` convention where one fits, so scripts can tell a bad
    input (65) from a configuration problem (78) or a broken database (74).
    """

    exit_code = 1


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

    title = "Problems found"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = [f"{self.title} ({len(self.problems)}):"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class ConfigError(ProblemsError):
    """The configuration file cannot be used as it is."""

    exit_code = 78  # EX_CONFIG
    title = "The configuration has problems"


class CaseError(ProblemsError):
    """One or more case folders cannot be used as they are."""

    exit_code = 65  # EX_DATAERR
    title = "The cases have problems"


class UnknownCaseError(KioskError):
    """A case id that no loaded case has."""

    exit_code = 65

    def __init__(self, case_id: str, known: list[str]) -> None:
        self.case_id = case_id
        hint = ", ".join(known) if known else "none: check the cases folder in the config"
        super().__init__(f"There is no case with the id '{case_id}'. Known cases: {hint}.")


class InvalidSignatureError(KioskError):
    """What a signer typed cannot be recorded.

    `fields` maps each refused field to a reason in plain English, `codes` to a stable code that
    the UI translates and shows under the field; the message joins the reasons for the command line.
    """

    exit_code = 65

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

    exit_code = 65

    def __init__(self, uuid: str) -> None:
        self.uuid = uuid
        super().__init__(
            f"A different signature was already recorded under the id {uuid}; nothing was changed."
        )


class StorageError(KioskError):
    """The signature database cannot be opened or written (disk full, read-only, damaged)."""

    exit_code = 74  # EX_IOERR
