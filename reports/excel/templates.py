"""Import templates: the canonical header, an example row, drop-downs for every fixed list, instructions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from models import vocab
from models.fields import FIELDS_BY_KIND, KIND_LABELS
from models.normalize import RULES_BY_KIND
from reports.excel.export import DATE_FIELDS, MONEY_FIELDS, TEXT_FIELDS, _save

TEMPLATE_ROWS = 2000  # rows prepared with text format and drop-downs
LIST_SHEET = "选项"
RULE_KIND = {"reststops": "stations"}
# Fields whose fixed list is registered under another name than the field.
LIST_OF = {
    ("assistance", "category"): "assistance_category",
    ("activities", "category"): "activity_category",
    ("stations", "status"): "station_status",
}
BOOL_FIELDS = {"single_parent", "zero_employment", "open_24h", "include_in_summary"}
NOT_IMPORTED = {"households": {"status", "per_capita_monthly"}, "assistance": {"head_name"}}
KEY_NOTES = {
    "households": "按“身份证号”或“档案编号”匹配已有档案：已有的更新，没有的新建（档案编号可留空，自动编号）。",
    "members": "按“户主身份证号”或“档案编号”找到所属档案，再按成员身份证号（或姓名）匹配。",
    "assistance": "按“户主身份证号”或“档案编号”找到所属档案（先建档后帮扶）。同一天、同类别、同金额视为同一条。",
    "stations": "按“站点编号”或“名称＋所属乡镇(街道)”匹配已有阵地。",
    "reststops": "按“站点编号”或“名称＋所属乡镇(街道)”匹配；“类型”留空即为户外劳动者服务站点。",
    "usage": "按“站点编号”或“站点名称（＋所属乡镇）”找到阵地，每个阵地每月一行。",
    "activities": "按“活动名称＋开始日期”匹配已有活动。",
}
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
    return [f for f in FIELDS_BY_KIND[kind] if f not in NOT_IMPORTED.get(kind, set())]


def list_name(kind: str, field: str) -> str | None:
    rule_kind = RULE_KIND.get(kind, kind)
    name = LIST_OF.get((rule_kind, field), field)
    if name in vocab.MULTI_CHOICE_FIELDS:
        return None  # several values in one cell: a drop-down would refuse them
    return name if name in vocab.CHOICES else None


def write_template(kind: str, out: Path, *, org_name: str = "") -> Path:
    book = Workbook()
    ws = book.active
    ws.title = f"{KIND_LABELS[kind]}导入模板"[:31]
    lists = book.create_sheet(LIST_SHEET)
    lists.sheet_state = "hidden"
    fields = template_fields(kind)
    rules = RULES_BY_KIND[RULE_KIND.get(kind, kind)]
    example = EXAMPLES.get(kind, {})
    list_column = 0
    for col, name in enumerate(fields, start=1):
        letter = get_column_letter(col)
        label = FIELDS_BY_KIND[kind][name]
        head = ws.cell(row=1, column=col, value=label)
        required = name in rules and rules[name].required
        head.font = Font(bold=True, color="C00000" if required else "000000")
        head.fill = PatternFill("solid", fgColor="D9E1F2")
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[letter].width = (
            22 if name in TEXT_FIELDS else max(10, len(label) * 2 + 2)
        )
        sample = ws.cell(row=2, column=col, value=example.get(name))
        sample.font = Font(color="808080", italic=True)
        if name in TEXT_FIELDS:
            _text_column(ws, col)
        elif name in DATE_FIELDS:
            head.comment = Comment(
                "日期写成 2025-03-18 或 2025年3月18日，或直接用Excel日期。", "工会台账"
            )
        elif name in MONEY_FIELDS:
            head.comment = Comment("金额单位为元，可写 1200 或 1,200.00。", "工会台账")
        values: tuple[str, ...] | None = None
        source = list_name(kind, name)
        if source:
            values = vocab.CHOICES[source]
        elif name in BOOL_FIELDS:
            values = ("是", "否")
        if values:
            list_column += 1
            _add_list(ws, lists, col, list_column, label, values)
        elif (
            name in vocab.MULTI_CHOICE_FIELDS
            or LIST_OF.get((kind, name)) in vocab.MULTI_CHOICE_FIELDS
        ):
            head.comment = Comment(
                "可填多项，用顿号“、”分隔。可选：" + "、".join(vocab.CHOICES[name]), "工会台账"
            )
    ws.freeze_panes = "A2"
    _instructions(book, kind, fields, rules, org_name)
    book.move_sheet(LIST_SHEET, offset=1)
    _save(book, out, 0)
    return out


def _text_column(ws: Any, col: int) -> None:
    letter = get_column_letter(col)
    ws.column_dimensions[letter].number_format = "@"
    for row in range(2, TEMPLATE_ROWS + 2):
        ws.cell(row=row, column=col).number_format = "@"
    ws.cell(row=1, column=col).comment = Comment(
        "本列已设为“文本”格式：身份证号、银行卡号请直接输入，不要改成数字格式，否则末几位会丢失。",
        "工会台账",
    )


def _add_list(
    ws: Any, lists: Any, col: int, list_col: int, label: str, values: tuple[str, ...]
) -> None:
    letter = get_column_letter(list_col)
    lists.cell(row=1, column=list_col, value=label)
    for row, value in enumerate(values, start=2):
        lists.cell(row=row, column=list_col, value=value)
    ref = f"{quote_sheetname(LIST_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
    validation = DataValidation(
        type="list",
        formula1=ref,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="不在可选范围内",
        error=f"{label}只能从下拉列表中选择。",
    )
    target = get_column_letter(col)
    validation.add(f"{target}2:{target}{TEMPLATE_ROWS + 1}")
    ws.add_data_validation(validation)


def _instructions(book: Workbook, kind: str, fields: list[str], rules: Any, org_name: str) -> None:
    ws = book.create_sheet("填写说明", 0)
    required = [FIELDS_BY_KIND[kind][f] for f in fields if f in rules and rules[f].required]
    lines = [
        f"{org_name}{KIND_LABELS[kind]}导入模板 填写说明",
        "",
        "1. 在“导入模板”工作表中从第2行起填写，每行一条记录；第2行灰色文字是示例，请删除或覆盖。",
        f"2. 红色列名为必填项：{'、'.join(required)}。",
        "3. 身份证号、银行卡号、电话所在列已设为“文本”格式，请勿改为数字格式（数字格式会丢失第15位以后的数字）。",
        "4. 日期可写 2025-03-18、2025/3/18、2025年3月18日，或使用Excel日期；金额单位为元，可写 1,200.00。",
        "5. 带下拉箭头的列只能选择列表中的值；“次要致困原因”“设施”“服务功能”可填多项，用顿号“、”分隔。",
        f"6. {KEY_NOTES.get(kind, '')}",
        "7. 同一文件中重复的记录以先出现的一行为准。导入前可先“预览”；"
        "被拒绝的行会连同错误原因另存为Excel，改正后可再次导入。",
        "8. 可以在表头上方保留标题、填报单位等行，表格下方的合计行、填表人等说明行会被自动跳过。",
    ]
    for row, text in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=text)
        if row == 1:
            cell.font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 110
