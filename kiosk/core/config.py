"""The kiosk's settings: declared once here, read from a TOML file, checked at start-up.

Each setting is a field below with its type, default and description; the README's reference
table and `kiosk config --reference` are produced from these declarations, and a test walks
every one. The defaults run a stand out of the box: the bundled example case, a database in the
user's data folder and letters written to a PDF folder when no printer queue is named.

A bad file gives one clear problem per bad key (file, key, what is expected), never a traceback.
Writing settings back goes through tomlkit, so a volunteer's comments in the file survive.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import tomlkit
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kiosk.core import files
from kiosk.core.countries import is_country
from kiosk.core.errors import ConfigError, Problem
from kiosk.core.keyboards import DEFAULT_EXTRA, unknown_layout
from kiosk.core.paths import (  # noqa: F401 - part of this module's API
    APP_NAME,
    CONFIG_FILE,
    DATABASE_FILE,
    bundled_cases,
    config_dir,
    data_dir,
    default_config_path,
)
from kiosk.core.tomlfiles import UnreadableTomlError, load_toml

LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class EventSettings(_Section):
    id: str = Field(
        "stand",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",
        description="Short id of the event, stored with every signature (e.g. zurich-2026).",
    )
    name: str = Field(
        "Letter-writing marathon", min_length=1, description="The event's name, shown to staff."
    )
    country: str = Field(
        "CH",
        description="Country code (ISO 3166, e.g. CH, FR, DE) preselected on the form.",
    )
    daily_goal: int = Field(
        0, ge=0, description="Letters hoped for today, shown with the counter; 0 shows no goal."
    )

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        if not is_country(value):
            raise ValueError(f"'{value}' is not a country code such as CH, FR or DE")
        return value


class KioskSettings(_Section):
    id: str = Field(
        "",
        pattern=r"^$|^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",
        description="Name of this kiosk in reports; empty: a random id made once and kept.",
    )
    large_text: bool = Field(False, description="Scale all text by 1.25 for readability.")
    rotation: Literal[0, 90, 180, 270] = Field(
        0,
        description="Degrees the screen is turned clockwise (0, 90, 180 or 270), applied when "
        "`kiosk session` starts the kiosk machine's display.",
    )


class CaseSettings(_Section):
    folder: str = Field(
        "", description="Folder holding the case folders; empty: the cases bundled with the kiosk."
    )
    active: list[str] = Field(
        [], description="Ids of the cases offered, in order; empty: every case in the folder."
    )


class LanguageSettings(_Section):
    offered: list[LanguageCode] = Field(
        ["fr", "de", "en"], min_length=1, description="Languages offered to attendees, in order."
    )
    default: LanguageCode = Field("fr", description="Language of the screens when idle.")

    @field_validator("default")
    @classmethod
    def _default_offered(cls, value: str, info: ValidationInfo) -> str:
        offered = info.data.get("offered")
        if offered is not None and value not in offered:
            raise ValueError(f"'{value}' is not one of the offered languages {offered}")
        return value


class KeyboardSettings(_Section):
    layouts: list[str] = Field(
        DEFAULT_EXTRA,
        description="Extra layouts of the on-screen keyboard's globe key, after those of the "
        "offered languages (the screen language's comes first); Qt's names, e.g. el_GR.",
    )

    @field_validator("layouts")
    @classmethod
    def _shipped(cls, value: list[str]) -> list[str]:
        problems = [p for p in map(unknown_layout, value) if p is not None]
        if problems:
            raise ValueError("; ".join(problems))
        return value


class IdleSettings(_Section):
    warning_after: int = Field(
        60, ge=10, le=3600, description="Seconds without a touch before 'Are you still there?'."
    )
    countdown: int = Field(
        20, ge=20, le=300, description="Seconds the 'still there?' countdown runs before a reset."
    )
    thank_you: int = Field(
        20, ge=5, le=300, description="Seconds the thank-you screen stays before the next person."
    )
    thank_you_guard: float = Field(
        1.2,
        ge=0.5,
        le=5,
        description="Seconds the thank-you screen's buttons wait before they take a touch (a "
        "double tap on 'Confirm' must not end the thank-you at once).",
    )
    dark_after: int = Field(
        0,
        ge=0,
        le=86400,
        description="Seconds without a touch on the attract screen before it goes dark (the "
        "panel itself stays on; the first touch brings the attract screen back and does nothing "
        "else); 0: never dark.",
    )


class PrintingSettings(_Section):
    mode: Literal["immediate", "batch", "off"] = Field(
        "immediate",
        description="immediate: print after each signature; batch: collect, print on request; "
        "off: no letters.",
    )
    printer: str = Field(
        "", description="CUPS queue name; empty: letters are written as PDFs to `pdf_folder`."
    )
    pdf_folder: str = Field(
        "", description="Folder for PDF letters; empty: 'letters' in the kiosk's data folder."
    )


class SyncSettings(_Section):
    target: Literal["none", "webhook", "osdi", "folder"] = Field(
        "none", description="Where signatures go: none, webhook, osdi or folder."
    )
    url: str = Field("", description="Address of the webhook or OSDI endpoint.")
    token_file: str = Field(
        "", description="File (mode 0600) holding the access token; never put the token here."
    )
    folder: str = Field("", description="Folder for the 'folder' target (a share or USB stick).")
    batch_size: int = Field(100, ge=1, le=1000, description="Records sent in one request.")
    timeout: float = Field(
        20.0, gt=0, le=300, description="Seconds to wait for the receiver before trying later."
    )
    interval: int = Field(
        60, ge=5, le=3600, description="Seconds between delivery attempts while records wait."
    )
    allow_http: bool = Field(
        False,
        description="Allow plain http:// to hosts other than this machine (unencrypted: avoid).",
    )

    @model_validator(mode="after")
    def _target_complete(self) -> SyncSettings:
        if self.target in ("webhook", "osdi") and not self.url:
            raise ValueError(f"target '{self.target}' needs a url")
        if self.target == "folder" and not self.folder:
            raise ValueError("target 'folder' needs a folder")
        return self


class CollectorSettings(_Section):
    """How `kiosk collect` guards itself against clients that hold it up (slow, idle, many),
    and where a stand's collector forwards what it takes (`upstream_*`)."""

    header_timeout: float = Field(
        10.0,
        gt=0,
        le=300,
        description="Seconds a client of `kiosk collect` has to send a request's headers.",
    )
    body_timeout: float = Field(
        60.0, gt=0, le=3600, description="Seconds a client has to send a request's body."
    )
    keep_alive_timeout: float = Field(
        5.0, gt=0, le=300, description="Seconds an idle connection to the collector stays open."
    )
    max_connections: int = Field(
        100,
        ge=2,
        le=10_000,
        description="Connections the collector serves at once; requests beyond get 503.",
    )
    upstream_url: str = Field(
        "",
        description="Address of the central collector (its /api/records) that a stand's "
        "collector forwards every record and tombstone to; empty: they stay here.",
    )
    upstream_token_file: str = Field(
        "",
        description="File (mode 0600) holding the central collector's token, or set "
        "KIOSK_UPSTREAM_TOKEN; never put the token here.",
    )
    upstream_allow_http: bool = Field(
        False,
        description="Allow plain http:// upstream to hosts other than this machine (unencrypted: "
        "avoid).",
    )
    upstream_batch_size: int = Field(
        100, ge=1, le=1000, description="Records forwarded upstream in one request."
    )
    upstream_interval: int = Field(
        30,
        ge=1,
        le=3600,
        description="Seconds between forwarding rounds while records wait upstream (a kiosk's "
        "delivery also starts one).",
    )
    goal: int = Field(
        0,
        ge=0,
        le=1_000_000_000,
        description="Signatures the campaign aims for, shown as progress on the collector's "
        "dashboard; 0: no goal shown.",
    )


class OrganisationSettings(_Section):
    name: str = Field(
        "",
        description="The organisation's name, said to signers; empty: the screens say "
        "'the organisers of this stand' in the visitor's language.",
    )
    privacy_url: str = Field("", description="Web address of the privacy notice.")
    privacy_notice: dict[LanguageCode, str] = Field(
        {},
        description='The privacy notice\'s short text per language (e.g. fr = "..."), shown '
        "from a link on the form; the full notice is at privacy_url.",
    )
    donate_url: str = Field("", description="Web address for the 'donate' QR code; empty: none.")
    share_url: str = Field(
        "", description="Web address for the 'share' QR code (e.g. the campaign); empty: none."
    )


class PrivacySettings(_Section):
    """What the kiosk keeps of a signer, in what form, and for how long."""

    public_key: str = Field(
        "",
        description="The organisation's public key (made by `kiosk keys new`); set: names, "
        "addresses, emails and drawn signatures are sealed to it and this kiosk cannot read "
        "them back; empty: they are kept readable.",
    )
    retention_days: int = Field(
        30,
        ge=0,
        le=3650,
        description="Days after signing that a signer's personal fields are kept; then, once "
        "the record is delivered and its letter printed (or not wanted), they are erased.",
    )

    @field_validator("public_key")
    @classmethod
    def _usable_key(cls, value: str) -> str:
        if value:
            # Imported here: only a sealed kiosk pays for loading the cryptography library.
            from kiosk.core.privacy.keys import parse_public_key

            parse_public_key(value)  # ValueError: what is wrong with it and how to fix it
        return value.strip()


class AdminSettings(_Section):
    pin_hash: str = Field(
        "", description="Hash of the admin PIN, set by `kiosk admin set-pin`; never a PIN."
    )


class Settings(_Section):
    """Everything a kiosk can be told, with defaults that run a stand as it is."""

    database: str = Field(
        "", description="The signature database; empty: signatures.db in the user data folder."
    )
    event: EventSettings = EventSettings()
    kiosk: KioskSettings = KioskSettings()
    cases: CaseSettings = CaseSettings()
    languages: LanguageSettings = LanguageSettings()
    keyboard: KeyboardSettings = KeyboardSettings()
    idle: IdleSettings = IdleSettings()
    printing: PrintingSettings = PrintingSettings()
    sync: SyncSettings = SyncSettings()
    collector: CollectorSettings = CollectorSettings()
    organisation: OrganisationSettings = OrganisationSettings()
    privacy: PrivacySettings = PrivacySettings()
    admin: AdminSettings = AdminSettings()

    @model_validator(mode="after")
    def _sealed_delivery(self) -> Settings:
        if self.privacy.public_key and self.sync.target == "osdi":
            raise ValueError(
                "sync.target 'osdi' needs readable names, and privacy.public_key seals them: "
                "deliver to a collector (sync.target = 'webhook' with the address of "
                "`kiosk collect`), then open the records there with `kiosk decrypt` and import "
                "them into the CRM from its export"
            )
        return self

    @model_validator(mode="after")
    def _sealed_letters_not_kept(self) -> Settings:
        # The PDF folder keeps every letter, name and town in clear: the very thing sealing
        # keeps off a kiosk that may be stolen.
        if self.privacy.public_key and not self.printing.printer and self.printing.mode != "off":
            raise ValueError(
                "sealed mode (privacy.public_key) cannot save letters to the PDF folder: it "
                "would keep every signer's letter in clear on this kiosk. Name a CUPS queue in "
                'printing.printer, or set printing.mode = "off" and print the letters from '
                "the decrypted export (kiosk decrypt)"
            )
        return self


class Config:
    """Settings read from one file, with every path resolved against that file's folder."""

    def __init__(self, settings: Settings, path: Path | None) -> None:
        self.settings = settings
        self.path = path

    def _path(self, value: str, default: Path) -> Path:
        if not value:
            return default
        path = Path(value).expanduser()
        if not path.is_absolute() and self.path is not None:
            path = self.path.parent / path
        return path

    def resolve(self, value: str) -> Path:
        """A path from the config: `~` expanded, relative ones read from the file's folder."""
        return self._path(value, Path(value))

    @property
    def database_path(self) -> Path:
        return self._path(self.settings.database, data_dir() / DATABASE_FILE)

    @property
    def cases_folder(self) -> Path:
        return self._path(self.settings.cases.folder, bundled_cases())

    @property
    def pdf_folder(self) -> Path:
        return self._path(self.settings.printing.pdf_folder, data_dir() / "letters")


def load_config(path: Path | None = None) -> Config:
    """Read the config at `path`, or at the default place if it exists there, else defaults.

    An explicitly named file must exist; the default file may be absent (a fresh kiosk).
    """
    explicit = path is not None
    path = Path(path) if explicit else default_config_path()
    if not path.exists():
        if explicit:
            raise ConfigError([Problem(str(path), "", "this configuration file does not exist")])
        return Config(Settings(), None)
    try:
        raw = load_toml(path)
    except UnreadableTomlError as exc:
        raise ConfigError([Problem(str(path), "", str(exc))]) from None
    return Config(parse_settings(raw, str(path)), path)


def parse_settings(raw: Mapping[str, Any], source: str = "config") -> Settings:
    """Check a parsed TOML document against the declarations; raise one problem per bad key."""
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError([_problem(source, e) for e in exc.errors()]) from None


def _problem(source: str, error: Mapping[str, Any]) -> Problem:
    loc = tuple(str(p) for p in error["loc"])
    key = ".".join(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        known = [name for name, _ in _fields_under(loc[:-1])]
        guess = difflib.get_close_matches(loc[-1], known, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else f"known keys: {', '.join(known)}"
        return Problem(source, key, f"unknown setting; {hint}")
    message = error["msg"].removeprefix("Value error, ")
    expected = _describe(loc)
    if expected and kind != "value_error":
        message += f" ({expected})"
    return Problem(source, key, message)


def _describe(loc: tuple[str, ...]) -> str:
    for name, field in _fields_under(loc[:-1]):
        if name == loc[-1] if loc else False:
            return field.description or ""
    return ""


def _fields_under(loc: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    model: type[BaseModel] = Settings
    for part in loc:
        field = model.model_fields.get(part)
        if field is None or not (
            isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)
        ):
            return
        model = field.annotation
    yield from model.model_fields.items()


def reference() -> list[tuple[str, str, str]]:
    """(key, default as TOML, description) for every setting, in declaration order."""
    rows = []
    for name, field in Settings.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for sub, subfield in annotation.model_fields.items():
                rows.append((f"{name}.{sub}", _toml(subfield.default), subfield.description or ""))
        else:
            rows.append((name, _toml(field.default), field.description or ""))
    return rows


def _toml(value: Any) -> str:
    if value == {}:
        return "{}"  # tomlkit writes an empty table as nothing at all
    return tomlkit.item(value).as_string()


def describe(dotted: str) -> str:
    """The description of the setting `dotted` ("event.id"), as the reference gives it."""
    return next((text for key, _, text in reference() if key == dotted), "")


def update_config(
    path: Path, changes: Mapping[str, Any], *, explain: bool = False, header: str = ""
) -> Config:
    """Set dotted keys (``{"printing.mode": "batch"}``) in the file at `path`, keeping comments.

    The result is checked before anything is written and replaces the file atomically, so a bad
    value or a power cut never leaves a config the kiosk cannot start with. With `explain`, a
    key new to the file gets its description as a comment above it, so whoever opens the file
    later reads what each line does; `header` starts a new file with a comment.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ""  # as load_toml
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError([Problem(str(path), "", f"not valid TOML: {exc}")]) from None
    if header and not text.strip():
        for line in header.splitlines():
            document.add(tomlkit.comment(line))
        document.add(tomlkit.nl())
    for dotted, value in changes.items():
        *tables, key = dotted.split(".")
        node: Any = document
        for table in tables:
            if table not in node:
                node[table] = tomlkit.table()
            node = node[table]
        if explain and key not in node and describe(dotted):
            node.add(tomlkit.comment(describe(dotted)))
            node.add(key, value)
        else:
            node[key] = value
    settings = parse_settings(document.unwrap(), str(path))
    files.make_folder(path.parent)
    files.write_atomically(path, tomlkit.dumps(document).encode("utf-8"))
    return Config(settings, path)
