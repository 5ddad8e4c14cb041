"""Signed badge tokens: the text inside each badge's QR code.

A token is ``base32(payload + signature)`` with RFC 4648 upper-case base32 and no
padding. The payload is a fixed 9-byte struct (format, fair, person, version) and
the signature is Ed25519 (64 bytes), so every token is exactly 117 characters from
``A–Z2–7``. That alphabet lies inside QR's alphanumeric mode (5.5 bits per
character instead of 8), so a token fits a version 5 QR code (37 × 37 modules) at
error correction level M.

The door scanner holds only the public key: it can check a badge offline, but
cannot mint one.
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
import struct
from typing import Literal, NamedTuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

__all__ = [
    "TOKEN_LENGTH",
    "InvalidToken",
    "TokenData",
    "generate_keypair",
    "token_normalise",
    "token_sign",
    "token_verify",
]

FORMAT_VERSION = 1
# format (u8), fair id (u16), person id (u32), badge version (u16); big endian.
_PAYLOAD = struct.Struct(">BHIH")
_SIGNATURE_SIZE = 64
_RAW_SIZE = _PAYLOAD.size + _SIGNATURE_SIZE  # 73 bytes
TOKEN_LENGTH = -(-_RAW_SIZE * 8 // 5)  # ceil(584 / 5) == 117 characters
# Signed together with the payload but never transmitted, so a signature made by
# the same key for some other purpose can never pass as a badge.
_CONTEXT = b"praktikmesse/badge\x00"
_PADDING = "=" * (-TOKEN_LENGTH % 8)
_ALPHABET = re.compile(r"[A-Z2-7]+")
_WHITESPACE = re.compile(r"\s+")

MAX_FAIR_ID = 0xFFFF
MAX_PERSON_ID = 0xFFFF_FFFF
MAX_VERSION = 0xFFFF

Reason = Literal["malformed", "bad_signature", "wrong_fair"]


class InvalidToken(Exception):
    """A scanned token that must not open the door.

    ``reason`` is one of a closed set: ``"malformed"`` (not a badge token at all:
    garbage, truncated, unknown format), ``"bad_signature"`` (altered, or signed
    by another key) or ``"wrong_fair"`` (genuine, but for another fair).
    """

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason)
        self.reason: Reason = reason


class TokenData(NamedTuple):
    """What a verified token says."""

    fair_id: int
    person_id: int
    version: int


def generate_keypair() -> tuple[str, str]:
    """Return a new (private key as PKCS#8 PEM, public key as base64 of its 32 raw bytes)."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return pem, base64.b64encode(raw).decode("ascii")


def token_normalise(text: str) -> str:
    """Return scanner or keyboard input as a canonical token: no whitespace, upper case."""
    # Handheld scanners act as keyboards: they type the text followed by Enter
    # (sometimes Tab), and with Caps Lock on they type it in lower case.
    return _WHITESPACE.sub("", text).upper()


def token_sign(
    *, private_key: Ed25519PrivateKey | str | bytes, fair_id: int, person_id: int, version: int
) -> str:
    """Return the QR text for one badge, signed with the fair's private key."""
    for name, value, limit in (
        ("fair_id", fair_id, MAX_FAIR_ID),
        ("person_id", person_id, MAX_PERSON_ID),
        ("version", version, MAX_VERSION),
    ):
        if not 0 <= value <= limit:
            raise ValueError(f"{name} must be in 0..{limit}, got {value}")
    payload = _PAYLOAD.pack(FORMAT_VERSION, fair_id, person_id, version)
    signature = _load_private(private_key).sign(_CONTEXT + payload)
    token = base64.b32encode(payload + signature).decode("ascii").rstrip("=")
    assert len(token) == TOKEN_LENGTH
    return token


def token_verify(
    *, public_key: Ed25519PublicKey | str | bytes, token: str, fair_id: int | None = None
) -> TokenData:
    """Return the data of a genuine token, or raise InvalidToken."""
    text = token_normalise(token)
    if len(text) != TOKEN_LENGTH or not _ALPHABET.fullmatch(text):
        raise InvalidToken("malformed")
    try:
        raw = base64.b32decode(text + _PADDING)
    except binascii.Error:
        raise InvalidToken("malformed") from None
    # The last character carries one unused bit; without this check two
    # different texts would decode to the same bytes and a changed character
    # could go unnoticed.
    if base64.b32encode(raw).decode("ascii").rstrip("=") != text:
        raise InvalidToken("malformed")
    payload, signature = raw[: _PAYLOAD.size], raw[_PAYLOAD.size :]
    fmt, token_fair, person_id, version = _PAYLOAD.unpack(payload)
    if fmt != FORMAT_VERSION:
        raise InvalidToken("malformed")
    try:
        _load_public(public_key).verify(signature, _CONTEXT + payload)
    except InvalidSignature:
        raise InvalidToken("bad_signature") from None
    # Checked after the signature so "wrong fair" is only ever said of genuine badges.
    if fair_id is not None and token_fair != fair_id:
        raise InvalidToken("wrong_fair")
    return TokenData(token_fair, person_id, version)


def _load_private(key: Ed25519PrivateKey | str | bytes) -> Ed25519PrivateKey:
    if isinstance(key, Ed25519PrivateKey):
        return key
    return _parse_private(key if isinstance(key, bytes) else key.encode("ascii"))


# Cached because the door scanner verifies with the same key string hundreds of
# times a minute; parsing PEM costs more than the signature check.
@functools.lru_cache(maxsize=8)
def _parse_private(data: bytes) -> Ed25519PrivateKey:
    data = data.strip()
    if data.startswith(b"-----BEGIN"):
        key = serialization.load_pem_private_key(data, password=None)
    else:
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(data, validate=True))
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("badge signing key must be an Ed25519 key")
    return key


def _load_public(key: Ed25519PublicKey | str | bytes) -> Ed25519PublicKey:
    if isinstance(key, Ed25519PublicKey):
        return key
    return _parse_public(key if isinstance(key, bytes) else key.encode("ascii"))


@functools.lru_cache(maxsize=8)
def _parse_public(data: bytes) -> Ed25519PublicKey:
    data = data.strip()
    if data.startswith(b"-----BEGIN"):
        key = serialization.load_pem_public_key(data)
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("badge verification key must be an Ed25519 key")
        return key
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(data, validate=True))
