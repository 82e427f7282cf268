"""Clerks' wording of aid, station and activity values, and what a correct import stores (SOURCES.md).

Same conventions as _wording: (stored value, how). Canonical values are DOMAIN.md §1–3's lists.
"""

from __future__ import annotations

from typing import Any

from tests.data.real_sheets._book import any_of, mapped

# 帮扶类别 (DOMAIN §1: 生活救助, 医疗救助, 子女助学/金秋助学, 送温暖慰问, 临时救助, 就业帮扶, 其他).
# Sources: 送温暖 / 金秋助学 / 大病救助 reports; 申报表 (日常救助 / 临时救助).
SCHOOL_AID = any_of("子女助学/金秋助学", "金秋助学", "子女助学")
AID_CATEGORY: dict[str, tuple[Any, str | None]] = {
    "春节慰问": ("送温暖慰问", "synonym"),
    "送温暖": ("送温暖慰问", "fuzzy"),
    "困难补助": ("生活救助", "synonym"),
    "日常救助": ("生活救助", "synonym"),
    "大病救助": ("医疗救助", "synonym"),
    "助学金": (SCHOOL_AID, "synonym"),
    "金秋助学": (SCHOOL_AID, None),  # half of the list's own value: no single spelling to assert
    "子女助学": (SCHOOL_AID, None),
    "临时困难救助": ("临时救助", "synonym"),
    "就业援助": ("就业帮扶", "synonym"),
}
# 资金来源 (中央财政, 省财政, 市县财政, 本级工会经费, 上级工会拨款, 社会捐助). The ledger is the
# county union's: money the county union itself pays (县总拨付) is its own 本级工会经费; money from
# the city or province union is 上级工会拨款. Sources: 全总下拨 中央财政职工困难帮扶资金; 未央区
# 送温暖 (民政、财政预算、工会经费 三个渠道).
FUNDING: dict[str, tuple[Any, str | None]] = {
    "县总拨付": ("本级工会经费", "synonym"),
    "县总工会": ("本级工会经费", "synonym"),
    "省总补助": ("上级工会拨款", "synonym"),
    "市总下拨": ("上级工会拨款", "synonym"),
    "中央财政专项": ("中央财政", "fuzzy"),
    "中央财政专项资金": ("中央财政", "fuzzy"),
    "县财政": ("市县财政", "fuzzy"),
    "工会经费": ("本级工会经费", "fuzzy"),
    "社会捐赠": ("社会捐助", "synonym"),
    "爱心企业捐赠": ("社会捐助", "synonym"),
}
# 阵地类型 (DOMAIN §2).
STATION_TYPE: dict[str, tuple[Any, str | None]] = {
    "县职工服务中心": ("县级职工服务中心", "synonym"),
    "职工服务中心": ("县级职工服务中心", "fuzzy"),
    "镇职工服务站": ("乡镇(街道)职工服务站", "fuzzy"),
    "街道职工服务站": ("乡镇(街道)职工服务站", "fuzzy"),
    "社区职工服务点": ("村(社区)职工服务点", "fuzzy"),
    "村职工服务点": ("村(社区)职工服务点", "fuzzy"),
    "母婴室": ("爱心妈妈小屋(母婴室)", "fuzzy"),
    "爱心妈妈小屋": ("爱心妈妈小屋(母婴室)", "fuzzy"),
    "法律援助工作站": ("职工法律援助工作站", "fuzzy"),
    "工会驿站": ("户外劳动者服务站点", "synonym"),
    "爱心驿站": ("户外劳动者服务站点", "synonym"),
}
# 状态 (运行, 整改, 停用, 撤销) — a status list, strict: only mapped wordings are accepted.
# 在建 (built but not open) is filed as 停用: of the four it is the only one that says the
# station does not serve workers yet (a judgement: see README).
STATUS: dict[str, tuple[Any, str | None]] = {
    "正常运营": ("运行", "synonym"),
    "正常": ("运行", "synonym"),
    "运营中": ("运行", "synonym"),
    "已投用": ("运行", "synonym"),
    "在建": ("停用", "synonym"),
    "整改中": ("整改", "fuzzy"),
    "暂停使用": ("停用", "synonym"),
}
HOST_KIND: dict[str, tuple[Any, str | None]] = {
    "银行": ("银行网点", "fuzzy"),
    "农商行": ("银行网点", "synonym"),
    "中石化加油站": ("加油站", "fuzzy"),
    "环卫站": ("环卫所", "synonym"),
    "超市": ("商超", "synonym"),
    "政务服务中心": ("政务大厅", "synonym"),
}
BUILD_MODE: dict[str, tuple[Any, str | None]] = {
    "自建": ("工会自建", "fuzzy"),
    "共建": ("共建共享", "fuzzy"),
    "联建": ("共建共享", "synonym"),
}
# 驿站设施 (DOMAIN §2), worded as in the 驿站 reports (饮水机、微波炉、药箱、如厕、避雨 …).
# 避雨 is the shelter itself (歇歇脚、避避雨), not the 雨具 a station lends: no list value, kept as
# written (the list has no 其他). WIFI is WiFi in other letter case: the same wording, not mapped.
FACILITY: dict[str, tuple[str | None, str | None]] = {
    "饮水机": ("饮水", "fuzzy"),
    "热饭": ("热饭(微波炉)", "fuzzy"),
    "微波炉": ("热饭(微波炉)", "fuzzy"),
    "休息": ("休息桌椅", "fuzzy"),
    "桌椅": ("休息桌椅", "fuzzy"),
    "空调": ("空调/风扇", "fuzzy"),
    "如厕": ("卫生间", "synonym"),
    "厕所": ("卫生间", "synonym"),
    "手机充电": ("充电", "fuzzy"),
    "药箱": ("应急药箱", "fuzzy"),
    "避雨": (None, "other"),
    "雨伞": ("雨具", "synonym"),
    "WIFI": ("WiFi", None),
    "图书": ("书报", "synonym"),
    "打气筒": ("维修工具", "synonym"),
}
# 服务功能 of a service centre (DOMAIN §2).
FUNCTION: dict[str, tuple[str, str | None]] = {
    "帮扶救助": ("困难帮扶", "synonym"),
    "心理疏导": ("心理咨询", "synonym"),
    "职工培训": ("技能培训", "synonym"),
    "职业介绍": ("就业服务", "synonym"),
    "法律咨询": ("法律援助", "synonym"),
    "12351": ("12351热线", "fuzzy"),
}
DEMO_LEVEL: dict[str, tuple[Any, str | None]] = {
    "全国职工书屋示范点": ("全国", "fuzzy"),
    "省级": ("省", "fuzzy"),
    "市级示范点": ("市", "fuzzy"),
}
NURSING: dict[str, tuple[Any, str | None]] = {
    "基础型": ("基础", "fuzzy"),
    "舒适型": ("舒适", "fuzzy"),
}
# 活动类别 (DOMAIN §3).
ACTIVITY: dict[str, tuple[Any, str | None]] = {
    "夏送清凉慰问": ("夏送清凉", "fuzzy"),
    "送清凉": ("夏送清凉", "fuzzy"),
    "冬送温暖": ("送温暖", "fuzzy"),
    "文艺汇演": ("职工文化", "synonym"),
    "职工运动会": ("职工文化", "synonym"),
    "劳动竞赛": ("劳动和技能竞赛", "synonym"),
    "技能培训": ("职工技能培训", "fuzzy"),
    "普法宣传": ("法律援助与维权", "synonym"),
    "法律援助": ("法律援助与维权", "fuzzy"),
    "安康杯": ("劳动保护(安康杯)", "fuzzy"),
    "春风行动": ("春送岗位/就业服务", "synonym"),
    "劳模座谈": ("劳模工匠", "synonym"),
    "宣讲": ("思想引领", "synonym"),
    "三八节活动": ("其他", "other"),
}


Mapping = dict[str, Any]


def one(
    field_name: str, table: dict[str, tuple[Any, str | None]], wording: str
) -> tuple[Any, list[Mapping]]:
    """(stored value, [mapping]) of one cell's wording; a wording not in the table is exact."""
    if wording not in table:
        return wording, []
    to, how = table[wording]
    if how is None:
        return to, []
    return to, [mapped(field_name, wording, to if isinstance(to, str) else None, how)]


def many(
    field_name: str, table: dict[str, tuple[Any, str | None]], cell: str, sep: str = "、"
) -> tuple[list[Any], list[Mapping]]:
    """(sorted stored values, mappings) of a multi-choice cell such as 饮水、热饭、休息; an item
    that means no list value stores nothing (its wording is kept on the record)."""
    values: list[Any] = []
    maps: list[Mapping] = []
    for part in cell.split(sep):
        to, found = one(field_name, table, part)
        if to is not None:
            values.append(to)
        maps += found
    return sorted(set(values)), maps
