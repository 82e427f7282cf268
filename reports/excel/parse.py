"""Rows of a workbook → normalised records with their problems, touching no database.

Every value goes through models.normalize (the forms' rules). Values repeat a lot in a roster (a
township, a class, a cause), so results are memoised per field for small values; the rules are
pure functions of the value, so a memoised answer is the answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from models import validation as v
from models.errors import InvalidValue, LedgerError, MissingRequired
from models.fields import label_of
from models.kinds import KINDS, Field, Source, Type
from models.normalize import RULES_BY_KIND, normalize_field
from models.services.imports import ImportRow
from reports.excel.layout import HEADER_SEARCH_ROWS, Header, find_header, has_key, is_skipped
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


class _Normalizer:
    def __init__(self, kind_name: str) -> None:
        self.kind = KINDS[kind_name].record_kind
        self.rules = RULES_BY_KIND[self.kind]
        self.cache: dict[tuple[str, str | None, int, type], dict[Any, Any]] = {}

    def __call__(self, field_name: str, value: Any, unit: str | None, factor: int = 1) -> Any:
        # Text and numbers are memoised apart: 1 == 1.0 == True would share one key otherwise.
        memo_key = (field_name, unit, factor, type(value))
        memo = self.cache.get(memo_key)
        if memo is None:
            memo = self.cache[memo_key] = {}
        found = memo.get(value, _MISSING) if _HASHABLE.get(type(value), False) else _MISSING
        if found is not _MISSING:
            if isinstance(found, LedgerError):
                raise found
            return found
        try:
            result = self._normalize(field_name, value, unit)
            if factor != 1 and result is not None:
                result *= factor  # a monthly figure of a yearly field (家庭月收入 × 12)
        except LedgerError as exc:
            if len(memo) < _CACHE_LIMIT and _HASHABLE.get(type(value), False):
                memo[value] = exc
            raise
        if len(memo) < _CACHE_LIMIT and _HASHABLE.get(type(value), False):
            memo[value] = result
        return result

    def _normalize(self, field_name: str, value: Any, unit: str | None) -> Any:
        scale = KINDS[self.kind][field_name].scale(unit)
        if scale != 1 and KINDS[self.kind][field_name].type is Type.MONEY:
            try:
                return v.parse_money(value, field_name, unit=unit or "元")
            except LedgerError as exc:
                exc.field, exc.label = field_name, label_of(field_name, self.kind)
                raise
        if scale != 1 and not isinstance(value, str):
            value = Decimal(repr(value)) * scale if isinstance(value, float) else value * scale
        return normalize_field(self.kind, field_name, value)


_MISSING = object()
_HASHABLE = {str: True, int: True, float: True, bool: True, dt.date: True, dt.datetime: True}


def parse_workbook(kind: str, book: Workbook, only_sheets: list[str] | None = None) -> ParsedFile:
    """Find the data sheets and their headers now; rows are parsed as the stream is read."""
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
    parsed.rows = _rows(kind, found)
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
    for col, column in sorted(header.columns.items()):
        heading = header.labels.get(col, "")
        if column.skipped:
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


def _rows(
    kind: str, found: list[tuple[Sheet, Header, list[tuple[int, list[Any]]]]]
) -> Iterator[ImportRow]:
    normalize = _Normalizer(kind)
    for sheet, header, leftover in found:
        plan = _plan(kind, header, normalize)
        rows = sheet.rows()
        # Re-read from the start: the rows peeked at for the header were only the first few.
        for number, cells in rows:
            if number <= header.row:
                continue
            if is_skipped(cells, header):
                continue
            yield _parse_row(kind, sheet.name, number, cells, plan, normalize)
        del leftover


# How a column is read: as a value of the record, a key locating its owner (or checking it, as
# 户主姓名 does), or a value the lifecycle owns that the applier compares with the record's.
_VALUE, _KEY, _CHECK = range(3)
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
        if found.owner:
            how = _KEY
        elif found.source is Source.LIFECYCLE:
            how = _CHECK
        elif name in normalize.rules:
            how = _VALUE
        else:
            continue
        unit = column.unit or (header.money_unit if found.type is Type.MONEY else None)
        plan.append((col, name, how, found.masked, unit, column.factor))
    return plan


def _parse_row(
    kind_name: str,
    sheet: str,
    number: int,
    cells: list[Any],
    plan: list[_Step],
    normalize: _Normalizer,
) -> ImportRow:
    values: dict[str, Any] = {}
    keys: dict[str, Any] = {}
    problems: list[LedgerError] = []
    columns: dict[str, int] = {}
    for col, name, how, masked, unit, factor in plan:
        if col >= len(cells) or name in columns:
            continue
        value = cells[col]
        if value == "" or value is None or (isinstance(value, str) and not value.strip()):
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
            else:
                keys[name] = _checked_value(KINDS[kind_name][name], value)
        except LedgerError as exc:
            exc.field, exc.label = name, label_of(name, kind_name)
            problems.append(exc)
    for name, default in KINDS[kind_name].defaults.items():
        values.setdefault(name, default)
    problems.extend(_missing_keys(kind_name, values, keys, problems))
    return ImportRow(sheet, number, values, keys, problems, cells, columns)


def _key_value(kind_name: str, name: str, value: Any) -> Any:
    if KINDS[kind_name][name].type is Type.ID_NUMBER:
        return v.normalize_id_number(value, name)
    if name == "file_no":
        return v.clean_text(value, "file_no", max_len=40)
    return v.clean_text(value, name, max_len=100)


def _checked_value(spec: Field, value: Any) -> Any:
    """A value the record's lifecycle owns (档案状态): as strict as its list, kept to compare."""
    assert spec.values is not None  # lifecycle fields are choices
    return v.parse_choice(spec.values, value)


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
