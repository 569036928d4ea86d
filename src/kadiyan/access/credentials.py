"""Passwords, session ids, API tokens and CSRF tokens.

Passwords are hashed with argon2id (argon2-cffi's defaults); session ids and API tokens are
random and only their SHA-256 is stored, so a copy of the database opens no session.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
MIN_PASSWORD = 10
TOKEN_PREFIX = "kdn_"  # lets a leaked token be recognised by secret scanners


def hash_password(password: str) -> str:
    """An argon2id hash of `password`; ValueError when it is too short to be safe."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)


def check_password(stored: str, password: str) -> bool:
    """Whether `password` matches the stored hash (False for a malformed hash too)."""
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token(prefix: str = "") -> str:
    """A random token of 256 bits, URL-safe."""
    return prefix + secrets.token_urlsafe(32)


def new_api_token() -> str:
    """A new API token; shown once to its owner, stored only as its digest."""
    return new_token(TOKEN_PREFIX)


def digest(token: str) -> str:
    """The SHA-256 hex digest under which a session id or an API token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    """Compare two secrets in constant time."""
    return hmac.compare_digest(a.encode(), b.encode())


@cache
def decoy_hash() -> str:
    """A hash no password matches, checked when a user does not exist.

    An unknown name then takes as long to refuse as a wrong password, so timing does not
    tell which names exist.
    """
    return _HASHER.hash(new_token())
