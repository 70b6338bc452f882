"""The organisation's key pair for sealed records, written as short texts.

A public key is an X25519 key written as `kioskpk1_` and 48 base64url characters: 32 bytes
of key and 4 of a checksum, so a key cut short or mistyped while copying it into a config file
or a provisioning QR code is refused with a clear message instead of sealing records to a key
nobody holds. A private key is the same with `kiosksk1_`, in a file only its owner can read.
Each key has a short id (`key_id`), written into every blob sealed to it, so `kiosk decrypt`
given several private keys (after a rotation) picks the right one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import x25519
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from kiosk.core import files
from kiosk.core.errors import KeyFileError, KeyFileExistsError

PUBLIC_PREFIX = "kioskpk1_"
PRIVATE_PREFIX = "kiosksk1_"
KEY_ID_BYTES = 8
_CHECK_BYTES = 4
PUBLIC_FILE = "kiosk-public-key.txt"
PRIVATE_FILE = "kiosk-private-key.txt"


def key_id(public: x25519.X25519PublicKey) -> bytes:
    """The 8 bytes that name a key pair inside each blob sealed to it."""
    return hashlib.sha256(b"kiosk-key-id\0" + _raw_public(public)).digest()[:KEY_ID_BYTES]


@dataclass(frozen=True)
class PublicKey:
    """A public key from `privacy.public_key`: what a kiosk seals to."""

    key: x25519.X25519PublicKey
    id: bytes

    @property
    def text(self) -> str:
        return _encode(PUBLIC_PREFIX, _raw_public(self.key))


@dataclass(frozen=True)
class PrivateKey:
    """A private key read from its file: what opens the records sealed to its public key."""

    key: x25519.X25519PrivateKey
    id: bytes
    source: str

    @property
    def public(self) -> PublicKey:
        return PublicKey(self.key.public_key(), self.id)


def _raw_public(public: x25519.X25519PublicKey) -> bytes:
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _checksum(prefix: str, raw: bytes) -> bytes:
    return hashlib.sha256(prefix.encode() + raw).digest()[:_CHECK_BYTES]


def _encode(prefix: str, raw: bytes) -> str:
    data = raw + _checksum(prefix, raw)
    return prefix + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _decode(prefix: str, text: str, what: str) -> bytes:
    """The 32 key bytes of `text`, or a message saying what is wrong with it."""
    text = text.strip()
    if not text.startswith(prefix):
        raise ValueError(f"{what} must start with '{prefix}' (as `kiosk keys new` writes it)")
    body = text[len(prefix) :]
    try:
        data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        data = b""
    if len(data) != 32 + _CHECK_BYTES or data[32:] != _checksum(prefix, data[:32]):
        raise ValueError(
            f"{what} is damaged or cut short ({len(text)} characters where "
            f"{len(prefix) + 48} are expected): copy it again whole from the file "
            "`kiosk keys new` wrote"
        )
    return data[:32]


def parse_public_key(text: str) -> PublicKey:
    """The public key written in `text`; ValueError saying what is wrong with it."""
    raw = _decode(PUBLIC_PREFIX, text, "a public key")
    public = x25519.X25519PublicKey.from_public_bytes(raw)
    return PublicKey(public, key_id(public))


def read_private_key(path: Path) -> PrivateKey:
    """The private key in the file at `path` (comment lines starting with '#' are skipped)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()  # Notepad may add a BOM
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not a text file"
        raise KeyFileError(f"The private key file {path} cannot be read: {why}.") from None
    texts = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    try:
        if len(texts) != 1:
            raise ValueError(f"a key file holds one line starting with '{PRIVATE_PREFIX}'")
        raw = _decode(PRIVATE_PREFIX, texts[0], "a private key")
    except ValueError as exc:
        hint = (
            " (this is the public key; give the private one)"
            if any(t.startswith(PUBLIC_PREFIX) for t in texts)
            else ""
        )
        raise KeyFileError(f"The file {path} holds no usable private key: {exc}{hint}.") from None
    private = x25519.X25519PrivateKey.from_private_bytes(raw)
    return PrivateKey(private, key_id(private.public_key()), str(path))


def new_key_pair(folder: Path) -> tuple[Path, Path, PublicKey]:
    """Make a key pair; write the public key and the private key (0600) into `folder`.

    Refuses (`KeyFileExistsError`) when either file is there already: overwriting a private
    key would leave every record sealed to it unreadable for ever.
    """
    folder = Path(folder)
    public_path, private_path = folder / PUBLIC_FILE, folder / PRIVATE_FILE
    for path in (public_path, private_path):
        if path.exists():
            raise KeyFileExistsError(
                f"{path} exists already: nothing was written. Keys are never overwritten (the "
                "records sealed to the old key would be lost); choose another folder."
            )
    private = x25519.X25519PrivateKey.generate()
    public = PublicKey(private.public_key(), key_id(private.public_key()))
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    files.make_folder(folder)
    private_text = (
        "# The private key of sealed kiosk records: it opens every record sealed to\n"
        f"# {public.text}\n"
        "# Keep it on the coordinator's machine (and a backup offline); never on a kiosk.\n"
        f"{_encode(PRIVATE_PREFIX, raw)}\n"
    )
    files.write_new(private_path, private_text.encode("ascii"))
    files.write_new(public_path, f"{public.text}\n".encode("ascii"))
    return public_path, private_path, public
