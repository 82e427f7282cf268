"""The corpus's 困难职工花名册 / 档案表 files (households), township by township."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.data.real_sheets import _ids
from tests.data.real_sheets._book import File, bad
from tests.data.real_sheets._corpus import UNION, Corpus, footer_row, unit_line
from tests.data.real_sheets._people import REGIONS, Person, padded
from tests.data.real_sheets._rows import household_row

D = dt.date


def _as_float(number: str) -> float:
    """What Excel keeps of an 18-digit ID typed into a number cell: 15 significant digits."""
    return float(f"{int(number[:17]):.14e}")


def _x_person(corpus: Corpus, province: str) -> Person:
    """Someone whose ID ends in the check char X (written in lower case by the clerk)."""
    while True:
        p = corpus.people.person(province)
        if p.id_number.endswith("X"):
            return p


def h01(corpus: Corpus) -> File:
    f = File(
        "01_城关镇_2024年困难职工花名册.xlsx",
        "households",
        "河南式花名册：合并标题、填报单位行、合计行、页脚；致困原因写作 因病/因学/单亲/收入低",
        province="河南",
    )
    s = f.sheet("花名册")
    head = [
        "序号", "姓名", "性别", "民族", "身份证号码", "所在乡镇", "工作单位", "困难类别", "致困原因",
        "本人月收入（元）", "家庭人口", "家庭年总收入（元）", "联系电话", "建档时间", "备注",
    ]  # fmt: skip
    keys = [
        "seq", "name", "gender", "ethnicity", "id", "township", "employer", "class", "cause",
        "income", "family_size", "family_income", "phone", "filed", "remarks",
    ]  # fmt: skip
    s.line(f"{UNION}2024年度困难职工花名册")
    s.merge_title(len(head))
    s.line(*unit_line(len(head), "城关镇工会", D(2024, 3, 15)))
    s.line(*head)
    s.text_columns.append(5)
    p = corpus.people
    town = "城关镇"
    rows = [
        ({"class": "深度困难", "cause": "因病", "ethnicity": "汉族", "income": 1200,
          "family_size": 3, "family_income": 26000, "filed": ("2023.5.6", D(2023, 5, 6))}, None),
        ({"class": "相对困难职工", "cause": "因学", "ethnicity": "汉", "income": ("1,500.00", 1500),
          "family_size": 4, "family_income": 38000,
          "filed": ("2023年6月12日", D(2023, 6, 12))}, None),
        ({"class": "深度困难职工", "cause": "因病、因学", "ethnicity": "汉族", "income": 0,
          "family_size": 3, "family_income": 15000, "filed": ("2023.7.1", D(2023, 7, 1))}, None),
        ({"class": "意外致困", "cause": "车祸", "ethnicity": "回族", "income": 2100,
          "family_size": 2, "family_income": 30000, "filed": ("2023.8.20", D(2023, 8, 20)),
          "pad": True}, None),
        ({"class": "相对困难", "cause": "单亲", "ethnicity": "汉族", "income": 1800,
          "family_size": 2, "family_income": 21600, "filed": ("2023.9.3", D(2023, 9, 3))}, None),
        ({"class": "相对困难", "cause": "收入低", "ethnicity": "汉族", "income": 1650,
          "family_size": 4, "family_income": 40000, "filed": ("2023.9.3", D(2023, 9, 3))}, None),
        ({"class": "深度困难", "cause": "因病", "income": 1000, "family_size": 3,
          "family_income": 18000, "filed": ("2023.10.8", D(2023, 10, 8)), "float_id": True},
         ("id_precision_lost", "身份证号写在数值单元格里，Excel 只留下15位有效数字（4.10523E+17）",
          "id_number")),
        ({"class": "深度困难", "cause": "下岗", "gender": "男性", "ethnicity": "汉族",
          "income": 900, "family_size": 3, "family_income": 16000,
          "filed": ("2023.10.9", D(2023, 10, 9)), "male": True}, None),
        ({"class": "意外致困", "cause": "因灾", "ethnicity": "汉族", "income": 2500,
          "family_size": 5, "family_income": 52000, "filed": ("2023.11.2", D(2023, 11, 2))},
         None),
        ({"class": "相对困难", "cause": "因学", "income": 1900, "family_size": 4,
          "family_income": 45000, "filed": ("2023.11.2", D(2023, 11, 2)), "wrong_check": True},
         ("id_checksum", "身份证号最后一位校验码写错", "id_number")),
        ({"class": "深度困难", "cause": "患重特大疾病", "ethnicity": "汉族", "income": 800,
          "family_size": 2, "family_income": 12000, "filed": ("2023.12.1", D(2023, 12, 1)),
          "lower_x": True}, None),
        ({"class": "相对困难", "cause": "子女上学", "ethnicity": "汉族", "income": 2000,
          "family_size": 4, "family_income": 42000, "filed": (D(2024, 1, 5), D(2024, 1, 5))},
         None),
        ({"class": "深度困难", "cause": "患重特大疾病、子女上学", "ethnicity": "汉族",
          "income": 1100, "family_size": 4, "family_income": 20000,
          "filed": ("2024.1.8", D(2024, 1, 8))}, None),
        ({"class": "待定", "cause": "因病", "ethnicity": "汉族", "income": 1300, "family_size": 3,
          "family_income": 24000, "filed": ("2024.2.1", D(2024, 2, 1))},
         ("invalid_choice", "困难类别写“待定”，不是深度困难/相对困难/意外致困中的任何一类",
          "hardship_class")),
    ]  # fmt: skip
    seq = 0
    for values, defect in rows:
        seq += 1
        person = (
            _x_person(corpus, "河南")
            if values.get("lower_x")
            else p.person(
                "河南", male=values.get("male"), single=True if values.get("pad") else None
            )
        )
        cells = dict(values)
        cells.update(seq=seq, township=town, phone=p.phone(), employer=p.pick(EMPLOYERS))
        cells.setdefault("gender", person.gender)
        if values.get("pad"):
            cells["name"] = padded(person.name)
        if values.get("float_id"):
            cells["id"] = _as_float(person.id_number)
        if values.get("wrong_check"):
            cells["id"] = _ids.wrong_check(person.id_number)
        if values.get("lower_x"):
            cells["id"] = person.id_number.lower()
        household_row(corpus, s, f.name, keys, person, cells, defect=defect)
    s.line("合计", None, None, None, None, None, None, None, None, 21850, 43, 380600)
    s.line(*footer_row(len(head)))
    return f


EMPLOYERS = (
    "城关镇环卫所", "县纺织厂", "县运输公司", "宏达建材有限公司", "城关镇中心小学", "县人民医院",
    "顺达物流有限公司", "县自来水公司", "个体", "灵活就业",
)  # fmt: skip


def h02(corpus: Corpus) -> File:
    f = File(
        "02_东关街道_困难职工家庭情况汇总表.xlsx",
        "households",
        "江苏式两行表头（户主信息/家庭情况/困难情况 合并分组），家庭月收入列，预备党员、交通运输业、借住亲戚家",
        province="江苏",
    )
    s = f.sheet("汇总表")
    top = [
        "序号", "户主信息", None, None, None, None, None, None, "家庭情况", None, None, "困难情况",
        None, None, "建档日期", "备注",
    ]  # fmt: skip
    sub = [
        None, "姓名", "性别", "身份证号", "街道（乡镇）", "政治面貌", "工作单位", "所属行业",
        "家庭人口", "家庭月收入（元）", "住房情况", "困难类别", "主要致困原因", "次要致困原因",
        None, None,
    ]  # fmt: skip
    keys = [
        "seq", "name", "gender", "id", "township", "political", "employer", "industry",
        "family_size", "family_income_month", "housing", "class", "cause", "cause2", "filed",
        "remarks",
    ]  # fmt: skip
    s.line("东关街道困难职工家庭情况汇总表")
    s.merge_title(len(top))
    s.line(*unit_line(len(top), "东关街道总工会", D(2024, 4, 10)))
    s.line(*top)
    s.line(*sub)
    for ref in ("A3:A4", "B3:H3", "I3:K3", "L3:N3", "O3:O4", "P3:P4"):
        s.merge(ref)
    s.text_columns.append(4)
    p = corpus.people
    rows = [
        ({"political": "预备党员", "industry": "交通运输业", "family_size": 3,
          "family_income_month": 2000, "housing": "借住亲戚家", "class": "相对困难",
          "cause": "下岗失业", "cause2": ("子女上学", ["子女上学"])}, None),
        ({"political": "党员", "industry": "教育系统", "family_size": 4,
          "family_income_month": 2600, "housing": "租房", "class": "相对困难",
          "cause": "因病"}, None),
        ({"political": "群众", "industry": "建筑", "family_size": 2,
          "family_income_month": 1200, "housing": "自购房", "class": "深度困难",
          "cause": "无劳动能力"}, None),
        ({"political": "团员", "industry": "餐饮业", "family_size": 3,
          "family_income_month": 1800, "housing": "租房", "class": "深度困难", "cause": "失业",
          "cause2": ("子女上学", ["子女上学"])}, None),
        ({"political": "群众", "industry": "交通运输业", "family_size": 5,
          "family_income_month": 3000, "housing": "借住亲戚家", "class": "相对困难",
          "cause": "因病、因学"}, None),
        ({"political": "群众", "industry": "建筑", "family_size": 3,
          "family_income_month": 1500, "housing": "租房", "class": "深度困难",
          "cause": "因病", "no_name": True},
         ("missing_required", "户主姓名一格空着", "name")),
        ({"political": "中共预备党员", "industry": "教育系统", "family_size": 3,
          "family_income_month": 2200, "housing": "自购房", "class": "相对困难",
          "cause": "因学"}, None),
        ({"political": "群众", "industry": "餐饮业", "family_size": 4,
          "family_income_month": 2400, "housing": "租房", "class": "相对困难", "cause": "因病",
          "filed": ("2023.2.30", None)},
         ("date_unparseable", "建档日期 2023.2.30 不存在（2月没有30日）", "filed_date")),
        ({"political": "无党派人士", "industry": "建筑", "family_size": 2,
          "family_income_month": 1600, "housing": "借住亲戚家", "class": "意外致困",
          "cause": "遭受意外事故"}, None),
        ({"political": "群众", "industry": "交通运输业", "family_size": 3,
          "family_income_month": 2100, "housing": "租房", "class": "相对困难",
          "cause": "下岗失业，子女上学"}, None),
    ]  # fmt: skip
    for seq, (values, defect) in enumerate(rows, start=1):
        person = p.person("江苏")
        cells = dict(values)
        cells.setdefault("filed", (f"2024.3.{seq + 1}", D(2024, 3, seq + 1)))
        cells.update(seq=seq, township="东关街道", gender=person.gender,
                     employer=p.pick(EMPLOYERS))  # fmt: skip
        if values.get("no_name"):
            cells["name"] = None
        household_row(corpus, s, f.name, keys, person, cells, defect=defect)
    s.line(*footer_row(len(top)))
    return f


def h03(corpus: Corpus) -> File:
    f = File(
        "03_北山镇_困难职工档案表.xlsx",
        "households",
        "陕西旧版档案表列序（档案编号、困难类别 低保户/低保边缘户、健康状况按病种、残疾带等级），手机号码列隐藏",
        province="陕西",
    )
    s = f.sheet("档案表")
    head = [
        "档案编号", "困难类别", "姓名", "民族", "性别", "政治面貌", "身份证号", "出生日期",
        "健康状况", "残疾类别", "工作状态", "劳模类型", "住房类型", "手机号码", "所属行业",
        "婚姻状况", "户口类型", "家庭住址", "所属乡镇", "本人月平均收入", "家庭年度总收入",
        "家庭人口", "医保状况", "主要致困原因", "次要致困原因", "备注",
    ]  # fmt: skip
    keys = [
        "file_no", "class", "name", "ethnicity", "gender", "political", "id", "born", "health",
        "disability", "work", "model", "housing", "phone", "industry", "marital", "hukou",
        "address", "township", "income", "family_income", "family_size", "insurance", "cause",
        "cause2", "remarks",
    ]  # fmt: skip
    s.line(*head)
    s.hidden_columns.append(14)
    s.text_columns += [1, 7, 14]
    p = corpus.people
    rows = [
        ({"class": "低保户", "health": "癌症", "work": "下岗职工", "model": "无",
          "marital": "已婚", "hukou": "城镇", "industry": "纺织系统",
          "insurance": "城镇职工医疗保险", "cause": "因病", "housing": "自购房"}, None),
        ({"class": "低保边缘户", "health": "尿毒症", "work": "在职", "model": "市级劳模",
          "marital": "离婚", "hukou": "城镇", "industry": "纺织系统", "insurance": "居民医保",
          "cause": "患重特大疾病", "housing": "廉租房"}, None),
        ({"class": "意外致困户", "health": "残疾", "disability": "听力残疾一级（极重度）",
          "work": "失业", "model": "无", "marital": "丧偶", "hukou": "农村",
          "industry": "纺织系统", "insurance": "居民医保", "cause": "遭受意外事故",
          "housing": "自建房"}, None),
        ({"class": "低保户", "health": "健康", "work": "下岗", "model": "无", "marital": "已婚",
          "hukou": "城镇", "industry": "纺织系统", "insurance": "城镇职工医疗保险",
          "cause": "下岗失业", "cause2": ("子女上学", ["子女上学"]), "housing": "租房"}, None),
        ({"class": "低保边缘户", "health": "一般", "work": "在职", "model": "省级劳模",
          "marital": "已婚", "hukou": "城镇", "industry": "纺织系统",
          "insurance": "城镇职工医疗保险", "cause": "子女上学", "housing": "自购房"}, None),
        ({"class": "低保户", "health": "残疾", "disability": "肢体残疾二级", "work": "无业",
          "model": "无", "marital": "再婚", "hukou": "农村", "industry": "纺织系统",
          "insurance": "居民医保", "cause": "无劳动能力", "housing": "自建房"}, None),
        ({"class": "低保户", "health": "恶性肿瘤", "work": "在职", "model": "无",
          "marital": "已婚", "hukou": "城镇", "industry": "纺织系统",
          "insurance": "城镇职工医疗保险", "cause": "因病", "housing": "租房",
          "short_id": True},
         ("id_length", "身份证号只有17位（漏了一位）", "id_number")),
        ({"class": "低保边缘户", "health": "健康", "work": "失业", "model": "无",
          "marital": "初婚", "hukou": "城镇", "industry": "纺织系统", "insurance": "居民医保",
          "cause": "有劳动能力而未就业", "housing": "租房"}, None),
        ({"class": "低保户", "health": "白血病", "work": "内退", "model": "无", "marital": "已婚",
          "hukou": "城镇", "industry": "纺织系统", "insurance": "城镇职工医疗保险",
          "cause": "因病", "cause2": ("子女上学", ["子女上学"]), "housing": "自购房"}, None),
        ({"class": "低保线以上", "health": "健康", "work": "待岗", "model": "无",
          "marital": "已婚", "hukou": "农村", "industry": "纺织系统", "insurance": "居民医保",
          "cause": "下岗失业", "housing": "租房"}, None),
        ({"class": "享受低保", "health": "残疾", "disability": "肢体四级", "work": "病休",
          "model": "无", "marital": "离婚", "hukou": "城镇", "industry": "纺织系统",
          "insurance": "城镇职工医疗保险", "cause": "无劳动能力", "housing": "廉租房"}, None),
    ]  # fmt: skip
    seq = 0
    first: tuple[Person, dict] | None = None
    for values, defect in rows:
        seq += 1
        person = p.person("陕西")
        cells = dict(values)
        no = f"BS2024{seq:03d}"
        cells.update(
            file_no=no, ethnicity="汉族", gender=person.gender, political="群众",
            born=(f"{person.born:%Y.%m.%d}", person.born), phone=p.phone(),
            address=f"北山镇{p.pick(('新村', '矿区', '南街', '东街'))}{seq}号", township="北山镇",
            income=("1800元", 1800) if seq % 2 else 1500,
            family_income=24000 + 1000 * seq, family_size=2 + seq % 3,
        )  # fmt: skip
        if values.get("short_id"):
            cells["id"] = person.id_number[:17]
        household_row(corpus, s, f.name, keys, person, cells, defect=defect)
        if first is None:
            first = (person, cells)
    # The same person keyed twice (a second 档案编号 for one head: 一人多档 within the file).
    assert first is not None
    dup_person, dup_cells = first
    again = dict(dup_cells, file_no="BS2024099")
    household_row(
        corpus, s, f.name, keys, dup_person, again,
        defect=("duplicate_in_file", "同一户主（同一身份证号）在本文件中出现两次", "id_number"),
    )  # fmt: skip
    return f


def closed_new_file(status: str) -> tuple[str, str, str]:
    """A new household the sheet says is closed: an import files every new household 在档 and
    never changes a status (脱困 and 销档 are recorded in the file with their date and reason), so
    the row is refused saying so; filing it 在档 would change its meaning silently."""
    return (
        "invalid_value",
        f"当前状态写“{status}”，而台账里还没有这一户：新建档案只能是在档，"
        "脱困、销档要在档案里办理（记下日期和原因）",
        "status",
    )


def h04(corpus: Corpus) -> File:
    f = File(
        "04_南湖乡_困难职工花名册.csv",
        "households",
        "湖南 GBK 编码 CSV：标题行、填报单位行，当前状态列（在档/销档/已脱困），姓名中间用全角空格对齐",
        fmt="csv-gbk",
        province="湖南",
    )
    s = f.sheet("csv")
    head = [
        "序号", "姓名", "身份证号", "性别", "乡镇", "困难类别", "致困原因", "本人月收入",
        "当前状态", "建档日期", "联系方式", "备注",
    ]  # fmt: skip
    keys = [
        "seq", "name", "id", "gender", "township", "class", "cause", "income", "status",
        "filed", "phone", "remarks",
    ]  # fmt: skip
    s.line("南湖乡困难职工花名册（2024年）")
    s.line(*unit_line(len(head), "南湖乡工会", D(2024, 5, 20)))
    s.line(*head)
    p = corpus.people
    rows = [
        ({"status": "在档", "class": "深度困难", "cause": "因病", "income": 1000}, None),
        ({"status": "销档", "class": "相对困难", "cause": "因学", "income": 2300,
          "remarks": "2024年退休，已销档"}, closed_new_file("销档")),
        ({"status": "已脱困", "class": "相对困难", "cause": "下岗失业", "income": 2600},
         closed_new_file("已脱困")),
        ({"status": "在档", "class": "深度困难", "cause": "因病、因学", "income": 700}, None),
        ({"status": "在档", "class": "相对困难", "cause": "单亲", "income": ("三百元", None)},
         ("amount_unparseable", "本人月收入写成汉字“三百元”", "monthly_income")),
        ({"status": "在档", "class": "意外致困", "cause": "因灾", "income": 1500}, None),
        ({"status": "在档", "class": "深度困难", "cause": "因病", "income": 900,
          "text_float_id": True},
         ("id_precision_lost", "身份证号已被 Excel 变成“4.30626E+17”后另存为 CSV", "id_number")),
        ({"status": "销档", "class": "深度困难", "cause": "因病", "income": 1100,
          "remarks": "本人去世"}, closed_new_file("销档")),
        ({"status": "在档", "class": "相对困难", "cause": "收入低", "income": 1900,
          "no_id": True},
         ("missing_required", "身份证号一格空着", "id_number")),
        ({"status": "在档", "class": "相对困难", "cause": "失业", "income": 2000}, None),
    ]  # fmt: skip
    for seq, (values, defect) in enumerate(rows, start=1):
        person = p.person("湖南", single=True)
        cells = dict(values)
        cells.update(seq=seq, name=padded(person.name), gender=person.gender, township="南湖乡",
                     phone=p.phone(), filed=(f"2023/{seq}/15", D(2023, seq, 15)))  # fmt: skip
        if values.get("text_float_id"):
            cells["id"] = f"{_as_float(person.id_number):.5E}"
        if values.get("no_id"):
            cells["id"] = None
        household_row(corpus, s, f.name, keys, person, cells, defect=defect)
    return f


def h05(corpus: Corpus) -> File:
    f = File(
        "05_西河镇_困难职工名单.csv",
        "households",
        "山东 UTF-8-BOM CSV：困难类型列名、致困原因写成表格编号（6、9）和“因病致贫”，"
        "建档时间写成“2023年1月11日”，一行只写到月",
        fmt="csv-bom",
        province="山东",
        after=["01_城关镇_2024年困难职工花名册.xlsx"],
    )
    s = f.sheet("csv")
    head = [
        "序号", "户主姓名", "公民身份号码", "所在镇街", "困难类型", "致困原因", "备注",
        "本人月收入(元)", "家庭人口", "建档时间",
    ]  # fmt: skip
    keys = [
        "seq", "name", "id", "township", "class", "cause", "remarks", "income", "family_size",
        "filed",
    ]  # fmt: skip
    s.line(*head)
    p = corpus.people
    rows = [
        ({"class": "深度困难职工", "cause": "6"}, None),
        ({"class": "相对困难职工", "cause": "9"}, None),
        ({"class": "深度困难", "cause": "因病致贫", "remarks": "妻子无业，儿子读高中"}, None),
        ({"class": "相对困难", "cause": "因学致贫"}, None),
        ({"class": "相对困难", "cause": "没有社保"}, None),
        ({"class": "深度困难", "cause": "丧失劳动能力"}, None),
        ({"class": "相对困难", "cause": "未就业", "filed": ("2023年7月", None)},
         ("date_unparseable", "建档时间只写到月（“2023年7月”），看不出是哪一天", "filed_date")),
        ({"class": "深度困难", "cause": "因病", "filed": ("2024年13月", None)},
         ("date_unparseable", "建档时间“2024年13月”没有13月", "filed_date")),
        ({"class": "相对困难", "cause": "家庭负担重"}, None),
        ({"class": "深度困难", "cause": "因病", "conflict": True},
         ("identity_conflict",
          "身份证号与01号文件中城关镇的一位户主相同，姓名却不同（同号不同名）", "id_number")),
    ]  # fmt: skip
    earlier = corpus.filed("01_城关镇_2024年困难职工花名册.xlsx")[0].head
    for seq, (values, defect) in enumerate(rows, start=1):
        person = p.person("山东")
        cells = dict(values)
        cells.setdefault("filed", (f"2023年{seq}月{seq + 10}日", D(2023, seq, seq + 10)))
        cells.update(seq=seq, township="西河镇", income=1000 + 100 * seq, family_size=3)
        if values.get("conflict"):
            cells["id"] = earlier.id_number
        household_row(corpus, s, f.name, keys, person, cells, defect=defect)
    return f


def h06(corpus: Corpus, member_of_h01: Person) -> File:
    f = File(
        "06_石桥镇_困难职工花名册（分村）.xlsx",
        "households",
        "湖北：说明页 + 两个村各一页 + 汇总页；残疾写作 肢体四级；家庭年收入以万元计；一位已是别户成员的人又被报为户主",
        province="湖北",
        after=["10_城关镇_困难职工家庭成员.xlsx"],
    )
    f.sheet("填表说明").line("填表说明：1.身份证号请设置为文本格式；2.金额单位见表头；3.每村一页。")
    head = [
        "序号", "姓名", "身份证号", "所属乡镇", "困难类别", "致困原因", "健康状况", "残疾情况",
        "本人月收入", "家庭年收入（万元）", "银行卡号", "建档日期",
    ]  # fmt: skip
    keys = [
        "seq", "name", "id", "township", "class", "cause", "health", "disability", "income",
        "family_income", "card", "filed",
    ]  # fmt: skip
    p = corpus.people
    villages = {
        "石桥村": [
            ({"health": "残疾", "disability": "肢体四级", "cause": "无劳动能力",
              "class": "深度困难", "family_income": (2.4, 24000)}, None),
            ({"health": "良好", "cause": "因学", "class": "相对困难",
              "family_income": (3.6, 36000)}, None),
            ({"health": "视力三级", "cause": "因病", "class": "深度困难",
              "family_income": (1.5, 15000)}, None),
            ({"health": "良好", "cause": "下岗", "class": "相对困难",
              "family_income": (3.0, 30000), "bad_birth": True},
             ("id_birthdate", "身份证号里的出生日期是2月30日，不存在", "id_number")),
            ({"health": "患重特大疾病", "cause": "因病", "class": "深度困难",
              "family_income": (1.2, 12000)}, None),
            ({"health": "良好", "cause": "因病、因学", "class": "相对困难",
              "family_income": (2.8, 28000)}, None),
        ],
        "河口村": [
            ({"health": "残疾", "disability": "二级智力残疾", "cause": "无劳动能力",
              "class": "深度困难", "family_income": (1.8, 18000)}, None),
            ({"health": "良好", "cause": "因灾", "class": "意外致困",
              "family_income": (4.2, 42000)}, None),
            ({"health": "良好", "cause": "因病", "class": "深度困难",
              "family_income": (2.0, 20000), "member": True},
             ("duplicate_person",
              "此人已是10号文件中城关镇一户的家庭成员（一人多档）", "id_number")),
            ({"health": "一般", "cause": "子女上学", "class": "相对困难",
              "family_income": (3.3, 33000)}, None),
            ({"health": "肢残二级", "cause": "无劳动能力",
              "class": "深度困难", "family_income": (1.0, 10000)}, None),
            ({"health": "良好", "cause": "下岗", "class": "相对困难",
              "family_income": (2.6, 26000)}, None),
        ],
    }  # fmt: skip
    for village, rows in villages.items():
        s = f.sheet(village)
        s.line(f"石桥镇{village}困难职工花名册")
        s.merge_title(len(head))
        s.line(*head)
        s.text_columns += [3, 11]
        for seq, (values, defect) in enumerate(rows, start=1):
            person = member_of_h01 if values.get("member") else p.person("湖北")
            cells = dict(values)
            cells.update(seq=seq, township="石桥镇", income=1200, card=p.bank_card(),
                         filed=(D(2024, 2, seq), D(2024, 2, seq)))  # fmt: skip
            if values.get("bad_birth"):
                cells["id"] = _ids.impossible_birth(REGIONS["湖北"], 1980, 321)
            household_row(corpus, s, f.name, keys, person, cells, defect=defect)
        s.line("合计", None, None, None, None, None, None, None, None, None, None, None)
    summary = f.sheet("汇总")
    summary.line("村（社区）", "户数", "人数")
    summary.line("石桥村", 5, 14)
    summary.line("河口村", 4, 11)
    return f


def h07(corpus: Corpus) -> File:
    f = File(
        "07_柳林镇_困难职工花名册.xlsx",
        "households",
        "贵州：出生年月只写到月、15位老身份证号、工作状态 进城务工/灵活就业/待岗、医保 新农合、户口性质",
        province="贵州",
    )
    s = f.sheet("Sheet1")
    head = [
        "序号", "姓名", "性别", "出生年月", "身份证号", "工作单位", "工作状态", "所属行业",
        "婚姻状况", "户口性质", "医保情况", "住房情况", "所在乡镇", "困难类别", "致困原因",
        "本人月收入", "家庭人口", "家庭年收入", "年刚性支出", "建档日期",
    ]  # fmt: skip
    keys = [
        "seq", "name", "gender", "born_month", "id", "employer", "work", "industry", "marital",
        "hukou", "insurance", "housing", "township", "class", "cause", "income", "family_size",
        "family_income", "rigid", "filed",
    ]  # fmt: skip
    s.line("柳林镇2024年困难职工花名册")
    s.merge_title(len(head))
    s.line(*head)
    s.text_columns.append(5)
    p = corpus.people
    rows = [
        ({"work": "进城务工", "industry": "建筑", "hukou": "农村", "insurance": "新农合",
          "housing": "自建房", "class": "深度困难", "cause": "因病",
          "note": "出生年月只写到月（1978.05 式），与身份证号的出生年月一致：出生日期取身份证号里的"},
         None),
        ({"work": "灵活就业", "industry": "环卫", "hukou": "城镇", "insurance": "居民医保",
          "housing": "廉租房", "class": "相对困难", "cause": "因学"}, None),
        ({"work": "待岗", "industry": "建筑", "hukou": "农村", "insurance": "新农合",
          "housing": "自建房", "class": "深度困难", "cause": "下岗失业"}, None),
        ({"work": "无业", "industry": "环卫", "hukou": "城镇", "insurance": "无",
          "housing": "租房", "class": "相对困难", "cause": "未就业", "legacy": True}, None),
        ({"work": "在岗", "industry": "建筑", "hukou": "农村", "insurance": "新农合",
          "housing": "自建房", "class": "意外致困", "cause": "车祸"}, None),
        ({"work": "进城务工", "industry": "环卫", "hukou": "农村", "insurance": "新农合",
          "housing": "租房", "class": "深度困难", "cause": "因病",
          "family_income": ("三千二", None)},
         ("amount_unparseable", "家庭年收入写成“三千二”（汉字，无法确定金额）",
          "family_annual_income")),
        ({"work": "在岗", "industry": "建筑", "hukou": "城镇", "insurance": "城镇职工医疗保险",
          "housing": "自购房", "class": "相对困难", "cause": "因病、因学", "legacy": True},
         None),
        ({"work": "失业", "industry": "环卫", "hukou": "农村", "insurance": "新农合",
          "housing": "自建房", "class": "深度困难", "cause": "因病", "no_town": True},
         ("missing_required", "所在乡镇一格空着", "township")),
        ({"work": "下岗", "industry": "建筑", "hukou": "城镇", "insurance": "居民医保",
          "housing": "租房", "class": "相对困难", "cause": "下岗"}, None),
        ({"work": "进城务工", "industry": "餐饮业", "hukou": "农村", "insurance": "新农合",
          "housing": "租房", "class": "深度困难", "cause": "因学"}, None),
        ({"work": "在职", "industry": "交通运输业", "hukou": "农村", "insurance": "新农合",
          "housing": "自建房", "class": "相对困难", "cause": "因病，因学，因灾"}, None),
    ]  # fmt: skip
    for seq, (values, defect) in enumerate(rows, start=1):
        cells = dict(values)
        if values.get("legacy"):
            born = D(1968 + seq, seq, 10)
            short, full = _ids.legacy15(REGIONS["贵州"], born, 40 + seq, male=seq % 2 == 0)
            person = Person(p.name(seq % 2 == 0), full, seq % 2 == 0, born)
            p.used_ids.add(full)
            cells.update(id=short, id_stored=full)
        else:
            person = p.person("贵州")
        cells.setdefault("family_income", 20000 + 2000 * seq)
        cells.update(
            seq=seq, gender=person.gender, born_month=(f"{person.born:%Y.%m}", person.born),
            employer=p.pick(EMPLOYERS), marital="已婚", township=None if values.get("no_town")
            else "柳林镇", income=1300, family_size=3, rigid=6000,
            filed=(f"{2024}.{seq}.{seq + 2}", D(2024, seq, seq + 2)),
        )  # fmt: skip
        household_row(corpus, s, f.name, keys, person, cells, defect=defect)
    return f


def _serial(day: dt.date) -> int:
    """Excel's serial day number (1900 system) of a date, as a General-formatted cell shows it."""
    return (day - D(1899, 12, 30)).days


def h08(corpus: Corpus) -> File:
    f = File(
        "08_白马乡_困难职工登记表.xlsx",
        "households",
        "四川：建档日期有的是 Excel 日期、有的成了序列号 45200；档案状态列；姓名尾部多空格；性别写“未知”",
        province="四川",
    )
    s = f.sheet("登记表")
    head = [
        "序号", "姓名", "性别", "身份证号", "户口类型", "乡镇（街道）", "困难类别", "主要致困原因",
        "次要致困原因", "本人月收入（元）", "家庭年总收入（元）", "档案状态", "建档日期",
    ]  # fmt: skip
    keys = [
        "seq", "name", "gender", "id", "hukou", "township", "class", "cause", "cause2", "income",
        "family_income", "status", "filed",
    ]  # fmt: skip
    s.line(*head)
    s.text_columns.append(4)
    p = corpus.people
    rows = [
        ({"cause": "因病", "status": "在档", "hukou": "城镇户口",
          "filed": (_serial(D(2023, 10, 1)), D(2023, 10, 1))}, None),
        ({"cause": "因学", "status": "在档", "hukou": "农村",
          "filed": (D(2023, 10, 8), D(2023, 10, 8))}, None),
        ({"cause": "下岗失业", "cause2": ("子女上学、患重特大疾病", ["子女上学", "患重特大疾病"]),
          "status": "在档", "hukou": "城镇户口",
          "filed": (_serial(D(2023, 11, 15)), D(2023, 11, 15))}, None),
        ({"cause": "因病", "status": "已脱困", "hukou": "城镇户口",
          "filed": (D(2022, 5, 1), D(2022, 5, 1))}, closed_new_file("已脱困")),
        ({"cause": "因病", "status": "在档", "hukou": "农村", "float_id": True,
          "filed": (D(2023, 12, 1), D(2023, 12, 1))},
         ("id_precision_lost", "身份证号在数值单元格里，只剩15位有效数字", "id_number")),
        ({"cause": "因灾", "status": "在档", "hukou": "农村",
          "filed": ("2023-02-29", None)},
         ("date_unparseable", "建档日期 2023-02-29 不存在（2023年不是闰年）", "filed_date")),
        ({"cause": "因病", "status": "在档", "hukou": "城镇户口", "gender": "未知",
          "filed": (D(2024, 1, 3), D(2024, 1, 3))},
         ("invalid_choice", "性别写“未知”，只能是男或女", "gender")),
        ({"cause": "未参加社会保险", "status": "在档", "hukou": "城镇户口", "trail": True,
          "filed": (D(2024, 1, 9), D(2024, 1, 9))}, None),
        ({"cause": "因病", "status": "在档", "hukou": "农村", "gender": "女性",
          "filed": (D(2024, 1, 12), D(2024, 1, 12))}, None),
        ({"cause": "子女上学", "status": "在档", "hukou": "城镇",
          "filed": (_serial(D(2024, 2, 20)), D(2024, 2, 20))}, None),
        ({"cause": "遭受自然灾害", "status": "在档", "hukou": "农村",
          "filed": (D(2024, 3, 1), D(2024, 3, 1))}, None),
    ]  # fmt: skip
    for seq, (values, defect) in enumerate(rows, start=1):
        person = p.person("四川", male=False if values.get("gender") == "女性" else None)
        cells = dict(values)
        cells.setdefault("gender", person.gender)
        cells.update(seq=seq, township="白马乡", income=Decimal("1350.50"), family_income=26000)
        cells["class"] = "深度困难" if seq % 2 else "相对困难"
        if values.get("float_id"):
            cells["id"] = _as_float(person.id_number)
        if values.get("trail"):
            cells["name"] = person.name + "  "
        number = household_row(corpus, s, f.name, keys, person, cells, defect=defect)
        if isinstance(cells["filed"][0], int):
            s.number_formats[(number, keys.index("filed") + 1)] = "General"
    return f


def h09(corpus: Corpus) -> File:
    first = "01_城关镇_2024年困难职工花名册.xlsx"
    f = File(
        "09_城关镇_困难职工花名册（年度复核）.xlsx",
        "households",
        "城关镇复核后重报：同一批户主改了收入和人口（更新），一户当前状态=销档，一行同号不同名，一户新增",
        province="河南",
        after=[first],
    )
    s = f.sheet("复核")
    head = [
        "序号", "姓名", "身份证号码", "所在乡镇", "困难类别", "致困原因", "本人月收入（元）",
        "家庭人口", "当前状态", "复核日期",
    ]  # fmt: skip
    keys = [
        "seq", "name", "id", "township", "class", "cause", "income", "family_size", "status",
        "reviewed",
    ]  # fmt: skip
    s.line("城关镇困难职工年度复核花名册")
    s.merge_title(len(head))
    s.line(*head)
    s.text_columns.append(3)
    before = corpus.filed(first)
    seq = 0
    for i, h in enumerate(before[:9]):
        if i == 4:  # that head's number is reused below with another name
            continue
        seq += 1
        values = {"seq": seq, "township": "城关镇", "class": "相对困难", "cause": "因病", "income": 1700 + i,
                  "family_size": 3, "status": "销档" if i == 2 else "在档",
                  "reviewed": D(2024, 12, 10)}  # fmt: skip
        # 复核时注明销档: an import never changes a file's status (the 销档 needs its date and
        # reason in the file), and keeping 在档 would hide what the sheet says, so it is refused.
        defect = (
            ("invalid_value", "复核表写“销档”，台账里这一户是在档：导入不改变档案状态，"
             "销档要在档案里办理（记下日期和原因）", "status")
            if i == 2 else None
        )  # fmt: skip
        household_row(corpus, s, f.name, keys, h.head, values, register=False, defect=defect)
    seq += 1
    stranger = corpus.people.person("河南")
    renamed = {"name": stranger.name, "id": before[4].head.id_number, "township": "城关镇",
               "class": "相对困难", "cause": "因病", "income": 1600, "family_size": 3,
               "status": "在档", "reviewed": D(2024, 12, 10)}  # fmt: skip
    s.data(
        [seq if k == "seq" else renamed.get(k) for k in keys],
        bad("identity_conflict", "身份证号是01号文件里另一位户主的，姓名却不同", "id_number"),
    )
    for cause in ("因病", "因学"):
        seq += 1
        new = corpus.people.person("河南")
        household_row(corpus, s, f.name, keys, new, {
            "seq": seq, "township": "城关镇", "class": "深度困难", "cause": cause, "income": 900,
            "family_size": 2, "status": "在档", "reviewed": D(2024, 12, 10)})  # fmt: skip
    s.line(*footer_row(len(head)))
    return f
