"""`account list|add|passwd|disable|enable|unlock` on the command line (管理员 only)."""

from __future__ import annotations

import argparse

from models.errors import MissingRequired
from models.services import ROLE_ADMIN
from reports.cli.common import open_ledger
from reports.cli.login import read_new_password, read_password


def run(args: argparse.Namespace) -> int:
    ledger = open_ledger(args)
    try:
        accounts = ledger.accounts
        if args.action == "list":
            rows = accounts.list()
            if not rows:
                print(
                    "还没有账号：程序不需要登录。用 account add 用户名 --role 管理员 建立第一个账号后即启用登录。"
                )
                return 0
            print(f"{'用户名':<14}{'姓名':<10}{'角色':<6}{'状态':<6}最近登录")
            for r in rows:
                last = r.last_login_at.strftime("%Y-%m-%d %H:%M") if r.last_login_at else "从未"
                print(f"{r.username:<16}{r.display_name:<10}{r.role:<6}{r.state:<6}{last}")
            return 0
        if not args.username:
            raise MissingRequired("username", label="用户名")
        if args.action == "add":
            first = not accounts.enabled()
            role = args.role or (ROLE_ADMIN if first else None)
            if role is None:
                raise MissingRequired("role", label="角色（--role 管理员/录入员/查看）")
            accounts.require("accounts")  # a refusal before the new password is typed twice
            password = read_new_password(f"为 {args.username} 设置密码：")
            row = accounts.add(args.username, args.name, role, password)
            print(f"已建立账号 {row.username}（{row.display_name}，{row.role}）。")
            if first:
                print("这是第一个账号，从现在起使用本数据库需要登录（命令行加 --user 用户名）。")
            return 0
        if args.action == "passwd":
            own = args.username == ledger.actor.username and not ledger.actor.can("accounts")
            old = read_password("原密码：") if own else None
            password = read_new_password(f"{args.username} 的新密码：")
            accounts.set_password(args.username, password, old_password=old)
            print(f"已修改 {args.username} 的密码。")
            return 0
        if args.role and args.action == "enable":
            accounts.set_role(args.username, args.role)
        action = {"disable": accounts.disable, "enable": accounts.enable, "unlock": accounts.unlock}
        action[args.action](args.username)
        done = {"disable": "已停用", "enable": "已启用", "unlock": "已解锁"}[args.action]
        print(f"{done}账号 {args.username}。")
        return 0
    finally:
        ledger.close()
