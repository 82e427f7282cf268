"""Duplicate people across files and townships, beyond an exact ID number.

A person is the head of a file ("h<id>") or a member of one ("m<id>"), of files in 在档 or
已脱困 (the files that hold their people, models.lifecycle). Candidates, never decisions:
- the same name (variant characters folded) and ID numbers whose first 17 digits are one digit
  apart or have two neighbouring digits swapped: one typing slip. The check character is left
  out of the comparison because it cannot be a witness: ISO 7064 MOD 11-2 catches every such
  slip in a typed 18-digit number, so the slips that reach a ledger are the ones whose check
  character was computed afterwards (a 15-digit number upgraded, a number "corrected" to pass);
- a name written alike (the same, variant characters, or the same sound) with the same birth date
  and the same phone or the same address;
- a member of one file who is the head of another (same ID number; or, with no ID number on the
  member, the same name and birth date).
Pairs inside one file are left alone (that is one household), and pairs the clerk marked "not the
same person" are never proposed again. Everything is blocked on keys first (name and half an ID
number, birth date and phone …), so 100,000 files compare in seconds, not in n² pairs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import lifecycle
from models.masking import mask_id_number, mask_phone
from models.reviews.names import how_alike, standard_form
from models.schema import Household, HouseholdMember, NotSamePerson

HEAD = "户主"
MEMBER = "家庭成员"
_NOT_DIGITS = re.compile(r"\D")
BATCH = 1000  # rows per fetch, as models.services.base.all_ids fetches ids
_ADDRESS_NOISE = re.compile(r"[\s,，.。、;；:：()（）\-—#]")


class Person(NamedTuple):
    """One head or member; a tuple, since the search makes one for each of 300,000 people."""

    key: str  # h<household id> or m<member id>
    household_id: int
    file_no: str
    township: str
    role: str  # 户主 or 家庭成员
    name: str
    id_number: str | None
    birth_date: dt.date | None
    phone: str | None  # the file's phone (a member's is the household's)
    address: str | None  # the file's address

    def as_json(self, *, unmask: bool = False) -> dict[str, Any]:
        return {
            "person": self.key,
            "file_no": self.file_no,
            "township": self.township,
            "role": self.role,
            "name": self.name,
            "id_number": (self.id_number if unmask else mask_id_number(self.id_number))
            if self.id_number
            else None,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "phone": (self.phone if unmask else mask_phone(self.phone)) if self.phone else None,
            "address": self.address,
        }


@dataclass(frozen=True)
class DuplicatePair:
    """Two records that may be one person, and every reason the search found."""

    a: Person
    b: Person
    reasons: tuple[str, ...]

    @property
    def file_nos(self) -> tuple[str, str]:
        return (self.a.file_no, self.b.file_no)

    @property
    def keys(self) -> tuple[str, str]:
        return (self.a.key, self.b.key)

    def as_json(self, *, unmask: bool = False) -> dict[str, Any]:
        return {
            "file_nos": list(self.file_nos),
            "name": self.a.name,
            "township": self.a.township,
            "reasons": list(self.reasons),
            "people": [self.a.as_json(unmask=unmask), self.b.as_json(unmask=unmask)],
        }


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The order a pair is remembered in (the smaller key first)."""
    return (a, b) if a <= b else (b, a)


def people(s: Session) -> list[Person]:
    """Every head and member of the files in 在档 or 已脱困."""
    active = (Household.deleted_at.is_(None), Household.status.in_(lifecycle.ACTIVE_STATUSES))
    heads = select(
        Household.id, Household.file_no, Household.township, Household.name,
        Household.id_number, Household.birth_date, Household.phone, Household.address,
    ).where(*active)  # fmt: skip
    members = (
        select(
            HouseholdMember.id,
            Household.id,
            Household.file_no,
            Household.township,
            HouseholdMember.name,
            HouseholdMember.id_number,
            HouseholdMember.birth_date,
            Household.phone,
            Household.address,
        )  # fmt: skip
        .join(Household, Household.id == HouseholdMember.household_id)
        .where(*active, HouseholdMember.deleted_at.is_(None))
    )
    # Plain rows (the ORM's result machinery costs seconds at this size), fetched in batches so
    # that the window's GUI thread is never kept from the GIL by one long fetch (services.base).
    conn = s.connection()

    def rows(stmt: Any) -> Iterator[Any]:
        for batch in conn.execute(stmt.execution_options(yield_per=BATCH)).partitions():
            yield from batch

    out = [
        Person(f"h{hid}", hid, file_no, town, HEAD, name, idn, born, phone, address)
        for hid, file_no, town, name, idn, born, phone, address in rows(heads)
    ]
    out.extend(
        Person(f"m{mid}", hid, file_no, town, MEMBER, name, idn, born, phone, address)
        for mid, hid, file_no, town, name, idn, born, phone, address in rows(members)
    )
    return out


def find_pairs(s: Session) -> list[DuplicatePair]:
    """The candidates, each pair once with all its reasons, minus the pairs ruled out."""
    everyone = people(s)
    ruled_out = {
        tuple(p) for p in s.execute(select(NotSamePerson.person_a, NotSamePerson.person_b))
    }
    found: dict[tuple[str, str], tuple[Person, Person, list[str]]] = {}
    for a, b, reason in _candidates(everyone):
        if a.household_id == b.household_id:
            continue
        key = pair_key(a.key, b.key)
        if key in ruled_out:
            continue
        if key not in found:
            first, second = (a, b) if a.key == key[0] else (b, a)
            found[key] = (first, second, [])
        if reason not in found[key][2]:
            found[key][2].append(reason)
    pairs = [DuplicatePair(a, b, tuple(reasons)) for a, b, reasons in found.values()]
    pairs.sort(key=lambda p: (p.a.file_no, p.b.file_no, p.keys))
    return pairs


def _candidates(everyone: list[Person]) -> Iterator[tuple[Person, Person, str]]:
    yield from _id_slips(everyone)
    yield from _alike_with_contact(everyone)
    yield from _member_heads_another(everyone)


# Four keys over the first 17 characters (region 1–6, year 7–10, month and day 11–14, sequence
# 15–17): one slip — a digit changed, or two neighbours swapped, also across a border — leaves
# at least one key equal. Month-day + sequence holds for a slip in region or year (or across
# their border); region + sequence for a slip in month-day (or across the year/date border);
# the birth date for a slip in the sequence; all but digits 14–15 for a swap across the
# date/sequence border. None is the region alone, which a county's people mostly share.
def _slip_keys(n: str) -> tuple[str, str, str, str]:
    return (n[10:17], n[:6] + n[14:17], n[6:14], n[:13] + n[15:17])


def _id_slips(everyone: list[Person]) -> Iterator[tuple[Person, Person, str]]:
    """Same name, first 17 digits one slip apart, compared only within the blocks of people of
    one name sharing one of the slip keys."""
    by_name: dict[str, list[Person]] = defaultdict(list)
    for p in everyone:
        if p.id_number and len(p.id_number) == 18:
            by_name[standard_form(p.name)].append(p)
    for group in by_name.values():
        if len(group) < 2:
            continue
        blocks: dict[tuple[int, str], list[Person]] = defaultdict(list)
        for p in group:
            for k, key in enumerate(_slip_keys(p.id_number or "")):
                blocks[(k, key)].append(p)
        seen: set[tuple[str, str]] = set()
        for block in blocks.values():
            if len(block) < 2:
                continue
            for a, b in _pairs(block):
                key = pair_key(a.key, b.key)
                if key in seen:
                    continue
                seen.add(key)
                slip = _one_slip((a.id_number or "")[:17], (b.id_number or "")[:17])
                if slip:
                    yield a, b, slip


def _one_slip(x: str, y: str) -> str | None:
    if x == y or len(x) != len(y):
        return None
    diff = [i for i, (c, d) in enumerate(zip(x, y, strict=True)) if c != d]
    if len(diff) == 1:
        return f"同名，身份证号仅第{diff[0] + 1}位不同"
    if (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and x[diff[0]] == y[diff[1]]
        and (x[diff[1]] == y[diff[0]])
    ):
        return f"同名，身份证号第{diff[0] + 1}、{diff[1] + 1}位前后颠倒"
    return None


def _alike_with_contact(everyone: list[Person]) -> Iterator[tuple[Person, Person, str]]:
    """Names alike, same birth date, and the same phone or the same address."""
    by_phone: dict[tuple[dt.date, str], list[Person]] = defaultdict(list)
    by_address: dict[tuple[dt.date, str], list[Person]] = defaultdict(list)
    contact: dict[int, tuple[str, str]] = {}  # a file's members share its phone and address
    for p in everyone:
        if p.birth_date is None:
            continue
        found = contact.get(p.household_id)
        if found is None:
            found = contact[p.household_id] = (
                _NOT_DIGITS.sub("", p.phone or ""),
                _ADDRESS_NOISE.sub("", p.address or ""),
            )
        phone, address = found
        if len(phone) >= 7:
            by_phone[(p.birth_date, phone)].append(p)
        if len(address) >= 4:
            by_address[(p.birth_date, address)].append(p)
    for blocks, what in ((by_phone, "电话相同"), (by_address, "住址相同")):
        for block in blocks.values():
            if len(block) < 2:
                continue
            for a, b in _pairs(block):
                if a.household_id == b.household_id:
                    continue
                alike = how_alike(a.name, b.name)
                if alike:
                    yield a, b, f"{alike}，出生日期相同，{what}"


def _member_heads_another(everyone: list[Person]) -> Iterator[tuple[Person, Person, str]]:
    """A member of one file who is the head of another."""
    heads_by_id: dict[str, list[Person]] = defaultdict(list)
    heads_by_name_birth: dict[tuple[str, dt.date], list[Person]] = defaultdict(list)
    for p in everyone:
        if p.role != HEAD:
            continue
        if p.id_number:
            heads_by_id[p.id_number].append(p)
        if p.birth_date is not None:
            heads_by_name_birth[(standard_form(p.name), p.birth_date)].append(p)
    for p in everyone:
        if p.role != MEMBER:
            continue
        if p.id_number:
            for head in heads_by_id.get(p.id_number, ()):
                yield p, head, "家庭成员是另一档的户主（身份证号相同）"
        elif p.birth_date is not None:
            for head in heads_by_name_birth.get((standard_form(p.name), p.birth_date), ()):
                yield p, head, "家庭成员（未填身份证号）与另一档户主同名、出生日期相同"


def _pairs(block: list[Person]) -> Iterable[tuple[Person, Person]]:
    for i in range(len(block)):
        for j in range(i + 1, len(block)):
            yield block[i], block[j]
