"""`review`: the clerk's year on the command line (lists, JSON, or one sheet per list)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from models.reviews.entries import LIST_TITLES
from reports.cli.common import open_ledger


def run(args: argparse.Namespace) -> int:
    ledger = open_ledger(args)
    try:
        if args.export:
            from reports.excel.review_sheets import export_reviews

            out = Path(args.export)
            written = export_reviews(ledger, out, as_of=args.as_of, unmask=args.unmask)
            print(f"已导出 {len(written)} 张工作表到 {out}：" + "、".join(
                f"{title} {n} 条" for title, n in written
            ))  # fmt: skip
            return 0
        if args.unmask:
            ledger.privacy.audit_unmasked("待办核查清单（命令行）", use="export")
        result = ledger.reviews.lists(args.as_of)
        if args.json:
            print(json.dumps(result.as_json(unmask=args.unmask), ensure_ascii=False, indent=2))
            return 0
        print(f"待办与核查（截至 {result.as_of.isoformat()}）")
        for notice in result.notices:
            print(f"提示：{notice}")
        for key, title in LIST_TITLES.items():
            print(f"\n【{title}】{result.count(key)} 条")
            if key == "possible_duplicates":
                for pair in result.duplicates:
                    print(f"  {pair.a.file_no} {pair.a.name} ↔ {pair.b.file_no} {pair.b.name}："
                          + "；".join(pair.reasons))  # fmt: skip
            elif key == "cross_checks":
                for found in result.cross_checks:
                    print(f"  {found.record}：{found.problem}")
            else:
                for e in result.entries[key]:
                    print(f"  {e.file_no} {e.name}（{e.township}）：{e.detail}")
        return 0
    finally:
        ledger.close()
