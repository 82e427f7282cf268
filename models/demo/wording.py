"""Township wording on some demo records, kept beside the value exactly as an import keeps it.

Three townships (the ones whose clerks send their own sheets) word many values their way: 因病
for 患重特大疾病, 新农合, 县总拨付, 送清凉 … (the wordings of real township sheets collected in
tests/data/real_sheets/SOURCES.md). Each wording is read through the importer's own
`read_choice`; only a wording that reads back as the value the generator chose is kept, so the
stored value never changes and the record holds what a clerk's imported sheet would hold.
"""

from __future__ import annotations

import random
from typing import Any

from models.normalize import read_choice
from models.wording import Matcher

Row = dict[str, Any]
COLUMN = "original_wording"
SHEET_TOWNSHIPS = ("石桥镇", "柳湾镇", "青山乡")  # their clerks send sheets; the others type in
SHARE = 0.6  # of a sheet record's fields that have a township wording, this many carry one
OTHER_SHARE = 0.02  # the county office's own records, entered from a township's paper now and then

# {kind: {field: {stored value: (township wordings, …)}}}
WORDINGS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "households": {
        "main_cause": {
            "患重特大疾病": ("因病", "大病", "因病致贫"), "子女上学": ("因学", "因学致贫"),
            "下岗失业": ("下岗", "失业"), "遭受意外事故": ("车祸",), "遭受自然灾害": ("因灾",),
            "无劳动能力": ("丧失劳动能力",),
        },
        "health": {"良好": ("健康", "好")},
        "work_status": {"在岗": ("在职",), "农民工": ("进城务工",), "下(待)岗": ("下岗职工", "待岗")},
        "medical_insurance": {
            "城乡居民基本医疗保险": ("新农合", "居民医保"),
            "城镇职工基本医疗保险": ("城镇职工医疗保险",),
        },
        "political_status": {"中共党员": ("党员",), "共青团员": ("团员",)},
        "marital_status": {"离异": ("离婚",)},
        "hukou_type": {"农业": ("农村",), "非农业": ("城镇",)},
        "housing_type": {"租住私房": ("租房",), "自有住房": ("自建房", "自购房")},
        "ethnicity": {"汉族": ("汉",)},
    },
    "assistance": {
        "category": {
            "送温暖慰问": ("春节慰问", "送温暖"), "医疗救助": ("大病救助",),
            "生活救助": ("困难补助", "日常救助"), "临时救助": ("临时困难救助",),
            "就业帮扶": ("就业援助",),
        },
        "funding_source": {
            "本级工会经费": ("县总拨付", "工会经费"), "上级工会拨款": ("省总补助", "市总下拨"),
            "中央财政": ("中央财政专项", "中央财政专项资金"), "市县财政": ("县财政",),
            "社会捐助": ("社会捐赠", "爱心企业捐赠"),
        },
    },
    "activities": {
        "category": {
            "夏送清凉": ("送清凉", "夏送清凉慰问"), "送温暖": ("冬送温暖",),
            "法律援助与维权": ("普法宣传", "法律援助"), "春送岗位/就业服务": ("春风行动",),
            "思想引领": ("宣讲",), "劳动和技能竞赛": ("劳动竞赛",), "职工技能培训": ("技能培训",),
            "劳动保护(安康杯)": ("安康杯",), "劳模工匠": ("劳模座谈",),
        },
        "funding_source": {"本级工会经费": ("县总拨付",), "上级工会拨款": ("省总补助",)},
    },
    "stations": {
        "host_kind": {"银行网点": ("农商行", "银行"), "环卫所": ("环卫站",), "商超": ("超市",),
                      "政务大厅": ("政务服务中心",)},
        "build_mode": {"工会自建": ("自建",), "共建共享": ("共建", "联建")},
    },
}  # fmt: skip
# The 困难类别 older sheets still write (kept in its own column, as the household service does).
LEGACY_CLASSES = {"深度困难": "低保户", "相对困难": "低保边缘户"}


class TownshipWording:
    """Puts township wording on a share of records; one per demo build."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.matcher = Matcher()

    def apply(self, kind: str, rows: list[Row], township_of: Any = None) -> None:
        """Give each row its `original_wording` (None for most); `township_of(row)` names the
        township whose sheet a row came from (default: the row's own township)."""
        fields = WORDINGS[kind]
        for row in rows:
            town = township_of(row) if township_of else row.get("township")
            sheet = town in SHEET_TOWNSHIPS
            wording: dict[str, str] = {}
            if sheet or self.rng.random() < OTHER_SHARE:
                for field, options in fields.items():
                    said = options.get(row.get(field) or "")
                    if said and self.rng.random() < SHARE:
                        text = self.rng.choice(said)
                        if self._reads_as(kind, field, text, row[field]):
                            wording[field] = text
                if kind == "households" and sheet and self.rng.random() < 0.3:
                    legacy = LEGACY_CLASSES.get(row["hardship_class"])
                    read = legacy and read_choice(kind, "hardship_class", legacy, self.matcher)
                    if read and read.value == (row["hardship_class"], legacy):
                        row["hardship_class_original"] = legacy
            row[COLUMN] = wording or None

    def _reads_as(self, kind: str, field: str, text: str, value: Any) -> bool:
        read = read_choice(kind, field, text, self.matcher)
        return read.problem is None and read.value == value and read.original == text
