"""Import templates: the canonical header, an example row, drop-downs for every fixed list, instructions."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlsxwriter.utility import quote_sheetname, xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from models import vocab
from models.kinds import KINDS, Field, Type
from reports.excel.styles import Formats, write_value, writing

TEMPLATE_ROWS = 2000  # rows prepared with text format and drop-downs
AUTHOR = {"author": "工会台账"}
TEXT_NOTE = (
    "本列已设为“文本”格式：身份证号、银行卡号请直接输入，不要改成数字格式，否则末几位会丢失。"
)
LIST_SHEET = "选项"
EXAMPLES: dict[str, dict[str, Any]] = {
    "households": {
        "name": "张三", "gender": "男", "ethnicity": "汉族", "id_number": "411602199001011234",
        "phone": "13812345678", "township": "城关镇", "family_size": 3, "monthly_income": 1200,
        "family_annual_income": 24000, "annual_rigid_expense": 6000, "hardship_class": "深度困难",
        "main_cause": "患重特大疾病", "secondary_causes": "子女上学、下岗失业", "filed_date": "2025-03-18",
        "single_parent": "否", "zero_employment": "否", "address": "城关镇幸福路1号",
    },
    "members": {
        "head_id_number": "411602199001011234", "name": "李四", "relation": "配偶",
        "id_number": "411602199202022345", "identity": "灵活就业", "monthly_income": 800,
    },
    "assistance": {
        "head_id_number": "411602199001011234", "head_name": "张三", "date": "2025-01-20",
        "category": "送温暖慰问", "cash": 500, "goods": "米、油", "goods_value": 150,
        "funding_source": "本级工会经费", "operator": "王五",
    },
    "stations": {
        "name": "城关镇工会驿站", "station_type": "户外劳动者服务站点", "township": "城关镇",
        "address": "人民路88号", "longitude": "113°37'31\"E", "latitude": 34.7466,
        "host_unit": "城关镇政务大厅", "host_kind": "政务大厅", "build_mode": "共建共享",
        "built_date": "2023-06-01", "area": "20㎡", "investment": 30000, "status": "运行",
        "facilities": "饮水、热饭(微波炉)、休息桌椅、空调/风扇、应急药箱", "open_24h": "否",
    },
    "usage": {"station_name": "城关镇工会驿站", "township": "城关镇", "month": "2025-03", "visits": 1200},
    "activities": {
        "name": "夏送清凉进工地", "category": "夏送清凉", "start_date": "2025-07-15",
        "township": "城关镇", "participants": 300, "cash": 20000, "funding_source": "本级工会经费",
    },
}  # fmt: skip
EXAMPLES["reststops"] = EXAMPLES["stations"]


def template_fields(kind: str) -> list[str]:
    return [f.name for f in KINDS[kind].template_fields()]


def list_name(kind: str, field: str) -> str | None:
    """The list behind a column's drop-down (none for several values in one cell)."""
    spec = KINDS[kind][field]
    return spec.values if spec.type is Type.CHOICE else None


def write_template(kind: str, out: Path, *, org_name: str = "") -> Path:
    """The import template of a kind: 填写说明 first, then the template, then the hidden lists."""
    fields = KINDS[kind].template_fields()
    with writing(out, streamed=False) as (book, fmt):
        _instructions(book.add_worksheet("填写说明"), fmt, kind, fields, org_name)
        ws = book.add_worksheet(f"{KINDS[kind].label}导入模板"[:31])
        lists = book.add_worksheet(LIST_SHEET)
        lists.hide()
        example = EXAMPLES.get(kind, {})
        list_column = 0
        for col, spec in enumerate(fields):
            label = spec.label
            ws.write_string(
                0, col, label, fmt("head", "required") if spec.required else fmt("head")
            )
            text = spec.masked
            ws.set_column(col, col, 22 if text else max(10, len(label) * 2 + 2),
                          fmt("text") if text else None)  # fmt: skip
            write_value(
                ws, fmt, 1, col, example.get(spec.name), "example", *(("text",) if text else ())
            )
            if text:
                # Cells written with the text format too: a column format alone is not kept by
                # every program (WPS and openpyxl read the cell's own format).
                for row in range(2, TEMPLATE_ROWS + 1):
                    ws.write_blank(row, col, None, fmt("text"))
            note = _note(spec)
            if note:
                ws.write_comment(0, col, note, AUTHOR)
            values = _choices(spec)
            if values:
                list_column += 1
                _add_list(ws, lists, fmt, col, list_column - 1, label, values)
        ws.freeze_panes(1, 0)
    return out


def _note(spec: Field) -> str | None:
    """The comment on a heading: how to fill the column in."""
    if spec.masked:
        return TEXT_NOTE
    if spec.type is Type.DATE:
        return "日期写成 2025-03-18 或 2025年3月18日，或直接用Excel日期。"
    if spec.type is Type.MONEY:
        return "金额单位为元，可写 1200 或 1,200.00。"
    if spec.multi and spec.values:
        return "可填多项，用顿号“、”分隔。可选：" + "、".join(vocab.CHOICES[spec.values])
    return None


def _choices(spec: Field) -> tuple[str, ...] | None:
    if spec.type is Type.CHOICE and spec.values:
        return tuple(vocab.CHOICES[spec.values])
    if spec.type is Type.BOOL:
        return ("是", "否")
    return None


def _add_list(ws: Worksheet, lists: Worksheet, fmt: Formats, col: int, list_col: int, label: str,
              values: tuple[str, ...]) -> None:  # fmt: skip
    """The values go in a column of the hidden list sheet; the column gets a drop-down of them."""
    lists.write_string(0, list_col, label, fmt("head"))
    for row, value in enumerate(values, start=1):
        lists.write_string(row, list_col, value)
    letter = xl_col_to_name(list_col)
    ws.data_validation(
        1, col, TEMPLATE_ROWS, col,
        {
            "validate": "list",
            "source": f"={quote_sheetname(LIST_SHEET)}!${letter}$2:${letter}${len(values) + 1}",
            "ignore_blank": True,
            "error_type": "stop",
            "error_title": "不在可选范围内",
            "error_message": f"{label}只能从下拉列表中选择。",
        },
    )  # fmt: skip


def _instructions(ws: Worksheet, fmt: Formats, kind: str, fields: Sequence[Field],
                  org_name: str) -> None:  # fmt: skip
    required = [f.label for f in fields if f.required]
    lines = [
        f"{org_name}{KINDS[kind].label}导入模板 填写说明",
        "",
        "1. 在“导入模板”工作表中从第2行起填写，每行一条记录；第2行灰色文字是示例，请删除或覆盖。",
        f"2. 红色列名为必填项：{'、'.join(required)}。",
        "3. 身份证号、银行卡号、电话所在列已设为“文本”格式，请勿改为数字格式（数字格式会丢失第15位以后的数字）。",
        "4. 日期可写 2025-03-18、2025/3/18、2025年3月18日，或使用Excel日期；金额单位为元，可写 1,200.00。",
        "5. 带下拉箭头的列只能选择列表中的值；“次要致困原因”“设施”“服务功能”可填多项，用顿号“、”分隔。",
        f"6. {KINDS[kind].key_note}",
        "7. 同一文件中重复的记录以先出现的一行为准。导入前可先“预览”；"
        "被拒绝的行会连同错误原因另存为Excel，改正后可再次导入。",
        "8. 可以在表头上方保留标题、填报单位等行，表格下方的合计行、填表人等说明行会被自动跳过。",
    ]
    ws.set_column(0, 0, 110)
    for row, text in enumerate(lines):
        if text:
            ws.write_string(row, 0, text, fmt("subtitle") if row == 0 else None)
