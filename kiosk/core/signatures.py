"""A signature as the kiosk records it, and the one path from what a signer typed to that record.

The form, `kiosk sign` and any import all go through :func:`prepare`, so a name is cleaned,
checked and stored the same way whichever door it came in by. Validation errors are collected
for every field at once and carry a code per field, so the form can show each one, translated,
under its field. What makes a finished record acceptable is :func:`record_problems`, the one
check that `prepare` ends with and that a collector applies to every record it receives: no
receiver stores a record the kiosk itself would have refused.
"""

from __future__ import annotations

import base64
import io
import json
import math
import re
import uuid as uuid_module
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk.core.clock import format_utc, utc_now  # noqa: F401 - part of this module's API
from kiosk.core.countries import is_country
from kiosk.core.errors import InvalidSignatureError
from kiosk.core.names import display_name
from kiosk.core.text import clean, clean_optional, has_letter

if TYPE_CHECKING:
    from kiosk.core.cases import Case

MAX_NAME = 80
MAX_TOWN = 85
MAX_POSTAL_CODE = 12
MAX_EMAIL = 254
MAX_STROKES = 300
MAX_POINTS = 20_000
MAX_PNG_BYTES = 1_000_000
# What one record carries, checked alike where a case is loaded (so no case can make records
# that a receiver refuses) and where a record arrives from elsewhere.
MAX_CONSENTS = 20
MAX_ID = 100  # ids of cases, events, kiosks and consents, and a consent text's version
MAX_LANGUAGE = 16
FIRST_YEAR, LAST_YEAR = 1970, 9998  # of a time of signing
MAX_RECORD_BYTES = 16 * 1024  # one delivered record as JSON, unknown extra keys included
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

# Each is matched against the whole text (`fullmatch`): with `match`, `$` also matches before a
# final newline, and "k1\n" would pass as the id "k1".
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
# ASCII only (re.ASCII): `\d` alone would take Arabic-Indic and other digits.
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_ID = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9_.-]{{0,{MAX_ID - 1}}}$", re.ASCII)
_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$", re.ASCII)

# Why a field was refused, in plain English; the UI translates by code.
MESSAGES = {
    "name_missing": "Please enter your name.",
    "name_no_letter": "A name needs at least one letter.",
    "name_too_long": f"Please shorten your name to {MAX_NAME} characters per field.",
    "town_missing": "Please enter your town.",
    "town_no_letter": "A town needs at least one letter.",
    "town_too_long": f"Please shorten the town to {MAX_TOWN} characters.",
    "postal_code_invalid": "A postal code has only letters, digits, spaces and hyphens.",
    "postal_code_too_long": f"A postal code has at most {MAX_POSTAL_CODE} characters.",
    "country_unknown": "Please choose your country from the list.",
    "email_invalid": "Please check your email address: it should look like name@example.org.",
    "email_too_long": f"An email address has at most {MAX_EMAIL} characters.",
    "email_without_consent": (
        "You gave an email address but did not tick the box to receive news: "
        "tick the box, or leave the email empty."
    ),
    "email_needed": "To receive news, please enter your email address.",
    "consent_required": "Please tick this box to sign the letter.",
    "consent_unknown": "This consent is not part of this case.",
    "language_invalid": "The language must be a code such as fr, de or en.",
    "drawing_invalid": "The drawn signature could not be read; please clear it and sign again.",
    # What only a record from elsewhere (a collector's input, an import) can get wrong.
    "uuid_invalid": "The record's id is not a UUID such as 3f0c1c2e-5d7e-4a51-9d0f-0b1e7d7c9a41.",
    "id_invalid": (
        f"An id has 1 to {MAX_ID} letters, digits, dots, hyphens or underscores, "
        "and starts with a letter or digit."
    ),
    "signed_at_invalid": (
        "The time of signing is not a real UTC time such as 2026-12-10T10:31:07.204518Z."
    ),
    "text_not_clean": (
        "This text holds control characters, bidirectional overrides or untidy spaces."
    ),
    "sealed_field_not_empty": "A sealed record carries this field only inside its seal.",
    "sealed_invalid": "The sealed fields are not a blob that a kiosk seals.",
    "consents_too_many": f"A record holds at most {MAX_CONSENTS} consents.",
    "consent_invalid": (
        f"Each consent needs an id and the version of its text (at most {MAX_ID} characters)."
    ),
}


@dataclass(frozen=True)
class ConsentGiven:
    """One consent box as the signer saw it: which text, which version, ticked or not."""

    id: str
    version: str
    given: bool


@dataclass(frozen=True)
class Drawing:
    """A signature drawn with a finger: strokes of (x, y) points on a pad of `width` x `height`.

    Vectors rather than pixels: a few kilobytes, sharp at any print size, and easy to check.
    """

    width: float
    height: float
    strokes: tuple[tuple[tuple[float, float], ...], ...]

    def to_json(self) -> str:
        return json.dumps(
            {"width": self.width, "height": self.height, "strokes": self.strokes},
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Drawing:
        data = json.loads(text)
        return cls(
            width=float(data["width"]),
            height=float(data["height"]),
            strokes=tuple(tuple((float(x), float(y)) for x, y in s) for s in data["strokes"]),
        )


@dataclass(frozen=True)
class SignerEntry:
    """What a signer typed and ticked, as it came from the form or the command line."""

    given_name: str = ""
    family_name: str = ""
    postal_code: str = ""
    town: str = ""
    country: str = ""
    email: str = ""
    consents: Collection[str] = ()
    drawing: Drawing | Mapping[str, Any] | None = None
    signature_png: bytes | None = None
    wants_letter: bool = True


@dataclass(frozen=True)
class Signature:
    """One recorded signature. Immutable: a record is written once and never edited."""

    uuid: str
    case_id: str
    event_id: str
    kiosk_id: str
    signed_at: str
    language: str
    given_name: str
    family_name: str
    postal_code: str
    town: str
    country: str
    email: str
    consents: tuple[ConsentGiven, ...] = ()
    drawing: Drawing | None = None
    signature_png: bytes | None = field(default=None, repr=False)
    wants_letter: bool = True
    # In sealed mode (`privacy.public_key`) the personal fields above are empty: `sealed` holds
    # the names, postal code, town and email sealed to the organisation's key, and
    # `sealed_drawing` the drawn signature, if any (`kiosk.core.privacy`); None otherwise.
    sealed: bytes | None = field(default=None, repr=False)
    sealed_drawing: bytes | None = field(default=None, repr=False)

    @property
    def is_sealed(self) -> bool:
        """Whether the names, address, email and drawing are sealed (not readable here)."""
        return self.sealed is not None

    @property
    def has_drawing(self) -> bool:
        """Whether the signer drew a signature (kept in clear or sealed)."""
        return (
            self.drawing is not None
            or self.signature_png is not None
            or self.sealed_drawing is not None
        )

    @property
    def full_name(self) -> str:
        """The name as its owner writes it (family name first in Han, Kana or Hangul)."""
        return display_name(self.given_name, self.family_name)

    def consented(self, consent_id: str) -> bool:
        return any(c.id == consent_id and c.given for c in self.consents)

    def to_row(self) -> dict[str, Any]:
        """The record as a row of the `signatures` table (`sealed` only for a sealed one, so
        a clear record's row is what it was before sealing existed)."""
        row = {
            "uuid": self.uuid,
            "case_id": self.case_id,
            "event_id": self.event_id,
            "kiosk_id": self.kiosk_id,
            "signed_at": self.signed_at,
            "language": self.language,
            "given_name": self.given_name,
            "family_name": self.family_name,
            "postal_code": self.postal_code,
            "town": self.town,
            "country": self.country,
            "email": self.email,
            "consents": json.dumps(
                [{"id": c.id, "version": c.version, "given": c.given} for c in self.consents],
                separators=(",", ":"),
            ),
            "drawing": self.drawing.to_json() if self.drawing else None,
            "signature_png": self.signature_png,
            "wants_letter": int(self.wants_letter),
        }
        if self.sealed is not None:
            row["sealed"] = self.sealed
            row["sealed_drawing"] = self.sealed_drawing
        return row

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Signature:
        return cls(
            uuid=row["uuid"],
            case_id=row["case_id"],
            event_id=row["event_id"],
            kiosk_id=row["kiosk_id"],
            signed_at=row["signed_at"],
            language=row["language"],
            given_name=row["given_name"],
            family_name=row["family_name"],
            postal_code=row["postal_code"],
            town=row["town"],
            country=row["country"],
            email=row["email"],
            consents=tuple(
                ConsentGiven(c["id"], c["version"], bool(c["given"]))
                for c in json.loads(row["consents"])
            ),
            drawing=Drawing.from_json(row["drawing"]) if row["drawing"] else None,
            signature_png=row["signature_png"],
            wants_letter=bool(row["wants_letter"]),
            sealed=row.get("sealed"),  # a file older than sealing has no such columns
            sealed_drawing=row.get("sealed_drawing"),
        )

    def payload(self) -> dict[str, Any]:
        """What is delivered to the organisation: the record without the drawing's pixels.

        Frozen into the outbox at record time, so a later schema change cannot alter what a
        receiver sees for a record it may already have acknowledged.
        """
        row = self.to_row()
        row.pop("signature_png")
        row.pop("drawing")
        sealed = row.pop("sealed", None)
        row.pop("sealed_drawing", None)  # like the drawing itself, never delivered
        if sealed is not None:
            row["sealed"] = base64.b64encode(sealed).decode("ascii")
        row["consents"] = json.loads(row["consents"])
        row["wants_letter"] = self.wants_letter
        row["has_drawing"] = self.has_drawing
        return row


def new_uuid() -> str:
    """A record id made on the kiosk, so the same signature keeps one id on every system."""
    return str(uuid_module.uuid4())


def prepare(
    entry: SignerEntry,
    case: Case,
    *,
    event_id: str,
    kiosk_id: str,
    language: str,
    record_uuid: str | None = None,
    signed_at: str | None = None,
) -> Signature:
    """Clean and check `entry` for `case`, and return the signature to record.

    Raises :class:`InvalidSignatureError` with a code for every field that cannot be accepted.
    """
    codes: dict[str, str] = {}
    ticked = {clean(c) for c in entry.consents}
    email = _check_email(clean_optional(entry.email), codes)
    consents = _check_consents(case, ticked, email, codes)

    drawing = None
    try:
        drawing = _check_drawing(entry.drawing)
        _check_png(entry.signature_png)
    except ValueError:
        codes["drawing"] = "drawing_invalid"

    signature = Signature(
        uuid=record_uuid or new_uuid(),
        case_id=case.id,
        event_id=event_id,
        kiosk_id=kiosk_id,
        signed_at=signed_at or utc_now(),
        language=language,
        given_name=clean_optional(entry.given_name),
        family_name=clean_optional(entry.family_name),
        postal_code=clean(clean_optional(entry.postal_code).upper()),
        town=clean_optional(entry.town),
        country=clean_optional(entry.country).upper(),
        email=email,
        consents=consents,
        drawing=drawing,
        signature_png=entry.signature_png or None,
        wants_letter=entry.wants_letter,
    )
    for name, code in record_problems(signature).items():
        codes.setdefault(name, code)
    if codes:
        raise InvalidSignatureError({name: MESSAGES[code] for name, code in codes.items()}, codes)
    return signature


def is_id(value: object) -> bool:
    """Whether `value` is an id of a case, event, kiosk or consent: 1 to MAX_ID letters, digits,
    dots, hyphens or underscores, starting with a letter or digit. The whole text must be one
    (`fullmatch`: `$` alone would let a final newline through, making "k1\n" another "k1")."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def record_problems(signature: Signature) -> dict[str, str]:
    """What is wrong with a finished record, as a code per field (empty when nothing is).

    The one check of a record's form, shared by the kiosk (`prepare` ends with it) and by a
    collector (for each record it receives): ids, the time of signing, the language, names,
    town, postal code, country, email and consents, every text already in the clean form
    `kiosk.core.text.clean` gives. What depends on a case (which consents it has, which are
    required) is `prepare`'s alone: a collector does not hold the cases.
    """
    codes: dict[str, str] = {}
    if not _UUID.fullmatch(signature.uuid):
        codes["uuid"] = "uuid_invalid"
    for name in ("case_id", "event_id", "kiosk_id"):
        if not is_id(getattr(signature, name)):
            codes[name] = "id_invalid"
    if not _is_utc_time(signature.signed_at):
        codes["signed_at"] = "signed_at_invalid"
    if len(signature.language) > MAX_LANGUAGE or not _LANGUAGE_TAG.fullmatch(signature.language):
        codes["language"] = "language_invalid"
    if signature.sealed is not None:
        _check_sealed(signature, codes)
    else:
        _check_names(signature.given_name, signature.family_name, codes)
        _check_town(signature.town, codes)
        _check_postal_code(signature.postal_code, codes)
    if not is_country(signature.country):
        codes["country"] = "country_unknown"
    _check_stored_email(signature.email, codes)
    _check_consent_list(signature.consents, codes)
    for name in ("given_name", "family_name", "town", "postal_code", "email"):
        if name not in codes and getattr(signature, name) != clean(getattr(signature, name)):
            codes[name] = "text_not_clean"
    return codes


def _check_sealed(signature: Signature, codes: dict[str, str]) -> None:
    """A sealed record carries its personal fields only inside the seal, which must at least
    look like one (whether it opens, only the organisation's private key can tell)."""
    from kiosk.core.privacy.sealing import SealError, blob_key_id

    for name in ("given_name", "family_name", "postal_code", "town", "email"):
        if getattr(signature, name):
            codes[name] = "sealed_field_not_empty"
    try:
        blob_key_id(signature.sealed or b"")
    except SealError:
        codes["sealed"] = "sealed_invalid"


def _is_utc_time(value: str) -> bool:
    if not _UTC.fullmatch(value):
        return False
    try:
        moment = datetime.fromisoformat(value.removesuffix("Z"))  # year 0, month 99, 30 Feb
    except ValueError:
        return False
    # No clock reads before 1970; after 9998 some time zone could not show the local time.
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def _check_town(town: str, codes: dict[str, str]) -> None:
    if not town:
        codes["town"] = "town_missing"
    elif len(town) > MAX_TOWN:
        codes["town"] = "town_too_long"
    elif not has_letter(town):
        codes["town"] = "town_no_letter"


def _check_postal_code(postal_code: str, codes: dict[str, str]) -> None:
    if len(postal_code) > MAX_POSTAL_CODE:
        codes["postal_code"] = "postal_code_too_long"
    elif postal_code and not all(ch.isalnum() or ch in " -" for ch in postal_code):
        codes["postal_code"] = "postal_code_invalid"


def _check_stored_email(email: str, codes: dict[str, str]) -> None:
    if not email or "email" in codes:
        return
    if len(email) > MAX_EMAIL:
        codes["email"] = "email_too_long"
        return
    from email_validator import EmailNotValidError, validate_email  # see `_check_email`

    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        codes["email"] = "email_invalid"


def _check_consent_list(consents: tuple[ConsentGiven, ...], codes: dict[str, str]) -> None:
    if len(consents) > MAX_CONSENTS:
        codes["consents"] = "consents_too_many"
        return
    for consent in consents:
        if not is_id(consent.id) or not (
            0 < len(consent.version) <= MAX_ID and consent.version == clean(consent.version)
        ):
            codes["consents"] = "consent_invalid"
            return


def _check_names(given: str, family: str, codes: dict[str, str]) -> None:
    # A single name is a whole name (many people have only one): one of the two is enough.
    if not given and not family:
        codes["given_name"] = "name_missing"
        return
    for name, value in (("given_name", given), ("family_name", family)):
        if len(value) > MAX_NAME:
            codes[name] = "name_too_long"
        elif value and not has_letter(value):
            codes[name] = "name_no_letter"


def _check_email(email: str, codes: dict[str, str]) -> str:
    if not email:
        return ""
    if len(email) > MAX_EMAIL:
        codes["email"] = "email_too_long"
        return ""
    # Imported when an email is first checked: loading the library costs every `kiosk`
    # command about 35 ms of its start, and most commands check none.
    from email_validator import EmailNotValidError, validate_email

    try:
        # No DNS look-up: the kiosk is offline, and a typo'd domain is the signer's to fix.
        return validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError:
        codes["email"] = "email_invalid"
        return ""


def _check_consents(
    case: Case, ticked: set[str], email: str, codes: dict[str, str]
) -> tuple[ConsentGiven, ...]:
    known = {c.id for c in case.consents}
    for unknown in sorted(ticked - known):
        codes[f"consent_{unknown}"] = "consent_unknown"
    wants_email = False
    for consent in case.consents:
        given = consent.id in ticked
        if consent.required and not given:
            codes[f"consent_{consent.id}"] = "consent_required"
        if consent.requires_email and given:
            wants_email = True
            if not email and "email" not in codes:
                codes["email"] = "email_needed"
    if email and not wants_email and "email" not in codes:
        codes["email"] = "email_without_consent"
    return tuple(ConsentGiven(c.id, c.version, c.id in ticked) for c in case.consents)


def _check_drawing(drawing: Drawing | Mapping[str, Any] | None) -> Drawing | None:
    if drawing is None:
        return None
    if isinstance(drawing, Mapping):
        try:
            drawing = Drawing(
                width=float(drawing["width"]),
                height=float(drawing["height"]),
                strokes=tuple(
                    tuple((float(x), float(y)) for x, y in stroke) for stroke in drawing["strokes"]
                ),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError("malformed drawing") from exc
    if not (_finite_positive(drawing.width) and _finite_positive(drawing.height)):
        raise ValueError("bad pad size")
    strokes = [s for s in drawing.strokes if s]
    if len(strokes) > MAX_STROKES or sum(len(s) for s in strokes) > MAX_POINTS:
        raise ValueError("drawing too large")
    for stroke in strokes:
        for x, y in stroke:
            if not (math.isfinite(x) and math.isfinite(y)):
                raise ValueError("non-finite point")
            if not (0 <= x <= drawing.width and 0 <= y <= drawing.height):
                raise ValueError("point outside the pad")
    if not strokes:
        return None  # an empty pad is no signature
    return Drawing(drawing.width, drawing.height, tuple(strokes))


def _finite_positive(value: float) -> bool:
    return math.isfinite(value) and 0 < value <= 10_000


def _check_png(data: bytes | None) -> None:
    if not data:
        return
    if len(data) > MAX_PNG_BYTES or not data.startswith(PNG_MAGIC):
        raise ValueError("not a PNG image of a sensible size")
    from PIL import Image  # only for drawings that come as PNG (collectors, old exports)

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception as exc:  # Pillow raises many types for a broken file
        raise ValueError("broken PNG") from exc
