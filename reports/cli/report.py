"""`report YEAR OUT.pdf [--since-year Y0] [--style article|official] [--org NAME] [--xlsx OUT.xlsx]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from models.statistics import Period
from reports.cli.common import open_ledger
from reports.summary import build_summary
from reports.summary.document import STYLES


def run(args: argparse.Namespace) -> int:
    since_year = getattr(args, "since_year", None)
    Period.of(args.year, since_year)  # a wrong period is refused before any file is opened
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        print(f"错误：输出文件“{out}”必须以 .pdf 结尾。", file=sys.stderr)
        return 2
    xlsx = getattr(args, "xlsx", None)
    style = getattr(args, "style", "article") or "article"
    ledger = open_ledger(args)
    try:
        result = build_summary(
            ledger,
            args.year,
            out,
            since_year=since_year,
            style=style,
            org=getattr(args, "org", None),
            xlsx=xlsx,
            progress=lambda done, total, text: print(f"[{done}/{total}] {text}", file=sys.stderr),
        )
    finally:
        ledger.close()
    print(
        f"已生成{STYLES[result.style]}年度总结：{result.path}（{result.pages}页，"
        f"正文引用数字{result.figures_stated}个，均列于附录“数据来源”）"
    )
    print(f"字体：{result.fonts}")
    if result.xlsx is not None:
        print(f"年度统计表：{result.xlsx}")
    for warning in result.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    return 0
