"""Sealed blobs: open with the right key on the right record only."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.core.privacy.keys import new_key_pair, read_private_key
from kiosk.core.privacy.sealed_signatures import open_signature, seal_signature
from kiosk.core.privacy.sealing import SealError, open_sealed, record_aad, seal
from kiosk.core.signatures import prepare
from tests.conftest import anna

AAD = record_aad("3f0c1c2e-5d7e-4a51-9d0f-0b1e7d7c9a41", "case", "event")


def test_a_sealed_blob_opens_with_its_key_and_holds_no_readable_field(key_pair):
    public, private = key_pair
    blob = seal({"town": "Zürich"}, public, AAD)
    assert "Zürich".encode() not in blob
    assert open_sealed(blob, [private], AAD) == {"town": "Zürich"}


def test_the_same_fields_sealed_twice_give_different_blobs(key_pair):
    public, _ = key_pair
    assert seal({"town": "Bern"}, public, AAD) != seal({"town": "Bern"}, public, AAD)


def test_a_blob_moved_to_another_record_does_not_open(key_pair):
    public, private = key_pair
    blob = seal({"town": "Bern"}, public, AAD)
    for other in (
        record_aad("00000000-5d7e-4a51-9d0f-0b1e7d7c9a41", "case", "event"),
        record_aad("3f0c1c2e-5d7e-4a51-9d0f-0b1e7d7c9a41", "other-case", "event"),
        record_aad("3f0c1c2e-5d7e-4a51-9d0f-0b1e7d7c9a41", "case", "other-event"),
    ):
        with pytest.raises(SealError, match="moved from another record"):
            open_sealed(blob, [private], other)


def test_a_blob_changed_by_one_bit_does_not_open(key_pair):
    public, private = key_pair
    blob = bytearray(seal({"town": "Bern"}, public, AAD))
    blob[-1] ^= 1
    with pytest.raises(SealError, match="changed"):
        open_sealed(bytes(blob), [private], AAD)


def test_a_blob_picks_its_own_key_among_several_and_names_a_missing_one(tmp_path, key_pair):
    public, private = key_pair
    _, other_path, _ = new_key_pair(tmp_path / "other")
    other = read_private_key(other_path)
    blob = seal({"town": "Bern"}, public, AAD)
    assert open_sealed(blob, [other, private], AAD) == {"town": "Bern"}
    with pytest.raises(SealError, match=f"sealed to key {public.id.hex()}.*--key"):
        open_sealed(blob, [other], AAD)


def test_garbage_is_said_to_be_no_sealed_record(key_pair):
    with pytest.raises(SealError, match="not a sealed record"):
        open_sealed(b"hello", [key_pair[1]], AAD)


def test_a_sealed_signature_opens_back_to_exactly_what_was_signed(case, key_pair):
    public, private = key_pair
    drawing = {"width": 100, "height": 50, "strokes": [[(1, 2), (3, 4)]]}
    signature = prepare(
        anna(email="anna@example.org", consents={"sign", "updates"}, drawing=drawing),
        case,
        event_id="bern-2026",
        kiosk_id="kiosk-1",
        language="de",
    )
    sealed, payload = seal_signature(signature, public)
    assert sealed.is_sealed and sealed.full_name == "" and sealed.drawing is None
    assert payload["given_name"] == "" and payload["has_drawing"] is True
    assert open_signature(sealed, [private]) == signature
    moved = dataclasses.replace(sealed, uuid="00000000-0000-4000-8000-000000000000")
    with pytest.raises(SealError, match="moved"):
        open_signature(moved, [private])
