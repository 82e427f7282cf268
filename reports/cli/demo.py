"""`demo` command: fill a new database with the fictitious 桐川县 and say what went in."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt

from models.demo import DemoOptions, build_demo, parse_years, window_for
from reports.cli.common import open_ledger


def run(args: argparse.Namespace) -> int:
    first, last = parse_years(args.years)
    options = DemoOptions(first_year=first, last_year=last, seed=args.seed)
    if args.households is not None:
        options = dataclasses.replace(options, households=args.households)
    window_for(options)  # refuse bad years before a database file is created
    ledger = open_ledger(args, create=True)  # demo may start a new ledger
    try:
        print(f"数据库：{ledger.db.display_name}")
        print(
            f"准备生成演示数据：{options.households}户困难职工档案，{first}—{last}年，随机种子{options.seed}"
        )
        summary = build_demo(ledger, options, progress=lambda line: print(line, flush=True))
    finally:
        ledger.close()
    counts = summary.counts
    print(
        f"完成：共写入{summary.rows}行，用时{summary.seconds:.1f}秒"
        f"（每秒约{summary.rows / max(summary.seconds, 1e-9):,.0f}行）。"
    )
    if summary.window.end < dt.date(summary.window.last_year, 12, 31):
        print(f"数据截至今天（{summary.window.end.isoformat()}），不含未来日期。")
    print(
        f"困难职工档案{counts.get('households', 0)}户，家庭成员{counts.get('household_members', 0)}人，"
        f"帮扶记录{counts.get('assistance', 0)}条；服务阵地{counts.get('stations', 0)}个，"
        f"服务人次记录{counts.get('station_usage', 0)}条；活动{counts.get('activities', 0)}项，"
        f"照片{counts.get('photos', 0)}张（保存在 {summary.photos_dir}）。"
    )
    print(f"可以用 python main.py stats {summary.window.end.year} 查看年度统计数字。")
    return 0
