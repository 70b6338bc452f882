"""A record that arrives from elsewhere (a kiosk's delivery, a JSON Lines export), checked.

Nothing from outside is trusted. A record is first bounded in size, then read for the types of
its fields (`RecordIn`), then checked by the very function that checks a record on the kiosk
(`kiosk.core.signatures.record_problems`): a receiver stores no record the kiosk itself would
have refused. What is wrong is given back as 'field: why' for every field at once.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from kiosk.core.signatures import (
    MAX_RECORD_BYTES,
    MESSAGES,
    ConsentGiven,
    Signature,
    record_problems,
)


class RecordRefusedError(ValueError):
    """A received record cannot be kept; the message says why, field by field."""


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    id: str
    version: str
    given: bool


class RecordIn(BaseModel):
    """A delivered record, as `Signature.payload` writes it: the types of its fields (their
    form is `record_problems`'). Unknown extra keys are kept, within MAX_RECORD_BYTES."""

    model_config = ConfigDict(extra="allow", strict=True)
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
    consents: list[ConsentIn]
    wants_letter: bool
    has_drawing: bool = False
    sealed: str | None = None  # base64: the personal fields sealed (then the fields are empty)

    def signature(self) -> Signature:
        sealed = None
        if self.sealed is not None:
            try:
                sealed = base64.b64decode(self.sealed, validate=True)
            except (ValueError, binascii.Error):
                raise RecordRefusedError("sealed: not base64 text") from None
        return Signature(
            uuid=self.uuid,
            case_id=self.case_id,
            event_id=self.event_id,
            kiosk_id=self.kiosk_id,
            signed_at=self.signed_at,
            language=self.language,
            given_name=self.given_name,
            family_name=self.family_name,
            postal_code=self.postal_code,
            town=self.town,
            country=self.country,
            email=self.email,
            consents=tuple(ConsentGiven(c.id, c.version, c.given) for c in self.consents),
            wants_letter=self.wants_letter,
            sealed=sealed,
        )


def received_signature(data: Any) -> Signature:
    """The signature in a received record `data` (parsed JSON), or RecordRefusedError."""
    if not isinstance(data, dict):
        raise RecordRefusedError("record: not a JSON object")
    try:
        size = len(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except (RecursionError, ValueError):
        raise RecordRefusedError("record: nested too deeply") from None
    if size > MAX_RECORD_BYTES:
        raise RecordRefusedError(f"record: {size} bytes, more than {MAX_RECORD_BYTES} allowed")
    try:
        signature = RecordIn.model_validate(data).signature()
    except ValidationError as exc:
        raise RecordRefusedError(reason(exc)) from None
    problems = record_problems(signature)
    if problems:
        raise RecordRefusedError(
            "; ".join(f"{field}: {MESSAGES[code]}" for field, code in problems.items())
        )
    return signature


def exported_signature(data: Any) -> Signature:
    """The signature in one line of a JSON Lines export (parsed), read for its types only:
    the coordinator's own file, whose sealed records may carry a drawing beyond a delivered
    record's size. RecordRefusedError when it is no record."""
    if not isinstance(data, dict):
        raise RecordRefusedError("record: not a JSON object")
    try:
        return RecordIn.model_validate(data).signature()
    except ValidationError as exc:
        raise RecordRefusedError(reason(exc)) from None


def reason(error: ValidationError) -> str:
    """What is wrong with a record's types, as 'field: what' for each field."""
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}" for e in error.errors()
    )
