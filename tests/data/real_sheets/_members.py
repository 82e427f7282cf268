"""The corpus's 家庭成员 sheets: heads listed as 本人/户主, merged 户主 cells, 之妻/之子 relations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.data.real_sheets import _ids
from tests.data.real_sheets._book import File, Sheet, bad, mapped, ok
from tests.data.real_sheets._corpus import Corpus, Filed
from tests.data.real_sheets._people import REGIONS, Person, padded
from tests.data.real_sheets._rows import clean_name

D = dt.date
H01 = "01_城关镇_2024年困难职工花名册.xlsx"
H02 = "02_东关街道_困难职工家庭情况汇总表.xlsx"
H03 = "03_北山镇_困难职工档案表.xlsx"
H07 = "07_柳林镇_困难职工花名册.xlsx"
H08 = "08_白马乡_困难职工登记表.xlsx"

# 人员身份 / 健康状况 wordings of member lists (DOMAIN §1: 在岗/学生/退休/无业…; 良好 …).
IDENTITY = {"在校生": ("学生", "synonym"), "上学": ("学生", "synonym"), "待业": ("无业", "synonym")}
HEALTH = {"健康": ("良好", "synonym"), "好": ("良好", "synonym")}


def member_ok(
    head: Person, member: Person | None, values: dict[str, Any], name_cell: str | None = None
) -> dict[str, Any]:
    """The expectation of a member row: the member stored under the head's file, words mapped."""
    name = clean_name(name_cell or (member.name if member else ""))
    expect: dict[str, Any] = {"name": name}
    maps = []
    if member is not None and values.get("with_id", True):
        expect["id_number"] = member.id_number
    for key, table, field_name in (
        ("identity", IDENTITY, "identity"),
        ("health", HEALTH, "health"),
    ):
        wording = values.get(key)
        if not wording:
            continue
        if wording in table:
            to, how = table[wording]
            expect[field_name] = to
            maps.append(mapped(field_name, wording, to, how))
        else:
            expect[field_name] = wording
    if values.get("born"):
        expect["birth_date"] = values["born"]
    return ok({"head_id_number": head.id_number, "name": name}, expect, maps)


def head_ok(head: Person) -> dict[str, Any]:
    return ok(
        {"head_id_number": head.id_number, "name": head.name},
        note="户主本人那一行：认作户主本人（不变或更新），不能当作重复人员拒收，也不另建成员",
        as_head=True,
    )


def family(corpus: Corpus, h: Filed, province: str, children: int = 1) -> list[Person]:
    p = corpus.people
    people = [p.spouse(h.head, province)] + [p.child(h.head, province) for _ in range(children)]
    h.members += people
    return people


def m10(corpus: Corpus) -> tuple[File, Person]:
    """城关镇 members of file 01; returns a spouse who file 06 later reports as a head."""
    f = File(
        "10_城关镇_困难职工家庭成员.xlsx",
        "members",
        "户主姓名/户主身份证号按户合并单元格；每户先列“本人”；学生写在校生；一人校验码错、一户未建档、一人重复",
        province="河南",
        after=[H01],
    )
    s = f.sheet("家庭成员")
    head = [
        "户主姓名", "户主身份证号", "成员姓名", "与户主关系", "身份证号", "性别", "出生日期",
        "健康状况", "月收入（元）", "人员身份", "就读学校", "年级",
    ]  # fmt: skip
    s.line("城关镇困难职工家庭成员情况表")
    s.merge_title(len(head))
    s.line(*head)
    s.text_columns += [2, 5]
    filed = corpus.filed(H01)
    chosen = [filed[i] for i in (0, 1, 3, 5, 6)]
    spouse_for_h06: Person | None = None
    for n, h in enumerate(chosen):
        start = s.next_row
        s.data(_member_cells(h.head, h.head, "本人", "良好", 1200, "在岗"), head_ok(h.head))
        spouse, *kids = family(corpus, h, "河南", children=1 if n % 2 else 2)
        if spouse_for_h06 is None:
            spouse_for_h06 = spouse
        relation = "配偶" if n % 2 else ("妻子" if h.head.male else "丈夫")
        values = {"health": "健康", "identity": "无业" if n == 1 else "在岗", "born": spouse.born}
        s.data(
            _member_cells(h.head, spouse, relation, values["health"], 800, values["identity"]),
            member_ok(h.head, spouse, values),
        )
        for k, kid in enumerate(kids):
            who = "在校生" if k == 0 else "学生"
            values = {"health": "良好", "identity": who, "born": kid.born}
            cells = _member_cells(h.head, kid, "儿子" if kid.male else "女儿", "良好", 0, who)
            cells[10:12] = ["城关镇中心小学", f"{3 + k}年级"]
            if n == 2 and k == 0:
                # a slip in the child's check digit: the row is refused, the family stays
                cells[4] = _ids.wrong_check(kid.id_number)
                s.data(cells, bad("id_checksum", "成员身份证号校验码写错", "id_number"))
                h.members.remove(kid)
                continue
            s.data(cells, member_ok(h.head, kid, values))
        if n == 4:
            again = _member_cells(h.head, spouse, relation, "健康", 800, "在岗")
            s.data(
                again,
                bad("duplicate_in_file", "同一成员（同一身份证号）在本户列了两次", "id_number"),
            )
        end = s.next_row - 1
        s.merge(f"A{start}:A{end}")
        s.merge(f"B{start}:B{end}")
        for col in range(1, 3):
            for r in range(start + 1, end + 1):
                s.rows[r - 1][col - 1] = None
    stranger = corpus.people.person("河南")
    kid = corpus.people.child(stranger)
    s.data(
        _member_cells(stranger, kid, "女儿", "良好", 0, "学生"),
        bad(
            "unknown_household", "户主身份证号查不到困难职工档案（该户从未建档）", "head_id_number"
        ),
    )
    assert spouse_for_h06 is not None
    return f, spouse_for_h06


def _member_cells(
    head: Person, member: Person, relation: str, health: str, income: int, identity: str
) -> list[Any]:
    return [
        head.name, head.id_number, member.name, relation, member.id_number, member.gender,
        member.born, health, income, identity, None, None,
    ]  # fmt: skip


def m11(corpus: Corpus) -> File:
    f = File(
        "11_东关街道_家庭成员信息表.xlsx",
        "members",
        "两行表头（户主/家庭成员 分组合并），户主一行写“户主”，成员姓名全角空格对齐；一人已是别户户主、一人缺姓名",
        province="江苏",
        after=[H01, H02],
    )
    s = f.sheet("成员")
    top = ["序号", "户主", None, "家庭成员", None, None, None, None, None, None, "备注"]
    sub = [
        None, "姓名", "身份证号", "姓名", "关系", "身份证号", "出生日期", "健康状况", "人员身份",
        "就读学校", None,
    ]  # fmt: skip
    s.line(*top)
    s.line(*sub)
    for ref in ("A1:A2", "B1:C1", "D1:J1", "K1:K2"):
        s.merge(ref)
    s.text_columns += [3, 6]
    seq = 0

    def add(head: Person, member: Person | None, cells: list[Any], expectation: dict) -> None:
        nonlocal seq
        seq += 1
        s.data([seq, head.name, head.id_number, *cells], expectation)

    for n, h in enumerate(corpus.filed(H02)[:4]):
        add(h.head, h.head, [h.head.name, "户主", h.head.id_number, h.head.born, "良好", "在岗",
                             None, None], head_ok(h.head))  # fmt: skip
        spouse, kid = family(corpus, h, "江苏", children=1)
        if len(spouse.name) == 2:
            cell = padded(spouse.name)
        else:
            cell = spouse.name
        values = {"health": "好", "identity": "在岗", "born": spouse.born}
        add(h.head, spouse, [cell, "配偶", spouse.id_number, spouse.born, "好", "在岗", None,
                             None], member_ok(h.head, spouse, values, cell))  # fmt: skip
        kid_cell = padded(kid.name) if len(kid.name) == 2 else kid.name
        values = {"health": "健康", "identity": "上学", "born": kid.born}
        add(h.head, kid, [kid_cell, "子女", kid.id_number, kid.born, "健康", "上学",
                          "东关实验小学", None], member_ok(h.head, kid, values, kid_cell))  # fmt: skip
        if n == 1:
            other = corpus.filed(H01)[1].head
            add(
                h.head,
                other,
                [other.name, "兄弟", other.id_number, other.born, "良好", "在岗", None, None],
                bad("duplicate_person", "此人已是01号文件中一户的户主（一人多档）", "id_number"),
            )
        if n == 2:
            nameless = corpus.people.child(h.head, "江苏")
            add(h.head, nameless, [None, "子女", nameless.id_number, nameless.born, "良好", "学生",
                                   None, None],
                bad("missing_required", "成员姓名一格空着", "name"))  # fmt: skip
    return f


def m12(corpus: Corpus) -> File:
    f = File(
        "12_北山镇_家庭成员.csv",
        "members",
        "GBK CSV，按档案编号挂户；关系(是户主的) 写 本人/之妻/之子/之女；一行缺关系、一行档案编号不存在",
        fmt="csv-gbk",
        province="陕西",
        after=[H03],
    )
    s = f.sheet("csv")
    s.line(
        "档案编号", "户主姓名", "姓名", "关系(是户主的)", "身份证号", "性别", "出生日期",
        "健康状况", "月收入(元)", "人员身份", "单位或学校",
    )  # fmt: skip
    for n, h in enumerate(corpus.filed(H03)[:4]):
        assert h.file_no
        s.data([h.file_no, h.head.name, h.head.name, "本人", h.head.id_number, h.head.gender,
                f"{h.head.born:%Y-%m-%d}", "良好", 1500, "在岗", "县纺织厂"],
               head_ok(h.head))  # fmt: skip
        spouse, kid = family(corpus, h, "陕西", children=1)
        rel = "之妻" if h.head.male else "之夫"
        values = {"health": "健康", "identity": "退休" if n == 0 else "在岗", "born": spouse.born}
        s.data([h.file_no, h.head.name, spouse.name, rel, spouse.id_number, spouse.gender,
                f"{spouse.born:%Y-%m-%d}", "健康", 2100, values["identity"], "县纺织厂"],
               member_ok(h.head, spouse, values))  # fmt: skip
        rel = "之子" if kid.male else "之女"
        if n == 3:
            s.data([h.file_no, h.head.name, kid.name, None, kid.id_number, kid.gender,
                    f"{kid.born:%Y-%m-%d}", "良好", 0, "学生", "北山中学"],
                   bad("missing_required", "与户主关系一格空着", "relation"))  # fmt: skip
            h.members.remove(kid)
            continue
        values = {"health": "良好", "identity": "学生", "born": kid.born}
        s.data([h.file_no, h.head.name, kid.name, rel, kid.id_number, kid.gender,
                f"{kid.born:%Y-%m-%d}", "良好", 0, "学生", "北山中学"],
               member_ok(h.head, kid, values))  # fmt: skip
    ghost = corpus.people.person("陕西")
    s.data(["BS2024777", "查无此户", ghost.name, "之子", ghost.id_number, ghost.gender,
            f"{ghost.born:%Y-%m-%d}", "良好", 0, "学生", "北山中学"],
           bad("unknown_household", "档案编号 BS2024777 没有建档", "file_no"))  # fmt: skip
    return f


def m13(corpus: Corpus) -> File:
    f = File(
        "13_柳林镇白马乡_家庭成员.xlsx",
        "members",
        "两个乡镇各一页；配偶用15位老身份证号、幼儿没有身份证号；一行出生日期不存在、一行身份证号被 Excel 截断",
        province="贵州",
        after=[H07, H08],
    )
    for sheet_name, source, province in (("柳林镇", H07, "贵州"), ("白马乡", H08, "四川")):
        s = f.sheet(sheet_name)
        s.line("户主身份证号", "姓名", "关系", "身份证号", "出生日期", "人员身份")
        s.text_columns += [1, 4]
        for n, h in enumerate(corpus.filed(source)[:3]):
            _m13_family(corpus, s, h, province, n, sheet_name == "柳林镇")
    return f


def _m13_family(corpus: Corpus, s: Sheet, h: Filed, province: str, n: int, first: bool) -> None:
    p = corpus.people
    born = D(h.head.born.year + 1, 3, 3)
    short, full = _ids.legacy15(REGIONS[province], born, 77 + n, male=not h.head.male)
    spouse = Person(p.name(not h.head.male), full, not h.head.male, born)
    p.used_ids.add(full)
    h.members.append(spouse)
    s.data([h.head.id_number, spouse.name, "配偶", short, f"{born:%Y.%m.%d}", "在岗"],
           member_ok(h.head, spouse, {"identity": "在岗", "born": born}))  # fmt: skip
    baby = p.person(province, born_from=2021, born_to=2022)
    if n == 1 and first:
        s.data([h.head.id_number, baby.name, "女儿", None, "2015.2.30", "学龄前"],
               bad("date_unparseable", "出生日期 2015.2.30 不存在", "birth_date"))  # fmt: skip
        return
    if n == 2 and first:
        s.data([h.head.id_number, baby.name, "儿子", float(f"{int(baby.id_number[:17]):.14e}"),
                None, "学龄前"],
               bad("id_precision_lost", "成员身份证号在数值单元格里被截成15位有效数字",
                   "id_number"))  # fmt: skip
        return
    h.members.append(baby)
    s.data([h.head.id_number, baby.name, "儿子" if baby.male else "女儿", None,
            baby.born, "学龄前"],
           member_ok(h.head, baby, {"with_id": False, "born": baby.born}))  # fmt: skip
