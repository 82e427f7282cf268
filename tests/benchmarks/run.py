"""Runs the benchmarks and prints their figures as one JSON object (never part of the test run).

    python -m tests.benchmarks.run                 # every benchmark
    python -m tests.benchmarks.run demo statistics # some, by name
    python -m tests.benchmarks.run --list
    python -m tests.benchmarks.run --households 20000 --runs 3

A benchmark is a module `tests/benchmarks/bench_<name>.py` with a function `run(...)` returning a
dict of figures (a dict with "skipped" says why it could not run). The runner passes the options
`run` declares among: households, seed, runs, db (the shared demo database of that size, built
once per size and cached; see tests.benchmarks.datasets). Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from tests.benchmarks import datasets

HERE = Path(__file__).resolve().parent
PREFIX = "bench_"
# Benchmarks that build the shared database go first, so the others reuse it instead of rebuilding.
FIRST = ("demo",)


def available() -> list[str]:
    names = sorted(p.stem.removeprefix(PREFIX) for p in HERE.glob(f"{PREFIX}*.py"))
    return [n for n in FIRST if n in names] + [n for n in names if n not in FIRST]


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
        "load_avg": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }


def run_one(name: str, options: argparse.Namespace) -> dict[str, Any]:
    module = importlib.import_module(f"tests.benchmarks.{PREFIX}{name}")
    function = getattr(module, "run", None)
    if not callable(function):
        return {"error": f"{module.__name__} has no run() function"}
    offered: dict[str, Any] = {
        "households": options.households,
        "seed": options.seed,
        "runs": options.runs,
    }
    wanted = inspect.signature(function).parameters
    kwargs = {key: value for key, value in offered.items() if key in wanted}
    if "db" in wanted:
        kwargs["db"] = options.db or datasets.demo_database(options.households, options.seed)
    start = time.perf_counter()
    try:
        figures = function(**kwargs)
    except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
        return {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc(limit=5)}
    if not isinstance(figures, dict):
        return {"error": f"run() returned {type(figures).__name__}, not a dict"}
    figures.setdefault("wall_s", round(time.perf_counter() - start, 2))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--households", type=int, default=datasets.DEFAULT_HOUSEHOLDS)
    parser.add_argument("--seed", type=int, default=datasets.DEFAULT_SEED)
    parser.add_argument("--runs", type=int, default=5, help="repetitions for timed queries")
    parser.add_argument("--db", type=Path, help="use this database instead of the shared demo one")
    options = parser.parse_args(argv)
    names = available()
    if options.list:
        print("\n".join(names))
        return 0
    unknown = [n for n in options.names if n not in names]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(names)}")
    chosen = [n for n in names if n in options.names] if options.names else names
    # Benchmarks must never touch a real user's data folder.
    os.environ["UNION_LEDGER_HOME"] = tempfile.mkdtemp(prefix="bench-home-")
    os.environ.pop("UNION_LEDGER_DB", None)
    os.environ.pop("UNION_LEDGER_DATABASE_URL", None)
    results: dict[str, Any] = {}
    for name in chosen:
        print(f"running {name} …", file=sys.stderr, flush=True)
        results[name] = run_one(name, options)
    report = {
        "machine": machine(),
        "options": {"households": options.households, "seed": options.seed, "runs": options.runs},
        "benchmarks": results,
    }
    print(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    return 1 if any("error" in r for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
