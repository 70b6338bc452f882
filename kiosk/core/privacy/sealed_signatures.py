"""A signature sealed at record time, and opened again on the coordinator's machine.

What is sealed: the signer's names, postal code, town, email and drawn signature. What stays
readable, so counts, the dashboard, the summary and delivery work on a kiosk that cannot read
the rest: the UUID, case, event, kiosk, time, language, country, consents and whether a letter
is wanted.

A sealed signature carries two blobs bound to the same record: the one in the kiosk's own row
holds everything personal (the drawing too, for the letters a coordinator prints later); the
one in the delivered payload holds the text fields only, as a payload never carries the
drawing's pixels (and a collector takes records of at most 16 KB).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
from collections.abc import Iterable
from typing import Any

from kiosk.core.privacy.keys import PrivateKey, PublicKey
from kiosk.core.privacy.sealing import SealError, open_sealed, record_aad, seal
from kiosk.core.signatures import Drawing, Signature

PERSONAL = ("given_name", "family_name", "postal_code", "town", "email")


def _aad(signature: Signature) -> bytes:
    return record_aad(signature.uuid, signature.case_id, signature.event_id)


def seal_signature(signature: Signature, key: PublicKey) -> tuple[Signature, dict[str, Any]]:
    """`signature` as the kiosk stores it in sealed mode, and the payload it delivers."""
    aad = _aad(signature)
    texts = {name: getattr(signature, name) for name in PERSONAL}
    png = signature.signature_png
    everything = {
        **texts,
        "drawing": signature.drawing.to_json() if signature.drawing else None,
        "signature_png": base64.b64encode(png).decode("ascii") if png else None,
    }
    sealed = dataclasses.replace(
        signature,
        **dict.fromkeys(PERSONAL, ""),
        drawing=None,
        signature_png=None,
        sealed=seal(everything, key, aad),
    )
    payload = sealed.payload()
    payload["sealed"] = base64.b64encode(seal(texts, key, aad)).decode("ascii")
    payload["has_drawing"] = signature.drawing is not None or png is not None
    return sealed, payload


def open_signature(signature: Signature, keys: Iterable[PrivateKey]) -> Signature:
    """`signature` with its sealed fields opened (one that is not sealed comes back as it
    is). SealError when it does not open: wrong keys, moved from another record, changed."""
    if signature.sealed is None:
        return signature
    fields = open_sealed(signature.sealed, keys, _aad(signature))
    texts = {name: fields.get(name) for name in PERSONAL}
    if not all(isinstance(value, str) for value in texts.values()):
        raise SealError("opened, but its names, town or email are missing")
    try:
        drawing = Drawing.from_json(fields["drawing"]) if fields.get("drawing") else None
        png = fields.get("signature_png")
        png = base64.b64decode(png, validate=True) if png else None
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise SealError("opened, but its drawn signature cannot be read") from None
    return dataclasses.replace(signature, **texts, drawing=drawing, signature_png=png, sealed=None)
