"""工会台账 entry point: with no command it opens the window, otherwise it runs one command."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import re
import sys
from collections.abc import Callable, Sequence

KINDS = ("stations", "reststops", "usage", "households", "members", "assistance", "activities")
KIND_HELP = "记录类别：stations 服务阵地，reststops 户外劳动者驿站，usage 服务人次，households 困难职工档案，members 家庭成员，assistance 帮扶记录，activities 活动台账"  # noqa: E501

# command → "module:function" run as function(args) -> exit code; imported only when used so that
# opening the window never pays for openpyxl or reportlab.
HANDLERS = {
    "init": "reports.cli.new_ledger:run",
    "demo": "reports.cli.demo:run",
    "stats": "reports.cli.stats:run",
    "backup": "reports.cli.maintenance:run_backup",
    "restore": "reports.cli.maintenance:run_restore",
    "check": "reports.cli.maintenance:run_check",
    "review": "reports.cli.review:run",
    "import": "reports.cli.excel:run_import",
    "export": "reports.cli.excel:run_export",
    "template": "reports.cli.excel:run_template",
    "report": "reports.cli.report:run",
    "account": "reports.cli.accounts:run",
}


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its own fixed phrases in Chinese, and errors that say what to type instead."""

    def __init__(self, *args: object, with_help: bool = True, **kwargs: object) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if with_help:  # the shared parent of all commands must not bring a second -h
            self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, chinese in _ARGPARSE_PHRASES:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：参数错误：{message}\n请用 {self.prog} -h 查看用法。\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：")

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "用法：")


_ARGPARSE_PHRASES = (
    ("the following arguments are required:", "缺少必需的参数："),
    ("unrecognized arguments:", "无法识别的参数："),
    ("invalid choice:", "无效的选项："),
    ("choose from", "可选："),
    ("expected one argument", "需要一个值"),
    ("invalid int value:", "不是有效的整数："),
    ("argument ", "参数 "),
    ("not allowed with argument", "不能与此参数同时使用："),
)


class _VersionAction(argparse.Action):
    """--version: the package metadata is read only when asked, so start-up does not pay for it."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from models.version import app_version

        print(f"工会台账 {app_version()}")
        parser.exit(0)


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是年份，请写四位数字，如 2025") from None
    if not 1990 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"年份 {value} 超出范围（1990—2100）")
    return value


def _date(text: str) -> dt.date:
    """成文日期 as 2025-12-31, 2025/12/31, 2025.12.31 or 2025年12月31日."""
    match = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", text)
    try:
        if match is None:
            raise ValueError
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}”不是日期，请写成 2025-12-31 或 2025年12月31日"
        ) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if value < 1:
        raise argparse.ArgumentTypeError("必须是正整数")
    return value


def _not_empty(option: str) -> Callable[[str], str]:
    def check(text: str) -> str:
        if not text.strip():
            # An empty value (a script's unset variable) must not fall back to the default ledger.
            raise argparse.ArgumentTypeError(
                "不能为空：请写出数据库的位置；要用默认数据库，请去掉这个选项"
            )
        return text

    return check


def build_parser() -> ChineseArgumentParser:
    # SUPPRESS: otherwise a command's own default would overwrite `--db X` given before the command.
    common = ChineseArgumentParser(
        prog="union-ledger", with_help=False, argument_default=argparse.SUPPRESS
    )
    db_options = common.add_argument_group("数据库")
    db_options.add_argument(
        "--db",
        type=_not_empty("--db"),
        metavar="文件",
        help="SQLite 数据库文件，须已存在（新建用 init；默认在用户数据目录；也可用环境变量 UNION_LEDGER_DB）",
    )
    db_options.add_argument(
        "--database-url",
        type=_not_empty("--database-url"),
        metavar="URL",
        help=(
            "数据库地址：sqlite:///文件，或服务器 postgresql://用户:密码@主机/库名"
            "（用 psycopg 连接；也可用环境变量 UNION_LEDGER_DATABASE_URL）"
        ),
    )
    db_options.add_argument(
        "--user",
        metavar="用户名",
        help="启用账号登录后，以该账号执行命令（密码从终端输入或 UNION_LEDGER_PASSWORD）",
    )

    parser = ChineseArgumentParser(
        prog="union-ledger",
        description="工会台账：县总工会服务阵地、工会驿站、困难职工档案和活动台账管理。不带命令时打开窗口。",
        parents=[common],
    )
    parser.add_argument("--version", action=_VersionAction, help="显示版本号并退出")
    sub = parser.add_subparsers(
        dest="command", title="命令", metavar="命令", parser_class=ChineseArgumentParser
    )

    init = sub.add_parser(
        "init",
        help="新建一个空台账（不会覆盖已有的文件）",
        parents=[common],
        description=(
            "在 --db 指定的位置（不加 --db 时为默认位置）新建一个空台账。其他命令都不会自动新建数据库，"
            "以免路径写错时把数据录进一个空台账。文件已存在或文件夹不存在时拒绝。"
        ),
    )
    init.add_argument(
        "--org", metavar="单位名称", help="填报单位，如 某某县总工会（以后可在设置中修改）"
    )

    demo = sub.add_parser(
        "demo",
        help="生成演示数据（虚构的县）",
        parents=[common],
        description="向数据库写入一个虚构县的演示数据。",
    )
    demo.add_argument(
        "--households",
        type=_positive,
        default=None,
        metavar="N",
        help="困难职工档案户数（默认按一个中等县的规模生成，约600户）",
    )
    demo.add_argument(
        "--years", default="2023-2025", metavar="起-止", help="数据覆盖的年份范围（默认 2023-2025）"
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=2025,
        metavar="S",
        help="随机种子；同一种子生成相同数据（默认 2025）",
    )

    stats = sub.add_parser(
        "stats", help="打印某年的统计数字（年度总结引用的那些）", parents=[common]
    )
    stats.add_argument("year", type=_year, metavar="年份")
    stats.add_argument(
        "--since-year", type=_year, metavar="起始年", help="按起始年至该年的期间统计（如五年回眸）"
    )
    stats.add_argument("--json", action="store_true", help="以 JSON 输出")

    backup = sub.add_parser(
        "backup", help="备份数据库和照片（有照片时存为一个 .zip）", parents=[common]
    )
    backup.add_argument(
        "out", nargs="?", metavar="备份文件", help="备份到该文件（默认放入备份目录并自动轮换）"
    )
    restore = sub.add_parser(
        "restore",
        help="从备份文件恢复数据库和照片（先校验，再替换，原库另存为备份）",
        parents=[common],
    )
    restore.add_argument("file", metavar="备份文件")
    restore.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    check = sub.add_parser("check", help="检查数据库完整性和业务规则", parents=[common])
    check.add_argument("--json", action="store_true", help="以 JSON 输出")

    review = sub.add_parser(
        "review",
        help="待办与核查：超期未核查、未帮扶、收入超标、防返困回访、疑似重复、交叉核对",
        parents=[common],
        description=(
            "列出年度核查要看的档案：超过12个月未核查、在档从未帮扶、今年未帮扶、收入已超过类别标准、"
            "家庭成员年龄或就学变化、防返困回访到期，以及疑似重复建档和交叉核对发现。"
            "身份证号和电话默认遮蔽。"
        ),
    )
    review.add_argument(
        "--as-of", type=_date, metavar="日期", help="按该日计算，如 2026-12-31（默认今天）"
    )
    review.add_argument("--json", action="store_true", help="以 JSON 输出")
    review.add_argument(
        "--export", metavar="OUT.xlsx", help="导出为 Excel，每个清单一张花名册式工作表"
    )
    review.add_argument(
        "--unmask",
        action="store_true",
        help="显示或导出完整身份证号和电话（需要权限，会记入操作日志）",
    )

    imp = sub.add_parser("import", help="从 Excel/CSV 导入", parents=[common])
    imp.add_argument("kind", nargs="?", choices=KINDS, metavar="类别", help=KIND_HELP)
    imp.add_argument("file", nargs="?", metavar="文件", help=".xlsx、.xls 或 .csv 文件")
    imp.add_argument("--sheet", action="append", metavar="工作表", help="只导入该工作表（可重复）")
    imp.add_argument("--dry-run", action="store_true", help="只预览检查，不写入数据库")
    imp.add_argument("--errors", metavar="OUT.xlsx", help="把被拒绝的行连同错误原因另存为 Excel")
    imp.add_argument("--json", action="store_true", help="以 JSON 输出导入结果")
    imp.add_argument(
        "--show-values",
        action="store_true",
        help="列出各列中不是标准写法的值、出现次数、将对应的标准值和对应方式（不写入数据库）",
    )
    imp.add_argument(
        "--map",
        metavar="对应表.csv",
        help="按对应表（UTF-8 CSV，表头 字段,原值,标准值）对应写法；有错行则整表不用、不导入。"
        "正式导入（非 --dry-run）后存为本单位的常用写法，以后导入自动沿用",
    )
    imp.add_argument(
        "--undo",
        type=_positive,
        metavar="批次号",
        help="撤销一次导入（批次号见导入结果）：新增的记录移入回收站，修改的字段恢复原值",
    )

    exp = sub.add_parser(
        "export",
        help="导出花名册或统计表到 Excel",
        parents=[common],
        description="导出一类记录的花名册，或某年的分乡镇统计表（stats），到 Excel 工作簿。",
        epilog=(
            "只导出 .xlsx：不导出 CSV，因为 Excel/WPS 直接打开 CSV 时会把身份证号、银行卡号变成数字、"
            "丢掉末几位（需要 CSV 时可在 Excel 中另存为）。筛选条件不认识或不适用于该类别时拒绝导出。"
        ),
    )
    exp.add_argument(
        "kind", choices=KINDS + ("stats",), metavar="类别", help=KIND_HELP + "，stats 统计表"
    )
    exp.add_argument(
        "out", metavar="OUT.xlsx", help="保存到的文件（须以 .xlsx 结尾，文件夹须已存在）"
    )
    exp.add_argument(
        "--year",
        type=_year,
        metavar="年份",
        help="只导出该年：档案按建档日期，帮扶按帮扶日期，阵地为该年底前建成的，服务人次、活动按当年；"
        "stats 为统计年度（默认今年）。members 不适用",
    )
    exp.add_argument(
        "--township",
        metavar="乡镇",
        help="只导出该乡镇(街道)的记录（须是台账里有的乡镇，如 城关镇）；stats 不适用",
    )
    exp.add_argument(
        "--status",
        metavar="状态",
        help="households/members/assistance 按档案状态：在档、已脱困、已销档；"
        "stations/reststops 按站点状态：运行、整改、停用、撤销；其他类别不适用",
    )
    exp.add_argument(
        "--unmask",
        action="store_true",
        help="导出完整身份证号、电话和银行卡号（需要权限，会记入操作日志）",
    )

    tpl = sub.add_parser("template", help="下载导入模板", parents=[common])
    tpl.add_argument("kind", choices=KINDS, metavar="类别", help=KIND_HELP)
    tpl.add_argument("out", metavar="OUT.xlsx")

    rep = sub.add_parser("report", help="生成年度总结 PDF", parents=[common])
    rep.add_argument("year", type=_year, metavar="年份")
    rep.add_argument("out", metavar="OUT.pdf")
    rep.add_argument(
        "--since-year", type=_year, metavar="起始年", help="写成起始年至该年的回眸（如五年回眸）"
    )
    rep.add_argument(
        "--style",
        choices=("article", "official"),
        default="article",
        help="article 报纸回眸体（默认），official 公文体",
    )
    rep.add_argument("--org", metavar="单位名称", help="落款单位（默认取设置中的填报单位）")
    rep.add_argument("--xlsx", metavar="OUT.xlsx", help="同时导出年度统计表（每个主题一个工作表）")
    rep.add_argument(
        "--date",
        type=_date,
        metavar="日期",
        help="成文日期（落款日期），如 2025-12-31 或 2025年12月31日（默认今天）",
    )
    qa = rep.add_mutually_exclusive_group()
    qa.add_argument(
        "--qa-file",
        metavar="附件.pdf",
        help="把统计表、统计图和“数据来源”另存为这个 PDF（公文在正文后写附件说明）",
    )
    qa.add_argument(
        "--with-qa",
        action="store_true",
        help="把统计表、统计图和“数据来源”附在总结之后（报纸回眸体默认如此）",
    )
    qa.add_argument(
        "--no-qa",
        action="store_true",
        help="不附统计表和“数据来源”（公文体默认如此：报送的公文只有正文）",
    )

    acc = sub.add_parser(
        "account",
        help="管理登录账号（管理员）",
        parents=[common],
        description="管理登录账号（需要管理员）。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "密码：add 和 passwd 要设置的新密码在终端提示输入两次；\n"
            "      脚本中用环境变量 UNION_LEDGER_NEW_PASSWORD 提供新密码。\n"
            "      UNION_LEDGER_PASSWORD 只是 --user 账号的登录密码，不会用作新密码。\n"
            "例：UNION_LEDGER_NEW_PASSWORD='新密码' python main.py --user admin \\\n"
            "      account add wangli --name 王丽 --role 录入员"
        ),
    )
    acc.add_argument(
        "action",
        choices=("list", "add", "passwd", "disable", "enable", "unlock"),
        metavar="操作",
        help="list 列出，add 新建，passwd 改密码，disable 停用，enable 启用，unlock 解锁",
    )
    acc.add_argument("username", nargs="?", metavar="用户名")
    acc.add_argument("--name", metavar="姓名")
    acc.add_argument(
        "--role",
        choices=("管理员", "录入员", "查看"),
        metavar="角色",
        help="管理员、录入员 或 查看",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("db", "database_url", "user"):
        setattr(args, name, getattr(args, name, None))
    if args.command == "import" and args.undo is None and not (args.kind and args.file):
        parser.error(
            "import 需要 类别 和 文件，例如：import households 花名册.xlsx（撤销导入用 --undo 批次号）"
        )
    if args.command is None:
        from desktop.app import run_window

        return run_window(args)
    module_name, function_name = HANDLERS[args.command].split(":")
    from reports.cli.common import guarded

    return guarded(lambda: getattr(importlib.import_module(module_name), function_name)(args))


if __name__ == "__main__":
    sys.exit(main())
