"""The corpus's 帮扶/慰问发放台账: 送温暖, 金秋助学, 大病救助 and 临时救助 sheets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tests.data.real_sheets import _wording_records as w
from tests.data.real_sheets._book import File, Sheet, bad, ok
from tests.data.real_sheets._corpus import UNION, Corpus, footer_row, unit_line
from tests.data.real_sheets._people import Person

D = dt.date
H01 = "01_城关镇_2024年困难职工花名册.xlsx"
H02 = "02_东关街道_困难职工家庭情况汇总表.xlsx"
H03 = "03_北山镇_困难职工档案表.xlsx"
H06 = "06_石桥镇_困难职工花名册（分村）.xlsx"
H07 = "07_柳林镇_困难职工花名册.xlsx"


def aid_ok(
    head: Person,
    day: dt.date,
    category: str,
    funding: str | None,
    cash: Decimal | int | None = None,
    goods_value: Decimal | int | None = None,
    goods: str | None = None,
) -> dict[str, Any]:
    expect: dict[str, Any] = {}
    maps: list[dict[str, Any]] = []
    expect["category"], found = w.one("category", w.AID_CATEGORY, category)
    maps += found
    if funding is not None:
        expect["funding_source"], found = w.one("funding_source", w.FUNDING, funding)
        maps += found
    if cash is not None:
        expect["cash"] = Decimal(cash)
    if goods_value is not None:
        expect["goods_value"] = Decimal(goods_value)
    if goods is not None:
        expect["goods"] = goods
    return ok({"head_id_number": head.id_number, "date": day}, expect, maps)


def a20(corpus: Corpus) -> File:
    f = File(
        "20_城关镇_2024年春节送温暖慰问金发放表.xlsx",
        "assistance",
        "合并标题、填报单位行、领取人签字空列、合计行；慰问金写 500元 / 0.1万元，资金来源 县总拨付/省总补助/市总下拨",
        province="河南",
        after=[H01],
    )
    s = f.sheet("发放表")
    head = [
        "序号", "姓名", "身份证号", "慰问类别", "慰问金（元）", "慰问品", "折价（元）", "资金来源",
        "发放日期", "经办人", "领取人签字",
    ]  # fmt: skip
    s.line(f"{UNION}2024年春节送温暖慰问金发放花名册")
    s.merge_title(len(head))
    s.line(*unit_line(len(head), "城关镇工会", D(2024, 2, 5)))
    s.line(*head)
    s.text_columns.append(3)
    # Not the third head: file 09 closes that household (销档), and aid to a closed file is
    # another question than wording.
    heads = [h.head for i, h in enumerate(corpus.filed(H01)) if i != 2]
    plan = [
        ("春节慰问", ("500元", 500), "米面油", 150, "县总拨付", ("2024.1.25", D(2024, 1, 25))),
        ("春节慰问", ("0.1万元", 1000), None, None, "省总补助", ("2024.1.25", D(2024, 1, 25))),
        ("送温暖慰问", (800, 800), "棉被", 200, "市总下拨", ("2024.1.26", D(2024, 1, 26))),
        ("困难补助", ("1,200.00", 1200), None, None, "县总拨付", ("2024.1.26", D(2024, 1, 26))),
        ("春节慰问", ("三百元", None), None, None, "县总拨付", ("2024.1.27", D(2024, 1, 27))),
        ("送温暖", (600, 600), "食用油", 100, "本级工会经费", ("2024年1月28日", D(2024, 1, 28))),
        ("春节慰问", (500, 500), None, None, "县总拨付", ("2024.2.30", None)),
        ("春节慰问", (500, 500), None, None, "省总补助", (D(2024, 2, 1), D(2024, 2, 1))),
        ("送温暖慰问", ("1000元", 1000), "米面油", 120, "县总工会", ("2024.2.2", D(2024, 2, 2))),
        ("春节慰问", (500, 500), "棉被", 180, "市总下拨", ("2024.2.2", D(2024, 2, 2))),
    ]
    for seq, (cat, cash, goods, value, fund, day) in enumerate(plan, start=1):
        h = heads[seq - 1]
        cells = [seq, h.name, h.id_number, cat, cash[0], goods, value, fund, day[0], "李会计", None]
        if cash[1] is None:
            exp = bad("amount_unparseable", "慰问金写成汉字“三百元”", "cash")
        elif day[1] is None:
            exp = bad("date_unparseable", "发放日期 2024.2.30 不存在", "date")
        else:
            exp = aid_ok(h, day[1], cat, fund, cash[1], value, goods)
        s.data(cells, exp)
    stranger = corpus.people.person("河南")
    s.data(
        [len(plan) + 1, stranger.name, stranger.id_number, "春节慰问", 500, None, None, "县总拨付",
         "2024.1.29", "李会计", None],
        bad("unknown_household", "此人没有建档（先建档后帮扶）", "head_id_number"),
    )  # fmt: skip
    s.line("合计", None, None, None, 6400, None, 750)
    s.line(*footer_row(len(head)))
    return f


def a21(corpus: Corpus) -> File:
    f = File(
        "21_东关街道_2024年金秋助学金发放花名册.xlsx",
        "assistance",
        "两行表头（困难职工/受助学生/发放情况 分组）；帮扶类别 助学金/金秋助学；资金来源 中央财政专项、社会捐赠",
        province="江苏",
        after=[H02],
    )
    s = f.sheet("金秋助学")
    top = ["序号", "困难职工", None, "受助学生", None, None, "发放情况", None, None, None, "备注"]
    sub = [
        None, "姓名", "身份证号", "学生姓名", "就读学校", "年级", "帮扶类别", "金额（元）",
        "发放时间", "资金来源", None,
    ]  # fmt: skip
    s.line("东关街道2024年金秋助学金发放花名册")
    s.merge_title(len(top))
    s.line(*top)
    s.line(*sub)
    for ref in ("A2:A3", "B2:C2", "D2:F2", "G2:J2", "K2:K3"):
        s.merge(ref)
    s.text_columns.append(3)
    heads = [h.head for h in corpus.filed(H02)]
    schools = ("南京某大学", "东关中学", "县职业中专", "东关实验小学")
    plan = [
        ("助学金", 2000, D(2024, 9, 1), "中央财政专项"),
        ("金秋助学", 3000, D(2024, 9, 1), "社会捐赠"),
        ("子女助学", 1500, D(2024, 9, 2), "中央财政专项资金"),
        ("助学金", 2000, None, "中央财政专项"),
        ("助学金", 2000, D(2024, 9, 3), "爱心企业捐赠"),
        ("金秋助学", 5000, D(2024, 9, 3), "中央财政专项"),
        ("助学金", 2500, D(2024, 9, 4), "县总拨付"),
        ("金秋助学", 3000, D(2024, 9, 4), "社会捐赠"),
        ("助学金", 1000, D(2024, 9, 5), "中央财政专项"),
        ("子女助学", 1200, D(2024, 9, 5), "省总补助"),
    ]
    for seq, (cat, cash, day, fund) in enumerate(plan, start=1):
        h = heads[(seq - 1) % len(heads)]
        kid = corpus.people.child(h, "江苏")
        id_cell: Any = h.id_number
        if seq == 6:
            id_cell = float(f"{int(h.id_number[:17]):.14e}")
        cells = [seq, h.name, id_cell, kid.name, schools[seq % 4], "一年级", cat, cash, day, fund,
                 None]  # fmt: skip
        if day is None:
            exp = bad("missing_required", "发放时间一格空着", "date")
        elif seq == 6:
            exp = bad(
                "id_precision_lost", "身份证号在数值单元格里被截成15位有效数字", "head_id_number"
            )
        else:
            exp = aid_ok(h, day, cat, fund, cash)
        s.data(cells, exp)
    s.line("合计", None, None, None, None, None, None, 23200)
    return f


def a22(corpus: Corpus) -> File:
    f = File(
        "22_北山镇_大病医疗救助台账.csv",
        "assistance",
        "UTF-8-BOM CSV，按档案编号挂户；救助类别 大病救助/医疗救助，资金来源 县财政/工会经费；金额带千分位",
        fmt="csv-bom",
        province="陕西",
        after=[H03],
    )
    s = f.sheet("csv")
    s.line("档案编号", "姓名", "救助类别", "救助金额", "资金来源", "救助日期", "经办人", "备注")
    filed = corpus.filed(H03)
    plan = [
        ("大病救助", "1,200.00", 1200, "县财政", "2024年3月5日", D(2024, 3, 5)),
        ("医疗救助", "2000", 2000, "工会经费", "2024年3月5日", D(2024, 3, 5)),
        ("大病救助", "3,500", 3500, "县总拨付", "2024年4月1日", D(2024, 4, 1)),
        ("医疗救助", "1500", 1500, "县财政", "2024年13月5日", None),
        ("大病救助", "贰仟元", None, "工会经费", "2024年4月8日", D(2024, 4, 8)),
        ("医疗救助", "800.5", Decimal("800.50"), "省总补助", "2024年5月20日", D(2024, 5, 20)),
        ("大病救助", "5,000.00", 5000, "中央财政专项", "2024年6月3日", D(2024, 6, 3)),
        ("医疗救助", "1200", 1200, "工会经费", "2024年6月18日", D(2024, 6, 18)),
        ("大病救助", "2,600", 2600, "县财政", "2024年7月9日", D(2024, 7, 9)),
        ("医疗救助", "900", 900, "市总下拨", "2024年8月1日", D(2024, 8, 1)),
    ]
    for h, (cat, cell, cash, fund, day_cell, day) in zip(filed, plan, strict=False):
        assert h.file_no
        row = [h.file_no, h.head.name, cat, cell, fund, day_cell, "王干事", "住院"]
        if day is None:
            s.data(row, bad("date_unparseable", "救助日期“2024年13月5日”没有13月", "date"))
        elif cash is None:
            s.data(row, bad("amount_unparseable", "救助金额写成大写“贰仟元”", "cash"))
        else:
            s.data(row, aid_ok(h.head, day, cat, fund, cash))
    return f


def a23(corpus: Corpus) -> File:
    f = File(
        "23_柳林镇石桥镇_临时救助及实物慰问登记表.xlsx",
        "assistance",
        "两页：临时救助（金额以万元计）与实物慰问（米面油折价）；一行查无此户",
        province="贵州",
        after=[H06, H07],
    )
    temp = f.sheet("临时救助")
    temp.line(
        "序号", "户主姓名", "户主身份证号", "救助类型", "救助金额（万元）", "资金来源", "日期"
    )
    temp.text_columns.append(3)
    goods = f.sheet("实物慰问")
    goods.line(
        "序号", "户主姓名", "户主身份证号", "类别", "慰问物品", "折价金额", "资金来源", "日期"
    )
    goods.text_columns.append(3)
    lliu = [h.head for h in corpus.filed(H07)]
    shiq = [h.head for h in corpus.filed(H06)]
    plan = [
        (lliu[0], "临时救助", 0.05, 500, "本级工会经费", D(2024, 6, 3)),
        (lliu[1], "临时困难救助", 0.1, 1000, "上级工会拨款", D(2024, 6, 3)),
        (shiq[0], "临时救助", 0.2, 2000, "县总拨付", D(2024, 6, 10)),
        (shiq[1], "就业援助", 0.03, 300, "本级工会经费", D(2024, 6, 12)),
    ]
    for seq, (h, cat, wan, cash, fund, day) in enumerate(plan, start=1):
        temp.data([seq, h.name, h.id_number, cat, wan, fund, day],
                  aid_ok(h, day, cat, fund, cash))  # fmt: skip
    ghost = corpus.people.person("贵州")
    temp.data([5, ghost.name, ghost.id_number, "临时救助", 0.05, "本级工会经费", D(2024, 6, 15)],
              bad("unknown_household", "此人没有建档（先建档后帮扶）", "head_id_number"))  # fmt: skip
    _goods_rows(goods, lliu[2:5] + shiq[2:4])
    return f


def _goods_rows(s: Sheet, heads: list[Person]) -> None:
    items = ("大米50斤、食用油1桶", "棉被1床", "米面油", "大米、面粉", "羽绒服1件")
    for seq, h in enumerate(heads, start=1):
        value = 150 + 50 * seq
        day = D(2024, 12, 20 + seq)
        cat = "送温暖" if seq % 2 else "送温暖慰问"
        fund = "社会捐助" if seq == 3 else "本级工会经费"
        s.data([seq, h.name, h.id_number, cat, items[seq - 1], f"{value}元", fund, day],
               aid_ok(h, day, cat, fund, None, value, items[seq - 1]))  # fmt: skip
