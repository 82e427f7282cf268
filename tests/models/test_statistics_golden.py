"""Every statistics figure of a roughed-up demo county against figures kept from before a rewrite.

tests/models/data/statistics_golden.json holds year_figures(...).to_dict() and dashboard_figures
of a 400-household demo (seed 7, 2023–2025), first as the demo builds it (nothing deleted: the
queries take their no-recycle-bin shortcuts), then roughened: deleted files, members, aid,
stations, usage and activities, files without status history, townships outside the list and
activities without one. It was written by the implementation the faster query layer replaced
(a window over the status history, one GROUP BY per section and period); any figure the
rewritten SQL changes fails here, on SQLite and PostgreSQL.

    python -m tests.models.test_statistics_golden --write   # only when a figure's 口径 changes on
                                                            # purpose (say so in the commit)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update

from models.schema import (
    Activity,
    Assistance,
    Household,
    HouseholdMember,
    Station,
    StationUsage,
    StatusChange,
    Township,
)
from models.services import Ledger
from models.statistics import (
    Period,
    dashboard_figures,
    period_figures,
    periods_figures,
    year_figures,
)

GOLDEN = Path(__file__).parent / "data" / "statistics_golden.json"
BACKENDS = ["sqlite", "postgresql"] if os.environ.get("UNION_LEDGER_TEST_PG_URL") else ["sqlite"]
# (year, since_year): a year, the one before (its predecessor is empty), a multi-year period.
CASES = ((2025, None), (2024, None), (2023, None), (2025, 2023), (2025, 2024))
PLAIN_CASES = ((2025, None), (2025, 2023))
DELETED_AT = dt.datetime(2025, 6, 30, 12, 0)


def roughen(ledger: Ledger) -> dict[str, int]:
    """Deterministic damage the demo never produces by itself, so every exclusion is exercised.

    Returns the table sizes, which the golden file also keeps: a changed demo generator shows up
    as "the data differ", not as a figure mismatch.
    """
    with ledger.db.begin() as s:

        def every(table: Any, n: int, **values: Any) -> None:
            s.execute(update(table).where(table.id % n == 0).values(**values))

        every(Household, 41, deleted_at=DELETED_AT)
        every(Household, 43, township="外县迁入")  # a township not in the settings' list
        every(HouseholdMember, 17, deleted_at=DELETED_AT)
        every(Assistance, 29, deleted_at=DELETED_AT)
        every(Activity, 13, deleted_at=DELETED_AT)
        every(Activity, 19, township=None)
        every(Station, 7, deleted_at=DELETED_AT)
        every(Station, 5, status="撤销")
        every(Station, 11, built_date=None)
        every(StationUsage, 9, deleted_at=DELETED_AT)
        # Older data: files whose history was never recorded count with their current status.
        s.execute(delete(StatusChange).where(StatusChange.household_id % 23 == 0))
        s.execute(update(Township).where(Township.id == 2).values(active=False))
    with ledger.db.read() as s:
        return {
            table.__tablename__: int(s.scalar(select(func.count()).select_from(table)) or 0)
            for table in (Household, HouseholdMember, StatusChange, Assistance, Station,
                          StationUsage, Activity)
        }  # fmt: skip


def figures_of(ledger: Ledger, cases: Sequence[tuple[int, int | None]] = CASES) -> dict[str, Any]:
    """Every case's to_dict(), each period's figures kept once and featured activities by id
    (periods overlap; the file stays small enough to read in a diff)."""
    out: dict[str, Any] = {"cases": {}, "periods": {}, "featured": {}, "facts": {}}
    for year, since in cases:
        case = json.loads(json.dumps(year_figures(ledger, year, since).to_dict(), default=str))
        name = f"{year}" if since is None else f"{since}-{year}"
        for which, figures in (("period", "figures"), ("previous_period", "previous_figures")):
            featured = case[figures]["activities"]["featured"]
            for activity in featured:
                out["featured"][str(activity["id"])] = activity
            case[figures]["activities"]["featured"] = [a["id"] for a in featured]
            out["periods"][case[which]["label"]] = case.pop(figures)
        # Labels and 口径 texts are fixed strings; the values and their order are what SQL decides.
        out["facts"][name] = [[k, f["value"], f["previous"]] for k, f in case.pop("facts").items()]
        out["cases"][name] = case
    out["dashboard-2025"] = json.loads(
        json.dumps(dashboard_figures(ledger, 2025).to_dict(), default=str)
    )
    return out


def build(ledger: Ledger) -> dict[str, Any]:
    """The demo's figures as built and once roughened, with the roughened table sizes."""
    from models.demo import DemoOptions, build_demo

    build_demo(ledger, DemoOptions(households=400, first_year=2023, last_year=2025, seed=7))
    plain = figures_of(ledger, PLAIN_CASES)
    rows = roughen(ledger)
    return {"rows": rows, "figures": figures_of(ledger), "plain_figures": plain}


@contextlib.contextmanager
def _ledger(backend: str, folder: Path) -> Iterator[Ledger]:
    with pytest.MonkeyPatch.context() as mp, contextlib.ExitStack() as stack:
        mp.setenv("UNION_LEDGER_HOME", str(folder / "home"))
        if backend == "postgresql":
            from tests.pg import fresh_schema

            url = stack.enter_context(fresh_schema(os.environ["UNION_LEDGER_TEST_PG_URL"]))
        else:
            url = "sqlite:///" + str(folder / "golden.sqlite3")
        ledger = Ledger.open(url, create=True)
        try:
            yield ledger
        finally:
            ledger.close()


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Ledger, dict[str, Any]]]:
    with _ledger(request.param, tmp_path_factory.mktemp("golden")) as ledger:
        yield ledger, build(ledger)


@pytest.fixture(scope="module")
def computed(demo: tuple[Ledger, dict[str, Any]]) -> dict[str, Any]:
    return demo[1]


def _differences(want: Any, got: Any, path: str = "") -> Iterator[str]:
    if isinstance(want, dict) and isinstance(got, dict):
        for key in sorted(set(want) | set(got)):
            if key not in got:
                yield f"{path}/{key}: missing"
            elif key not in want:
                yield f"{path}/{key}: unexpected {got[key]!r}"
            else:
                yield from _differences(want[key], got[key], f"{path}/{key}")
    elif isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for i, (w, g) in enumerate(zip(want, got, strict=True)):
            yield from _differences(w, g, f"{path}[{i}]")
    elif want != got:
        yield f"{path}: want {want!r}, got {got!r}"


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_demo_is_the_one_the_figures_were_kept_from(
    computed: dict[str, Any], golden: dict[str, Any]
) -> None:
    assert computed["rows"] == golden["rows"], "the demo changed: the kept figures no longer apply"
    assert golden["figures"]["periods"]["2025年"]["assistance"]["total"]["records"] > 0


@pytest.mark.parametrize("state", ["plain_figures", "figures"])
def test_figures_match_the_kept_ones(
    computed: dict[str, Any], golden: dict[str, Any], state: str
) -> None:
    wrong = list(_differences(golden[state], computed[state]))
    assert not wrong, f"{len(wrong)} figures differ, first ones:\n" + "\n".join(wrong[:30])


def test_periods_read_together_equal_periods_read_alone(
    demo: tuple[Ledger, dict[str, Any]],
) -> None:
    """The shared statements (one pass for several periods) give each period its own figures,
    overlapping periods included."""
    ledger = demo[0]
    periods = [Period(2025, 2025), Period(2024, 2025), Period(2023, 2023)]
    with ledger.db.read() as s:
        together = periods_figures(s, periods)
        alone = [period_figures(s, p) for p in periods]
    for a, b in zip(together, alone, strict=True):
        assert a.to_dict() == b.to_dict()
    assert together[0].households.lift_routes and together[1].households.lift_routes


def write() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["UNION_LEDGER_HOME"] = str(Path(folder) / "home")
        ledger = Ledger.open("sqlite:///" + str(Path(folder) / "golden.sqlite3"), create=True)
        try:
            kept = build(ledger)
        finally:
            ledger.close()
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(
        # One value a line: a changed figure reads as a one-line diff.
        json.dumps(kept, ensure_ascii=False, indent=0) + "\n",
        encoding="utf-8",
    )
    print(f"written {GOLDEN}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    write()
