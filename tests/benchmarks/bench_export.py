"""花名册 export of every household against openpyxl write-only writing the same cells unstyled.

Each side runs in its own process, alternating, `runs` times (the machine is shared: medians are
reported, and CPU time beside wall time). The baseline reads the export's own rows first (not timed)
and then times only writing them plainly with openpyxl's write-only mode; the export is timed whole
(query, mask, style, save) and writes with XlsxWriter (reports.excel.styles).
Target (issue 3): export ≤ 1.2× the baseline at 100,000 households, memory flat (streamed).

    python -m tests.benchmarks.run export --households 100000 --runs 3
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.benchmarks import datasets

_CHILD = r"""
import json, resource, sys, time
mode, db, out = sys.argv[1], sys.argv[2], sys.argv[3]
from models.services import Ledger
ledger = Ledger.open("sqlite:///" + db)
result = {}
if mode == "baseline":
    from openpyxl import Workbook
    from models.services.exports import ExportFilter
    from reports.excel.export import cell_value, export_columns
    fields = export_columns("households")
    rows = [
        [cell_value(f, r.get(f), False) for f in fields]
        for r in ledger.exports.rows("households", ExportFilter())
    ]
    start, cpu = time.perf_counter(), time.process_time()
    book = Workbook(write_only=True)
    ws = book.create_sheet("花名册")
    for row in rows:
        ws.append(row)
    book.save(out)
    result["rows"] = len(rows)
else:
    from pathlib import Path
    from reports.excel.export import export_kind
    start, cpu = time.perf_counter(), time.process_time()
    result["rows"] = export_kind(ledger, "households", Path(out))
result["seconds"] = round(time.perf_counter() - start, 2)
result["cpu_seconds"] = round(time.process_time() - cpu, 2)
result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(json.dumps(result))
"""


def _child(mode: str, db: Path, out: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(db), str(out)],
        cwd=datasets.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(results: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in results if key in r]
    return round(statistics.median(values), 2) if values else None


def run(db: Path, runs: int = 3) -> dict[str, Any]:
    sides: dict[str, list[dict[str, Any]]] = {"baseline": [], "export": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(max(1, runs)):
            sides["baseline"].append(_child("baseline", db, Path(tmp) / "plain.xlsx"))
            sides["export"].append(_child("export", db, Path(tmp) / "roster.xlsx"))
    figures: dict[str, Any] = {}
    for name, label in (("baseline", "openpyxl_write_only_unstyled"), ("export", "export")):
        results = sides[name]
        errors = [r["error"] for r in results if "error" in r]
        figures[label] = {
            "rows": results[0].get("rows"),
            "seconds": [r.get("seconds") for r in results],
            "cpu_seconds": [r.get("cpu_seconds") for r in results],
            "median_seconds": _median(results, "seconds"),
            "median_cpu_seconds": _median(results, "cpu_seconds"),
            "peak_mb": max((r.get("peak_mb", 0) for r in results), default=None),
            **({"error": errors[0]} if errors else {}),
        }
    base, export = figures["openpyxl_write_only_unstyled"], figures["export"]
    if base["median_seconds"] and export["median_seconds"]:
        figures["ratio_wall"] = round(export["median_seconds"] / base["median_seconds"], 3)
        figures["ratio_cpu"] = round(export["median_cpu_seconds"] / base["median_cpu_seconds"], 3)
        figures["target"] = "ratio ≤ 1.2 at 100,000 households (medians); export peak_mb flat"
    return figures


def cli() -> None:
    db = Path(sys.argv[1]) if len(sys.argv) > 1 else datasets.demo_database()
    print(json.dumps(run(db), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    cli()
