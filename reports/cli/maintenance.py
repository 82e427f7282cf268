"""`backup`, `restore` and `check` on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from models import backup, paths
from models.errors import DatabaseProblem, NotALedger
from models.integrity import CheckReport
from models.services import Ledger
from reports.cli.common import open_ledger


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def run_backup(args: argparse.Namespace) -> int:
    ledger = open_ledger(args)
    try:
        made = ledger.maintenance.backup(args.out)
        print(f"已备份到 {made}（{_size(made)}）。")
        if args.out is None:
            print(f"备份目录：{made.parent}（自动保留最近 7 天、4 周、12 个月的备份）。")
        return 0
    finally:
        ledger.close()


def run_restore(args: argparse.Namespace) -> int:
    url = paths.resolve_database_url(getattr(args, "db", None), getattr(args, "database_url", None))
    try:
        ledger = open_ledger(args)
    except NotALedger:
        raise  # another program's file, not a damaged ledger: it is not ours to replace
    except DatabaseProblem:
        live = paths.sqlite_file(url)
        if live is None or not live.exists():
            raise
        return _restore_unreadable(live, args)
    try:
        verified = ledger.maintenance.verify(args.file)
        photos = f"，照片 {verified.photos} 张" if verified.photos else ""
        print(
            f"备份文件 {verified.path.name} 校验通过：困难职工档案 {verified.households} 户，"
            f"服务阵地 {verified.stations} 个，活动 {verified.activities} 条{photos}。"
        )
        if not _confirmed(
            args, f"将用它替换当前数据库 {ledger.db.display_name}（当前数据库会先另存一份）。"
        ):
            return 1
        result = ledger.maintenance.restore(args.file)
        print(result.message())
        return 0
    finally:
        ledger.close()


def _restore_unreadable(live: Path, args: argparse.Namespace) -> int:
    print(f"当前数据库 {live} 无法打开（可能已损坏），将直接用备份替换它。", file=sys.stderr)
    verified = backup.verify_backup(None, args.file)
    if not _confirmed(args, "损坏的文件会改名保留，不会删除。"):
        return 1
    verified, kept = backup.restore_over_unreadable(live, args.file)
    ledger = Ledger.open(paths.sqlite_url(live))  # brings an older backup up to this version
    try:
        ledger.audit.record_event(
            "restore_backup",
            "settings",
            verified.path.name,
            note=f"原数据库无法打开，已改名为 {kept}",
        )
    finally:
        ledger.close()
    print(f"已从 {verified.path.name} 恢复。无法打开的原数据库已改名保留为 {kept}。")
    return 0


def _confirmed(args: argparse.Namespace, what: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        print(f"{what}确认无误请加 --yes 再运行一次。", file=sys.stderr)
        return False
    answer = input(f"{what}确定恢复吗？输入 y 确认：").strip().lower()
    if answer not in ("y", "yes", "是"):
        print("已取消，数据库没有被改动。")
        return False
    return True


def run_check(args: argparse.Namespace) -> int:
    """Exit 0 when healthy (reminders allowed), 1 when errors are found, 2 when it cannot open."""
    try:
        ledger = open_ledger(args)
    except DatabaseProblem as exc:
        if not args.json:
            raise
        print(
            json.dumps(
                {"healthy": False, "summary": exc.message, "findings": []}, ensure_ascii=False
            )
        )
        return 2
    try:
        report = ledger.maintenance.check()
    finally:
        ledger.close()
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    return 0 if report.healthy else 1


def _print_report(report: CheckReport) -> None:
    print(report.summary())
    for finding in report.findings:
        print(f"【{finding.severity}】{finding.record}：{finding.problem}")
        print(f"    处理办法：{finding.advice}")
    if report.healthy:
        print(f"已检查困难职工档案 {report.households_checked} 户。")
