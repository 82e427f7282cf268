"""花名册 export of every household against openpyxl write-only writing the same cells unstyled.

Each side runs in its own process. The baseline reads the export's own rows first (not timed) and
then times only writing them plainly; the export is timed whole (query, mask, style, save).
Target (issue 3): export ≤ 1.2× the baseline at 100,000 households, memory flat (streamed).

    python -m tests.benchmarks.run export --households 100000
"""

from __future__ import annotations

import json
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


def run(db: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        baseline = _child("baseline", db, Path(tmp) / "plain.xlsx")
        export = _child("export", db, Path(tmp) / "roster.xlsx")
    figures: dict[str, Any] = {"openpyxl_write_only_unstyled": baseline, "export": export}
    if "seconds" in baseline and "seconds" in export:
        figures["ratio_wall"] = round(export["seconds"] / baseline["seconds"], 3)
        figures["ratio_cpu"] = round(export["cpu_seconds"] / baseline["cpu_seconds"], 3)
        figures["target"] = "ratio ≤ 1.2 at 100,000 households; export peak_mb flat"
    return figures


def cli() -> None:
    db = Path(sys.argv[1]) if len(sys.argv) > 1 else datasets.demo_database()
    print(json.dumps(run(db), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    cli()
