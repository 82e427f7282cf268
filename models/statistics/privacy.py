"""The household heads and members a free text names: the summary prints none of them."""

# Why every file, deleted or not: a name in the recycle bin is still a private person. Why all
# names are read and matched here rather than with LIKE in SQL: members' names carry no index,
# so one read of the two name columns is the cheapest pass; it is made only when there is text
# to check (a year with featured activities). The stretches of text compared are only those as
# long as some name read (Chinese names are two to four characters, the column holds forty), and
# the names come through the connection as plain rows: the ORM's row handling and a stretch set
# of every length from 2 to 40 cost several times the read itself.

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from models.schema import Household, HouseholdMember

__all__ = ["MIN_NAME_CHARS", "names_in"]

MIN_NAME_CHARS = 2  # a one-character "name" (a typo) would match almost any text


def names_in(s: Session, texts: Iterable[str | None]) -> frozenset[str]:
    """The names of household heads and members that occur in any of `texts`."""
    told = [t for t in texts if t]
    if not told:
        return frozenset()
    statement = union(select(Household.name), select(HouseholdMember.name))
    names = {name.strip() for (name,) in s.connection().execute(statement) if name}
    names = {name for name in names if len(name) >= MIN_NAME_CHARS}
    # Every stretch of the texts a name could fill: each name is then one set look-up.
    sizes = {len(name) for name in names}
    stretches = {
        t[start : start + size]
        for t in told
        for size in sizes
        for start in range(len(t) - size + 1)
    }
    return frozenset(names & stretches)
