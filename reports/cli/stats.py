"""`stats YEAR [--since-year Y0] [--json]`: the year's figures as a Chinese text report or as JSON.

The JSON object is YearFigures.to_dict(): year, period, previous_period, `figures` and
`previous_figures` (the typed figures as plain values), and `facts` (every figure under its stable
key with label, unit, previous value, 数据来源 and 口径). Money is a string of 元 with two decimals
("1234.50") so that no reader turns it into a binary float; counts are integers.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from models.statistics import Period, PeriodFigures, StationTypeLine, YearFigures, year_figures
from models.validation import format_yuan
from reports.cli.common import open_ledger

Number = int | Decimal
Getter = Callable[[PeriodFigures], Number]


def run(args: argparse.Namespace) -> int:
    since_year = getattr(args, "since_year", None)
    Period.of(args.year, since_year)  # a wrong period is refused before any file is opened
    ledger = open_ledger(args)
    try:
        figures = year_figures(ledger, args.year, since_year)
        if getattr(args, "json", False):
            _write_utf8(json.dumps(figures.to_dict(), ensure_ascii=False, indent=2))
        else:
            print(render_text(figures, org=ledger.settings.org_name))
    finally:
        ledger.close()
    return 0


def _write_utf8(text: str) -> None:
    """JSON is UTF-8 whatever the console's code page (a GBK console would otherwise mangle it)."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    buffer = getattr(stream, "buffer", None)
    if encoding == "utf8" or buffer is None:
        stream.write(text + "\n")
        return
    stream.flush()
    buffer.write((text + "\n").encode("utf-8"))
    buffer.flush()


# ---- the text report -------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


def _number(value: Number, unit: str) -> str:
    return format_yuan(value) if unit == "元" else f"{value:,}"


def _change(now: Number, before: Number, unit: str) -> str:
    diff = now - before
    if not now and not before:
        return "—"
    sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
    text = f"{sign}{_number(abs(diff), unit)}"
    if before and diff:
        percent = (Decimal(diff) * 100 / Decimal(before)).quantize(Decimal("0.1"))
        text += f"（{'+' if percent > 0 else '−'}{abs(percent)}%）"
    return text


class _Table:
    """Rows of 项目 | 本年 | 上年 | 增减, with columns padded for a CJK terminal."""

    def __init__(self, figures: YearFigures) -> None:
        self.now, self.before = figures.current, figures.previous
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, label: str, unit: str, get: Getter, *, skip_zero: bool = False) -> None:
        now, before = get(self.now), get(self.before)
        if skip_zero and not now and not before:
            return
        self.rows.append(
            (f"{label}（{unit}）", _number(now, unit), _number(before, unit),
             _change(now, before, unit))
        )  # fmt: skip

    def empty(self) -> bool:
        return all(row[1] in ("0", "0.00") and row[2] in ("0", "0.00") for row in self.rows)

    def render(self, headers: Sequence[str]) -> list[str]:
        table = [tuple(headers), *self.rows]
        widths = [max(_width(row[i]) for row in table) for i in range(4)]
        lines = []
        for n, row in enumerate(table):
            cells = [_pad(row[0], widths[0])]
            cells += [_pad(cell, widths[i], right=True) for i, cell in enumerate(row[1:], 1)]
            lines.append("  " + "  ".join(cells).rstrip())
            if n == 0:
                lines.append("  " + "-" * (sum(widths) + 2 * 3))
        return lines


def render_text(figures: YearFigures, org: str = "") -> str:
    """The readable report `stats` prints: four sections, each 本年/上年/增减 (本期/上期)."""
    single = figures.period.is_single_year
    now_label, before_label = ("本年", "上年") if single else ("本期", "上期")
    headers = ("项目", now_label, before_label, "增减")
    title = f"工会台账统计  {figures.period.label}（对比{figures.previous.period.label}）"
    out = [title]
    if org:
        out.append(f"填报单位：{org}")
    if figures.is_empty:
        out.append(
            f"{figures.period.label}暂无数据：数据库中没有该期间的档案、帮扶、阵地、服务人次或活动记录。"
            "请确认年份，或先录入、导入数据。"
        )
    sections: list[tuple[str, _Table, list[str]]] = [
        ("一、困难帮扶", _hardship(figures), []),
        ("二、服务阵地", _stations(figures), []),
        ("三、户外劳动者驿站", _rest_stops(figures), _visit_months(figures)),
        ("四、活动", _activities(figures), _featured(figures)),
    ]
    for heading, table, extra in sections:
        out += ["", heading]
        if table.empty() and not extra:
            out.append("  该年度暂无数据" if single else "  该期间暂无数据")
            continue
        out += table.render(headers)
        out += extra
    out += _townships(figures)
    out += [
        "",
        "说明：人数为户主加档案中的家庭成员；期末状态按状态变更记录推算；金秋助学、送温暖取帮扶记录与"
        "活动台账中较大者，不相加；已撤销的阵地不计入建成数，但其撤销前填报的服务人次照计。"
        "用 --json 可得每项数字的口径。",
    ]
    return "\n".join(out)


def _hardship(f: YearFigures) -> _Table:
    t = _Table(f)
    h = "户"
    t.add("新建档", h, lambda p: p.households.new.households)
    t.add("新建档", "人", lambda p: p.households.new.persons)
    t.add("解困脱困", h, lambda p: p.households.lifted.households)
    t.add("解困脱困", "人", lambda p: p.households.lifted.persons)
    t.add("销档", h, lambda p: p.households.closed.households)
    t.add("返困", h, lambda p: p.households.returned.households)
    t.add("期末在档", h, lambda p: p.households.on_file.households)
    t.add("期末在档", "人", lambda p: p.households.on_file.persons)
    t.add("期末已脱困", h, lambda p: p.households.lifted_on_record.households)
    t.add("期内曾在档", "人", lambda p: p.households.covered.persons)
    for line in f.current.households.by_class:
        name = line.hardship_class
        t.add(
            f"  其中在档{name}", h,
            lambda p, n=name: next(
                (c.on_file.households for c in p.households.by_class if c.hardship_class == n), 0
            ),
            skip_zero=True,
        )  # fmt: skip
    t.add("帮扶资金物资合计", "元", lambda p: p.assistance.total.total)
    t.add("  现金", "元", lambda p: p.assistance.total.cash)
    t.add("  实物折价", "元", lambda p: p.assistance.total.goods)
    t.add("帮扶户数", h, lambda p: p.assistance.total.households)
    t.add("帮扶户次", "户次", lambda p: p.assistance.total.records)
    for kind, lines in (("类别", "by_category"), ("来源", "by_source")):
        for line in getattr(f.current.assistance, lines):
            t.add(
                f"  {kind}：{line.name}", "元",
                lambda p, n=line.name, a=lines: next(
                    (x.total for x in getattr(p.assistance, a) if x.name == n), Decimal(0)
                ),
                skip_zero=True,
            )  # fmt: skip
    t.add("金秋助学受助学生", "人", lambda p: p.education.people)
    t.add("金秋助学资金", "元", lambda p: p.education.money)
    t.add("送温暖慰问", h, lambda p: p.warmth.people)
    t.add("送温暖资金", "元", lambda p: p.warmth.money)
    return t


def _stations(f: YearFigures) -> _Table:
    t = _Table(f)
    t.add("服务阵地累计建成", "个", lambda p: p.stations.total.existing)
    t.add("  其中新建", "个", lambda p: p.stations.total.new)
    if not f.period.is_single_year:
        t.add("  其中最后一年新建", "个", lambda p: p.stations.total.new_last_year)
    for line in f.current.stations.by_type:
        name = line.station_type

        def of(p: PeriodFigures, n: str = name) -> StationTypeLine:
            return next(x for x in p.stations.by_type if x.station_type == n)

        t.add(f"{name}累计", "个", lambda p, g=of: g(p).existing, skip_zero=True)
        t.add(f"  {name}新建", "个", lambda p, g=of: g(p).new, skip_zero=True)
    return t


def _rest_stops(f: YearFigures) -> _Table:
    t = _Table(f)
    t.add("驿站累计建成", "家", lambda p: p.rest_stops.existing)
    t.add("新建驿站", "家", lambda p: p.rest_stops.new)
    t.add("服务户外劳动者", "人次", lambda p: p.rest_stops.visits)
    t.add("填报服务人次的驿站", "家", lambda p: p.rest_stops.reporting)
    return t


def _visit_months(f: YearFigures) -> list[str]:
    months = [m for m in f.current.rest_stops.by_month if m.visits]
    if not months:
        return []
    cells = [f"{m.month[2:] if not f.period.is_single_year else m.month[5:] + '月'} {m.visits:,}"
             for m in months]  # fmt: skip
    return ["  各月服务人次：", *_wrap(cells, "    ")]


def _wrap(cells: Iterable[str], indent: str, width: int = 96) -> list[str]:
    lines, line = [], indent
    for cell in cells:
        if _width(line) + _width(cell) + 3 > width and line.strip():
            lines.append(line.rstrip())
            line = indent
        line += cell + "   "
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _activities(f: YearFigures) -> _Table:
    t = _Table(f)
    t.add("活动场次", "场", lambda p: p.activities.total.count)
    t.add("参与人数", "人", lambda p: p.activities.total.participants)
    t.add("覆盖人次", "人次", lambda p: p.activities.total.person_times)
    t.add("受益户数", "户", lambda p: p.activities.total.households)
    t.add("投入资金物资", "元", lambda p: p.activities.total.money)
    for line in f.current.activities.by_category:
        name = line.name
        t.add(
            f"  {name}场次", "场",
            lambda p, n=name: next(x.count for x in p.activities.by_category if x.name == n),
            skip_zero=True,
        )  # fmt: skip
        t.add(
            f"  {name}覆盖", "人次",
            lambda p, n=name: next(x.person_times for x in p.activities.by_category if x.name == n),
            skip_zero=True,
        )  # fmt: skip
    specific = (
        ("维权案件", "件", "cases"), ("挽回经济损失", "元", "money_recovered"),
        ("新建工会", "个", "new_unions"), ("新发展会员", "人", "new_members"),
        ("  其中农民工会员", "人", "new_migrant_members"), ("竞赛工种", "个", "contest_trades"),
        ("参赛人数", "人", "contestants"), ("培训期数", "期", "training_sessions"),
        ("培训人次", "人次", "trainees"),
    )  # fmt: skip
    for label, unit, attr in specific:
        t.add(label, unit, lambda p, a=attr: getattr(p.activities.specific, a), skip_zero=True)
    return t


def _featured(f: YearFigures) -> list[str]:
    featured = f.current.activities.featured
    if not featured:
        return []
    lines = [f"  写入年度总结的活动（{len(featured)}项）："]
    for a in featured:
        parts = [f"{a.start_date:%Y-%m-%d}", a.category, a.name]
        if a.township:
            parts.append(a.township)
        figures = []
        if a.money:
            figures.append(f"投入{format_yuan(a.money)}元")
        if a.participants:
            figures.append(f"参与{a.participants:,}人")
        if a.person_times:
            figures.append(f"覆盖{a.person_times:,}人次")
        if a.households_benefited:
            figures.append(f"受益{a.households_benefited:,}户")
        lines.append("    " + " ".join(parts) + (f"：{'，'.join(figures)}" if figures else ""))
    return lines


def _townships(f: YearFigures) -> list[str]:
    towns = [t for t in f.current.townships if t.on_file or t.stations or t.activities
             or t.assistance_money or t.lifted_on_record]  # fmt: skip
    if not towns:
        return []
    headers = ("乡镇(街道)", "在档户", "在档人", "帮扶资金(元)", "阵地", "驿站", "活动场次")
    rows = [headers] + [
        (t.township, f"{t.on_file:,}", f"{t.on_file_persons:,}", format_yuan(t.assistance_money),
         f"{t.stations:,}", f"{t.rest_stops:,}", f"{t.activities:,}")
        for t in towns
    ]  # fmt: skip
    widths = [max(_width(r[i]) for r in rows) for i in range(len(headers))]
    out = ["", f"五、分乡镇情况（{f.period.label}）"]
    for n, row in enumerate(rows):
        cells = [_pad(row[0], widths[0])]
        cells += [_pad(c, widths[i], right=True) for i, c in enumerate(row[1:], 1)]
        out.append("  " + "  ".join(cells).rstrip())
        if n == 0:
            out.append("  " + "-" * (sum(widths) + 2 * (len(widths) - 1)))
    return out
