"""Benchmark of `demo --households N`: build time, rows per second, size, and a first `stats` query.

    python -m tests.benchmarks.run demo [--households 100000]

Builds into a fresh temporary database each time (the figure is the cold build), then hands the
file to tests.benchmarks.datasets so later benchmarks in the same run reuse it.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks import datasets


def run(
    households: int = datasets.DEFAULT_HOUSEHOLDS, seed: int = datasets.DEFAULT_SEED
) -> dict[str, Any]:
    from models.demo import DemoOptions, build_demo
    from models.services import Ledger

    work = Path(tempfile.mkdtemp(prefix="bench-demo-", dir=datasets.bench_dir()))
    path = work / "demo.sqlite3"
    try:
        ledger = Ledger.open("sqlite:///" + str(path), create=True)
        try:
            start, cpu_start = time.perf_counter(), time.process_time()
            summary = build_demo(ledger, DemoOptions(households=households, seed=seed))
            seconds = time.perf_counter() - start
            cpu_seconds = time.process_time() - cpu_start
            figures: dict[str, Any] = {
                "households": households,
                "build_s": round(seconds, 2),
                # CPU time says how much work it was even when other processes share the machine.
                "build_cpu_s": round(cpu_seconds, 2),
                "rows": summary.rows,
                "rows_per_s": round(summary.rows / seconds),
                "households_per_s": round(households / seconds),
                "rows_by_table": dict(sorted(summary.counts.items())),
                "database_mb": round(path.stat().st_size / 1e6, 1),
                "peak_rss_mb": _peak_rss_mb(),
            }
            figures["stats"] = _stats(ledger, summary.window.end.year)
        finally:
            ledger.close()
        datasets.store(path, households, seed)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def _stats(ledger: Any, year: int) -> dict[str, Any]:
    """`stats YEAR` on the fresh database: the first call (cold caches) and the best of three."""
    if importlib.util.find_spec("models.statistics") is None:
        return {"skipped": "models.statistics 尚不存在"}
    from models.statistics import year_figures

    seconds = []
    for _ in range(4):
        start = time.perf_counter()
        year_figures(ledger, year)
        seconds.append(time.perf_counter() - start)
    return {"year": year, "first_s": round(seconds[0], 3), "best_s": round(min(seconds[1:]), 3)}


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)
