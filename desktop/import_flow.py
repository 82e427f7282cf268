"""The import wizard's work, free of widgets: what the pages show of a file, and the clerk's
choices as the request the one import pipeline (reports.excel.pipeline) takes.

Every step reopens the file from its path (workers get requests and plain values, never live
objects); the pipeline reads, the import service writes (one transaction per run; a dry run rolls
back).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.fields import label_of
from models.kinds import KINDS, Type
from reports.excel import pipeline
from reports.excel.pipeline import ImportOutcome

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
    """What the clerk has chosen so far: kind, file, sheets, column meanings for headings not
    understood, and the value-mapping page's choices."""

    kind: str
    path: Path
    sheets: list[str] = field(default_factory=list)
    overrides: dict[str, dict[int, str | None]] = field(default_factory=dict)  # sheet → col → field
    # The value-mapping page's choices {(field, wording): value or None for blank}, and whether
    # a real import saves them as the office's vocabulary.
    chosen: dict[tuple[str, str], str | None] = field(default_factory=dict)
    save_vocabulary: bool = True

    def request(self) -> pipeline.ImportRequest:
        """The choices as the pipeline's input: a copy, so the clerk may go on choosing."""
        from reports.excel.values import mappings

        return pipeline.ImportRequest(
            self.kind,
            self.path,
            tuple(self.sheets),
            {sheet: dict(cols) for sheet, cols in self.overrides.items()},
            mappings(self.kind, self.chosen),
            self.save_vocabulary,
        )


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
    return FileOverview(Path(path), tuple(pipeline.sheets(path)))


def preview(ledger: Any, plan: ImportPlan) -> list[SheetPreview]:
    """Header row, column meanings and the first rows as they would be read, per data sheet,
    with the office's vocabulary and the clerk's column choices."""
    request = dataclasses.replace(plan.request(), values={})
    result = []
    for start in pipeline.preview(request, ledger, PREVIEW_ROWS):
        header = start.header
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
            for r in start.rows
        )
        notes = tuple(start.info.notes)
        result.append(SheetPreview(start.info.name, start.info.header_row, columns, rows, notes))
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


def run_import(
    ledger: Any, plan: ImportPlan, *, dry_run: bool, progress: Callable[[int], None] | None = None
) -> ImportOutcome:
    """Run the clerk's plan through the pipeline; `progress(rows_read)` may raise to cancel."""
    return pipeline.run(plan.request(), ledger, dry_run=dry_run, progress=progress)


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

    return write_error_workbook(path, outcome.result.rejected, outcome.parsed.headers)


def summary_text(result: Any) -> str:
    what = kind_label(result.kind)
    mode = "检查结果（尚未写入）" if result.dry_run else "导入完成"
    return (
        f"{what}{mode}：读取 {result.rows_read:,} 行，新增 {result.inserted:,}，更新 "
        f"{result.updated:,}，未变 {result.unchanged:,}，拒绝 {len(result.rejected):,}。"
    )
