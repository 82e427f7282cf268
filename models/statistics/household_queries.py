"""The household-file figures of several periods from one ordered read of the files and their history.

How: the status history is read once in file order (household, date, entry order) and folded per
file into its status on each day that matters (every period's end and the day before it starts)
plus flags for what happened inside each period (filed, 脱困, 销档, 返困, back to 在档). The date
tests are done by the database (each step comes back with small integers: how many of those days
lie before it, which periods it falls in), so Python only compares integers. Files are then
grouped by township × class × those values, which leaves a few hundred groups from which every
period's counts follow. At 100,000 files this is three plain scans and no sort of the whole
registry: the former single grouped statement (window + two materialised joins + a 100k-row
GROUP BY) spent most of its time sorting.

The status on a day is the target of the file's last step dated on or before it (ties broken
by entry order); a file without any such step but filed by then (older data) counts with its
current status.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.orm import Session

from models import lifecycle, vocab
from models.schema import Household, HouseholdMember, StatusChange
from models.statistics.figures import ClassLine, HouseholdCount, HouseholdFigures, NamedCount
from models.statistics.periods import Period
from models.statistics.sums import TownshipTable

ONE_DAY = dt.timedelta(days=1)
# The per-period flags, each a bit of FileGroup.flags: bit = period index * len(FLAGS) + position.
FLAGS = ("lifted", "closed", "returned", "reopened")  # reopened: filed or back in hardship
ACTION_FLAG = {lifecycle.LIFT: 0, lifecycle.CLOSE: 1, lifecycle.RETURN: 2}
REOPENED = 3
WHY_ACTIONS = (lifecycle.LIFT, lifecycle.CLOSE)  # steps counted by route / reason


def _days(periods: Sequence[Period]) -> list[dt.date]:
    return sorted({p.end for p in periods} | {p.start - ONE_DAY for p in periods})


def _days_before(column: Any, days: Sequence[dt.date]) -> ColumnElement[int]:
    """How many of the (sorted) days lie before the value: it is dated on or before days[k]
    exactly when k ≥ this number (len(days) for NULL or a value after the last day)."""
    return case(*((column <= day, k) for k, day in enumerate(days)), else_=len(days))


def _period_bits(column: Any, periods: Sequence[Period]) -> ColumnElement[int]:
    """Bit j set when the value lies within period j."""
    bits: ColumnElement[int] = literal(0)
    for j, p in enumerate(periods):
        bits = bits + case((column.between(p.start, p.end), 1 << j), else_=0)
    return bits


@dataclass(frozen=True)
class FileGroup:
    """Files alike in everything the figures look at, with how many there are and their people."""

    township: str
    hardship_class: str
    statuses: tuple[str | None, ...]  # the status on each of _days(periods)
    new: int  # bit j: filed within period j
    flags: int  # see FLAGS
    households: int
    persons: int

    def flag(self, j: int, position: int) -> bool:
        return bool(self.flags >> (j * len(FLAGS) + position) & 1)

    def is_new(self, j: int) -> bool:
        return bool(self.new >> j & 1)


@dataclass
class _History:
    """One file's history folded: its status on each day, its flags, and its 脱困/销档 steps."""

    statuses: list[str | None]
    flags: int = 0


def _histories(
    s: Session, periods: Sequence[Period], days: Sequence[dt.date]
) -> tuple[dict[int, _History], list[tuple[int, int, str, str]]]:
    """Every file's folded history, and (household, period bits, action, route or reason) of each
    脱困/销档 step within a period."""
    why = func.coalesce(StatusChange.route, StatusChange.reason)
    # Through the connection: ORM result handling would cost more than the fold itself.
    rows = (
        s.connection()
        .execute(
            select(
                StatusChange.household_id,
                _days_before(StatusChange.date, days),
                StatusChange.to_status,
                StatusChange.action,
                _period_bits(StatusChange.date, periods),
                case((StatusChange.action.in_(WHY_ACTIONS), why)),
            )
            .where(StatusChange.date <= days[-1])
            .order_by(StatusChange.household_id, StatusChange.date, StatusChange.id)
        )
        .all()
    )
    histories: dict[int, _History] = {}
    steps: list[tuple[int, int, str, str]] = []
    width, n, current, history = len(FLAGS), len(days), None, _History([])
    for household, before, to_status, action, bits, reason in rows:
        if household != current:
            current, history = household, _History([None] * n)
            histories[household] = history
        # Steps come in order, so a later step overwrites the status of every day it precedes.
        for k in range(before, n):
            history.statuses[k] = to_status
        if bits:
            position = ACTION_FLAG.get(action)
            for j in range(len(periods)):
                if bits >> j & 1:
                    if position is not None:
                        history.flags |= 1 << (j * width + position)
                    if to_status == lifecycle.ON_FILE:
                        history.flags |= 1 << (j * width + REOPENED)
            if action in WHY_ACTIONS:
                steps.append((household, bits, action, reason))
    return histories, steps


def _file_groups(
    s: Session, periods: Sequence[Period]
) -> tuple[list[FileGroup], list[dict[str, dict[str, int]]]]:
    """Live files grouped (see FileGroup), and per period the 脱困 steps by route and the 销档
    steps by reason (one step = one file) of live files."""
    days = _days(periods)
    histories, steps = _histories(s, periods, days)
    persons = dict(
        s.connection()
        .execute(
            select(HouseholdMember.household_id, 1 + func.count())
            .where(HouseholdMember.deleted_at.is_(None))
            .group_by(HouseholdMember.household_id)
        )
        .tuples()
        .all()
    )
    files = (
        s.connection()
        .execute(
            select(
                Household.id,
                Household.township,
                Household.hardship_class,
                Household.status,
                _days_before(Household.filed_date, days),
                _period_bits(Household.filed_date, periods),
            ).where(Household.deleted_at.is_(None))
        )
        .all()
    )
    n = len(days)
    no_history = _History([None] * n)
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0])
    live = set()
    for household, township, hardship_class, status, filed_before, new in files:
        live.add(household)
        history = histories.get(household, no_history)
        # Without a step dated by then, a file filed by then counts with its current status.
        statuses = tuple(
            step if step is not None else (status if k >= filed_before else None)
            for k, step in enumerate(history.statuses)
        )
        group = groups[(township, hardship_class, statuses, new, history.flags)]
        group[0] += 1
        group[1] += persons.get(household, 1)
    reasons: list[dict[str, dict[str, int]]] = [defaultdict(dict) for _ in periods]
    for household, bits, action, reason in steps:
        if household in live:
            for j in range(len(periods)):
                if bits >> j & 1:
                    found = reasons[j][action]
                    found[reason] = found.get(reason, 0) + 1
    return [FileGroup(*key, *counts) for key, counts in groups.items()], reasons


def _named(counts: dict[str, int], known: Sequence[str]) -> tuple[NamedCount, ...]:
    names = [n for n in known if n in counts] + sorted(n for n in counts if n not in known)
    return tuple(NamedCount(n, counts[n]) for n in names)


def _count(groups: Iterable[FileGroup]) -> HouseholdCount:
    households = persons = 0
    for g in groups:
        households += g.households
        persons += g.persons
    return HouseholdCount(households, persons)


def household_figures(
    s: Session, periods: Sequence[Period], towns: Sequence[TownshipTable]
) -> list[HouseholdFigures]:
    """The household figures of each period (in the given order), filling each TownshipTable."""
    groups, reasons = _file_groups(s, periods)
    day = {d: k for k, d in enumerate(_days(periods))}
    classes = list(vocab.HARDSHIP_CLASSES) + sorted(
        {g.hardship_class for g in groups} - set(vocab.HARDSHIP_CLASSES)
    )
    lifted, closed, returned, reopened = range(len(FLAGS))
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
                lifted=_count(g for g in groups if g.flag(j, lifted)),
                closed=_count(g for g in groups if g.flag(j, closed)),
                returned=_count(g for g in groups if g.flag(j, returned)),
                on_file=_count(ending[lifecycle.ON_FILE]),
                lifted_on_record=_count(ending[lifecycle.LIFTED]),
                closed_on_record=_count(ending[lifecycle.CLOSED]),
                # 在档 at any time: on file the day before, filed or reopened during the period.
                covered=_count(
                    g
                    for g in groups
                    if g.statuses[before] == lifecycle.ON_FILE or g.is_new(j) or g.flag(j, reopened)
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
