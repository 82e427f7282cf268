"""GB 11643-1999 citizen ID numbers for the corpus, computed here (never by the app's own code)."""

from __future__ import annotations

import datetime as dt

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


def check_char(first17: str) -> str:
    """The 18th character of an ID whose first 17 digits are given."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def id_number(region: str, born: dt.date, sequence: int, *, male: bool) -> str:
    """A valid 18-character ID; the sequence's last digit is odd for a man (GB 11643 §4.3)."""
    seq = sequence % 1000
    if (seq % 2 == 1) != male:
        seq = (seq + 1) % 1000
    body = f"{region}{born:%Y%m%d}{seq:03d}"
    return body + check_char(body)


def wrong_check(valid: str) -> str:
    """The same ID with a different (therefore wrong) check character: a typing slip."""
    right = valid[17]
    wrong = next(c for c in "1234567890X" if c != right)
    return valid[:17] + wrong


def legacy15(region: str, born: dt.date, sequence: int, *, male: bool) -> tuple[str, str]:
    """A 15-digit pre-1999 number (YYMMDD, no check char) and its 18-character upgrade."""
    full = id_number(region, born, sequence, male=male)
    short = full[:6] + full[8:17]
    return short, full


def impossible_birth(region: str, year: int, sequence: int) -> str:
    """An ID whose check char is right but whose birth date (Feb 30) cannot exist."""
    body = f"{region}{year:04d}0230{sequence % 1000:03d}"
    return body + check_char(body)


def born_of(number: str) -> dt.date:
    """The birth date inside an 18-character ID."""
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def is_male(number: str) -> bool:
    return int(number[16]) % 2 == 1
