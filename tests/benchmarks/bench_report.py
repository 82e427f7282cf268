"""Benchmark of the year-end summary: a year of 10,000 households, 50,000 assistance records and
5,000 activities, built end to end (queries, text, layout) against reportlab laying out the very
same pages, tables and charts from finished text (the static baseline).

    python -m tests.benchmarks.run report
    python -m tests.benchmarks.bench_report [--runs 3]

Target (issue 11): full build ≤ 1.5 × the static layout (issue 5 had 2 ×), and under 3 s.
The static layout is write_pdf on the finished document, so it includes what every PDF pays:
the 禁则 line breaking, the fonts' subsetting, tables and charts. Also reported: prepare alone
(queries, text, stored paragraphs) and render alone (what the 生成 button runs on a prepared
summary) against the same static layout, and the statistics queries alone (year_figures:
the share of prepare no layout work can hide). Reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from models.demo import DemoOptions, build_demo
from models.schema import Activity, Assistance, Household
from models.services import Ledger
from models.statistics import year_figures
from reports.pdf_fonts import report_fonts
from reports.summary import build_summary, prepare, render
from reports.summary.build import _downscale
from reports.summary.document import assemble
from reports.summary.layouts import write_pdf

YEAR = 2025
HOUSEHOLDS = 10_000
ASSISTANCE = 50_000
ACTIVITIES = 5_000


def _summary(wall: list[float], cpu: list[float]) -> dict[str, float]:
    return {
        "median_s": round(statistics.median(wall), 3),
        "min_s": round(min(wall), 3),
        "median_cpu_s": round(statistics.median(cpu), 3),
    }


def _timed(*calls: Callable[[], Any], runs: int) -> list[dict[str, float]]:
    """Wall and CPU seconds of each call, the calls taking turns run after run, so a busy
    spell on the shared machine weighs on all of them alike (CPU time is the steadier figure)."""
    wall: list[list[float]] = [[] for _ in calls]
    cpu: list[list[float]] = [[] for _ in calls]
    for _ in range(runs):
        for i, call in enumerate(calls):
            start, start_cpu = time.perf_counter(), time.process_time()
            call()
            wall[i].append(time.perf_counter() - start)
            cpu[i].append(time.process_time() - start_cpu)
    return [_summary(w, c) for w, c in zip(wall, cpu, strict=True)]


def _copy_rows(
    ledger: Ledger, table: Any, date_column: str, wanted: int, seed: int, reset: dict[str, Any]
) -> int:
    """Top a table up to `wanted` rows dated in YEAR by copying its own rows to other days
    (Core bulk insert: the demo generator's shape, the benchmark's size)."""
    rng = random.Random(seed)
    column = getattr(table, date_column)
    with ledger.db.begin() as s:
        have = (
            s.scalar(
                select(func.count())
                .select_from(table)
                .where(column >= dt.date(YEAR, 1, 1), column <= dt.date(YEAR, 12, 31))
            )
            or 0
        )
        if have >= wanted:
            return int(have)
        source = [
            dict(r._mapping)
            for r in s.execute(
                select(table.__table__).where(
                    column >= dt.date(YEAR, 1, 1), column <= dt.date(YEAR, 12, 31)
                )
            )
        ]
        rows = []
        for index in range(wanted - have):
            row = dict(source[index % len(source)])
            row.pop("id")
            row[date_column] = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
            row.update(reset)
            rows.append(row)
        for start in range(0, len(rows), 5000):
            s.execute(insert(table.__table__), rows[start : start + 5000])
    return wanted


def dataset(path: Path, seed: int = 2025) -> Ledger:
    ledger = Ledger.open("sqlite:///" + str(path), create=True)
    with ledger.db.read() as s:
        empty = not s.scalar(select(func.count()).select_from(Household))
    if empty:
        build_demo(
            ledger,
            DemoOptions(
                households=HOUSEHOLDS,
                first_year=YEAR,
                last_year=YEAR,
                seed=seed,
                as_of=dt.date(YEAR, 12, 31),
            ),
        )
        _copy_rows(ledger, Assistance, "date", ASSISTANCE, seed, {})
        _copy_rows(
            ledger,
            Activity,
            "start_date",
            ACTIVITIES,
            seed,
            {"include_in_summary": False, "end_date": None},
        )
    return ledger


def _counts(ledger: Ledger) -> dict[str, int]:
    def in_year(table: Any, column: str) -> int:
        c = getattr(table, column)
        with ledger.db.read() as s:
            return int(
                s.scalar(
                    select(func.count())
                    .select_from(table)
                    .where(c >= dt.date(YEAR, 1, 1), c <= dt.date(YEAR, 12, 31))
                )
                or 0
            )

    with ledger.db.read() as s:
        households = int(s.scalar(select(func.count()).select_from(Household)) or 0)
    return {
        "households": households,
        "assistance_in_year": in_year(Assistance, "date"),
        "activities_in_year": in_year(Activity, "start_date"),
    }


def run(runs: int = 3, seed: int = 2025) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="bench-report-"))
    start = time.perf_counter()
    ledger = dataset(folder / "report.sqlite3", seed)
    build_s = round(time.perf_counter() - start, 1)
    fonts = report_fonts()  # registered once per process, as in the window
    result: dict[str, Any] = {
        "rows": _counts(ledger),
        "dataset_build_s": build_s,
        "fonts": fonts.describe(),
    }
    try:
        for style in ("article", "official"):
            out = folder / f"{style}.pdf"
            # The static baseline: the same document, text already written and figures already
            # read, laid out by reportlab into the same pages, tables and charts.
            prepared = prepare(ledger, YEAR)
            doc = assemble(
                prepared.draft,
                prepared.paragraphs,
                style=style,
                figures=prepared.figures,
                photos=prepared.photos,
            )
            images = _downscale(prepared.photo_files, folder, [])
            static_out = folder / f"{style}-static.pdf"
            # Both with the appendix (tables, charts, 数据来源): the same pages, the heavier case.
            rendered_out = folder / f"{style}-rendered.pdf"
            full, static, prepare_only, render_only, figures_only = _timed(
                lambda s=style, o=out: build_summary(ledger, YEAR, o, style=s, appendix=True),
                lambda d=doc, o=static_out, i=images: write_pdf(d, o, fonts, i, appendix=True),
                lambda: prepare(ledger, YEAR),
                # The 生成 button's step: the prepared summary laid out (assembly, photos, PDF).
                lambda s=style, o=rendered_out, p=prepared: render(p, o, style=s, fonts=fonts,
                                                                   appendix=True),
                lambda: year_figures(ledger, YEAR),
                runs=runs,
            )  # fmt: skip
            pages = write_pdf(doc, static_out, fonts, images, appendix=True)
            result[style] = {
                "pages": pages,
                "pdf_kb": round(out.stat().st_size / 1024),
                "full_build": full,
                "static_layout": static,
                "ratio_full_to_static": round(full["median_s"] / static["median_s"], 2),
                "ratio_full_to_static_cpu": round(full["median_cpu_s"] / static["median_cpu_s"], 2),
                "under_3s": full["median_s"] < 3.0,
                "within_1_5x": full["median_s"] <= 1.5 * static["median_s"],
                "prepare_only": prepare_only,
                "statistics_only": figures_only,
                "render_only": render_only,
                "ratio_render_to_static": round(render_only["median_s"] / static["median_s"], 2),
            }
    finally:
        ledger.close()
    return result


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    print(json.dumps(run(options.runs), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    cli()
