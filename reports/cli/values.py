"""The `import … --show-values` table: per field, each wording that is not the list's own, how
often it occurs, the value it would be stored as and how that was found (nothing is written)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from models.fields import KIND_LABELS, label_of
from models.wording.mapping_file import BLANK
from models.wording.tally import HOW_LABELS, ValueCount

HEADINGS = ("字段", "原值", "次数", "对应为", "方式")
MAX_CELL = 24  # characters of a wording shown; the mapping file takes it whole


def values_table(entries: Sequence[ValueCount], kind: str, file_name: str) -> list[str]:
    """The lines to print, in Chinese, columns lined up for a terminal's double-width characters."""
    what = KIND_LABELS.get(kind, kind)
    if not entries:
        return [f"“{file_name}”中{what}的可选值都是标准写法，没有需要对应的值。（未写入数据库）"]
    lines = [
        f"“{file_name}”中{what}不是标准写法的值（{len(entries)}种，未写入数据库）：",
    ]
    rows = [HEADINGS] + [_cells(entry, kind) for entry in entries]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(HEADINGS))]
    for row in rows:
        cells = (_pad(row[i], width, right=i == 2) for i, width in enumerate(widths))
        lines.append("  ".join(cells).rstrip())
        for note in _notes(row):
            lines.append(" " * (widths[0] + 2) + note)
    refused = sum(1 for e in entries if e.refused)
    if refused:
        lines.append(f"其中{refused}种对应不到可选值，含有它们的行导入时会被拒绝。")
    lines.append(
        "如要改变对应，把这些行写成对应表（UTF-8 CSV，表头：字段,原值,标准值；"
        f"留空写“{BLANK}”），再用 --map 对应表.csv 导入；正式导入后会存为本单位的常用写法。"
    )
    return lines


def _cells(entry: ValueCount, kind: str) -> tuple[str, ...]:
    wording = entry.value if len(entry.value) <= MAX_CELL else entry.value[: MAX_CELL - 1] + "…"
    if entry.refused:
        target = "（对应不到，该行拒绝）"
    elif entry.to is None:
        target = "（留空）"
    else:
        target = entry.to
    how = HOW_LABELS.get(entry.how, entry.how)
    notes = []
    if entry.candidates:
        notes.append(f"可能是：{'、'.join(entry.candidates)}")
    if entry.extra:
        notes.append(
            "另记入：" + "；".join(f"{label_of(name, kind)} {text}" for name, text in entry.extra)
        )
    return (label_of(entry.field, kind), wording, str(entry.count), target, how, *notes)


def _notes(row: tuple[str, ...]) -> tuple[str, ...]:
    return row[len(HEADINGS) :]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space
