"""`report YEAR OUT.pdf [--since-year Y0] [--style article|official] [--org NAME] [--xlsx OUT.xlsx]
[--date DATE] [--qa-file QA.pdf | --with-qa | --no-qa]`."""

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
    qa_file = getattr(args, "qa_file", None)
    appendix: bool | None = None  # the style's own default: the article with it, the 公文 without
    if getattr(args, "with_qa", False):
        appendix = True
    elif getattr(args, "no_qa", False):
        appendix = False
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
            date=getattr(args, "date", None),
            appendix=appendix,
            qa_file=qa_file,
            progress=lambda done, total, text: print(f"[{done}/{total}] {text}", file=sys.stderr),
        )
    finally:
        ledger.close()
    if result.qa_file is not None:
        where = f"均列于另存的“数据来源”：{result.qa_file}"
    elif result.appendix:
        where = "均列于附录“数据来源”" if result.style == "article" else "均列于附件“数据来源”"
    else:
        where = "未附“数据来源”，如需核对请加 --qa-file 另存或 --with-qa 附在文后"
    print(
        f"已生成{STYLES[result.style]}年度总结：{result.path}（{result.pages}页，"
        f"正文引用数字{result.figures_stated}个，{where}）"
    )
    print(f"字体：{result.fonts}")
    if result.xlsx is not None:
        print(f"年度统计表：{result.xlsx}")
    for warning in result.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    return 0
