"""A signature sealed at record time, and opened again on the coordinator's machine.

What is sealed: the signer's names, postal code, town and email (`Signature.sealed`), and the
drawn signature (`Signature.sealed_drawing`), each in a blob of its own bound to the record.
What stays readable, so counts, the dashboard, the summary and delivery work on a kiosk that
cannot read the rest: the UUID, case, event, kiosk, time, language, country, consents, whether
a letter is wanted and whether a signature was drawn.

The delivered payload carries the same `sealed` blob as the kiosk's row and, as for a clear
record, never the drawing: a sealed record read back from a JSON Lines export or a collector is
then the very record the kiosk holds, and a merge of both keeps it once.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
from collections.abc import Iterable

from kiosk.core.privacy.keys import PrivateKey, PublicKey
from kiosk.core.privacy.sealing import SealError, open_sealed, record_aad, seal
from kiosk.core.signatures import Drawing, Signature

PERSONAL = ("given_name", "family_name", "postal_code", "town", "email")
# Readable fields sealed along with the names, as they were at record time: anyone can change
# them in an export, but not without the names they belong to no longer opening. Without this a
# consent to news could be ticked, or a date moved, in the file, and decrypt would not see it.
READABLE = ("signed_at", "kiosk_id", "language", "country", "consents")


def _readable(signature: Signature) -> dict:
    payload = signature.payload()
    return {name: payload[name] for name in READABLE}


def _aad(signature: Signature, part: str) -> bytes:
    return record_aad(signature.uuid, signature.case_id, signature.event_id, part)


def seal_signature(signature: Signature, key: PublicKey) -> tuple[Signature, dict]:
    """`signature` as the kiosk stores it in sealed mode, and the payload it delivers."""
    texts: dict = {name: getattr(signature, name) for name in PERSONAL}
    texts["readable"] = _readable(signature)
    png = signature.signature_png
    drawn = None
    if signature.drawing is not None or png is not None:
        drawing = {
            "drawing": signature.drawing.to_json() if signature.drawing else None,
            "signature_png": base64.b64encode(png).decode("ascii") if png else None,
        }
        drawn = seal(drawing, key, _aad(signature, "drawing"))
    sealed = dataclasses.replace(
        signature,
        **dict.fromkeys(PERSONAL, ""),
        drawing=None,
        signature_png=None,
        sealed=seal(texts, key, _aad(signature, "fields")),
        sealed_drawing=drawn,
    )
    return sealed, sealed.payload()


def open_signature(signature: Signature, keys: Iterable[PrivateKey]) -> Signature:
    """`signature` with its sealed fields (and drawing, where it was kept) opened; one that
    is not sealed comes back as it is. SealError when it does not open: no key for it, moved
    from another record, changed."""
    if signature.sealed is None:
        return signature
    keys = list(keys)
    fields = open_sealed(signature.sealed, keys, _aad(signature, "fields"))
    texts = {name: fields.get(name) for name in PERSONAL}
    if not all(isinstance(value, str) for value in texts.values()):
        raise SealError("opened, but its names, town or email are missing")
    if "readable" in fields:  # records sealed before it was added carry none
        sealed, now = fields["readable"], _readable(signature)
        if not isinstance(sealed, dict):
            raise SealError("opened, but holds no fields the kiosk writes")
        changed = [name for name in READABLE if sealed.get(name) != now[name]]
        if changed:
            raise SealError(
                f"its readable fields were changed ({', '.join(changed)}) after it was "
                "sealed: take the record from the kiosk's or collector's own database"
            )
    drawing = png = None
    if signature.sealed_drawing is not None:
        drawn = open_sealed(signature.sealed_drawing, keys, _aad(signature, "drawing"))
        try:
            drawing = Drawing.from_json(drawn["drawing"]) if drawn.get("drawing") else None
            png = drawn.get("signature_png")
            png = base64.b64decode(png, validate=True) if png else None
        except (ValueError, TypeError, KeyError, binascii.Error):
            raise SealError("opened, but its drawn signature cannot be read") from None
    return dataclasses.replace(
        signature, **texts, drawing=drawing, signature_png=png, sealed=None, sealed_drawing=None
    )
