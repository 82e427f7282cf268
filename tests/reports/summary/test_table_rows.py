"""An appendix table split across pages leaves two rows at least on each page, never one alone."""

from __future__ import annotations

from reports.summary.appendix import MIN_ROWS_ON_A_PAGE, _Table

ROW = 20.0


def _rows(body: int) -> _Table:
    data = [["乡镇", "户数"], *([f"第{i}镇", str(i)] for i in range(body))]
    return _Table(data, colWidths=[100, 60], rowHeights=[ROW] * (body + 1), repeatRows=1)


def _body_rows(part: _Table) -> int:
    return len(part._cellvalues) - 1


def test_a_last_row_alone_takes_the_row_before_it_along() -> None:
    table = _rows(10)
    table.wrap(400, 1000)
    # Room for the head and nine rows: reportlab alone would leave the tenth on its own.
    parts = table.split(400, ROW * 10 + 1)
    assert [_body_rows(p) for p in parts] == [8, 2]


def test_a_first_row_alone_goes_with_the_table_to_the_next_page() -> None:
    table = _rows(10)
    table.wrap(400, 1000)
    assert table.split(400, ROW * 2 + 1) == []  # the head and one row: all on the next page
    parts = table.split(400, ROW * (MIN_ROWS_ON_A_PAGE + 1) + 1)
    assert [_body_rows(p) for p in parts] == [2, 8]
