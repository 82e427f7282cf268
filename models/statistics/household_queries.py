"""The household-file figures of several periods from ONE grouped pass over files and their history.

How: the status history is read once with a window (each step knows when the next one starts),
and folded per file into its status on each day that matters (every period's end and the day
before it starts) plus flags for what happened inside each period (filed, 脱困, 销档, 返困, back
to 在档). Files are then grouped by township × class × those values in the database, which
leaves a few hundred rows from which every period's counts follow. At 100,000 files this is one
statement instead of four per period.

The status on a day is the target of the file's last step dated on or before it (ties broken
by entry order); a file without any such step but filed by then (older data) counts with its
current status.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from models import lifecycle, vocab
from models.schema import Household, HouseholdMember, StatusChange
from models.statistics.figures import ClassLine, HouseholdCount, HouseholdFigures, NamedCount
from models.statistics.periods import Period
from models.statistics.sums import TownshipTable, as_int

ONE_DAY = dt.timedelta(days=1)
# The per-period flags: name → (column of the step, value it must have).
STEP_FLAGS = {
    "lifted": (StatusChange.action, lifecycle.LIFT),
    "closed": (StatusChange.action, lifecycle.CLOSE),
    "returned": (StatusChange.action, lifecycle.RETURN),
    "reopened": (StatusChange.to_status, lifecycle.ON_FILE),  # filed or back in hardship
}


def _days(periods: Sequence[Period]) -> list[dt.date]:
    return sorted({p.end for p in periods} | {p.start - ONE_DAY for p in periods})


def _file_rows(s: Session, periods: Sequence[Period]) -> list[Any]:
    """Files grouped by township, class, status on each needed day and each period's flags."""
    days = _days(periods)
    steps = (
        select(
            StatusChange.household_id,
            StatusChange.action,
            StatusChange.to_status,
            StatusChange.date,
            func.lead(StatusChange.date)
            .over(
                partition_by=StatusChange.household_id,
                order_by=(StatusChange.date, StatusChange.id),
            )
            .label("until"),
        )
        .where(StatusChange.date <= days[-1])
        .subquery("steps")
    )

    def status_on(day: dt.date) -> Any:
        # Exactly one step of a file is in force on a day: dated by then, next one after it.
        in_force = and_(steps.c.date <= day, or_(steps.c.until.is_(None), steps.c.until > day))
        return func.max(case((in_force, steps.c.to_status)))

    def happened(j: int, name: str) -> Any:
        column, value = STEP_FLAGS[name]
        step_column = steps.c[column.key]
        inside = and_(step_column == value, steps.c.date.between(periods[j].start, periods[j].end))
        return func.max(case((inside, 1), else_=0))

    per_file = (
        select(
            steps.c.household_id,
            *(status_on(d).label(f"s{i}") for i, d in enumerate(days)),
            *(
                happened(j, name).label(f"{name}{j}")
                for j in range(len(periods))
                for name in STEP_FLAGS
            ),
        )
        .group_by(steps.c.household_id)
        .subquery("per_file")
    )
    members = (
        select(HouseholdMember.household_id, func.count().label("n"))
        .where(HouseholdMember.deleted_at.is_(None))
        .group_by(HouseholdMember.household_id)
        .subquery("members")
    )
    files = (
        select(
            Household.township,
            Household.hardship_class,
            *(
                func.coalesce(
                    per_file.c[f"s{i}"], case((Household.filed_date <= d, Household.status))
                ).label(f"s{i}")
                for i, d in enumerate(days)
            ),
            *(
                case((Household.filed_date.between(p.start, p.end), 1), else_=0).label(f"new{j}")
                for j, p in enumerate(periods)
            ),
            *(
                func.coalesce(per_file.c[f"{name}{j}"], 0).label(f"{name}{j}")
                for j in range(len(periods))
                for name in STEP_FLAGS
            ),
            (1 + func.coalesce(members.c.n, 0)).label("persons"),
        )
        .outerjoin(per_file, per_file.c.household_id == Household.id)
        .outerjoin(members, members.c.household_id == Household.id)
        .where(Household.deleted_at.is_(None))
        .subquery("files")
    )
    keys = [c for c in files.c if c.key != "persons"]
    return list(
        s.execute(
            select(
                *keys,
                func.count().label("households"),
                func.sum(files.c.persons).label("persons"),
            ).group_by(*keys)
        )
    )


def _steps_by_reason(s: Session, period: Period) -> dict[str, dict[str, int]]:
    """脱困 steps of the period by route, 销档 steps by reason (one step = one file)."""
    why = func.coalesce(StatusChange.route, StatusChange.reason)
    rows = s.execute(
        select(StatusChange.action, why.label("name"), func.count().label("n"))
        .join(Household, Household.id == StatusChange.household_id)
        .where(
            Household.deleted_at.is_(None),
            StatusChange.date.between(period.start, period.end),
            StatusChange.action.in_((lifecycle.LIFT, lifecycle.CLOSE)),
        )
        .group_by(StatusChange.action, why)
    )
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        found[row.action][row.name] = as_int(row.n)
    return found


def _named(counts: dict[str, int], known: Sequence[str]) -> tuple[NamedCount, ...]:
    names = [n for n in known if n in counts] + sorted(n for n in counts if n not in known)
    return tuple(NamedCount(n, counts[n]) for n in names)


def household_figures(
    s: Session, periods: Sequence[Period], towns: Sequence[TownshipTable]
) -> list[HouseholdFigures]:
    """The household figures of each period (in the given order), filling each TownshipTable."""
    rows = _file_rows(s, periods)
    column = {d: f"s{i}" for i, d in enumerate(_days(periods))}
    classes = list(vocab.HARDSHIP_CLASSES) + sorted(
        {r.hardship_class for r in rows} - set(vocab.HARDSHIP_CLASSES)
    )
    results = []
    for j, period in enumerate(periods):
        at_end, before = column[period.end], column[period.start - ONE_DAY]

        def count(test: Callable[[Any], bool]) -> HouseholdCount:
            chosen = [r for r in rows if test(r)]
            return HouseholdCount(
                sum(as_int(r.households) for r in chosen), sum(as_int(r.persons) for r in chosen)
            )

        def end_is(status: str, r: Any, at_end: str = at_end) -> bool:
            return bool(getattr(r, at_end) == status)

        def flag(name: str, r: Any, j: int = j) -> bool:
            return bool(getattr(r, f"{name}{j}"))

        for r in rows:
            if end_is(lifecycle.ON_FILE, r):
                towns[j].add(
                    r.township, on_file=as_int(r.households), on_file_persons=as_int(r.persons)
                )
            elif end_is(lifecycle.LIFTED, r):
                towns[j].add(r.township, lifted_on_record=as_int(r.households))
        reasons = _steps_by_reason(s, period)
        results.append(
            HouseholdFigures(
                new=count(lambda r: flag("new", r)),
                lifted=count(lambda r: flag("lifted", r)),
                closed=count(lambda r: flag("closed", r)),
                returned=count(lambda r: flag("returned", r)),
                on_file=count(lambda r: end_is(lifecycle.ON_FILE, r)),
                lifted_on_record=count(lambda r: end_is(lifecycle.LIFTED, r)),
                closed_on_record=count(lambda r: end_is(lifecycle.CLOSED, r)),
                # 在档 at any time: on file the day before, filed or reopened during the period.
                covered=count(
                    lambda r, before=before: (
                        getattr(r, before) == lifecycle.ON_FILE
                        or flag("new", r)
                        or flag("reopened", r)
                    )
                ),
                by_class=tuple(
                    ClassLine(
                        hardship_class=c,
                        on_file=count(
                            lambda r, c=c: r.hardship_class == c and end_is(lifecycle.ON_FILE, r)
                        ),
                        new=count(lambda r, c=c: r.hardship_class == c and flag("new", r)),
                    )
                    for c in classes
                ),
                lift_routes=_named(reasons.get(lifecycle.LIFT, {}), vocab.LIFT_ROUTES),
                close_reasons=_named(reasons.get(lifecycle.CLOSE, {}), vocab.CLOSE_REASONS),
            )
        )
    return results
