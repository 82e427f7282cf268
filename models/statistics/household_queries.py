"""The household-file figures of several periods from ONE grouped pass over files and their history.

How: every live file is joined to its status history (through the covering index
ix_status_changes_household_steps) and folded, in one GROUP BY over the file, into its status on
each day that matters (every period's end and the day before it starts) plus flags for what
happened inside each period (filed, 脱困, 销档, 返困, back to 在档). Files are then grouped by
township × class × those values, which leaves a few hundred rows from which every period's
counts follow.

Why it is shaped like this (100,000 files, SQLite): the files are read in table order and grouped
by their id, so the per-file groups stream without a sort; "the last step on or before a day" is
a plain max() over a sort key that carries the status in its lowest bits, not a window function
(which needs a sort of the whole history and a second grouped pass); the per-period flags travel
packed into one integer and the members are counted from their covering index. The former
window-and-joins statement took about twice as long.

The status on a day is the target of the file's last step dated on or before it (ties broken
by entry order); a file without any such step but filed by then (older data) counts with its
current status.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Select, and_, case, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import FunctionElement

from models import lifecycle, vocab
from models.schema import Household, HouseholdMember, StatusChange
from models.statistics.figures import ClassLine, HouseholdCount, HouseholdFigures, NamedCount
from models.statistics.periods import Period
from models.statistics.sums import TownshipTable, as_int

ONE_DAY = dt.timedelta(days=1)
STATUSES = (lifecycle.ON_FILE, lifecycle.LIFTED, lifecycle.CLOSED)
OTHER = "（其他状态）"  # a status outside the list (older data): counts in none of the figures
# The per-period flags: name → (column of the step, value it must have). Flag f of period j is bit
# j * len(STEP_FLAGS) + f of the packed `flags` column.
STEP_FLAGS = {
    "lifted": (StatusChange.action, lifecycle.LIFT),
    "closed": (StatusChange.action, lifecycle.CLOSE),
    "returned": (StatusChange.action, lifecycle.RETURN),
    "reopened": (StatusChange.to_status, lifecycle.ON_FILE),  # filed or back in hardship
}
FLAG_POSITION = {name: f for f, name in enumerate(STEP_FLAGS)}


def _days(periods: Sequence[Period]) -> list[dt.date]:
    return sorted({p.end for p in periods} | {p.start - ONE_DAY for p in periods})


class _DayNumber(FunctionElement[int]):
    """A date as a whole number of days (any fixed origin: only the order matters)."""

    type = BigInteger()
    inherit_cache = True


@compiles(_DayNumber, "sqlite")
def _day_number_sqlite(element: _DayNumber, compiler: Any, **kw: Any) -> str:
    return f"CAST(julianday({compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(_DayNumber)
def _day_number(element: _DayNumber, compiler: Any, **kw: Any) -> str:
    # From year 1, so every date gives a positive number (the % below needs one).
    return f"({compiler.process(element.clauses, **kw)} - DATE '0001-01-01')"


def _status_on(day: dt.date) -> Any:
    """The target status of the file's last step dated on or before `day` (NULL: none), as an
    aggregate over the file's steps: the largest (date, entry order) wins, and the status rides
    in the two lowest bits of that sort key, so no window and no sort is needed. The key is
    day × 2⁴⁰ + id × 4 + status: exact in 64 bits for ids below 2³⁸."""
    key = (
        _DayNumber(StatusChange.date) * literal(1 << 40, BigInteger)
        + StatusChange.id * 4
        + case(
            {st: code for code, st in enumerate(STATUSES)}, value=StatusChange.to_status, else_=3
        )
    )
    # The simple CASE form: a searched one would repeat (and recompute) the aggregate per branch.
    latest = func.max(case((StatusChange.date <= day, key))) % 4
    return case(dict(enumerate((*STATUSES, OTHER))), value=latest)


def _file_rows(s: Session, periods: Sequence[Period]) -> list[Any]:
    """Files grouped by township, class, status on each needed day and each period's flags."""
    return s.connection().execute(_file_rows_statement(tuple(periods))).all()


@functools.lru_cache(maxsize=32)
def _file_rows_statement(periods: tuple[Period, ...]) -> Select[Any]:
    """Built once per process and periods (statements are immutable; see queries._aid_statements)."""
    days = _days(periods)

    def happened(j: int, name: str) -> Any:
        column, value = STEP_FLAGS[name]
        inside = and_(column == value, StatusChange.date.between(periods[j].start, periods[j].end))
        return func.max(case((inside, _flag_bit(j, name)), else_=0))

    # One row per live file: its steps (up to the last day) joined on the covering index
    # ix_status_changes_household_steps, grouped in the order the table is read, so SQLite
    # streams the groups instead of sorting them (the plain table scan keeps that order).
    households = Household.__table__
    per_file = (
        select(
            Household.id,
            Household.township,
            Household.hardship_class,
            Household.filed_date,
            Household.status,
            *(_status_on(d).label(f"s{i}") for i, d in enumerate(days)),
            # Each flag is its own bit, so the sum of the maxima is their OR.
            _sum(happened(j, name) for j in range(len(periods)) for name in STEP_FLAGS).label(
                "flags"
            ),
        )
        .select_from(households)
        .with_hint(households, "NOT INDEXED", "sqlite")
        .outerjoin(
            StatusChange,
            and_(StatusChange.household_id == Household.id, StatusChange.date <= days[-1]),
        )
        .where(Household.deleted_at.is_(None))
        .group_by(Household.id)  # the other columns of the file depend on its id
        .subquery("per_file")
    )
    members = (
        select(func.count())
        .where(HouseholdMember.household_id == per_file.c.id, HouseholdMember.deleted_at.is_(None))
        .scalar_subquery()
    )
    files = select(
        per_file.c.township,
        per_file.c.hardship_class,
        *(
            # A file without a step dated by then but filed by then counts with today's status.
            func.coalesce(
                per_file.c[f"s{i}"], case((per_file.c.filed_date <= d, per_file.c.status))
            ).label(f"s{i}")
            for i, d in enumerate(days)
        ),
        _sum(
            case((per_file.c.filed_date.between(p.start, p.end), 1 << j), else_=0)
            for j, p in enumerate(periods)
        ).label("new"),
        per_file.c.flags,
        (1 + members).label("persons"),
    ).subquery("files")
    keys = [c for c in files.c if c.key != "persons"]
    return select(
        *keys,
        func.count().label("households"),
        func.sum(files.c.persons).label("persons"),
    ).group_by(*keys)


def _flag_bit(j: int, name: str) -> int:
    return 1 << (j * len(STEP_FLAGS) + FLAG_POSITION[name])


def _sum(terms: Iterable[Any]) -> Any:
    total: Any = literal(0)
    for term in terms:
        total = total + term
    return total


def _steps_by_reason(
    s: Session, periods: Sequence[Period], any_deleted: bool = True
) -> list[dict[str, dict[str, int]]]:
    """Per period: 脱困 steps by route, 销档 steps by reason (one step = one file) of files not
    deleted; one statement for all periods, joined to the files only when some are deleted."""
    ordered = sorted(periods, key=lambda p: p.start)
    if any(a.end >= b.start for a, b in itertools.pairwise(ordered)):
        # Overlapping periods (never year_figures' two): a step may count in several of them.
        return [_steps_by_reason(s, [p], any_deleted)[0] for p in periods]
    found: list[dict[str, dict[str, int]]] = [defaultdict(dict) for _ in periods]
    for row in s.connection().execute(_reasons_statement(tuple(periods), any_deleted)):
        if row.j is not None:
            found[row.j][row.action][row.name] = as_int(row.n)
    return found


@functools.lru_cache(maxsize=32)
def _reasons_statement(periods: tuple[Period, ...], any_deleted: bool) -> Select[Any]:
    why = func.coalesce(StatusChange.route, StatusChange.reason)
    which = case(*((StatusChange.date.between(p.start, p.end), j) for j, p in enumerate(periods)))
    query = (
        select(which.label("j"), StatusChange.action, why.label("name"), func.count().label("n"))
        .where(
            StatusChange.date.between(min(p.start for p in periods), max(p.end for p in periods)),
            StatusChange.action.in_((lifecycle.LIFT, lifecycle.CLOSE)),
        )
        .group_by(which, StatusChange.action, why)
    )
    if any_deleted:
        query = query.join(Household, Household.id == StatusChange.household_id).where(
            Household.deleted_at.is_(None)
        )
    return query


def _named(counts: dict[str, int], known: Sequence[str]) -> tuple[NamedCount, ...]:
    names = [n for n in known if n in counts] + sorted(n for n in counts if n not in known)
    return tuple(NamedCount(n, counts[n]) for n in names)


@dataclass(frozen=True)
class FileGroup:
    """Live files alike in everything the figures look at: how many there are and their people."""

    township: str
    hardship_class: str
    statuses: tuple[str | None, ...]  # the status on each of _days(periods)
    new: int  # bit j: filed within period j
    flags: int  # bit j * len(STEP_FLAGS) + f: flag f of STEP_FLAGS happened within period j
    households: int
    persons: int

    def is_new(self, j: int) -> bool:
        return bool(self.new >> j & 1)

    def flag(self, j: int, name: str) -> bool:
        return bool(self.flags & _flag_bit(j, name))


def _file_groups(
    s: Session, periods: Sequence[Period], any_deleted: bool = True
) -> tuple[list[FileGroup], list[dict[str, dict[str, int]]]]:
    """The live files grouped (see FileGroup) and, per period, the 脱困 steps by route and the
    销档 steps by reason (the 统计表 use the groups too, so their totals are these figures)."""
    n = len(_days(periods))
    groups = [
        FileGroup(
            township=r.township,
            hardship_class=r.hardship_class,
            statuses=tuple(r[2 : 2 + n]),
            new=int(r.new),
            flags=int(r.flags or 0),
            households=as_int(r.households),
            persons=as_int(r.persons),
        )
        for r in _file_rows(s, periods)
    ]
    return groups, _steps_by_reason(s, periods, any_deleted)


def _count(groups: Iterable[FileGroup]) -> HouseholdCount:
    households = persons = 0
    for g in groups:
        households += g.households
        persons += g.persons
    return HouseholdCount(households, persons)


def household_figures(
    s: Session, periods: Sequence[Period], towns: Sequence[TownshipTable], any_deleted: bool = True
) -> list[HouseholdFigures]:
    """The household figures of each period (in the given order), filling each TownshipTable
    (any_deleted: whether files are in the recycle bin, see sums.has_deleted_files)."""
    groups, reasons = _file_groups(s, periods, any_deleted)
    day = {d: k for k, d in enumerate(_days(periods))}
    classes = list(vocab.HARDSHIP_CLASSES) + sorted(
        {g.hardship_class for g in groups} - set(vocab.HARDSHIP_CLASSES)
    )
    results = []
    for j, period in enumerate(periods):
        at_end, before = day[period.end], day[period.start - ONE_DAY]
        ending: dict[str | None, list[FileGroup]] = defaultdict(list)
        for g in groups:
            ending[g.statuses[at_end]].append(g)
        for g in ending[lifecycle.ON_FILE]:
            towns[j].add(g.township, on_file=g.households, on_file_persons=g.persons)
        for g in ending[lifecycle.LIFTED]:
            towns[j].add(g.township, lifted_on_record=g.households)
        new = [g for g in groups if g.is_new(j)]
        results.append(
            HouseholdFigures(
                new=_count(new),
                lifted=_count(g for g in groups if g.flag(j, "lifted")),
                closed=_count(g for g in groups if g.flag(j, "closed")),
                returned=_count(g for g in groups if g.flag(j, "returned")),
                on_file=_count(ending[lifecycle.ON_FILE]),
                lifted_on_record=_count(ending[lifecycle.LIFTED]),
                closed_on_record=_count(ending[lifecycle.CLOSED]),
                # 在档 at any time: on file the day before, filed or reopened during the period.
                covered=_count(
                    g
                    for g in groups
                    if g.statuses[before] == lifecycle.ON_FILE
                    or g.is_new(j)
                    or g.flag(j, "reopened")
                ),
                by_class=tuple(
                    ClassLine(
                        hardship_class=c,
                        on_file=_count(
                            g for g in ending[lifecycle.ON_FILE] if g.hardship_class == c
                        ),
                        new=_count(g for g in new if g.hardship_class == c),
                    )
                    for c in classes
                ),
                lift_routes=_named(reasons[j].get(lifecycle.LIFT, {}), vocab.LIFT_ROUTES),
                close_reasons=_named(reasons[j].get(lifecycle.CLOSE, {}), vocab.CLOSE_REASONS),
            )
        )
    return results
