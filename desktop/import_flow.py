"""The import wizard's work, free of widgets: look at a file, apply column choices, run the import.

Every step reopens the file from its path (workers get paths and plain values, never live objects)
and goes through reports.excel (reading, header detection, normalisation) and the import service
(one transaction per run; a dry run rolls back).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.fields import label_of
from models.kinds import KINDS, Type

PREVIEW_ROWS = 12


@dataclass(frozen=True)
class ColumnInfo:
    index: int
    heading: str
    field: str | None  # None: not recognised (or 序号), not imported unless the clerk picks one
    note: str = ""  # why a column is not imported, or what it might be
    unknown: bool = False  # a heading not understood (序号 and computed columns are understood)


@dataclass(frozen=True)
class SheetPreview:
    name: str
    header_row: int
    columns: tuple[ColumnInfo, ...]
    rows: tuple[tuple[int, tuple[str, ...], str], ...]  # (row number, cells, problems)
    notes: tuple[str, ...] = ()  # columns converted (家庭月收入 × 12), not read, or read twice


@dataclass(frozen=True)
class FileOverview:
    path: Path
    sheets: tuple[tuple[str, bool], ...]  # every worksheet with its visibility


@dataclass
class ImportPlan:
    """What the clerk chose: kind, file, sheets and column meanings for unrecognised headings."""

    kind: str
    path: Path
    sheets: list[str] = field(default_factory=list)
    overrides: dict[str, dict[int, str | None]] = field(default_factory=dict)  # sheet → col → field
    # The value-mapping page's choices {(field, wording): value or None for blank}, and whether
    # a real import saves them as the office's vocabulary.
    chosen: dict[tuple[str, str], str | None] = field(default_factory=dict)
    save_vocabulary: bool = True


@dataclass
class ImportOutcome:
    result: Any  # models.services.imports.ImportResult
    headers: dict[str, Any]
    skipped_sheets: list[str]


def kind_label(kind: str) -> str:
    found = KINDS.get(kind)
    return found.label if found else kind


def field_choices(kind: str) -> list[tuple[str, str]]:
    """Fields a column may be mapped to, as (field, Chinese label): every column an import reads."""
    return [(f.name, f.label) for f in KINDS[kind].roster_fields() if f.read]


def duplicate_choice(kind: str, columns: Sequence[tuple[str, str | None, bool]]) -> str | None:
    """Why the clerk's column choices cannot be imported: two columns on one item, at least one
    of them put there by the clerk (a sheet's own 电话 and 手机号 are read as one on purpose).
    `columns` are (heading, field, chosen by the clerk)."""
    by_field: dict[str, list[tuple[str, bool]]] = {}
    for heading, field_name, chosen in columns:
        if field_name:
            by_field.setdefault(field_name, []).append((heading, chosen))
    for field_name, found in by_field.items():
        if len(found) > 1 and any(chosen for _, chosen in found):
            headings = "和".join(f"“{h}”" for h, _ in found)
            label = dict(field_choices(kind)).get(field_name, field_name)
            return (
                f"{headings}都选了导入为“{label}”。一项只能由一列导入：请把其中一列改为"
                f"“（不导入）”或它真正的项目。"
            )
    return None


def missing_required(kind: str, fields: set[str | None]) -> list[str]:
    """The required items (red in the template) no column of the sheet is imported as."""
    return [
        f.label
        for f in KINDS[kind].roster_fields()
        if f.read and f.required and f.name not in fields
    ]


def overview(path: str | Path) -> FileOverview:
    from reports.excel.reading import open_workbook

    with open_workbook(path) as book:
        return FileOverview(Path(path), tuple((s.name, s.visible) for s in book.sheets))


def apply_overrides(parsed: Any, overrides: Mapping[str, Mapping[int, str | None]]) -> None:
    from reports.excel.aliases import Column

    for sheet, choices in overrides.items():
        header = parsed.headers.get(sheet)
        if header is None:
            continue
        for col, chosen in choices.items():
            if chosen:
                header.columns[col] = Column(chosen)
            else:
                header.columns.pop(col, None)
            heading = header.labels.get(col)
            if chosen and heading in header.unknown:
                header.unknown.remove(heading)


def preview(plan: ImportPlan, office: Any = None) -> list[SheetPreview]:
    """Header row, column meanings and the first rows as they would be read, per data sheet;
    `office` is the vocabulary values are read with (`ledger.vocabulary.office()`)."""
    from reports.excel.parse import column_notes, parse_workbook
    from reports.excel.reading import open_workbook

    result = []
    with open_workbook(plan.path) as book:
        found = parse_workbook(plan.kind, book, plan.sheets or None)
        for info in found.sheets:
            parsed = parse_workbook(plan.kind, book, [info.name], office=office)
            apply_overrides(parsed, plan.overrides)
            header = parsed.headers[info.name]
            first = list(itertools.islice(parsed.rows, PREVIEW_ROWS))
            columns = tuple(
                _column(plan.kind, header, col, heading)
                for col, heading in sorted(header.labels.items())
            )
            rows = tuple(
                (
                    r.row,
                    tuple(_cell_text(c) for c in (r.source or ())),
                    "；".join(p.message for p in r.problems),
                )
                for r in first
            )
            notes = tuple(column_notes(plan.kind, header))  # as the clerk's choices left them
            result.append(SheetPreview(info.name, info.header_row, columns, rows, notes))
    return result


def _column(kind: str, header: Any, col: int, heading: str) -> ColumnInfo:
    """A column as the column page lists it: its field, or why it is not imported."""
    column = header.columns.get(col)
    if column is None:
        note = "未识别，不导入；如需导入，请在“导入为”中选择"
        guesses = _guesses(kind, heading)
        if guesses:
            note += f"（可能是：{'、'.join(guesses)}）"
        return ColumnInfo(col, heading, None, note, unknown=True)
    if column.field:
        return ColumnInfo(col, heading, column.field)
    if column.skipped and KINDS[kind][column.skipped].type is Type.WORDING:
        return ColumnInfo(col, heading, None, "导出时附上的原始填写，不导入")
    if column.skipped:
        return ColumnInfo(col, heading, None, "由系统计算，不导入")
    return ColumnInfo(col, heading, None, "序号等，不导入")


def _guesses(kind: str, heading: str) -> list[str]:
    """Fields whose name the heading holds (帮扶金额 → 金额): a hint, never chosen for the clerk."""
    text = heading.replace(" ", "")
    return [
        label
        for _name, label in field_choices(kind)
        if len(label) >= 2 and (label in text or (len(text) >= 2 and text in label))
    ][:3]


def _cell_text(value: Any) -> str:
    """A cell as the preview shows it: 3 for the 3.0 a spreadsheet stores a count as."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_import(
    ledger: Any, plan: ImportPlan, *, dry_run: bool, progress: Callable[[int], None] | None = None
) -> ImportOutcome:
    """Parse with the office's vocabulary and the clerk's value choices and apply in one
    transaction (which saves the choices when asked); `progress(rows_read)` may raise to cancel
    (rolls back)."""
    from reports.excel.parse import parse_workbook
    from reports.excel.reading import open_workbook
    from reports.excel.values import mappings

    chosen = mappings(plan.kind, plan.chosen)
    with open_workbook(plan.path) as book:
        parsed = parse_workbook(
            plan.kind, book, plan.sheets or None, office=ledger.vocabulary.office(chosen)
        )
        apply_overrides(parsed, plan.overrides)

        def counted() -> Any:
            for i, row in enumerate(parsed.rows, start=1):
                if progress is not None and (i == 1 or i % 200 == 0):
                    progress(i)
                yield row

        result = ledger.imports.apply(
            plan.kind,
            counted(),
            file_name=plan.path.name,
            file_sha256=sha256(plan.path),
            dry_run=dry_run,
            vocabulary=(chosen or None) if plan.save_vocabulary else None,
        )
    return ImportOutcome(result, dict(parsed.headers), list(parsed.skipped_sheets))


def rejection_lines(result: Any, kind: str) -> list[tuple[str, int, str, str, str]]:
    """Every rejected row as (sheet, row, field label, value, reason)."""
    lines = []
    for rejection in result.rejected:
        row, problem = rejection.row, rejection.first
        col = row.columns.get(problem.field or "")
        value = ""
        if col is not None and row.source is not None and col < len(row.source):
            value = "" if row.source[col] is None else str(row.source[col])
        elif problem.value is not None:
            value = str(problem.value)
        label = label_of(problem.field, kind) if problem.field else ""
        lines.append((row.sheet, row.row, label, value, rejection.message))
    return lines


def write_errors(path: str | Path, outcome: ImportOutcome) -> int:
    from reports.excel.error_workbook import write_error_workbook

    return write_error_workbook(path, outcome.result.rejected, outcome.headers)


def summary_text(result: Any) -> str:
    what = kind_label(result.kind)
    mode = "检查结果（尚未写入）" if result.dry_run else "导入完成"
    return (
        f"{what}{mode}：读取 {result.rows_read:,} 行，新增 {result.inserted:,}，更新 "
        f"{result.updated:,}，未变 {result.unchanged:,}，拒绝 {len(result.rejected):,}。"
    )
