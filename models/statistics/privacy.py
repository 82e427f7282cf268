"""The household heads and members a free text names: the summary prints none of them."""

# Why every file, deleted or not: a name in the recycle bin is still a private person. Why all
# names are read and matched here rather than with LIKE in SQL: members' names carry no index,
# so one read of the two name columns is the cheapest pass; it is made only when there is text
# to check (a year with featured activities).

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from models.schema import Household, HouseholdMember

__all__ = ["MIN_NAME_CHARS", "names_in"]

MIN_NAME_CHARS = 2  # a one-character "name" (a typo) would match almost any text
MAX_NAME_CHARS = 40  # the name columns' width


def names_in(s: Session, texts: Iterable[str | None]) -> frozenset[str]:
    """The names of household heads and members that occur in any of `texts`."""
    told = [t for t in texts if t]
    if not told:
        return frozenset()
    # Every stretch of the texts a name could fill: each name read is then one set look-up.
    stretches = {
        t[start : start + size]
        for t in told
        for size in range(MIN_NAME_CHARS, MAX_NAME_CHARS + 1)
        for start in range(len(t) - size + 1)
    }
    names = union(select(Household.name), select(HouseholdMember.name)).subquery()
    return frozenset(
        name.strip()
        for name in s.scalars(select(names.c.name))
        if name and name.strip() in stretches
    )
