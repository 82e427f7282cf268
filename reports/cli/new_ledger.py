"""`init [--org 单位名称]`: a new, empty ledger at --db (or the server), never over an existing one."""

from __future__ import annotations

import argparse

from sqlalchemy.exc import DatabaseError

from models import paths
from models import validation as v
from models.database import connect, current_revision, supported_url
from models.errors import DatabaseProblem, MissingRequired
from models.services import Ledger
from models.services.settings import ORG_NAME
from reports.cli.common import shell_path


def run(args: argparse.Namespace) -> int:
    org = getattr(args, "org", None)
    if org is not None and not v.clean_text(org, ORG_NAME, max_len=500):
        raise MissingRequired(ORG_NAME)  # refused before any file is made
    url = supported_url(paths.resolve_database_url(args.db, args.database_url))
    path = paths.sqlite_file(url)
    if path is None:
        _refuse_a_used_server(url)
    elif path.exists():
        raise DatabaseProblem(
            f"“{path}”已存在，init 只新建台账，不会改动已有的文件。"
            "要使用它，请去掉 init 直接运行其他命令（如 check）；要新建台账，请换一个文件名。"
        )
    ledger = Ledger.open(url, create=True)
    try:
        if org is not None:
            ledger.settings.set_org_name(org)
        where = ledger.db.display_name
    finally:
        ledger.close()
    print(f"已新建台账：{where}" + (f"（填报单位：{org.strip()}）" if org else "") + "。")
    if path is None:
        db = " --database-url …"
    elif path.resolve() == paths.default_db_path().resolve():
        db = ""
    else:
        db = f" --db {shell_path(path)}"
    print("下一步：")
    print(f"  打开窗口：python main.py{db}")
    print(f"  导入花名册：python main.py{db} import households 花名册.xlsx")
    print(f"  多人使用时建立管理员账号：python main.py{db} account add admin --role 管理员")
    return 0


def _refuse_a_used_server(url: str) -> None:
    """A server database is made by its administrator; init only sets up an unused one."""
    db = connect(url)
    try:
        revision = current_revision(db)
    except DatabaseError as exc:
        raise DatabaseProblem(
            f"无法连接数据库 {db.display_name}：{exc.orig or exc}。请检查服务器地址、账号和密码。"
        ) from exc
    finally:
        db.dispose()
    if revision is not None:
        raise DatabaseProblem(
            f"{db.display_name} 已经是一个工会台账数据库，init 不会改动它。"
            "请去掉 init 直接运行其他命令（如 check）。"
        )
