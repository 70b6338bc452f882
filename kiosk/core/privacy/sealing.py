"""Sealing a record's personal fields to the organisation's public key, and opening them.

The construction is HPKE (RFC 9180) as `cryptography` implements it, in base mode with
DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and ChaCha20-Poly1305: a fresh ephemeral key per
blob, so the kiosk that sealed a record holds nothing that opens it again. The record's
identity (UUID, case, event) goes into HPKE's `info`, which the key schedule binds to the
ciphertext (RFC 9180, section 8.1, for single-shot use): a blob copied onto another record
does not open there.

A blob is `MAGIC`, the key id of the public key it was sealed to (`keys.key_id`), then
HPKE's encapsulated key and ciphertext. The plaintext is the fields as compact JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from cryptography.hazmat.primitives import hpke

from kiosk.core.privacy.keys import KEY_ID_BYTES, PrivateKey, PublicKey

MAGIC = b"ks1"
_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
_ENC_BYTES = 32  # X25519's encapsulated key
_TAG_BYTES = 16
MIN_BLOB = len(MAGIC) + KEY_ID_BYTES + _ENC_BYTES + _TAG_BYTES


class SealError(ValueError):
    """A blob that does not open; the message says why, without any of its content."""


def record_aad(uuid: str, case_id: str, event_id: str, part: str = "fields") -> bytes:
    """What binds a blob to its record (and to its `part` of it: the fields, the drawing):
    the context of the seal, not a secret."""
    return json.dumps(["kiosk-seal/1", uuid, case_id, event_id, part]).encode("utf-8")


def seal(fields: Mapping[str, Any], key: PublicKey, aad: bytes) -> bytes:
    """`fields` (JSON values) sealed to `key`, bound to `aad`."""
    plain = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return MAGIC + key.id + _SUITE.encrypt(plain, key.key, info=aad)


def blob_key_id(blob: bytes) -> bytes:
    """The id of the key `blob` was sealed to; SealError when it is no blob at all."""
    if len(blob) < MIN_BLOB or not blob.startswith(MAGIC):
        raise SealError("not a sealed record (damaged, or not written by a kiosk)")
    return blob[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES]


def open_sealed(blob: bytes, keys: Iterable[PrivateKey], aad: bytes) -> dict[str, Any]:
    """The fields sealed in `blob`, opened with whichever of `keys` it was sealed to.

    SealError when none of them is that key, or when the blob does not belong to `aad`'s
    record (moved from another record) or was changed.
    """
    wanted = blob_key_id(blob)
    key = next((k for k in keys if k.id == wanted), None)
    if key is None:
        raise SealError(
            f"sealed to key {wanted.hex()}, which is not among the keys given "
            "(give the private key of that time with another --key)"
        )
    try:
        plain = _SUITE.decrypt(blob[len(MAGIC) + KEY_ID_BYTES :], key.key, info=aad)
    except Exception:  # cryptography raises InvalidTag and others alike: one answer
        raise SealError(
            "does not open with its key: it was moved from another record or changed"
        ) from None
    try:
        fields = json.loads(plain)
    except ValueError:
        raise SealError("opened, but holds no fields the kiosk writes") from None
    if not isinstance(fields, dict):
        raise SealError("opened, but holds no fields the kiosk writes")
    return fields
