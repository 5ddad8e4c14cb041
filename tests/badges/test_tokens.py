"""Signed badge tokens: round trip, tamper evidence, size."""

from __future__ import annotations

import base64
import re

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from badges.tokens import (
    TOKEN_LENGTH,
    InvalidToken,
    TokenData,
    generate_keypair,
    token_normalise,
    token_sign,
    token_verify,
)

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
# QR alphanumeric mode: digits, upper case, space and $%*+-./:
QR_ALPHANUMERIC = re.compile(r"[0-9A-Z $%*+\-./:]+")


@pytest.fixture(scope="module")
def keys() -> tuple[str, str]:
    return generate_keypair()


@pytest.fixture(scope="module")
def token(keys: tuple[str, str]) -> str:
    return token_sign(private_key=keys[0], fair_id=7, person_id=123_456, version=2)


def test_round_trip(keys: tuple[str, str], token: str) -> None:
    assert token_verify(public_key=keys[1], token=token) == TokenData(7, 123_456, 2)
    assert token_verify(public_key=keys[1], token=token, fair_id=7).person_id == 123_456


def test_round_trip_at_the_limits(keys: tuple[str, str]) -> None:
    for fair_id, person_id, version in [(0, 0, 0), (65_535, 4_294_967_295, 65_535)]:
        text = token_sign(
            private_key=keys[0], fair_id=fair_id, person_id=person_id, version=version
        )
        assert token_verify(public_key=keys[1], token=text) == (fair_id, person_id, version)


def test_out_of_range_ids_are_refused(keys: tuple[str, str]) -> None:
    with pytest.raises(ValueError, match="person_id"):
        token_sign(private_key=keys[0], fair_id=1, person_id=2**32, version=1)
    with pytest.raises(ValueError, match="fair_id"):
        token_sign(private_key=keys[0], fair_id=-1, person_id=1, version=1)


def test_length_and_alphabet_fit_qr_alphanumeric_mode(keys: tuple[str, str]) -> None:
    assert TOKEN_LENGTH == 117
    # Version 5-M holds 122 alphanumeric characters: the token must stay below that.
    assert TOKEN_LENGTH <= 122
    for person_id in (1, 99, 1_000_000):
        text = token_sign(private_key=keys[0], fair_id=3, person_id=person_id, version=1)
        assert len(text) == TOKEN_LENGTH
        assert set(text) <= set(ALPHABET)
        assert QR_ALPHANUMERIC.fullmatch(text)


def test_every_single_altered_character_fails(keys: tuple[str, str], token: str) -> None:
    for i, original in enumerate(token):
        for replacement in ALPHABET:
            if replacement == original:
                continue
            altered = token[:i] + replacement + token[i + 1 :]
            with pytest.raises(InvalidToken) as caught:
                token_verify(public_key=keys[1], token=altered)
            assert caught.value.reason in {"malformed", "bad_signature"}


def test_other_fair_fails(keys: tuple[str, str], token: str) -> None:
    with pytest.raises(InvalidToken) as caught:
        token_verify(public_key=keys[1], token=token, fair_id=8)
    assert caught.value.reason == "wrong_fair"


def test_other_key_fails(token: str) -> None:
    _, other_public = generate_keypair()
    with pytest.raises(InvalidToken) as caught:
        token_verify(public_key=other_public, token=token)
    assert caught.value.reason == "bad_signature"


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "\n",
        "HELLO",
        "https://example.com/badge/123",
        "A" * 117,
        "1" * 117,  # right length, outside the base32 alphabet
        "Æ" * 117,
        "A" * 118,
        "A" * 116,
    ],
)
def test_garbage_fails(keys: tuple[str, str], garbage: str) -> None:
    with pytest.raises(InvalidToken) as caught:
        token_verify(public_key=keys[1], token=garbage)
    assert caught.value.reason in {"malformed", "bad_signature"}


def test_truncated_and_extended_tokens_fail(keys: tuple[str, str], token: str) -> None:
    for text in (token[:-1], token + "A", token[1:], "A" + token[:-1]):
        with pytest.raises(InvalidToken):
            token_verify(public_key=keys[1], token=text)


def test_unknown_format_version_is_malformed(keys: tuple[str, str]) -> None:
    # A correctly signed payload with format byte 2 (as a future format would be).
    private = Ed25519PrivateKey.from_private_bytes(b"\x01" * 32)
    public = base64.b64encode(private.public_key().public_bytes_raw()).decode()
    payload = bytes([2, 0, 1, 0, 0, 0, 5, 0, 1])
    raw = payload + private.sign(b"praktikmesse/badge\x00" + payload)
    text = base64.b32encode(raw).decode().rstrip("=")
    with pytest.raises(InvalidToken) as caught:
        token_verify(public_key=public, token=text)
    assert caught.value.reason == "malformed"


def test_signature_over_payload_alone_is_refused(keys: tuple[str, str]) -> None:
    # Without the context prefix a signature made for something else must not pass.
    private = Ed25519PrivateKey.from_private_bytes(b"\x02" * 32)
    public = base64.b64encode(private.public_key().public_bytes_raw()).decode()
    payload = bytes([1, 0, 1, 0, 0, 0, 5, 0, 1])
    text = base64.b32encode(payload + private.sign(payload)).decode().rstrip("=")
    with pytest.raises(InvalidToken):
        token_verify(public_key=public, token=text)


def test_scanner_input_is_normalised(keys: tuple[str, str], token: str) -> None:
    typed = " " + token.lower()[:50] + "\r\n" + token.lower()[50:] + "\n"
    assert token_normalise(typed) == token
    assert token_verify(public_key=keys[1], token=typed).person_id == 123_456
    assert token_normalise("\tab c\r\n") == "ABC"


def test_keys_are_accepted_in_every_documented_form(keys: tuple[str, str]) -> None:
    private_pem, public_b64 = keys
    private = Ed25519PrivateKey.from_private_bytes(b"\x03" * 32)
    raw_private_b64 = base64.b64encode(private.private_bytes_raw()).decode()
    public = private.public_key()
    for signing_key in (private, raw_private_b64, raw_private_b64.encode()):
        text = token_sign(private_key=signing_key, fair_id=1, person_id=2, version=3)
        assert token_verify(public_key=public, token=text) == (1, 2, 3)
    text = token_sign(private_key=private_pem.encode(), fair_id=1, person_id=2, version=3)
    assert token_verify(public_key=public_b64.encode(), token=text) == (1, 2, 3)
    assert private_pem.startswith("-----BEGIN PRIVATE KEY-----")
    assert len(base64.b64decode(public_b64)) == 32


def test_signing_is_deterministic(keys: tuple[str, str]) -> None:
    # Ed25519 is deterministic: reprinting a badge yields the identical QR code.
    first = token_sign(private_key=keys[0], fair_id=1, person_id=2, version=3)
    assert first == token_sign(private_key=keys[0], fair_id=1, person_id=2, version=3)
