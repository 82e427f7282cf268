"""Operator passwords: scrypt hashing (standard library), verification, password rules and lockout."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from models.errors import LedgerError

# scrypt with N=2^16, r=8 (64 MiB, about a third of a second): slow for anyone guessing passwords
# from a stolen database file, still quick for a clerk logging in. The parameters travel with each
# hash, so raising them later does not invalidate existing passwords.
SCRYPT_N = 2**16
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8

_SCHEME = "scrypt"


class LoginFailed(LedgerError):
    """Wrong user name or password, a disabled account, or a locked one; the message says which."""

    code = "login_failed"
    template = "{reason}"

    def __init__(self, reason: str) -> None:
        super().__init__(None, None, reason)


def hash_password(password: str) -> str:
    """`scrypt$N$r$p$salt$key`, salt and key in base64."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join((_SCHEME, str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(key)))


def verify_password(password: str, stored: str) -> bool:
    """Constant-time comparison; a malformed stored hash never matches (and never raises)."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = base64.b64decode(key)
        actual = _derive(password, base64.b64decode(salt), int(n), int(r), int(p), len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    """True when a hash was made with weaker parameters than the current ones."""
    parts = stored.split("$")
    return (
        len(parts) != 6
        or parts[0] != _SCHEME
        or parts[1:4] != [str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P)]
    )


def _derive(password: str, salt: bytes, n: int, r: int, p: int, length: int = KEY_BYTES) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=length
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def check_password_rules(password: Any, username: str = "") -> str:
    """The password as given, or a Chinese refusal saying what a good one looks like."""
    from models.errors import InvalidValue

    if not isinstance(password, str) or not password:
        raise InvalidValue("password", "", "密码不能为空。", label="密码")
    shown = "*" * min(len(password), 8)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue(
            "password",
            shown,
            f"至少需要 {MIN_PASSWORD_LENGTH} 个字符，请换一个更长的密码。",
            label="密码",
        )
    if password.strip() != password:
        raise InvalidValue("password", shown, "开头和结尾不能是空格。", label="密码")
    if username and password.lower() == username.lower():
        raise InvalidValue("password", shown, "不能与用户名相同。", label="密码")
    if len(set(password)) < 4:
        raise InvalidValue("password", shown, "太简单（重复的字符太多），请换一个。", label="密码")
    return password


def lockout_message(until: dt.datetime, now: dt.datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() // 60) + 1)
    return (
        f"该账号因连续 {MAX_FAILURES} 次密码错误已被锁定，请约 {minutes} 分钟后再试，"
        "或请管理员解锁。"
    )
