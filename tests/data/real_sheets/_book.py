"""Building the corpus's files: sheets that remember, row by row, what a correct import concludes."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

# Fixed timestamps (document properties and zip entries) so a regenerated corpus is byte-identical
# to the checked-in one and `git status` stays clean.
STAMP = dt.datetime(2024, 12, 31, 9, 0, 0)

# ---- expectations -----------------------------------------------------------------------------


def mapped(field_name: str, value: str, to: Any, how: str) -> dict[str, Any]:
    """One wording the importer must report as mapped: how ∈ synonym / fuzzy / office / other."""
    assert how in {"synonym", "fuzzy", "office", "other"}, how
    return {"field": field_name, "value": value, "to": to, "how": how}


def any_of(*values: Any) -> dict[str, Any]:
    """The stored value may be any of these (the national list words it in more than one way)."""
    return {"any_of": list(values)}


def contains(text: str) -> dict[str, Any]:
    return {"contains": text}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def ok(
    locate: dict[str, Any],
    expect: dict[str, Any] | None = None,
    maps: list[dict[str, Any]] | None = None,
    note: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """An accepted row: `locate` finds its stored record, `expect` holds its canonical values."""
    out: dict[str, Any] = {"accept": True, "locate": _plain(locate)}
    if expect:
        out["expect"] = _plain(expect)
    if maps:
        out["mapped"] = _plain(maps)
    if note:
        out["note"] = note
    out.update(_plain(extra))
    return out


def bad(code: str, defect: str, field_name: str | None = None) -> dict[str, Any]:
    """A refused row: the report's reason code and, in words, the one thing wrong with it."""
    out: dict[str, Any] = {"accept": False, "code": code, "defect": defect}
    if field_name:
        out["field"] = field_name
    return out


# ---- sheets and files -------------------------------------------------------------------------


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)  # 1-based
    text_columns: list[int] = field(default_factory=list)  # 1-based: number format '@'
    number_formats: dict[tuple[int, int], str] = field(default_factory=dict)
    expectations: dict[int, dict[str, Any]] = field(default_factory=dict)

    @property
    def next_row(self) -> int:
        return len(self.rows) + 1

    def line(self, *cells: Any) -> int:
        """A row that is not data (title, 填报单位, header, 合计, footer)."""
        self.rows.append(list(cells))
        return len(self.rows)

    def data(self, cells: list[Any], expectation: dict[str, Any]) -> int:
        self.rows.append(list(cells))
        number = len(self.rows)
        self.expectations[number] = expectation
        return number

    def merge(self, ref: str) -> None:
        self.merges.append(ref)

    def merge_title(self, width: int, row: int | None = None) -> None:
        row = row or len(self.rows)
        self.merges.append(f"A{row}:{get_column_letter(width)}{row}")


@dataclass
class File:
    name: str
    kind: str
    about: str
    fmt: str = "xlsx"  # xlsx | csv-gbk | csv-bom
    sheets: list[Sheet] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    province: str = ""

    def sheet(self, name: str) -> Sheet:
        s = Sheet(name)
        self.sheets.append(s)
        return s

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        if self.fmt == "xlsx":
            _write_xlsx(path, self.sheets)
        else:
            assert len(self.sheets) == 1, "a CSV file holds one table"
            _write_csv(path, self.sheets[0], "gbk" if self.fmt == "csv-gbk" else "utf-8-sig")
        return path

    def manifest(self) -> dict[str, Any]:
        csv_file = self.fmt != "xlsx"
        return {
            "kind": self.kind,
            "format": self.fmt,
            "province": self.province,
            "about": self.about,
            "after": list(self.after),
            "sheets": [
                {
                    # A CSV file's one table is named after the file by the reader.
                    "name": Path(self.name).stem if csv_file else s.name,
                    "rows": {str(n): e for n, e in sorted(s.expectations.items())},
                }
                for s in self.sheets
            ],
        }


def _write_xlsx(path: Path, sheets: list[Sheet]) -> None:
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "乡镇工会"
    book.properties.created = book.properties.modified = STAMP
    for spec in sheets:
        ws = book.create_sheet(spec.name)
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if c in spec.text_columns and isinstance(value, str):
                    cell.number_format = "@"
                fmt = spec.number_formats.get((r, c))
                if fmt:
                    cell.number_format = fmt
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        for ref in spec.merges:
            ws.merge_cells(ref)
        for c in spec.hidden_columns:
            ws.column_dimensions[get_column_letter(c)].hidden = True
    book.save(path)
    _restamp(path)


def _restamp(path: Path) -> None:
    """Rewrite the zip with every entry dated STAMP (openpyxl dates them, and 修改时间, 'now')."""
    with zipfile.ZipFile(path) as src:
        parts = [(info.filename, src.read(info)) for info in src.infolist()]
    when = f"{STAMP:%Y-%m-%dT%H:%M:%SZ}".encode()
    parts = [
        (name, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when, data))
        if name == "docProps/core.xml"
        else (name, data)
        for name, data in parts
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=STAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)


def _write_csv(path: Path, spec: Sheet, encoding: str) -> None:
    assert not spec.merges, "CSV has no merged cells"
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        for row in spec.rows:
            writer.writerow(["" if v is None else _csv_text(v) for v in row])
    if encoding == "utf-8-sig":
        assert path.read_bytes().startswith(codecs.BOM_UTF8)


def _csv_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
