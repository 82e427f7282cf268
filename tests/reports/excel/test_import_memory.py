"""What an import keeps of the rows it read: nothing of a row once it is decided, refused or not.

The import runs with the cyclic garbage collector paused (models.services.imports), so a row
that is only freed by a collection stays for the whole import: a roster refused whole would be
held whole. Each row must go as soon as it is decided, by reference counting alone.
"""

from __future__ import annotations

import contextlib
import gc
import traceback
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reports.excel.parse import parse_workbook
from reports.excel.reading import open_workbook
from tests.reports.excel.messy import ids, write_xlsx

ROWS = 200
HEAD = ["姓名", "身份证号", "乡镇", "困难类别", "致困原因", "建档日期", "家庭年收入"]


def _roster(tmp_path: Path) -> Path:
    """Rows refused for a repeated bad value (待定, 2023.13.45, 两万左右), or for a wrong ID."""
    rows: list[list[Any]] = [HEAD]
    for i, number in enumerate(ids(ROWS)):
        if i % 2:
            rows.append([f"张{i}", number, "城关镇", "待定", "因病", "2023.13.45", "两万左右"])
        else:
            wrong = number[:-1] + ("1" if number[-1] != "1" else "2")  # a wrong check digit
            rows.append([f"李{i}", wrong, "城关镇", "深度困难", "因病", "2023.5.6", 2e4])
    return write_xlsx(tmp_path / "花名册.xlsx", [("花名册", rows)])


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_a_repeated_bad_value_does_not_keep_every_row_it_refused(tmp_path: Path) -> None:
    with open_workbook(_roster(tmp_path)) as book:
        parsed = list(parse_workbook("households", book).rows)
    assert len(parsed) == ROWS
    last = parsed[-1].problems
    assert {p.field for p in last} >= {"hardship_class", "filed_date", "family_annual_income"}
    for problem in last:
        # Each raise of a memoised error would otherwise add its frames (and their rows) to the
        # same traceback: a roster refused whole would keep every row it ever read.
        depth = len(list(traceback.walk_tb(problem.__traceback__)))
        assert depth < 10, (problem.field, depth)


def test_a_refused_row_is_freed_once_read(tmp_path: Path) -> None:
    alive: list[weakref.ref[Any]] = []
    with open_workbook(_roster(tmp_path)) as book, _no_collection():
        for row in parse_workbook("households", book).rows:
            assert row.problems
            alive.append(weakref.ref(row))
            alive.extend(weakref.ref(problem) for problem in row.problems)
        del row
        kept = sum(ref() is not None for ref in alive)
    assert kept == 0


def test_a_refused_row_is_freed_once_applied(ledger: Any, tmp_path: Path) -> None:
    alive: list[weakref.ref[Any]] = []

    def watched(rows: Iterator[Any]) -> Iterator[Any]:
        for row in rows:
            row.problems.clear()  # decided by the applier: refused for its ID number or class
            alive.append(weakref.ref(row))
            yield row

    with open_workbook(_roster(tmp_path)) as book, _no_collection():
        rows = parse_workbook("households", book).rows
        result = ledger.imports.apply("households", watched(rows), file_name="花名册.xlsx")
        kept = sum(ref() is not None for ref in alive)
    assert len(result.rejected) == ROWS
    assert kept <= 1
