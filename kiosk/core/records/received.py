"""A record that arrives from elsewhere (a kiosk's delivery, a JSON Lines export), checked.

Nothing from outside is trusted: every field is checked for type, length and form before a
record is stored, and the check's first complaint is the reason given back.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from kiosk.core.signatures import (
    MAX_CONSENTS,
    MAX_EMAIL,
    MAX_ID,
    MAX_LANGUAGE,
    MAX_NAME,
    MAX_POSTAL_CODE,
    MAX_TOWN,
    ConsentGiven,
    Signature,
)

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
UTC_PATTERN = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$"

Text = Annotated[str, StringConstraints(max_length=MAX_EMAIL)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID)]


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Id
    version: Id
    given: bool


class RecordIn(BaseModel):
    """A delivered record, as `Signature.payload` writes it; unknown extra keys are kept."""

    model_config = ConfigDict(extra="allow")
    uuid: Annotated[str, StringConstraints(pattern=UUID_PATTERN)]
    case_id: Id
    event_id: Id
    kiosk_id: Id
    signed_at: Annotated[str, StringConstraints(pattern=UTC_PATTERN)]
    language: Annotated[str, StringConstraints(min_length=2, max_length=MAX_LANGUAGE)]
    given_name: Annotated[str, StringConstraints(max_length=MAX_NAME)]
    family_name: Annotated[str, StringConstraints(max_length=MAX_NAME)]
    postal_code: Annotated[str, StringConstraints(max_length=MAX_POSTAL_CODE)]
    town: Annotated[str, StringConstraints(min_length=1, max_length=MAX_TOWN)]
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    email: Text
    consents: Annotated[list[ConsentIn], Field(max_length=MAX_CONSENTS)]
    wants_letter: bool
    has_drawing: bool = False

    def signature(self) -> Signature:
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
        )


def reason(error: ValidationError) -> str:
    """The first thing wrong with a record, as 'field: what'."""
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "record"
    return f"{where}: {first['msg']}"
