"""The one-page 一户一档 cover sheet of a household file (A4 PDF), from a frozen HouseholdDetail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from models.masking import mask_bank_card, mask_id_number, mask_phone
from models.rows import HouseholdDetail
from models.saving import saving
from models.validation import format_yuan
from reports.pdf_fonts import register_fonts

MAX_MEMBERS = 8  # one page: a larger family lists the first eight and says how many more
MAX_HISTORY = 6


def _v(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.strftime("%Y年%m月%d日")
    return str(value)


def write_cover_sheet(
    detail: HouseholdDetail, out: str | Path, *, org_name: str = "", unmask: bool = False
) -> Path:
    """Write the cover sheet; ID, phone and bank card are masked unless `unmask` (then the file
    is owner-only from its first byte). Written beside `out` and moved into place when complete."""
    font = register_fonts()
    out = Path(out)
    h = detail.household
    base = ParagraphStyle("cell", fontName=font, fontSize=9.5, leading=13)
    title = ParagraphStyle("title", parent=base, fontSize=20, leading=26, alignment=TA_CENTER)
    sub = ParagraphStyle("sub", parent=base, fontSize=10.5, leading=15, alignment=TA_CENTER)
    head = ParagraphStyle("head", parent=base, fontSize=11, leading=16, spaceBefore=6, spaceAfter=3)

    def p(text: Any, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(str(text).replace("&", "&amp;").replace("<", "&lt;"), style)

    id_text = h.id_number if unmask else mask_id_number(h.id_number)
    phone = (h.phone or "") if unmask else mask_phone(h.phone)
    card = (h.bank_card or "") if unmask else mask_bank_card(h.bank_card)
    causes = h.main_cause + (
        f"（次要：{'、'.join(h.secondary_causes)}）" if h.secondary_causes else ""
    )
    a = detail.assessment
    pairs: Sequence[tuple[str, Any, str, Any]] = (
        ("户主姓名", h.name, "档案编号", h.file_no),
        ("性别", h.gender, "民族", h.ethnicity),
        ("出生日期", h.birth_date, "身份证号", id_text),
        (
            "政治面貌",
            h.political_status,
            "健康状况",
            h.health + (f"（{h.disease}）" if h.disease else "") if h.health else h.disease,
        ),
        ("工作单位", h.employer, "工作状态", h.work_status),
        ("手机号码", phone, "所属乡镇(街道)", h.township),
        ("家庭住址", h.address, "住房类型", h.housing_type),
        ("困难类别", h.hardship_class, "档案状态", h.status),
        ("致困原因", causes, "家庭人口", f"{h.family_size} 人"),
        (
            "家庭年总收入",
            _yuan(h.family_annual_income),
            "年刚性支出",
            _yuan(h.annual_rigid_expense),
        ),
        (
            "月人均收入",
            f"{format_yuan(h.per_capita_monthly)} 元",
            f"{a.year}年低保标准",
            f"{format_yuan(a.dibao_standard)} 元/月" if a.dibao_standard is not None else "未设置",
        ),
        ("开户银行", h.bank_name, "银行卡号", card),
        ("建档日期", h.filed_date, "最近核查", h.reviewed_date),
    )
    grid = [[p(k1), p(_v(v1)), p(k2), p(_v(v2))] for k1, v1, k2, v2 in pairs]
    label_bg = colors.HexColor("#f1f1f1")
    table_style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (0, -1), label_bg),
            ("BACKGROUND", (2, 0), (2, -1), label_bg),
        ]
    )
    width = A4[0] - 36 * mm
    head_table = Table(grid, colWidths=[width * 0.16, width * 0.34, width * 0.16, width * 0.34])
    head_table.setStyle(table_style)

    members = list(detail.members)
    member_rows = [
        [p(t) for t in ("姓名", "关系", "性别", "出生日期", "健康状况", "人员身份", "月收入(元)")]
    ]
    for m in members[:MAX_MEMBERS]:
        member_rows.append(
            [
                p(_v(x))
                for x in (
                    m.name,
                    m.relation,
                    m.gender,
                    m.birth_date,
                    m.health,
                    m.identity,
                    format_yuan(m.monthly_income) if m.monthly_income is not None else None,
                )
            ]
        )
    if len(members) > MAX_MEMBERS:
        member_rows.append(
            [p(f"另有 {len(members) - MAX_MEMBERS} 名成员，见档案内页。")] + [""] * 6
        )
    if not members:
        member_rows.append([p("无其他家庭成员。")] + [""] * 6)
    member_table = Table(
        member_rows,
        colWidths=[width * r for r in (0.13, 0.12, 0.08, 0.19, 0.16, 0.16, 0.16)],
        repeatRows=1,
    )
    member_table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), label_bg),
            ]
        )
    )

    totals = detail.assistance_by_year()
    aid_text = (
        "；".join(f"{y}年 {format_yuan(t)} 元" for y, t in totals.items()) or "尚无帮扶记录。"
    )
    history = list(detail.history)[-MAX_HISTORY:]
    history_rows = [[p(t) for t in ("日期", "操作", "状态", "原因 / 路径", "经办人")]]
    for c in history:
        history_rows.append(
            [
                p(_v(x))
                for x in (
                    c.date,
                    c.action,
                    f"{c.from_status or '—'} → {c.to_status}",
                    c.reason + (f"（{c.route}）" if c.route and c.route not in c.reason else ""),
                    c.operator,
                )
            ]
        )
    history_table = Table(history_rows, colWidths=[width * r for r in (0.18, 0.1, 0.2, 0.38, 0.14)])
    history_table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), label_bg),
            ]
        )
    )

    story = [
        p("困难职工家庭档案", title),
        p(f"（一户一档）　{org_name}" if org_name else "（一户一档）", sub),
        Spacer(1, 4 * mm),
        p("一、户主基本情况", head),
        head_table,
        p("二、家庭成员", head),
        member_table,
        p("三、帮扶情况", head),
        p(f"历年帮扶合计：{aid_text}　共 {len(detail.assistance)} 次。"),
        p("四、档案状态变更", head),
        history_table,
        Spacer(1, 6 * mm),
        p(f"填表人：__________　　审核人：__________　　打印日期：{dt.date.today():%Y年%m月%d日}"),
    ]
    frame_height = A4[1] - 30 * mm
    with saving(out, prefix=".生成中-", private=unmask) as partial:
        doc = SimpleDocTemplate(
            str(partial),
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=14 * mm,
            title=f"一户一档 {h.file_no} {h.name}",
            author=org_name or "工会台账",
        )
        # Shrink to fit rather than spill onto a second page: it is a cover sheet.
        doc.build([KeepInFrame(width, frame_height, story, mode="shrink")])
    return out


def _yuan(amount: Any) -> str:
    """A figure left blank prints blank, not 0 元."""
    return "" if amount is None else f"{format_yuan(amount)} 元"
