"""Where a sheet's table is: the header row(s) below titles and notes, and which rows are not data."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from models import validation as v
from models.kinds import KINDS, Type
from reports.excel.aliases import Column, heading_text, match_heading

HEADER_SEARCH_ROWS = 30  # titles, 填报单位 lines and notes never take more than this


_TOTAL = re.compile(r"^(合计|总计|小计|共计|累计|总数)")
_FOOTER = re.compile(
    r"^(填表人|填报人|制表人|审核人|审批人|复核人|单位负责人|负责人签字|分管领导|联系电话|联系人|"
    r"填报日期|填表日期|制表日期|说明|注[:：]|注\d|备注[:：]|填表说明|填报说明|单位盖章|\(?盖章)"
)
_UNIT_NOTE = re.compile(r"(金额)?单位[:：]\s*万元")


@dataclass
class Header:
    """The table's heading: its last row number, each column's meaning, and what was not understood."""

    row: int  # Excel row number of the (last) header row
    columns: dict[int, Column]  # column index → meaning (field None: 序号/ignored)
    labels: dict[int, str]  # column index → heading text as written
    unknown: list[str] = field(default_factory=list)
    money_unit: str | None = None  # "万元" when a note above the table says so
    first_row: int = 0  # first header row (two-row headers)
    texts: set[str] = field(default_factory=set)  # every heading cell, to spot repeated headers
    # A sheet laid out by month (1月…12月 across): the column of its 年份, or the year its title
    # (or the sheet's name, see parse) gives.
    year_column: int | None = None
    year: int | None = None
    kind: str = ""

    def fields(self) -> set[str]:
        found = {c.field for c in self.columns.values() if c.field}
        if self.months:  # each month's column gives the month too
            found.update(f.name for f in KINDS[self.kind].fields if f.type is Type.MONTH)
        return found

    def chosen(self, choices: Mapping[int, str | None]) -> Header:
        """This heading with the clerk's column choices (column → field, None: not imported) over
        what the sheet's own headings say; the parsed heading itself is left as it was."""
        columns, unknown = dict(self.columns), list(self.unknown)
        for col, name in choices.items():
            if name:
                columns[col] = Column(name)
            else:
                columns.pop(col, None)
            heading = self.labels.get(col)
            if name and heading in unknown:
                unknown.remove(heading)
        return dataclasses.replace(self, columns=columns, unknown=unknown)

    @property
    def months(self) -> dict[int, Column]:
        """The columns of single months, by column index (empty unless laid out by month)."""
        return {col: c for col, c in self.columns.items() if c.month is not None}


def _text(value: Any) -> str:
    return "" if v.is_blank(value) else v.fold_text(str(value))


def _map_row(kind: str, upper: Sequence[Any] | None, lower: Sequence[Any]) -> dict[int, Column]:
    mapped: dict[int, Column] = {}
    width = max(len(lower), len(upper or ()))
    for col in range(width):
        low = _text(lower[col]) if col < len(lower) else ""
        up = _text(upper[col]) if upper is not None and col < len(upper) else ""
        candidates = [low] if low else []
        if up and low and up != low:
            # The group cell qualifies the column: 户主 over 身份证号 is the head's ID number.
            candidates.insert(0, up + low)
        if up and not low:
            candidates.append(up)
        for text in candidates:
            column = match_heading(kind, text)
            if column is not None:
                mapped[col] = column
                break
        else:
            item = _tick_column(kind, up, low)
            if item is not None:
                mapped[col] = item
    return mapped


def _tick_column(kind: str, up: str, low: str) -> Column | None:
    """饮水 under a 配套设施 group cell: one value of a multi-choice field, ticked (√) per row."""
    if not (up and low):
        return None
    group = match_heading(kind, up)
    if group is None or group.field is None or not KINDS[kind][group.field].multi:
        return None
    return Column(group.field, item=low)


def _score(mapped: dict[int, Column]) -> int:
    return len({c.field for c in mapped.values() if c.field})


def has_key(kind_name: str, fields: set[str]) -> bool:
    """Whether a header names enough of the kind's key to be one of its data sheets."""
    return any(set(key) <= fields for key in KINDS[kind_name].sheet_keys)


def find_header(kind: str, rows: Sequence[tuple[int, list[Any]]]) -> Header | None:
    """The best heading among the first rows (one row, or two with merged group cells above)."""
    best: tuple[int, int, int, dict[int, Column]] | None = None  # score, index, first index, map
    for i, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        single = _map_row(kind, None, cells)
        candidates = [(_score(single), i, i, single)]
        if i > 0:
            double = _map_row(kind, rows[i - 1][1], cells)
            candidates.append((_score(double), i, i - 1, double))
        for candidate in candidates:
            if candidate[0] >= 2 and (best is None or candidate[0] > best[0]):
                best = candidate
    if best is None:
        return None
    score, index, first, mapped = best
    number, cells = rows[index]
    upper = rows[first][1] if first != index else None
    labels: dict[int, str] = {}
    unknown: list[str] = []
    for col in range(len(cells)):
        low = _text(cells[col])
        up = _text(upper[col]) if upper is not None and col < len(upper) else ""
        label = low or up
        if not label:
            continue
        labels[col] = label if not (up and low and up != low) else f"{up}{low}"
        if col not in mapped and label not in unknown:
            unknown.append(labels[col])
    header = Header(number, mapped, labels, unknown, first_row=rows[first][0], kind=kind)
    for header_cells in (cells, upper or ()):
        header.texts.update(heading_text(c) for c in header_cells if not v.is_blank(c))
    for _, above in rows[:first]:
        if any(_UNIT_NOTE.search(_text(c)) for c in above):
            header.money_unit = "万元"
    if header.months:
        _find_year(header, [row for _, row in rows[:first]] + ([upper] if upper else []))
    return header


_YEAR_HEADINGS = frozenset({"年份", "年度", "年", "统计年度", "统计年份", "所属年度", "填报年度"})
_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")


def year_in(text: str) -> int | None:
    """The year a title or sheet name states ("2024年…服务人次统计表"), if any."""
    found = _YEAR.search(v.fold_text(text))
    return int(found.group(1)) if found else None


def _find_year(header: Header, above: list[Sequence[Any]]) -> None:
    """Where a sheet laid out by month says its year: a 年份 column, else a title above it."""
    for col, label in header.labels.items():
        if col not in header.columns and heading_text(label) in _YEAR_HEADINGS:
            header.year_column = col
            header.columns[col] = Column(None)
            if label in header.unknown:
                header.unknown.remove(label)
            return
    for cells in above:
        for cell in cells:
            year = year_in(_text(cell))
            if year is not None:
                header.year = year
                return


def is_skipped(cells: list[Any], header: Header) -> bool:
    """Rows that are not records: blank or 序号 only, repeated headings, 合计 and footer lines."""
    first: Any = None
    has_field = False
    columns = header.columns
    for col, value in enumerate(cells):
        if value == "" or value is None or (isinstance(value, str) and not value.strip()):
            continue
        if first is None:
            first = value
        column = columns.get(col)
        if column is not None and column.field:
            has_field = True
            break
    if not has_field:
        return True  # blank, only a 序号, or only columns we do not import
    if not isinstance(first, str):
        return False
    compact = re.sub(r"\s+", "", v.fold_text(first))
    if _TOTAL.match(compact):
        return True
    if _FOOTER.match(compact) and len({_text(c) for c in cells if not v.is_blank(c)}) <= 4:
        return True
    if heading_text(first) not in header.texts:
        return False
    filled = [c for c in cells if not v.is_blank(c)]
    repeated = sum(1 for value in filled if heading_text(value) in header.texts)
    return repeated >= 2 and repeated * 2 >= len(filled)
