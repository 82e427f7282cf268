"""Benchmark of the list search inside values and the pinyin sort, on the shared demo county.

    python -m tests.benchmarks.run search [--households 100000] [--runs 5]
    python -m tests.benchmarks.bench_search --db PATH [--scale 10]

Times HouseholdService.search_ids as the list runs it (last four digits of an ID, a phone's
middle, a given name, a member's full name, one surname character) against, in the same run, the
same match done by scanning the texts (what a plain LIKE '%…%' costs without the trigram index),
and the whole list sorted by pinyin against by 档案编号. `--scale N` also copies the searched
texts N times into a scratch FTS5 table (N × the county's files, numbers shifted so every copy
is a different file) and times the index query there: the million-file figure. Keeping the index
costs `refresh_1000_s` per thousand files written. With UNION_LEDGER_TEST_PG_URL set, the same
texts go into a scratch PostgreSQL schema with the pg_trgm index and are searched there too.
Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from models import search_index
from models.schema import Household, HouseholdMember
from models.services import HouseholdQuery, Ledger


def _timed(call: Callable[[], Any], runs: int) -> dict[str, Any]:
    wall = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        wall.append(time.perf_counter() - start)
    found = len(result) if isinstance(result, list) else result
    return {
        "median_s": round(statistics.median(wall), 4),
        "min_s": round(min(wall), 4),
        "found": found,
    }


def _probes(ledger: Ledger) -> dict[str, str]:
    """What a clerk types, taken from the county's own records (so each finds something)."""
    with ledger.db.read() as s:
        head = s.execute(
            select(Household.id_number, Household.phone, Household.name)
            .where(Household.phone.is_not(None))
            .order_by(Household.id.desc())
            .limit(1)
        ).one()
        member = s.execute(
            select(HouseholdMember.name)
            .where(func.length(HouseholdMember.name) == 3)
            .order_by(HouseholdMember.id.desc())
            .limit(1)
        ).scalar_one()
    return {
        "id_last4": head.id_number[-4:],
        "phone_middle4": head.phone[3:7],
        "given_name_2": head.name[-2:],
        "member_name_3": member,
        "surname_1": head.name[0],
    }


def _scan(ledger: Ledger, typed: str) -> list[int]:
    """The same files found by reading every text (the cost without a trigram index)."""
    query = typed.upper()
    patterns = (
        [search_index.SEPARATOR + query, query + search_index.SEPARATOR]
        if len(query) == 2
        else [query]
    )
    sql = "SELECT household_id FROM household_search WHERE " + " OR ".join(
        "instr(text, ?) > 0" for _ in patterns
    )
    raw = ledger.db.engine.raw_connection()
    try:
        return [r[0] for r in raw.execute(sql, patterns).fetchall()]
    finally:
        raw.close()


def _scaled_fts(path: Path, scale: int, probes: dict[str, str], runs: int) -> dict[str, Any]:
    """The county's texts copied `scale` times into a scratch FTS5 trigram table."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-search-")) / "scaled.sqlite3"
    out = sqlite3.connect(scratch)
    out.execute("ATTACH ? AS src", (str(path),))
    out.execute("CREATE TABLE t (household_id INTEGER PRIMARY KEY, text TEXT)")
    (count,) = out.execute("SELECT count(*) FROM src.household_search").fetchone()
    start = time.perf_counter()
    for copy in range(scale):
        # Copy k: every digit shifted by k, so each copy holds other numbers (other people).
        digits = "0123456789"
        shifted = digits[copy:] + digits[:copy]
        expression = "text"
        for a, b in zip(digits, shifted, strict=True):
            if a != b:
                expression = f"replace({expression}, '{a}', char({ord(b) + 0x2000}))"
        for a, b in zip(digits, shifted, strict=True):
            if a != b:
                expression = f"replace({expression}, char({ord(b) + 0x2000}), '{b}')"
        out.execute(
            f"INSERT INTO t SELECT household_id + {copy * count}, {expression}"
            " FROM src.household_search"
        )
    out.execute(
        "CREATE VIRTUAL TABLE f USING fts5(text, content='t', content_rowid='household_id',"
        " tokenize='trigram')"
    )
    out.execute("INSERT INTO f(f) VALUES ('rebuild')")
    out.commit()
    built = round(time.perf_counter() - start, 1)
    figures: dict[str, Any] = {"files": count * scale, "build_s": built}
    for label, typed in probes.items():
        query = typed.upper()
        if len(query) < 2:
            continue
        patterns = [query] if len(query) > 2 else ["\n" + query, query + "\n"]
        phrase = " OR ".join(f'"{p}"' for p in patterns)

        def search(phrase: str = phrase) -> list[int]:
            return [r[0] for r in out.execute("SELECT rowid FROM f WHERE f MATCH ?", (phrase,))]

        figures[label] = _timed(search, runs)
    out.close()
    figures["database_mb"] = round(scratch.stat().st_size / 1e6, 1)
    scratch.unlink()
    return figures


def _postgres(path: Path, probes: dict[str, str], runs: int) -> dict[str, Any]:
    url = os.environ.get("UNION_LEDGER_TEST_PG_URL")
    if not url:
        return {"skipped": "UNION_LEDGER_TEST_PG_URL is not set"}
    from sqlalchemy import create_engine, text

    from tests.pg import fresh_schema

    source = sqlite3.connect(path)
    rows = source.execute("SELECT household_id, text FROM household_search").fetchall()
    source.close()
    figures: dict[str, Any] = {"files": len(rows)}
    with fresh_schema(url) as scoped:
        engine = create_engine(scoped)
        with engine.begin() as conn:
            conn.execute(
                text("CREATE TABLE household_search (household_id int primary key, text text)")
            )
            conn.connection.cursor().executemany(
                "INSERT INTO household_search VALUES (%s, %s)", rows
            )
            # In public, as migration 0005 puts it: the scratch schema is dropped at the end.
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
            schema = conn.execute(
                text(
                    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n"
                    " ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
                )
            ).scalar_one()
            start = time.perf_counter()
            conn.execute(
                text(f'CREATE INDEX ON household_search USING gin (text "{schema}".gin_trgm_ops)')
            )
            figures["index_build_s"] = round(time.perf_counter() - start, 1)
            conn.execute(text("ANALYZE household_search"))
        with engine.connect() as conn:
            for label, typed in probes.items():
                query = typed.upper()
                if len(query) < 2:
                    continue
                patterns = [query] if len(query) > 2 else ["\n" + query, query + "\n"]
                where = " OR ".join(f"text LIKE :p{i}" for i in range(len(patterns)))
                params = {f"p{i}": f"%{p}%" for i, p in enumerate(patterns)}
                sql = text(f"SELECT household_id FROM household_search WHERE {where}")

                def search(sql: Any = sql, params: dict[str, str] = params) -> list[int]:
                    return list(conn.execute(sql, params).scalars())

                figures[label] = _timed(search, runs)
            plan = conn.execute(
                text("EXPLAIN SELECT household_id FROM household_search WHERE text LIKE :p"),
                {"p": f"%{probes['id_last4']}%"},
            ).scalars()
            figures["plan_uses_trigram_index"] = any("Bitmap Index Scan" in line for line in plan)
        engine.dispose()
    return figures


def run(db: Path, runs: int, scale: int = 10) -> dict[str, Any]:
    ledger = Ledger.open("sqlite:///" + str(db))
    try:
        hs = ledger.households
        probes = _probes(ledger)
        result: dict[str, Any] = {
            "database": str(db),
            "households": hs.count(),
            "probes": probes,
        }
        for label, typed in probes.items():
            result[label] = {
                "indexed": _timed(lambda t=typed: hs.search_ids(HouseholdQuery(text=t)), runs),
                "scan_baseline": _timed(lambda t=typed: _scan(ledger, t), runs)
                if len(typed) > 1
                else None,
            }
        result["list_sorted_by_pinyin"] = _timed(
            lambda: hs.search_ids(HouseholdQuery(sort="name")), runs
        )
        result["list_sorted_by_file_no"] = _timed(
            lambda: hs.search_ids(HouseholdQuery(sort="file_no")), runs
        )
        some = hs.search_ids(HouseholdQuery(), limit=1000)

        def refresh() -> int:
            with ledger.db.begin() as s:
                search_index.refresh(s, some)
            return len(some)

        result["refresh_1000_s"] = _timed(refresh, runs)
    finally:
        ledger.close()
    if scale > 1:
        result[f"fts_x{scale}"] = _scaled_fts(db, scale, probes, runs)
    result["postgresql"] = _postgres(db, probes, runs)
    return result


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a demo database (0005 or later)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=10)
    options = parser.parse_args()
    figures = run(options.db, options.runs, options.scale)
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    cli()
