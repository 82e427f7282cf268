"""Benchmark of the statistics layer: year_figures / dashboard / `stats --json` on a big demo county.

    python -m tests.benchmarks.bench_statistics [--households 100000] [--db PATH] [--runs 5]

Builds the demo database once (or reuses --db if it already holds data), then prints one JSON
object: database size, row counts and the median/min seconds of each measured call. Not part of
the default test run; timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

import main
from models.demo import DemoOptions, build_demo
from models.schema import Activity, Assistance, Household, HouseholdMember, Station, StationUsage
from models.services import Ledger
from models.statistics import dashboard_figures, year_figures


def _timed(call: Callable[[], Any], runs: int) -> dict[str, float]:
    """Wall and CPU seconds: on a shared machine CPU time is the steadier figure."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {
        "median_s": round(statistics.median(wall), 3),
        "min_s": round(min(wall), 3),
        "median_cpu_s": round(statistics.median(cpu), 3),
    }


def _counts(ledger: Ledger) -> dict[str, int]:
    tables = {
        "households": Household, "household_members": HouseholdMember, "assistance": Assistance,
        "stations": Station, "station_usage": StationUsage, "activities": Activity,
    }  # fmt: skip
    with ledger.db.read() as s:
        return {
            name: int(s.scalar(select(func.count()).select_from(t)) or 0)
            for name, t in tables.items()
        }


def _stats_cli(path: Path, *extra: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        if main.main(["stats", "2025", "--json", "--db", str(path), *extra]) != 0:
            raise RuntimeError("stats failed")


def run(households: int, db: Path | None, runs: int) -> dict[str, Any]:
    path = db or Path(tempfile.mkdtemp()) / "bench_statistics.sqlite3"
    ledger = Ledger.open("sqlite:///" + str(path), create=True)
    build_seconds = None
    try:
        if not _counts(ledger)["households"]:
            start = time.perf_counter()
            build_demo(ledger, DemoOptions(households=households, first_year=2021, last_year=2025))
            build_seconds = round(time.perf_counter() - start, 1)
        counts = _counts(ledger)
        result: dict[str, Any] = {
            "database": str(path),
            "database_mb": round(path.stat().st_size / 1e6, 1),
            "rows": counts,
            "demo_build_s": build_seconds,
            "year_figures_2025": _timed(lambda: year_figures(ledger, 2025), runs),
            "year_figures_2021_2025": _timed(lambda: year_figures(ledger, 2025, 2021), runs),
            "facts_and_to_dict": _timed(lambda: year_figures(ledger, 2025).to_dict(), runs),
            "dashboard_figures_2025": _timed(lambda: dashboard_figures(ledger, 2025), runs),
        }
    finally:
        ledger.close()
    # End to end as a clerk runs it: interpreter already up, database opened and checked, JSON out.
    result["stats_cli_json"] = _timed(lambda: _stats_cli(path), runs)
    return result


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse this database (built if empty)")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    print(
        json.dumps(run(options.households, options.db, options.runs), ensure_ascii=False, indent=2)
    )


if __name__ == "__main__":
    cli()
