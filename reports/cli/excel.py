"""The import, export and template commands: Excel/CSV in, 花名册/统计表/模板 out."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from models.errors import DatabaseBusy, DatabaseProblem
from models.fields import KIND_LABELS, label_of
from models.services.imports import ImportResult, Rejection
from models.services.vocabulary import as_mappings
from models.wording.mapping_file import read_mapping_file
from models.wording.tally import ValueCount
from reports.cli.common import open_ledger, shell_path
from reports.cli.values import values_table
from reports.cli.waiting import duration

MAX_LISTED = 30


def run_import(args: argparse.Namespace) -> int:
    try:
        return _run_import(args)
    except DatabaseBusy as exc:
        raise DatabaseProblem(_gave_up(exc, args)) from None


def _run_import(args: argparse.Namespace) -> int:
    if args.undo is not None:
        ledger = open_ledger(args)
        reverted = ledger.imports.undo(args.undo)
        print(
            f"已撤销导入批次 {args.undo}：{reverted}条记录已恢复为导入前的状态（新增的记录移入回收站）。"
        )
        return 0
    from reports.excel import pipeline
    from reports.excel.error_workbook import write_error_workbook
    from reports.excel.styles import check_workbook_name

    if args.errors and not args.show_values:
        # Checked before the import: its rows are committed before the error file is written.
        check_workbook_name(Path(args.errors), probe=True)
    path = Path(args.file)
    # A bad line of the mapping file refuses the import before a row is read.
    chosen = as_mappings(read_mapping_file(args.map, args.kind)) if args.map else {}
    request = pipeline.ImportRequest(args.kind, path, tuple(args.sheet or ()), values=chosen)
    ledger = open_ledger(args)
    if args.show_values:
        return _show_values(pipeline.wordings(request, ledger), path, args)
    outcome = pipeline.run(request, ledger, dry_run=args.dry_run)
    result, parsed = outcome.result, outcome.parsed
    if args.errors:
        write_error_workbook(args.errors, result.rejected, parsed.headers)
    if args.json:
        print(json.dumps(import_json(result, parsed, path), ensure_ascii=False, indent=2))
    else:
        _print_summary(result, parsed, args, len(chosen))
    return 0


def _gave_up(exc: DatabaseBusy, args: argparse.Namespace) -> str:
    """The refusal after the wait, for the command line: what happened, nothing imported, and
    the command to run again."""
    if args.db:
        db = f" --db {shell_path(args.db)}"
    elif args.database_url:
        db = " --database-url …"  # not echoed: it may carry the password
    else:
        db = ""
    if args.undo is not None:
        command, done = f"import --undo {args.undo}", "这一批没有撤销"
    elif args.dry_run:
        command = f"import {args.kind} {shell_path(args.file)} --dry-run"
        done = "预览没有完成，没有导入任何记录"
    else:
        command, done = f"import {args.kind} {shell_path(args.file)}", "本次没有导入任何记录"
    return (
        f"数据库正被另一个程序使用（可能正在导入或恢复备份），等了{duration(exc.waited)}仍未空出，"
        f"{done}。请等它完成后，重新运行同一条命令：python main.py{db} {command}"
    )


def import_json(result: ImportResult, parsed: Any, path: Path) -> dict[str, Any]:
    """The --json object, exactly the schema of the import report; `mapped` lists each wording
    stored as a list value or left blank ({"field","value","to","count","how"}, how being
    synonym, fuzzy, office, other, or unmatched for a wording left blank)."""
    return {
        "file": str(path),
        "kind": result.kind,
        "sheets": [
            {"name": s.name, "header_row": s.header_row, "unknown_columns": list(s.unknown_columns)}
            for s in parsed.sheets
        ],
        "rows_read": result.rows_read,
        "inserted": result.inserted,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rejected": [rejection_json(r) for r in result.rejected],
        "batch_id": result.batch_id,
        "dry_run": result.dry_run,
        "mapped": parsed.wording.mapped(),
    }


def rejection_json(rejection: Rejection) -> dict[str, Any]:
    from reports.excel.parse import describe_value

    row, problem = rejection.row, rejection.first
    col = row.columns.get(problem.field or "")
    if col is not None and row.source is not None and col < len(row.source):
        value = describe_value(row.source[col])
    else:
        value = None if problem.value is None else str(problem.value)
    return {
        "sheet": row.sheet,
        "row": row.row,
        "field": problem.field,
        "value": value,
        "code": rejection.code,
        "message": rejection.message,
    }


def _print_summary(
    result: ImportResult, parsed: Any, args: argparse.Namespace, chosen: int
) -> None:
    what = KIND_LABELS.get(result.kind, result.kind)
    mode = "（预览，未写入数据库）" if result.dry_run else ""
    print(
        f"导入{what}{mode}：读取{result.rows_read}行，新增{result.inserted}，更新{result.updated}，"
        f"未变{result.unchanged}，拒绝{len(result.rejected)}。"
    )
    mapped = parsed.wording.mapped()
    if mapped:
        print(
            f"  按常见写法对应了{len(mapped)}个值（见 --show-values），原来的写法已保留在记录中。"
        )
    if chosen:
        if result.dry_run:
            print(f"  对应表的{chosen}条写法已用于本次预览；正式导入时才存为本单位的常用写法。")
        else:
            print(
                f"  对应表的{chosen}条写法已存为本单位的常用写法（新增或改动{result.vocabulary_saved}"
                "条），以后导入自动沿用。"
            )
    for sheet in parsed.sheets:
        line = f"  工作表“{sheet.name}”：表头在第{sheet.header_row}行"
        if sheet.unknown_columns:
            line += f"；未识别、未导入的列：{'、'.join(sheet.unknown_columns)}"
        print(line)
        for note in sheet.notes:
            print(f"    {note}。")
    if parsed.skipped_sheets:
        print(f"  跳过的工作表（没有{what}表头）：{'、'.join(parsed.skipped_sheets)}")
    for rejection in result.rejected[:MAX_LISTED]:
        item = rejection_json(rejection)
        field = label_of(item["field"], result.kind) if item["field"] else ""
        print(f"  ✗ {item['sheet']} 第{item['row']}行 {field}：{item['message']}")
    if len(result.rejected) > MAX_LISTED:
        print(
            f"  ……另有{len(result.rejected) - MAX_LISTED}行被拒绝，请用 --errors 导出错误文件查看。"
        )
    if args.errors:
        print(f"被拒绝的行已另存到 {args.errors}（红色单元格是有问题的格，最后一列是错误原因）。")
    if result.batch_id is not None:
        print(f"导入批次号：{result.batch_id}。如需整批撤销，请在“导入记录”中撤销该批次。")
    elif not result.dry_run and not (result.inserted or result.updated):
        print("没有需要写入的变化。")


def _show_values(entries: list[ValueCount], path: Path, args: argparse.Namespace) -> int:
    if args.json:
        found = [dict(e.mapped_entry(), candidates=list(e.candidates), refused=e.refused)
                 for e in entries]  # fmt: skip
        print(json.dumps({"file": str(path), "kind": args.kind, "values": found},
                         ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    for line in values_table(entries, args.kind, path.name):
        print(line)
    return 0


# The export filters each kind takes (see `export -h`); one that does not apply is refused, not
# silently ignored.
FILTERS = {
    "year": ("households", "assistance", "stations", "reststops", "usage", "activities", "stats"),
    "township": ("households", "members", "assistance", "stations", "reststops", "usage",
                 "activities"),
    "status": ("households", "members", "assistance", "stations", "reststops"),
}  # fmt: skip


def run_export(args: argparse.Namespace) -> int:
    from models.errors import InvalidValue
    from reports.excel.export import export_kind

    for option, kinds in FILTERS.items():
        value = getattr(args, option)
        if value is not None and args.kind not in kinds:
            raise InvalidValue(
                option, value,
                f"{args.kind} 不能按 --{option} 筛选；--{option} 只用于 {'、'.join(kinds)}。"
                "请去掉这个选项再导出。",
                label=f"选项 --{option} ",
            )  # fmt: skip
    ledger = open_ledger(args)
    written = export_kind(
        ledger,
        args.kind,
        Path(args.out),
        year=args.year,
        township=args.township,
        status=args.status,
        unmask=args.unmask,
        progress=_progress_line if sys.stderr.isatty() else None,
    )
    unit = "张统计表" if args.kind == "stats" else "条记录"
    print(f"已导出{written}{unit}到 {args.out}。")
    return 0


def run_template(args: argparse.Namespace) -> int:
    from reports.excel.templates import write_template

    ledger = open_ledger(args)
    write_template(args.kind, Path(args.out), org_name=ledger.settings.org_name)
    print(f"已生成{KIND_LABELS.get(args.kind, args.kind)}导入模板：{args.out}")
    return 0


def _progress_line(done: int) -> None:
    print(f"\r已写入{done}行……", end="", file=sys.stderr, flush=True)
