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
from models.normalize import RULES_BY_KIND, normalize_field
from models.services.imports import ImportRow
from reports.excel.layout import HEADER_SEARCH_ROWS, Header, find_header, has_key, is_skipped
from reports.excel.reading import Sheet, Workbook
from reports.excel.safety import FileRefused

RULE_KIND = {"reststops": "stations"}
# Fields that only locate the record a row belongs to (not columns of the record itself).
KEY_ONLY = {
    "members": {"head_id_number": "id_number", "file_no": "file_no"},
    "assistance": {"head_id_number": "id_number", "file_no": "file_no"},
    "usage": {"station_code": "code", "station_name": "name", "township": "township"},
    "activities": {"station_name": "station_name"},
}
_CACHE_LIMIT = 4000  # distinct values memoised per field; names and ID numbers never repeat much


@dataclass
class SheetInfo:
    name: str
    header_row: int
    unknown_columns: list[str]


@dataclass
class ParsedFile:
    """Sheets found and a lazy stream of rows; the stream is consumed once, by the import service."""

    kind: str
    sheets: list[SheetInfo] = field(default_factory=list)
    headers: dict[str, Header] = field(default_factory=dict)
    skipped_sheets: list[str] = field(default_factory=list)
    rows: Iterator[ImportRow] = field(default_factory=lambda: iter(()))


class _Normalizer:
    def __init__(self, kind: str) -> None:
        self.kind = RULE_KIND.get(kind, kind)
        self.rules = RULES_BY_KIND[self.kind]
        self.cache: dict[tuple[str, str | None, type], dict[Any, Any]] = {}

    def __call__(self, field_name: str, value: Any, unit: str | None) -> Any:
        # Text and numbers are memoised apart: 1 == 1.0 == True would share one key otherwise.
        memo = self.cache.get((field_name, unit, type(value)))
        if memo is None:
            memo = self.cache[(field_name, unit, type(value))] = {}
        found = memo.get(value, _MISSING) if _HASHABLE.get(type(value), False) else _MISSING
        if found is not _MISSING:
            if isinstance(found, LedgerError):
                raise found
            return found
        try:
            result = self._normalize(field_name, value, unit)
        except LedgerError as exc:
            if len(memo) < _CACHE_LIMIT and _HASHABLE.get(type(value), False):
                memo[value] = exc
            raise
        if len(memo) < _CACHE_LIMIT and _HASHABLE.get(type(value), False):
            memo[value] = result
        return result

    def _normalize(self, field_name: str, value: Any, unit: str | None) -> Any:
        if unit == "万元" and field_name in _MONEY_FIELDS:
            try:
                return v.parse_money(value, field_name, unit="万元")
            except LedgerError as exc:
                exc.field, exc.label = field_name, label_of(field_name, self.kind)
                raise
        if unit in ("万人次", "万人") and not isinstance(value, str):
            value = Decimal(repr(value)) * 10_000 if isinstance(value, float) else value * 10_000
        return normalize_field(self.kind, field_name, value)


MASKABLE = {"id_number", "head_id_number", "phone", "bank_card"}
_MISSING = object()
_HASHABLE = {str: True, int: True, float: True, bool: True, dt.date: True, dt.datetime: True}
_MONEY_FIELDS = {
    "monthly_income", "family_annual_income", "annual_rigid_expense", "cash", "goods_value",
    "investment", "money_recovered",
}  # fmt: skip


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
        parsed.sheets.append(SheetInfo(sheet.name, header.row, header.unknown))
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


def _no_header_reason(kind: str, near: Header | None) -> str:
    from reports.excel.layout import KEY_FIELDS

    keys = " 或 ".join("＋".join(label_of(f, kind) for f in key) for key in KEY_FIELDS[kind])
    reason = f"没有找到{_kind_label(kind)}的表头。表头至少要有：{keys}。"
    if near is not None:
        found = "、".join(label_of(f, kind) for f in sorted(near.fields()))
        reason += f"（找到的列：{found}）"
    return reason + "请对照“下载导入模板”的表头修改列名后再导入。"


def _kind_label(kind: str) -> str:
    from models.fields import KIND_LABELS

    return KIND_LABELS.get(kind, kind)


def _rows(
    kind: str, found: list[tuple[Sheet, Header, list[tuple[int, list[Any]]]]]
) -> Iterator[ImportRow]:
    normalize = _Normalizer(kind)
    for sheet, header, leftover in found:
        rows = sheet.rows()
        # Re-read from the start: the rows peeked at for the header were only the first few.
        for number, cells in rows:
            if number <= header.row:
                continue
            if is_skipped(cells, header):
                continue
            yield _parse_row(kind, sheet.name, number, cells, header, normalize)
        del leftover


def _parse_row(
    kind: str, sheet: str, number: int, cells: list[Any], header: Header, normalize: _Normalizer
) -> ImportRow:
    values: dict[str, Any] = {}
    keys: dict[str, Any] = {}
    problems: list[LedgerError] = []
    columns: dict[str, int] = {}
    key_only = KEY_ONLY.get(kind, {})
    for col, column in header.columns.items():
        name = column.field
        if name is None or col >= len(cells) or name in columns:
            continue
        value = cells[col]
        if value == "" or value is None or (isinstance(value, str) and not value.strip()):
            continue
        columns[name] = col
        if name in MASKABLE and isinstance(value, str) and "*" in value:
            # A masked export (411602********1234): good for matching by 档案编号, never stored.
            keys.setdefault("masked", {})[name] = value
            continue
        unit = column.unit or (header.money_unit if name in _MONEY_FIELDS else None)
        try:
            if name in key_only:
                keys[name] = _key_value(kind, name, value, normalize)
            elif name in normalize.rules:
                values[name] = normalize(name, value, unit)
        except LedgerError as exc:
            problems.append(exc)
    if kind == "reststops" and "station_type" not in values:
        values["station_type"] = "户外劳动者服务站点"
    problems.extend(_missing_keys(kind, values, keys, problems))
    return ImportRow(sheet, number, values, keys, problems, cells, columns)


def _key_value(kind: str, name: str, value: Any, normalize: _Normalizer) -> Any:
    if name == "head_id_number":
        try:
            return v.normalize_id_number(value, "head_id_number")
        except LedgerError as exc:
            exc.field, exc.label = name, label_of(name, kind)
            raise
    if name == "file_no":
        return v.clean_text(value, "file_no", max_len=40)
    return v.clean_text(value, name, max_len=100)


def _missing_keys(
    kind: str, values: dict[str, Any], keys: dict[str, Any], problems: list[LedgerError]
) -> list[LedgerError]:
    """A row must say which record it is; report a missing key unless its cell was just refused."""
    bad = {p.field for p in problems}
    present = set(values) | set(keys) | set(keys.get("masked", ()))
    needed: list[tuple[str, ...]] = {
        "households": [("id_number", "file_no")],
        "members": [("head_id_number", "file_no"), ("name",)],
        "assistance": [("head_id_number", "file_no"), ("date",)],
        "stations": [("name",), ("township", "code")],
        "reststops": [("name",), ("township", "code")],
        "usage": [("station_name", "station_code"), ("month",)],
        "activities": [("name",), ("start_date",)],
    }[kind]
    missing = []
    for options in needed:
        if not present.intersection(options) and not bad.intersection(options):
            missing.append(MissingRequired(options[0], label=label_of(options[0], kind)))
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
