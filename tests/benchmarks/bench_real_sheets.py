"""The real-sheets corpus as a clerk would import it: rows accepted / rows a clerk would accept.

Generates tests/data/real_sheets' 30-odd township files into a temporary folder, imports them in
the manifest's order into one fresh ledger through the app's import path, and reports per kind
and overall: rows a clerk would accept, rows the importer accepted, rows agreeing with the
manifest in every respect, refused rows refused for the right reason, and the mapped-value counts
(the wordings the manifest expects reported as mapped, and the `mapped` entries the import report
actually carries, by `how`). Figures, not assertions: test_real_sheets.py holds the rows.

    python -m tests.benchmarks.run real_sheets
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from tests.reports.excel import real_sheets_check as check


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-real-sheets-") as tmp:
        folder, manifest = check.corpus(Path(tmp) / "corpus")
        db = Path(tmp) / "ledger.sqlite3"
        db.touch()
        start = time.perf_counter()
        runs = check.run_corpus(f"sqlite:///{db}", folder, manifest)
        seconds = time.perf_counter() - start
    figures = check.summary(runs)
    would = figures["rows_a_clerk_would_accept"]
    figures["accepted_of_acceptable"] = (
        f"{figures['good_rows_accepted']}/{would} ({figures['good_rows_accepted'] / would:.0%})"
        if would
        else "0/0"
    )
    figures["agreeing_of_rows"] = (
        f"{figures['rows_agreeing']}/{figures['rows']} ({figures['rows_agreeing'] / figures['rows']:.0%})"
    )
    figures["import_and_check_s"] = round(seconds, 2)
    return figures
