"""The appendix: tables by township, by category and by month, the charts and the 数据来源 list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from models.statistics import YearFigures
from reports.summary.charts import FittedChart, charts_for
from reports.summary.document import SummaryDocument
from reports.summary.styles import Styles

__all__ = ["appendix_story", "table_data"]

HEAD_BG = colors.HexColor("#efe6d8")
TOTAL_BG = colors.HexColor("#f6f2ea")


def _cell(value: Any) -> str:
    """A table figure as printed: exact, grouped by thousands (11,221.00 元, 25,474 人次)."""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    if value is None:
        return ""
    return str(value)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table_data(figures: YearFigures) -> list[tuple[str, list[str], list[list[Any]]]]:
    """(title, header, rows) of every appendix table, exact figures; the Excel 年度统计表 and the
    PDF share it. Rows with nothing in them are left out; a 合计 row closes each table."""
    c = figures.current
    multi = not c.period.is_single_year
    tables: list[tuple[str, list[str], list[list[Any]]]] = []

    town_rows = [
        [t.township, t.on_file, t.on_file_persons, t.lifted_on_record, t.assistance_households,
         t.assistance_money, t.stations, t.rest_stops, t.rest_stop_visits, t.activities,
         t.activity_person_times]
        for t in c.townships
        if any(v for v in (t.on_file, t.lifted_on_record, t.assistance_money, t.stations,
                           t.rest_stop_visits, t.activities))
    ]  # fmt: skip
    if town_rows:
        tables.append((
            "表1 分乡镇（街道）统计",
            ["乡镇（街道）", "在档户数", "在档人数", "已脱困户数", "帮扶户数", "帮扶资金物资（元）",
             "服务阵地", "其中驿站", "驿站服务人次", "活动场次", "活动覆盖人次"],
            _with_total(town_rows),
        ))  # fmt: skip

    aid_rows = [
        [a.name, a.records, a.households, a.cash, a.goods, a.total]
        for a in c.assistance.by_category
        if a.records
    ]
    if aid_rows:
        tables.append(
            (
                "表2 帮扶资金物资分类别统计",
                ["帮扶类别", "户次", "户数", "现金（元）", "实物折价（元）", "合计（元）"],
                _with_total(aid_rows, skip=(2,)),
            )
        )
    source_rows = [
        [a.name, a.records, a.households, a.cash, a.goods, a.total]
        for a in c.assistance.by_source
        if a.records
    ]
    if source_rows:
        tables.append(
            (
                "表3 帮扶资金物资分来源统计",
                ["资金来源", "户次", "户数", "现金（元）", "实物折价（元）", "合计（元）"],
                _with_total(source_rows, skip=(2,)),
            )
        )
    activity_rows = [
        [a.name, a.count, a.participants, a.person_times, a.households, a.money]
        for a in c.activities.by_category
        if a.count
    ]
    if activity_rows:
        tables.append(
            (
                "表4 活动分类别统计",
                ["活动类别", "场次", "参与人数", "覆盖人次", "受益户数", "投入资金物资（元）"],
                _with_total(activity_rows),
            )
        )
    station_rows = [
        [s.station_type, s.existing, s.new, s.visits]
        for s in c.stations.by_type
        if s.existing or s.new or s.visits
    ]
    if station_rows:
        tables.append(
            (
                "表5 服务阵地分类型统计",
                ["阵地类型", "期末累计", "期内新建", "服务人次"],
                _with_total(station_rows),
            )
        )

    months = c.period.months()
    aid = {a.name: a for a in c.assistance.by_month}
    acts = {a.name: a for a in c.activities.by_month}
    visits = {m.month: m.visits for m in c.rest_stops.by_month}
    buckets: dict[str, list[Any]] = {}
    for month in months:
        label = f"{month[:4]}年" if multi else f"{int(month[5:7])}月"
        row = buckets.setdefault(label, [label, 0, Decimal("0.00"), 0, 0, 0])
        a, act = aid.get(month), acts.get(month)
        row[1] += a.records if a else 0
        row[2] += a.total if a else Decimal(0)
        row[3] += act.count if act else 0
        row[4] += act.person_times if act else 0
        row[5] += visits.get(month, 0)
    month_rows = list(buckets.values())
    if any(any(v for v in row[1:]) for row in month_rows):
        tables.append((
            "表6 分年度统计" if multi else "表6 分月统计",
            ["年度" if multi else "月份", "帮扶户次", "帮扶资金物资（元）", "活动场次",
             "活动覆盖人次", "驿站服务人次"],
            _with_total(month_rows),
        ))  # fmt: skip
    return tables


def _with_total(rows: list[list[Any]], skip: Sequence[int] = ()) -> list[list[Any]]:
    """Append a 合计 row; columns in `skip` (distinct households) do not add up and stay blank."""
    total: list[Any] = ["合计"]
    for column in range(1, len(rows[0])):
        if column in skip:
            total.append("—")
            continue
        values = [r[column] for r in rows]
        total.append(sum(values, Decimal("0.00") if isinstance(values[0], Decimal) else 0))
    return [*rows, total]


PADDING = 4.0  # pt either side of a cell's text
SMALLEST_SIZE = 6.5  # pt: below this a table is split rather than shrunk further


def _fitted(
    header: list[str], cells: list[list[str]], width: float, font: str, size: float
) -> tuple[float, list[float]] | None:
    """The font size and column widths at which every cell's text fits on one line: each column
    as wide as its widest value (headers wrap, two characters at least), the room left shared out
    in proportion to the headers' length so they wrap as little as possible. None when even
    SMALLEST_SIZE is too large."""
    while size >= SMALLEST_SIZE:
        need = [
            max(
                max((stringWidth(row[col], font, size) for row in cells), default=0.0),
                2 * size,
            )
            + 2 * PADDING
            for col in range(len(header))
        ]
        room = width - sum(need)
        if room >= 0:
            heads = [stringWidth(h, font, size) + 2 * PADDING for h in header]
            wish = [max(h - n, 0.0) for h, n in zip(heads, need, strict=True)]
            total = sum(wish)
            if total > room:  # not every header fits on one line: each gets its share
                extra = [room * w / total for w in wish]
            else:  # every header on one line, the rest spread evenly
                extra = [w + (room - total) / len(need) for w in wish]
            return size, [n + e for n, e in zip(need, extra, strict=True)]
        size -= 0.5
    return None


def _table(
    title: str, header: list[str], rows: list[list[Any]], width: float, styles: Styles
) -> list[Flowable]:
    """A ruled table whose figures are drawn as single strings (never wrapped, never broken)."""
    cells = [[_cell(v) for v in row] for row in rows]
    font = styles.table.fontName
    fitted = _fitted(header, cells, width, font, styles.table.fontSize)
    if fitted is None:
        # Too many wide columns even in small type: the label and half the figures, twice.
        half = (len(header) + 1) // 2
        first = [0, *range(1, half)]
        second = [0, *range(half, len(header))]
        pick = lambda cols, items: [items[c] for c in cols]  # noqa: E731 - a local projection
        return [
            *_table(f"{title}（一）", pick(first, header), [pick(first, r) for r in rows],
                    width, styles),
            *_table(f"{title}（二）", pick(second, header), [pick(second, r) for r in rows],
                    width, styles),
        ]  # fmt: skip
    size, widths = fitted
    head_style = styles.table_head.clone("table_head_fitted", fontSize=size, leading=size * 1.3)
    head = [Paragraph(_escape(h), head_style) for h in header]
    table = _Table([head, *cells], colWidths=widths, repeatRows=1)
    # Every cell gets our font, the header's too: reportlab sets a cell's font (Helvetica by
    # default) even for a Paragraph, and pdffonts would list it unembedded.
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, size, size * 1.3),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("BACKGROUND", (0, -1), (-1, -1), TOTAL_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))  # fmt: skip
    # A table's title, head and first rows start together: room for them or a new page.
    room = styles.table_title.leading + 4 * size * 1.3 + 20
    return [CondPageBreak(room), Paragraph(_escape(title), styles.table_title), table, Spacer(1, 8)]


MIN_ROWS_ON_A_PAGE = 2  # body rows a split table leaves on each page, at least


class _Table(Table):
    """A table that never leaves a single row of it at the foot or the top of a page: a row
    alone on a new page (a widow) takes the row before it along."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        first = len(parts[0]._cellvalues) - head  # type: ignore[attr-defined]
        second = len(parts[1]._cellvalues) - head  # type: ignore[attr-defined]
        if first < MIN_ROWS_ON_A_PAGE:
            return []  # the whole table starts on the next page
        if second >= MIN_ROWS_ON_A_PAGE:
            return parts
        # Give the next page one more row: split above the first part's last row.
        last = parts[0]._rowHeights[-1]  # type: ignore[attr-defined]
        if first - 1 < MIN_ROWS_ON_A_PAGE:
            return []
        return super().split(availWidth, availHeight - last)


EXACT = 3  # the 数据来源 column of exact values
SOURCE = 4  # the register a figure is read from ("困难职工档案·帮扶记录")
SOURCE_TABLE_MAX_PT = 9.0  # 小五号: the 数据来源 table's type at most
CELL_PADDING = 6.0  # pt: reportlab's own padding either side of a Table cell
# 序号, 正文写法 and 精确值 are as wide as their widest value (a figure is never broken across
# lines), 来源 as its widest register name (one a line); 指标 and 统计口径 wrap, sharing the rest
# in these proportions.
_SOURCE_SHARES = {2: 0.22, 5: 0.30}


def _register_lines(source: str) -> list[str]:
    """A figure's registers ("困难职工档案·帮扶记录", "帮扶记录与活动台账"), each name on a line
    of its own, the joining mark at the end of the line before."""
    return [part for part in re.split(r"(?<=[·与])", source) if part]


def _exact_lines(exact: str) -> list[str]:
    """An exact value and its comparison ("356（对比值447）"), each a line of its own."""
    value, bracket, rest = exact.partition("（")
    return [value, bracket + rest] if bracket else [value]


def _source_widths(rows: list[list[str]], width: float, font: str, size: float) -> list[float]:
    """The six columns' widths: the figures' as wide as their widest value or head."""

    def widest(texts: Sequence[str]) -> float:
        return max((stringWidth(t, font, size) for t in texts), default=0.0) + 2 * CELL_PADDING

    fixed = {
        0: widest(["序号", *(r[0] for r in rows)]),
        1: widest(["正文写法", *(r[1] for r in rows)]),
        EXACT: widest(["精确值", *(line for r in rows for line in _exact_lines(r[EXACT]))]),
        SOURCE: widest(["来源", *(line for r in rows for line in _register_lines(r[SOURCE]))]),
    }
    room = max(width - sum(fixed.values()), 0.0)
    total = sum(_SOURCE_SHARES.values())
    shared = {col: room * share / total for col, share in _SOURCE_SHARES.items()}
    return [{**fixed, **shared}[col] for col in range(6)]


def appendix_story(
    doc: SummaryDocument, styles: Styles, width: float, heading: str | None
) -> list[Flowable]:
    """Tables, charts and the 数据来源 list, ready to follow a PageBreak (under `heading`, or
    under the caller's own head when None)."""
    story: list[Flowable] = []
    if heading is not None:
        story += [Paragraph(heading, styles.heading1), Spacer(1, 4)]
    note = (
        f"统计期间：{doc.period_label}（对比期间：{doc.figures.previous.period.label}）。"
        "表中为精确数字，正文中的数字按新闻写法取整（如“40.3万人次”），可据下列表格核对。"
    )
    story.append(Paragraph(_escape(note), styles.note))
    for title, header, rows in table_data(doc.figures):
        story += _table(title, header, rows, width, styles)
    charts = charts_for(doc.figures, width, styles.fonts.song.name)
    if charts:
        story.append(CondPageBreak(200))
        story.append(Paragraph("统计图", styles.table_title))
        for chart in charts:
            story += [FittedChart(chart), Spacer(1, 10)]
    if doc.sources:
        rows = [
            [str(i + 1), s.written, s.label, s.exact, s.source, s.basis]
            for i, s in enumerate(doc.sources)
        ]
        header = ["序号", "正文写法", "指标", "精确值", "来源", "统计口径"]
        # Six columns, three of them as wide as their widest figure: in type above 小五 the
        # 公文's 156 mm leave 指标 and 统计口径 two or three characters a line.
        size = min(styles.table.fontSize, SOURCE_TABLE_MAX_PT)
        cell = styles.table.clone("source_cell", fontSize=size, leading=size * 1.35)
        head_style = styles.table_head.clone("source_head", fontSize=size, leading=size * 1.35)
        head = [Paragraph(h, head_style) for h in header]
        body = [
            [
                Paragraph("<br/>".join(_escape(p) for p in _exact_lines(v)), cell)
                if col == EXACT
                else Paragraph("<br/>".join(_escape(p) for p in _register_lines(v)), cell)
                if col == SOURCE
                else Paragraph(_escape(v), cell)
                for col, v in enumerate(row)
            ]
            for row in rows
        ]
        widths = _source_widths(rows, width, cell.fontName, size)
        table = _Table([head, *body], colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), cell.fontName, size),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))  # fmt: skip
        story += [CondPageBreak(80), Paragraph("数据来源", styles.table_title), table]
    return story
