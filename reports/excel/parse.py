"""Rows of a workbook → normalised records with their problems, touching no database.

Every value goes through models.normalize (the forms' rules); choice cells go through
`normalize.read_choice` with the office's vocabulary, so a sheet's own wording of a descriptive
value is mapped, kept and counted (`ParsedFile.wording`) instead of refused. Values repeat a lot
in a roster (a township, a class, a cause), so results are memoised per field for small values;
the rules are pure functions of the value, so a memoised answer is the answer.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from models import validation as v
from models.errors import InvalidValue, LedgerError, MissingRequired
from models.fields import label_of
from models.kinds import KINDS, Source, Type
from models.normalize import (
    RULES_BY_KIND,
    Worded,
    is_worded,
    normalize_field,
    read_choice,
    settle_birth_month,
    settle_row,
)
from models.services.imports import ImportRow
from models.wording import Matcher, OfficeVocabulary, is_head_relation
from models.wording.tally import WordingTally
from reports.excel.layout import (
    HEADER_SEARCH_ROWS,
    Header,
    find_header,
    has_key,
    is_skipped,
    year_in,
)
from reports.excel.reading import Sheet, Workbook
from reports.excel.safety import FileRefused

_CACHE_LIMIT = 4000  # distinct values memoised per field; names and ID numbers never repeat much


@dataclass
class SheetInfo:
    name: str
    header_row: int
    unknown_columns: list[str]
    # What else the report says about the columns: converted, not read, or read twice.
    notes: list[str] = field(default_factory=list)


@dataclass
class ParsedFile:
    """Sheets found and a lazy stream of rows; the stream is consumed once, by the import service."""

    kind: str
    sheets: list[SheetInfo] = field(default_factory=list)
    headers: dict[str, Header] = field(default_factory=dict)
    skipped_sheets: list[str] = field(default_factory=list)
    rows: Iterator[ImportRow] = field(default_factory=lambda: iter(()))
    # The wordings the rows read so far were not the lists' own: complete once `rows` is consumed.
    wording: WordingTally = field(init=False)
    # Per data sheet, a fresh stream of its rows alone (the preview's first rows of each sheet).
    sheet_rows: dict[str, Callable[[], Iterator[ImportRow]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.wording = WordingTally(self.kind)


class _Normalizer:
    def __init__(self, kind_name: str, matcher: Matcher) -> None:
        self.kind = KINDS[kind_name].record_kind
        self.rules = RULES_BY_KIND[self.kind]
        self.matcher = matcher
        self.cache: dict[tuple[str, str | None, int, type], dict[Any, Any]] = {}
        self.worded: dict[tuple[str, type], dict[Any, Worded]] = {}
        self.scales: dict[tuple[str, str | None], tuple[int, bool]] = {}

    def choice(self, field_name: str, value: Any) -> Worded:
        """A choice cell read through the office's vocabulary (memoised like the rules)."""
        kind = type(value)
        memo = self.worded.get((field_name, kind))
        if memo is None:
            memo = self.worded[(field_name, kind)] = {}
        hashable = kind in _HASHABLE
        found = memo.get(value) if hashable else None
        if found is None:
            found = read_choice(self.kind, field_name, value, self.matcher)
            if hashable and len(memo) < _CACHE_LIMIT:
                memo[value] = found
        return found

    def __call__(self, field_name: str, value: Any, unit: str | None, factor: int = 1) -> Any:
        # Text and numbers are memoised apart: 1 == 1.0 == True would share one key otherwise.
        kind = type(value)
        memo_key = (field_name, unit, factor, kind)
        memo = self.cache.get(memo_key)
        if memo is None:
            memo = self.cache[memo_key] = {}
        hashable = kind in _HASHABLE
        found = memo.get(value, _MISSING) if hashable else _MISSING
        if found is not _MISSING:
            if isinstance(found, LedgerError):
                # Afresh: raising the same error again would add this row's frames to its old
                # traceback, and a value refused on every row would keep every row alive.
                raise found.with_traceback(None)
            return found
        try:
            result = self._normalize(field_name, value, unit)
            if factor != 1 and result is not None:
                result *= factor  # a monthly figure of a yearly field (家庭月收入 × 12)
        except LedgerError as exc:
            if hashable and len(memo) < _CACHE_LIMIT:
                memo[value] = exc
            raise
        if hashable and len(memo) < _CACHE_LIMIT:
            memo[value] = result
        return result

    def _normalize(self, field_name: str, value: Any, unit: str | None) -> Any:
        found = self.scales.get((field_name, unit))
        if found is None:
            spec = KINDS[self.kind][field_name]
            found = self.scales[(field_name, unit)] = (spec.scale(unit), spec.type is Type.MONEY)
        scale, is_money = found
        if scale == 1:
            return normalize_field(self.kind, field_name, value)
        if is_money:
            try:
                return v.parse_money(value, field_name, unit=unit or "元")
            except LedgerError as exc:
                exc.field, exc.label = field_name, label_of(field_name, self.kind)
                raise
        if not isinstance(value, str):
            value = Decimal(repr(value)) * scale if isinstance(value, float) else value * scale
        return normalize_field(self.kind, field_name, value)


_MISSING = object()
_HASHABLE = {str: True, int: True, float: True, bool: True, dt.date: True, dt.datetime: True}


def parse_workbook(
    kind: str,
    book: Workbook,
    only_sheets: list[str] | None = None,
    *,
    office: OfficeVocabulary | None = None,
    columns: Mapping[str, Mapping[int, str | None]] | None = None,
) -> ParsedFile:
    """Find the data sheets and their headers now; rows are parsed as the stream is read.

    `office` is the vocabulary wordings are mapped with (the office's saved one, with this run's
    choices: `ledger.vocabulary.office(...)`); without it only the researched synonyms apply.
    `columns` are the clerk's column choices per sheet (column → field, None: not imported),
    over what the headings say.
    """
    parsed = ParsedFile(kind)
    wanted = book.sheets
    if only_sheets:
        names = [s.name for s in book.sheets]
        missing = [n for n in only_sheets if n not in names]
        if missing:
            raise FileRefused(
                book.path,
                f"找不到工作表“{'、'.join(missing)}”。该文件的工作表有：{'、'.join(names)}。",
            )
        wanted = [s for s in book.sheets if s.name in only_sheets]
    found: list[tuple[Sheet, Header, list[tuple[int, list[Any]]]]] = []
    best_miss: Header | None = None
    for sheet in wanted:
        head_rows, rest = _peek(sheet)
        header = find_header(kind, head_rows)
        if header is not None and columns and sheet.name in columns:
            header = header.chosen(columns[sheet.name])
        if header is None or not has_key(kind, header.fields()):
            parsed.skipped_sheets.append(sheet.name)
            if header is not None and (
                best_miss is None or len(header.fields()) > len(best_miss.fields())
            ):
                best_miss = header
            continue
        parsed.headers[sheet.name] = header
        parsed.sheets.append(
            SheetInfo(sheet.name, header.row, header.unknown, column_notes(kind, header))
        )
        found.append((sheet, header, [r for r in head_rows if r[0] > header.row]))
        rest.close()
    if not found:
        raise FileRefused(book.path, _no_header_reason(kind, best_miss))
    matcher = Matcher(office)
    parsed.rows = _rows(kind, found, matcher, parsed.wording)
    for entry in found:
        parsed.sheet_rows[entry[0].name] = functools.partial(
            _rows, kind, [entry], matcher, WordingTally(kind)
        )
    return parsed


def _peek(sheet: Sheet) -> tuple[list[tuple[int, list[Any]]], Any]:
    rows = sheet.rows()
    head = []
    for item in rows:
        head.append(item)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    return head, rows


def _no_header_reason(kind_name: str, near: Header | None) -> str:
    sheet_keys = KINDS[kind_name].sheet_keys
    keys = " 或 ".join("＋".join(label_of(f, kind_name) for f in key) for key in sheet_keys)
    reason = f"没有找到{KINDS[kind_name].label}的表头。表头至少要有：{keys}。"
    if near is not None:
        found = "、".join(label_of(f, kind_name) for f in sorted(near.fields()))
        reason += f"（找到的列：{found}）"
    return reason + "请对照“下载导入模板”的表头修改列名后再导入。"


def column_notes(kind_name: str, header: Header) -> list[str]:
    """What the report says about understood columns besides reading them: a figure converted
    (家庭月收入 × 12), a column the app fills itself, two columns for one field."""
    notes: list[str] = []
    first: dict[str, str] = {}
    months = header.months
    if months:
        notes.append(_months_note(kind_name, header))
    ticks: dict[str, list[str]] = {}
    for _col, column in sorted(header.columns.items()):
        if column.item is not None and column.field:
            ticks.setdefault(column.field, []).append(column.item)
    for name, headings in ticks.items():
        listed = "、".join(f"“{h}”" for h in headings)
        notes.append(f"{listed}是“{label_of(name, kind_name)}”的勾选列：打√（或写“有”）的记为有")
    for col, column in sorted(header.columns.items()):
        if col in months or column.item is not None:
            continue
        heading = header.labels.get(col, "")
        if column.skipped and KINDS[kind_name][column.skipped].type is Type.WORDING:
            notes.append(f"“{heading}”是导出时附上的原始填写，不作为数据导入")
        elif column.skipped:
            notes.append(f"“{heading}”由系统计算，不导入")
        if column.note:
            notes.append(column.note)
        if column.field is None:
            continue
        if column.field in first:
            label = label_of(column.field, kind_name)
            notes.append(
                f"“{heading}”和“{first[column.field]}”都是{label}：一行两列都填时以"
                f"“{first[column.field]}”为准，只填一列时用填了的那列"
            )
        else:
            first[column.field] = heading
    return notes


def _months_note(kind_name: str, header: Header) -> str:
    months = header.months
    cols = sorted(months)
    span = f"“{header.labels.get(cols[0], '')}”至“{header.labels.get(cols[-1], '')}”"
    if len(cols) == 1:
        span = f"“{header.labels.get(cols[0], '')}”"
    if header.year_column is not None:
        source = f"年份见“{header.labels.get(header.year_column, '')}”列"
    elif header.year is not None:
        source = f"年份按标题为{header.year}年"
    else:
        source = "年份按工作表名或各列标题"
    figure = label_of(next(iter(months.values())).field or "", kind_name)
    return f"{span}按月份读成每月一行{figure}（{source}）"


def _rows(
    kind: str,
    found: list[tuple[Sheet, Header, list[tuple[int, list[Any]]]]],
    matcher: Matcher,
    tally: WordingTally,
) -> Iterator[ImportRow]:
    normalize = _Normalizer(kind, matcher)
    for sheet, header, leftover in found:
        plan = _plan(kind, header, normalize)
        by_month = _month_plans(plan, header)
        rows = sheet.rows()
        # Re-read from the start: the rows peeked at for the header were only the first few.
        for number, cells in rows:
            if number <= header.row:
                continue
            if is_skipped(cells, header):
                continue
            if not by_month:
                yield _parse_row(kind, sheet.name, number, cells, plan, normalize, tally)
                continue
            year = _row_year(cells, header, sheet.name)
            for col, month, month_plan in by_month:
                if col < len(cells) and not v.is_blank(cells[col]):
                    preset = _month_of(header, col, month, year)
                    yield _parse_row(
                        kind, sheet.name, number, cells, month_plan, normalize, tally, preset
                    )
        del leftover


def _month_plans(plan: list[_Step], header: Header) -> list[tuple[int, int, list[_Step]]]:
    """For a sheet laid out by month: per month column, the plan reading that month's figure with
    the row's other columns (the station it is about). Empty for any other sheet."""
    months = header.months
    if not months:
        return []
    rest = [step for step in plan if step[0] not in months]
    return [
        (step[0], months[step[0]].month or 0, [*rest, step]) for step in plan if step[0] in months
    ]


def _row_year(cells: list[Any], header: Header, sheet_name: str) -> int | None:
    """The year of a row of a sheet laid out by month: its 年份 cell, the title's, the sheet's."""
    if header.year_column is not None and header.year_column < len(cells):
        cell = cells[header.year_column]
        if not v.is_blank(cell):
            return year_in(f"{describe_value(cell)}年")
    return header.year or year_in(sheet_name)


def _month_of(header: Header, col: int, month: int, year: int | None) -> dict[str, Any]:
    """The preset `month` of one month's cell: (year, month), or the reason there is no year."""
    year = header.columns[col].year or year
    if year is None:
        heading = header.labels.get(col, f"{month}月")
        reason = "看不出是哪一年：请加一列“年份”，或在标题或工作表名中写明年份（如“2024年”）。"
        return {"problem": InvalidValue("month", heading, reason)}
    return {"month": (year, month), "column": col}


# How a column is read: as a value of the record, a choice of its (through the office's
# vocabulary), a key locating its owner (or checking it, as 户主姓名 does), or a value the
# lifecycle owns that the applier compares with the record's.
# A tick column (饮水 under 配套设施) names one value of a multi-choice field: its unit slot
# carries that wording.
_VALUE, _CHOICE, _KEY, _CHECK, _TICK = range(5)
_Step = tuple[int, str, int, bool, str | None, int]  # col, field, how, masked, unit, factor


def _plan(kind_name: str, header: Header, normalize: _Normalizer) -> list[_Step]:
    """Per column, once per sheet, what the row loop needs to know (it runs for every cell)."""
    each = KINDS[kind_name]
    plan = []
    for col, column in header.columns.items():
        name = column.field
        if name is None:
            continue
        found = each[name]
        if column.item is not None:
            how = _TICK
        elif found.owner:
            how = _KEY
        elif found.source is Source.LIFECYCLE:
            how = _CHECK
        elif name in normalize.rules:
            how = _CHOICE if is_worded(found) else _VALUE
        else:
            continue
        unit = column.unit or (header.money_unit if found.type is Type.MONEY else None)
        plan.append((col, name, how, found.masked, column.item or unit, column.factor))
    return plan


def _parse_row(
    kind_name: str,
    sheet: str,
    number: int,
    cells: list[Any],
    plan: list[_Step],
    normalize: _Normalizer,
    tally: WordingTally,
    preset: dict[str, Any] | None = None,
) -> ImportRow:
    values: dict[str, Any] = {}
    keys: dict[str, Any] = {}
    problems: list[LedgerError] = []
    columns: dict[str, int] = {}
    worded: dict[str, Worded] = {}
    if preset:  # a month's cell of a sheet laid out by month: its month, or why it has none
        if "problem" in preset:
            problems.append(preset["problem"])
        else:
            values["month"], columns["month"] = preset["month"], preset["column"]
    ticked: dict[str, list[str]] = {}
    width = len(cells)
    for col, name, how, masked, unit, factor in plan:
        if col >= width or (name in columns and how != _TICK):
            continue
        value = cells[col]
        if value is None or value == "" or (type(value) is str and value.isspace()):
            continue
        if how == _TICK:
            if _ticked(value) and unit:
                ticked.setdefault(name, []).append(unit)
                columns.setdefault(name, col)
            continue
        columns[name] = col
        if masked and isinstance(value, str) and "*" in value:
            # A masked export (411602********1234): good for matching by 档案编号, never stored.
            keys.setdefault("masked", {})[name] = value
            continue
        try:
            if how == _VALUE:
                values[name] = normalize(name, value, unit, factor)
            elif how == _KEY:
                keys[name] = _key_value(kind_name, name, value)
            elif name == "relation" and is_head_relation(v.clean_text(value, name) or ""):
                keys["head"] = True  # 本人/户主: the head's own row in a member sheet
            else:
                reading = normalize.choice(name, value)
                tally.add(reading.parts, refused=reading.problem is not None)
                if reading.problem is not None:
                    raise reading.problem.with_traceback(None)  # memoised: see _Normalizer
                if how == _CHECK:
                    keys[name] = reading.value  # compared with the record, never stored
                else:
                    values[name] = reading.value
                    if reading.original or reading.extra:
                        worded[name] = reading
        except LedgerError as exc:
            exc.field, exc.label = name, label_of(name, kind_name)
            # Without its traceback, which holds this frame and so `problems` itself: a cycle
            # only a collection frees, and the import runs with collections paused.
            problems.append(exc.with_traceback(None))
    for name, items in ticked.items():
        if name not in values:  # a column listing them wins over the tick columns
            reading = normalize.choice(name, "、".join(items))
            tally.add(reading.parts)
            values[name] = reading.value
            if reading.original:
                worded[name] = reading
    for name, default in KINDS[kind_name].defaults.items():
        values.setdefault(name, default)
    settle_birth_month(values, problems)
    settle_row(normalize.kind, values, worded, columns.keys())
    problems.extend(_missing_keys(kind_name, values, keys, problems))
    return ImportRow(sheet, number, values, keys, problems, cells, columns)


def _ticked(value: Any) -> bool:
    """Whether a tick column's cell says the item is there: √, 是, 有, 1 … (not ×, 无, 0)."""
    try:
        return v.parse_bool(value, "tick") is not False
    except LedgerError:
        return True  # "2台", "有（2台）": something is written, so the item is there


def _key_value(kind_name: str, name: str, value: Any) -> Any:
    if KINDS[kind_name][name].type is Type.ID_NUMBER:
        return v.normalize_id_number(value, name)
    if name == "file_no":
        return v.clean_text(value, "file_no", max_len=40)
    return v.clean_text(value, name, max_len=100)


def _missing_keys(
    kind_name: str, values: dict[str, Any], keys: dict[str, Any], problems: list[LedgerError]
) -> list[LedgerError]:
    """A row must say which record it is; report a missing key unless its cell was just refused."""
    bad = {p.field for p in problems}
    present = set(values) | set(keys) | set(keys.get("masked", ()))
    missing = []
    for options in KINDS[kind_name].key:
        if not present.intersection(options) and not bad.intersection(options):
            missing.append(MissingRequired(options[0], label=label_of(options[0], kind_name)))
    return missing


def describe_value(value: Any) -> str | None:
    """A cell value as the report shows it."""
    if v.is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


__all__ = ["InvalidValue", "ParsedFile", "SheetInfo", "describe_value", "parse_workbook"]
