"""Import of a big 花名册 (read, validated, committed) against openpyxl read-only just iterating it.

Each measurement runs in its own process so its peak memory is its own. The roster is worded as
townships word them (tests/benchmarks/rosters.py: the real-sheet corpus's headers, values, dates
and money spellings) in a real layout (merged title, 填报单位 line, header, data, 合计, footer),
cached on disk. Cases: the first import, the same file again (every row unchanged), and a
roster with 80% of its rows refused, imported with its error workbook written (as
`import … --errors` does). Targets (issue 10): import ≤ 0.3× the openpyxl read-only time at
100,000 rows; peak RSS < 400 MB for every case at 200,000 rows.

    python -m tests.benchmarks.run import --households 100000
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.benchmarks import datasets
from tests.benchmarks.rosters import roster

ROOT = datasets.ROOT
REFUSED_SHARE = 0.8


_CHILD = r"""
import json, resource, sys, time
mode, path, db = sys.argv[1], sys.argv[2], sys.argv[3]
start, cpu = time.perf_counter(), time.process_time()
out = {}
if mode == "openpyxl":
    from openpyxl import load_workbook
    book = load_workbook(path, read_only=True, data_only=True)
    out["rows"] = sum(1 for ws in book.worksheets for _ in ws.iter_rows(values_only=True))
else:
    from models.services import Ledger
    from reports.excel.parse import parse_workbook
    from reports.excel.reading import open_workbook
    ledger = Ledger.open("sqlite:///" + db, create=True)
    with open_workbook(path) as book:
        parsed = parse_workbook("households", book)
        result = ledger.imports.apply("households", parsed.rows, file_name=path)
    out.update(rows=result.rows_read, inserted=result.inserted, unchanged=result.unchanged,
               rejected=len(result.rejected))
    if mode == "import-errors":
        from reports.excel.error_workbook import write_error_workbook
        out["error_rows"] = write_error_workbook(db + "-错误.xlsx", result.rejected, parsed.headers)
out["seconds"] = round(time.perf_counter() - start, 2)
out["cpu_seconds"] = round(time.process_time() - cpu, 2)
out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(json.dumps(out))
"""


def _child(mode: str, path: Path, db: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(path), str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(households: int = 100_000, seed: int = 2025) -> dict[str, Any]:
    figures: dict[str, Any] = {"rows": households}
    path = roster(households, seed)
    refused = roster(households, seed, refused=REFUSED_SHARE)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "import.sqlite3"
        baseline = _child("openpyxl", path, db)
        first = _child("import", path, db)
        again = _child("import", path, db)  # the same file again: every row unchanged
        mostly_refused = _child("import-errors", refused, Path(tmp) / "refused.sqlite3")
    figures["openpyxl_read_only"] = baseline
    figures["import"] = first
    figures["reimport_unchanged"] = again
    figures[f"import_{round(REFUSED_SHARE * 100)}pct_refused_with_error_workbook"] = mostly_refused
    if "seconds" in baseline and "seconds" in first:
        figures["ratio_wall"] = round(first["seconds"] / baseline["seconds"], 3)
        figures["ratio_cpu"] = round(first["cpu_seconds"] / baseline["cpu_seconds"], 3)
    peaks = [c.get("peak_mb", 0) for c in (first, again, mostly_refused)]
    figures["peak_mb_max"] = max(peaks)
    figures["target"] = "ratio ≤ 0.3 (100,000 rows); peak_mb < 400 in every case (200,000 rows)"
    return figures


def cli() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(json.dumps(run(rows), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    cli()
