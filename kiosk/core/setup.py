"""`kiosk setup`: the few answers a kiosk needs for an event, each checked as it is given.

A volunteer answers on the terminal, or the coordinator hands out a TOML file with the same keys
(`--from`). Either way the answers go through one `Setup`, which says which question comes next
(the address and token only for a receiver that needs them), what its default is (the setting in
force), and refuses a bad answer with the reason before anything is written. Only when every
answer is in are the settings written, and the token goes to a file of its own, never into the
settings.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from kiosk.core.config import Config, Settings
from kiosk.core.delivery.address import check_url
from kiosk.core.delivery.pairing import CODE_LENGTH, normalised
from kiosk.core.delivery.protocol import SyncError
from kiosk.core.errors import ConfigError, Problem

TOKEN_FILE = "sync-token"  # noqa: S105 - a file name; beside the config if none is named
YES = ("y", "yes", "true", "1")
NO = ("n", "no", "false", "0")
NO_PRINTER = "none"


class RefusedAnswerError(ValueError):
    """An answer that cannot be used; the message says why and what would do."""


@dataclass(frozen=True)
class Question:
    """One question: `key` is the answer's key (as in the coordinator's file), `default` what
    an empty answer keeps, `choices` the only answers taken (numbered on the terminal)."""

    key: str
    prompt: str
    default: str
    choices: tuple[str, ...] = ()
    secret: bool = False


# The answers' keys, in the order they are asked; all but the token are settings' keys.
KEYS = (
    "event.id",
    "event.name",
    "kiosk.id",
    "printing.printer",
    "sync.target",
    "sync.url",
    "sync.allow_http",
    "sync.folder",
    "sync.pairing_code",
    "sync.token",
)

PROMPTS = {
    "event.id": "Event id (short, stored with every signature, e.g. zurich-2026)",
    "event.name": "Event name (shown to staff)",
    "kiosk.id": "Kiosk id (its name in reports, e.g. kiosk-1; empty: a random one)",
    "printing.printer": "Printer",
    "sync.target": "Where signatures are delivered (none, webhook, osdi or folder)",
    "sync.url": "Address of the receiver (e.g. http://LAPTOP:8765/api/records)",
    "sync.allow_http": "The address is not encrypted (http://): is this the stand's own, "
    "trusted network? (yes/no)",
    "sync.folder": "Folder to deliver to (a share or USB stick)",
    "sync.pairing_code": "Pairing code from the coordinator (`kiosk collect kiosks add`; "
    "empty: give an access token instead)",
    "sync.token": "Access token the receiver gave",
}


class Setup:
    """The answers given so far on top of the settings in force, checked one by one.

    `printers` are the CUPS queues found; `printers_problem` says why there are none, when
    CUPS could not be asked.
    """

    def __init__(self, config: Config, printers: list[str], printers_problem: str = "") -> None:
        self.config = config
        self.printers = list(printers)
        self.printers_problem = printers_problem
        self.answers: dict[str, Any] = {}

    # -- what is asked -------------------------------------------------------------------------

    def current(self, key: str) -> Any:
        """The answer given, or else the setting in force."""
        if key in self.answers:
            return self.answers[key]
        if key in ("sync.token", "sync.pairing_code"):
            return ""
        section, name = key.split(".")
        return getattr(getattr(self.config.settings, section), name)

    def asked(self, key: str) -> bool:
        """Whether `key` is a question for this kiosk, given the answers so far."""
        target = self.current("sync.target")
        if key == "sync.pairing_code":  # a collector pairs its kiosks; a receiver of the
            return target == "webhook"  # organisation's (OSDI) gives a token
        if key == "sync.token":
            return target in ("webhook", "osdi") and not self.pairing_code()
        if key == "sync.url":
            return target in ("webhook", "osdi")
        if key == "sync.allow_http":
            return target in ("webhook", "osdi") and _plain_http(str(self.current("sync.url")))
        if key == "sync.folder":
            return target == "folder"
        return True

    def next_question(self) -> Question | None:
        """The first question still open, or None when every answer is in."""
        for key in KEYS:
            if key not in self.answers and self.asked(key):
                return self.question(key)
        return None

    def question(self, key: str) -> Question:
        if key == "printing.printer":
            current = self.current(key)
            default = current if current in self.printers else NO_PRINTER
            if default == NO_PRINTER and self.printers and not current:
                default = self.printers[0]
            return Question(key, PROMPTS[key], default, (*self.printers, NO_PRINTER))
        if key == "sync.target":
            return Question(
                key, PROMPTS[key], self.current(key), ("none", "webhook", "osdi", "folder")
            )
        if key == "sync.allow_http":
            return Question(key, PROMPTS[key], "yes" if self.current(key) else "no")
        if key == "sync.token":
            keep = "keep the one saved" if self.token_file().exists() else ""
            return Question(key, PROMPTS[key], keep, secret=True)
        return Question(key, PROMPTS[key], str(self.current(key)))

    # -- answering -----------------------------------------------------------------------------

    def give(self, key: str, text: Any) -> None:
        """Take the answer `text` for `key` (an empty one keeps the default), or raise
        `RefusedAnswerError` saying why, leaving the question open."""
        if key not in KEYS:
            raise RefusedAnswerError(_unknown(key))
        question = self.question(key)
        if isinstance(text, str):
            text = text.strip()
            if text == "" and key != "sync.token":
                text = question.default
        value = self._checked(question, text)
        self.answers[key] = value
        if key == "sync.url":
            self.answers.pop("sync.allow_http", None)  # asked again for the new address

    def _checked(self, question: Question, text: Any) -> Any:
        key = question.key
        if key == "printing.printer":
            return self._printer(question, str(text))
        if key == "sync.allow_http":
            allowed = _yes_no(text)
            if not allowed:
                self.answers.pop("sync.url", None)  # ask the address again
                raise RefusedAnswerError(
                    "then give the receiver's https:// address (plain http:// only on the "
                    "stand's own trusted network)"
                )
            return True
        if key == "sync.token":
            return self._token(str(text))
        if key == "sync.pairing_code":
            return self._pairing_code(str(text))
        if question.choices and str(text) not in question.choices:
            raise RefusedAnswerError(f"'{text}' is not one of: {', '.join(question.choices)}")
        value = _setting(key, text)
        if key == "sync.url":
            if not value:
                raise RefusedAnswerError(
                    f"a {self.current('sync.target')} receiver needs its address"
                )
            try:
                check_url(value, allow_http=True)  # plain http is asked about next
            except SyncError as exc:
                raise RefusedAnswerError(str(exc)) from None
        if key == "sync.folder" and not value:
            raise RefusedAnswerError("the folder target needs a folder")
        return value

    def _printer(self, question: Question, text: str) -> str:
        if text.isdigit() and 1 <= int(text) <= len(question.choices):
            text = question.choices[int(text) - 1]
        if text in ("", NO_PRINTER):
            return ""
        if text in self.printers:
            return text
        found = ", ".join(self.printers) if self.printers else "none"
        why = f" ({self.printers_problem})" if self.printers_problem else ""
        raise RefusedAnswerError(
            f"there is no print queue named '{text}' here (found: {found}{why}); set the "
            f"printer up in CUPS first, or answer {NO_PRINTER} to save letters as PDF files"
        )

    def _token(self, text: str) -> str:
        if text in ("", self.question("sync.token").default):
            if self.token_file().exists():
                return ""  # keep the token saved before
            raise RefusedAnswerError("the receiver needs the access token its coordinator gave")
        if any(c.isspace() or not c.isprintable() for c in text):
            raise RefusedAnswerError("a token is one word, without spaces or line breaks")
        return text

    def _pairing_code(self, text: str) -> str:
        if not text:
            return ""  # a token instead
        plain = normalised(text)
        if not plain:
            raise RefusedAnswerError(
                f"'{text}' is not a pairing code: it has {CODE_LENGTH} letters and digits, as "
                "`kiosk collect kiosks add` printed it (e.g. 7QF3K-XB29M); or leave it empty to "
                "give an access token"
            )
        return plain

    # -- the result ----------------------------------------------------------------------------

    def token_file(self) -> Path:
        """Where the token is kept: the file the settings name, or one beside the config."""
        named = self.config.settings.sync.token_file
        if named:
            return self.config.resolve(named)
        return self.config_path().parent / TOKEN_FILE

    def config_path(self) -> Path:
        from kiosk.core.paths import default_config_path

        return self.config.path or default_config_path()

    def changes(self) -> dict[str, Any]:
        """The settings to write (dotted keys), every answer but the token."""
        changes = {
            k: v for k, v in self.answers.items() if k not in ("sync.token", "sync.pairing_code")
        }
        if self.answers.get("sync.token") or self.pairing_code():
            changes["sync.token_file"] = str(self.token_file())
        for key in ("sync.url", "sync.allow_http", "sync.folder"):
            if not self.asked(key):
                changes.pop(key, None)  # an answer for a receiver no longer chosen
        return changes

    def token(self) -> str:
        """The new token to save, or "" to keep the one there."""
        return self.answers.get("sync.token", "") if self.asked("sync.token") else ""

    def pairing_code(self) -> str:
        """The pairing code to trade for a token when the answers are saved, or "" (none)."""
        if self.current("sync.target") != "webhook":
            return ""
        return self.answers.get("sync.pairing_code", "")


def answer_file(setup: Setup, raw: Mapping[str, Any], source: str) -> None:
    """Give `setup` every answer in a coordinator's file (TOML tables as in the settings, plus
    `sync.token`), in the order they are asked; raise `ConfigError` with one problem per bad or
    missing answer. A key the file leaves out keeps the setting in force."""
    flat = _flatten(raw)
    problems = [Problem(source, key, _unknown(key)) for key in flat if key not in KEYS]
    for key in KEYS:
        if not setup.asked(key):
            continue
        if key in flat:
            value = flat[key]
        elif key == "sync.allow_http":
            value = "yes" if setup.current(key) else "no"
        else:
            value = ""
        try:
            setup.give(key, value)
        except RefusedAnswerError as exc:
            problems.append(Problem(source, key, str(exc)))
    if problems:
        raise ConfigError(problems)


def _unknown(key: str) -> str:
    guess = difflib.get_close_matches(key, KEYS, n=1)
    hint = f"did you mean '{guess[0]}'?" if guess else f"known keys: {', '.join(KEYS)}"
    return f"not a question of kiosk setup; {hint}"


def _flatten(raw: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _setting(key: str, value: Any) -> Any:
    """`value` checked against the declaration of the setting `key`, as the settings file is."""
    section, name = key.split(".")
    field = type(getattr(Settings(), section)).model_fields[name]
    try:
        return TypeAdapter(Annotated[field.annotation, field]).validate_python(value)
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise RefusedAnswerError(f"{reason} ({field.description})") from None


def _yes_no(text: Any) -> bool:
    if isinstance(text, bool):
        return text
    answer = str(text).strip().lower()
    if answer in YES:
        return True
    if answer in NO:
        return False
    raise RefusedAnswerError(f"'{text}' is not yes or no")


def _plain_http(url: str) -> bool:
    """Whether `url` is a web address that goes unencrypted to another machine."""
    try:
        check_url(url, allow_http=True)
    except SyncError:
        return False  # not a web address at all: the address question says so
    try:
        check_url(url, allow_http=False)
    except SyncError:
        return True
    return False
