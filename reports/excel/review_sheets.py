"""The review lists as one workbook, one 花名册-style sheet per list, to send to the townships.

Each sheet: the merged title (XX县总工会待办核查清单：超过12个月未核查), 填报单位 and the date the
lists were computed for, the bold header, one row per entry, 合计（N条） and the signature line.
ID numbers and phones are masked unless `unmask` (checked and audited before a byte is written).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from models.masking import mask_id_number, mask_phone
from models.reviews.duplicates import DuplicatePair
from models.reviews.entries import LIST_TITLES, ReviewEntry
from reports.excel.export import check_export_name
from reports.excel.styles import (
    SIGNATURES,
    Formats,
    header_row,
    print_setup,
    set_widths,
    title_rows,
    write_value,
    writing,
)

HEAD_ROWS = 3
HOUSEHOLD_COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 6), ("档案编号", 14), ("户主姓名", 10), ("身份证号", 21), ("手机号码", 14),
    ("所属乡镇(街道)", 14), ("档案状态", 9), ("困难类别", 10), ("列入原因", 52), ("相关日期", 12),
)  # fmt: skip
MEMBER_COLUMNS = (*HOUSEHOLD_COLUMNS[:3], ("家庭成员", 10), *HOUSEHOLD_COLUMNS[3:])
DUPLICATE_COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 6), ("档案编号", 14), ("姓名", 10), ("身份", 8), ("身份证号", 21), ("所属乡镇(街道)", 14),
    ("另一档案编号", 14), ("姓名", 10), ("身份", 8), ("身份证号", 21), ("所属乡镇(街道)", 14),
    ("疑似原因", 44),
)  # fmt: skip
CHECK_COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 6), ("对象", 30), ("所属乡镇(街道)", 14), ("发现的问题", 56), ("处理办法", 44),
)  # fmt: skip
TEXT_COLUMNS = {"身份证号", "手机号码", "档案编号", "另一档案编号"}


def export_reviews(
    ledger: Any, out: Path, *, as_of: dt.date | None = None, unmask: bool = False
) -> list[tuple[str, int]]:
    """Write every list; returns (title, rows) per sheet in order."""
    out = check_export_name(Path(out))
    if unmask:
        ledger.privacy.audit_unmasked(f"待办核查清单 → {out.name}", use="export")
    else:
        ledger.exports.require("export")
    result = ledger.reviews.lists(as_of)
    org = ledger.settings.org_name
    day = result.as_of
    right = f"截至：{day.year}年{day.month}月{day.day}日"
    id_mask = (lambda t: t) if unmask else mask_id_number
    phone_mask = (lambda t: t) if unmask else mask_phone
    written = []
    with writing(out, private=unmask) as (book, fmt):
        for key, title in LIST_TITLES.items():
            if key == "possible_duplicates":
                columns, rows = DUPLICATE_COLUMNS, _duplicate_rows(result.duplicates, id_mask)
            elif key == "cross_checks":
                columns = CHECK_COLUMNS
                rows = [
                    [i, c.record, c.township, c.problem, c.advice]
                    for i, c in enumerate(result.cross_checks, 1)
                ]
            else:
                entries = result.entries[key]
                members = key == "member_changes"
                columns = MEMBER_COLUMNS if members else HOUSEHOLD_COLUMNS
                rows = _entry_rows(entries, members, id_mask, phone_mask)
            ws = book.add_worksheet(title[:31])
            _sheet(ws, fmt, f"{org}待办核查清单：{title}", org, right, columns, rows)
            written.append((title, len(rows)))
    return written


def _entry_rows(
    entries: Sequence[ReviewEntry],
    members: bool,
    id_mask: Callable[[str], str],
    phone_mask: Callable[[str], str],
) -> list[list[Any]]:
    rows = []
    for i, e in enumerate(entries, 1):
        head = [i, e.file_no, e.name]
        if members:
            head.append(e.member_name)
        rows.append([
            *head, id_mask(e.id_number), phone_mask(e.phone) if e.phone else None, e.township,
            e.status, e.hardship_class, e.detail, e.date,
        ])  # fmt: skip
    return rows


def _duplicate_rows(
    pairs: Sequence[DuplicatePair], id_mask: Callable[[str], str]
) -> list[list[Any]]:
    rows = []
    for i, p in enumerate(pairs, 1):
        row: list[Any] = [i]
        for person in (p.a, p.b):
            row += [
                person.file_no, person.name, person.role,
                id_mask(person.id_number) if person.id_number else None, person.township,
            ]  # fmt: skip
        rows.append([*row, "；".join(p.reasons)])
    return rows


def _sheet(
    ws: Any,
    fmt: Formats,
    title: str,
    org: str,
    right: str,
    columns: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[Any]],
) -> None:
    labels = [c[0] for c in columns]
    set_widths(ws, [c[1] for c in columns])
    ws.freeze_panes(HEAD_ROWS, 0)
    print_setup(ws, repeat=(0, HEAD_ROWS - 1), gridlines=True)
    title_rows(ws, fmt, title, org, len(columns), right)
    header_row(ws, fmt, HEAD_ROWS - 1, labels)
    text_cols = {i for i, label in enumerate(labels) if label in TEXT_COLUMNS}
    row_no = HEAD_ROWS
    for row in rows:
        for col, value in enumerate(row):
            if col in text_cols:
                write_value(ws, fmt, row_no, col, value, "text")
            else:
                write_value(ws, fmt, row_no, col, value)
        row_no += 1
    ws.write_string(row_no, 0, f"合计（{len(rows)}条）", fmt("bold", "center", "grid"))
    ws.write_string(row_no + 2, 0, SIGNATURES, fmt("info"))
