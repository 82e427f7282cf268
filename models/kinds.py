"""The registry of record kinds and their fields: labels, value types, lists, aliases, units, keys.

Modelled on calibre's `field_metadata`: one entry per field says everything the rest of the app
needs to know about it, and forms, importer, exporter, templates, CLI, 统计表 and audit labels read
it, so adding a column of the 档案表 is one line here (plus its ORM column and its rule in
models.normalize, which tests/models/test_kinds.py holds against this registry).

    kind("households")["main_cause"].label      → "主要致困原因"
    kind("reststops").roster_fields()           → the 驿站花名册's columns, in order
    kind("stations")["status"].strict           → True: 站点状态 wording outside the list is refused

A field belongs to one kind: the same name in two kinds (a member's 姓名, a station's 名称) is two
entries, so labels and aliases are always the kind's own (服务功能 is facilities in a 驿站 sheet).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from models.masking import mask_bank_card, mask_id_number, mask_phone


class Type(StrEnum):
    """What a field's value is; decides the widget, the cell format and how a sheet's cell is read."""

    TEXT = "text"  # one line
    PROSE = "prose"  # line breaks kept (备注, 内容摘要)
    MONEY = "money"  # yuan as Decimal, integer 分 in the database
    DATE = "date"
    MONTH = "month"  # (year, month)
    COUNT = "count"  # a whole number of people, visits, books …
    DECIMAL = "decimal"  # a measured figure (面积)
    COORDINATE = "coordinate"  # decimal degrees
    STARS = "stars"  # 星级 1–5
    CHOICE = "choice"  # one value of a list in models.vocab
    MULTI_CHOICE = "multi_choice"  # several values of one list
    BOOL = "bool"  # 是/否
    ID_NUMBER = "id_number"  # 18-digit 身份证号
    PHONE = "phone"
    BANK_CARD = "bank_card"
    REFERENCE = "reference"  # the id of a record of another kind (an activity's station)
    WORDING = "wording"  # {field: the sheet's own text} kept beside values an import mapped


class Source(StrEnum):
    """Who sets a field: the clerk (forms, imports), the app from other data, or the lifecycle."""

    CLERK = "clerk"
    DERIVED = "derived"  # computed or copied from the owner: a sheet's column is not read
    LIFECYCLE = "lifecycle"  # changed only by a status action: an import checks it, never sets it


class Role(StrEnum):
    """A field's part in finding the record a row means (the kind's natural key)."""

    KEY = "key"  # part of the record's own key
    OWNER = "owner"  # names the record this one belongs to; not stored on this record


MASKERS: Mapping[Type, Callable[[str | None], str]] = MappingProxyType(
    {Type.ID_NUMBER: mask_id_number, Type.PHONE: mask_phone, Type.BANK_CARD: mask_bank_card}
)

# Units a heading may state ("投入资金(万元)") and the factor to the unit the field is kept in.
SCALES: Mapping[Type, Mapping[str, int]] = MappingProxyType(
    {
        Type.MONEY: MappingProxyType({"元": 1, "万元": 10_000}),
        Type.COUNT: MappingProxyType({"万人次": 10_000, "万人": 10_000}),
    }
)
# The unit a form shows beside a field of these types when the field names none itself.
DEFAULT_UNITS: Mapping[Type, str] = MappingProxyType(
    {Type.MONEY: "元", Type.COORDINATE: "°", Type.STARS: "星"}
)


@dataclass(frozen=True)
class Conversion:
    """A heading that gives a field's figure for another period: 家庭月收入 × 12 is 家庭年总收入."""

    heading: str
    factor: int
    period: str  # "月": the words the import report uses

    def note(self, label: str) -> str:
        return f"“{self.heading}”是{self.period}数，已×{self.factor}记为“{label}”"


@dataclass(frozen=True)
class Field:
    """One field of one record kind."""

    name: str  # canonical name: the key in forms, rows, imports and (mostly) the ORM attribute
    label: str  # as the kind's 花名册 header prints it (upper-level unions expect this wording)
    type: Type = Type.TEXT
    values: str | None = None  # the list in models.vocab.CHOICES (choice fields)
    required: bool = False
    strict: bool = False  # wording outside the list is refused, not mapped to 其他
    unit: str | None = None  # shown beside the input (元, 人, ㎡)
    aliases: tuple[str, ...] = ()  # other headings real sheets use for it, in this kind
    conversions: tuple[Conversion, ...] = ()  # headings in another period (家庭月收入)
    columns: tuple[str, ...] | None = None  # ORM attributes holding it; None: (name,)
    owner: str | None = None  # "kind.field" of the owning record this field locates
    source: Source = Source.CLERK
    roster: bool = True  # a column of the kind's 花名册 (and, if the clerk sets it, template)
    only_for: frozenset[str] = frozenset()  # the kind's variant values it applies to (all if empty)
    standalone: str | None = None  # its label out of the kind's context (统计表, messages)
    role: Role | None = None  # set from the kind's key (see Kind)

    @property
    def masked(self) -> bool:
        return self.type in MASKERS

    @property
    def masker(self) -> Callable[[str | None], str] | None:
        return MASKERS.get(self.type)

    @property
    def multi(self) -> bool:
        return self.type is Type.MULTI_CHOICE

    @property
    def stored(self) -> tuple[str, ...]:
        """The ORM attributes that hold the value (none for derived and owner fields)."""
        if self.columns is not None:
            return self.columns
        return () if self.source is Source.DERIVED or self.owner else (self.name,)

    @property
    def read(self) -> bool:
        """Whether an import reads the column (derived ones are understood and skipped)."""
        return self.source is not Source.DERIVED

    @property
    def shown_unit(self) -> str | None:
        return self.unit or DEFAULT_UNITS.get(self.type)

    @property
    def label_alone(self) -> str:
        return self.standalone or self.label

    def scale(self, unit: str | None) -> int:
        """Factor from a heading's unit to the field's own (1 when the unit changes nothing)."""
        return SCALES.get(self.type, {}).get(unit or "", 1)

    def applies(self, variant: str | None) -> bool:
        return not self.only_for or variant in self.only_for


@dataclass(frozen=True)
class Kind:
    """A record kind: its fields in form/花名册 order, natural key and where its records live."""

    name: str
    label: str
    table: str  # the ORM table, also the audit trail's entity name
    fields: tuple[Field, ...]
    # What a row must name to say which record it is: one field of each group.
    key: tuple[tuple[str, ...], ...]
    # Header field sets that make a sheet a data sheet of the kind (one set is enough).
    sheet_keys: tuple[tuple[str, ...], ...]
    key_note: str  # how the import template explains the matching
    record: str | None = None  # the kind whose records and rules it shares (reststops: stations)
    variant: str | None = None  # the field that decides which fields apply (Field.only_for)
    defaults: Mapping[str, str] = field(default_factory=dict)  # a sheet's blank means these
    importable: bool = True
    _index: Mapping[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keyed = {name for group in self.key for name in group}
        fields = tuple(
            dataclasses.replace(
                f,
                role=Role.OWNER if f.owner else Role.KEY if f.name in keyed else None,
            )
            for f in self.fields
        )
        object.__setattr__(self, "fields", fields)
        object.__setattr__(self, "_index", MappingProxyType({f.name: f for f in fields}))

    def __getitem__(self, name: str) -> Field:
        return self._index[name]

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def get(self, name: str) -> Field | None:
        return self._index.get(name)

    @property
    def record_kind(self) -> str:
        return self.record or self.name

    def roster_fields(self) -> tuple[Field, ...]:
        """The 花名册's columns, in order (exports, the re-import of an export)."""
        return tuple(f for f in self.fields if f.roster)

    def template_fields(self) -> tuple[Field, ...]:
        """The import template's columns: what the clerk fills in."""
        return tuple(f for f in self.fields if f.roster and f.source is Source.CLERK)

    def labels(self) -> dict[str, str]:
        """Field name → 花名册 heading, in column order."""
        return {f.name: f.label for f in self.roster_fields()}

    def stored_columns(self) -> tuple[str, ...]:
        """ORM columns the clerk's values are written to (multi-choice relations apart)."""
        return tuple(
            column
            for f in self.fields
            if f.source is Source.CLERK and not f.multi
            for column in f.stored
        )


# ---- Wording several kinds share -------------------------------------------------------

TOWNSHIP_ALIASES = (
    "所在乡镇", "乡镇(街道)", "乡镇", "街道", "乡镇街道", "所属乡镇", "所在乡镇(街道)", "所属街道",
    "乡(镇、街道)", "镇街", "所在镇街", "所属镇街", "所属镇", "所在镇",
)  # fmt: skip
FILE_NO_ALIASES = ("档案号", "职工编号")
HEAD_ID_ALIASES = ("户主身份证号码", "户主身份证")
REST_STOP = "户外劳动者服务站点"
SERVICE_CENTRES = frozenset(
    {"县级职工服务中心", "乡镇(街道)职工服务站", "村(社区)职工服务点", "企业职工服务站"}
)
MONTHLY = "月"


def _original_wording() -> Field:
    """The sheet's own wording of values an import mapped (因病 for 患重特大疾病), last in the 花名册.

    Derived: a re-imported export's 原始填写 column is understood and not read as data.
    """
    return Field(
        "original_wording", "原始填写", Type.WORDING, source=Source.DERIVED,
        columns=("original_wording",),
    )  # fmt: skip


def _choice(
    name: str,
    label: str,
    *aliases: str,
    values: str | None = None,
    required: bool = False,
    strict: bool = False,
    source: Source = Source.CLERK,
    columns: tuple[str, ...] | None = None,
    only_for: frozenset[str] = frozenset(),
    standalone: str | None = None,
) -> Field:
    """A field of one value list (the list is named like the field unless `values` says)."""
    return Field(
        name, label, Type.CHOICE, values or name, required=required, strict=strict,
        aliases=aliases, columns=columns, source=source, only_for=only_for, standalone=standalone,
    )  # fmt: skip


# ---- 困难职工档案 --------------------------------------------------------------------------

HOUSEHOLDS = Kind(
    "households",
    "困难职工档案",
    "households",
    (
        Field("file_no", "档案编号", aliases=("档案号", "建档编号", "编号", "职工编号")),
        Field("name", "户主姓名", required=True,
              aliases=("姓名", "职工姓名", "困难职工姓名", "户主", "户主名称")),
        _choice("gender", "性别", strict=True),
        _choice("ethnicity", "民族"),
        Field("id_number", "身份证号", Type.ID_NUMBER, required=True, aliases=(
            "身份证号码", "公民身份号码", "身份证", "户主身份证号", "户主身份证号码", "证件号码",
            "身份证件号码", "身份证号", "居民身份证号码",
        )),
        Field("birth_date", "出生日期", Type.DATE, aliases=("出生年月", "出生年月日")),
        _choice("political_status", "政治面貌"),
        _choice("health", "健康状况", "身体状况", "健康情况"),
        Field("disease", "疾病名称", aliases=("所患疾病", "病种", "疾病")),
        # 残疾 alone heads a cell of kind and grade together (肢体四级): read as both.
        _choice("disability_kind", "残疾类别", "残疾类型", "残疾", "残疾情况", "残疾类别及等级"),
        _choice("disability_grade", "残疾等级", "残疾级别"),
        _choice("work_status", "工作状态", "身份", "工作状态(身份)", "就业状态", "就业状况"),
        _choice("model_worker", "劳模类型", "劳模", "是否劳模", "劳模类别"),
        Field("phone", "手机号码", Type.PHONE, aliases=(
            "手机号", "联系电话", "联系方式", "电话", "手机", "电话号码", "联系电话(手机)",
        )),
        Field("employer", "工作单位", aliases=("单位", "所在单位", "原工作单位", "工作单位名称")),
        _choice("employer_nature", "单位性质"),
        _choice("industry", "所属行业", "行业"),
        _choice("marital_status", "婚姻状况"),
        _choice("hukou_type", "户口类型", "户籍类型", "户口性质", "户籍性质"),
        _choice("housing_type", "住房类型", "住房情况", "住房状况"),
        Field("address", "家庭住址",
              aliases=("住址", "家庭地址", "现住址", "居住地址", "家庭住址(详细)")),
        Field("township", "所属乡镇(街道)", required=True, aliases=TOWNSHIP_ALIASES),
        Field("family_size", "家庭人口", Type.COUNT, unit="人",
              aliases=("家庭人口数", "家庭人数", "人口数", "家庭成员数", "家庭人口(人)")),
        Field("monthly_income", "本人月收入(元)", Type.MONEY,
              aliases=("月收入", "个人月收入", "本人月收入", "本人月平均收入", "月平均收入")),
        Field("family_annual_income", "家庭年总收入(元)", Type.MONEY, aliases=(
            "家庭年收入", "家庭年可支配收入", "年总收入", "家庭年总收入", "家庭年度总收入",
        ), conversions=(
            Conversion("家庭月收入", 12, MONTHLY), Conversion("家庭月总收入", 12, MONTHLY),
        )),
        Field("annual_rigid_expense", "年刚性支出(元)", Type.MONEY,
              aliases=("刚性支出", "家庭年刚性支出", "年刚性支出")),
        Field("per_capita_monthly", "家庭月人均收入(元)", Type.MONEY, source=Source.DERIVED),
        _choice("medical_insurance", "医保状况",
                "医疗保险", "医保类型", "参保情况", "医保", "是否进入医保", "医保情况"),
        Field("single_parent", "是否单亲", Type.BOOL, aliases=("单亲", "单亲家庭")),
        Field("zero_employment", "是否零就业家庭", Type.BOOL, aliases=("零就业家庭", "是否零就业")),
        _choice("hardship_class", "困难类别", "困难类型", "困难程度", "困难职工类别",
                required=True, strict=True, columns=("hardship_class", "hardship_class_original")),
        _choice("main_cause", "主要致困原因", "致困原因", "主要困难原因", "致困主要原因",
                required=True),
        Field("secondary_causes", "次要致困原因", Type.MULTI_CHOICE, "secondary_causes",
              aliases=("其他致困原因", "致困次要原因")),
        Field("bank_name", "开户银行", aliases=("开户行",)),
        Field("bank_card", "银行卡号", Type.BANK_CARD,
              aliases=("银行账号", "卡号", "账号", "银行卡号(账号)", "社保卡号")),
        _choice("status", "档案状态", "当前状态", "状态", "建档状态",
                strict=True, source=Source.LIFECYCLE),
        Field("filed_date", "建档日期", Type.DATE, aliases=("建档时间",)),
        Field("reviewed_date", "最近核查日期", Type.DATE, aliases=("核查日期", "复核日期")),
        Field("remarks", "备注", Type.PROSE),
        _original_wording(),
    ),
    key=(("id_number", "file_no"),),
    sheet_keys=(("id_number",), ("file_no", "name")),
    key_note="按“身份证号”或“档案编号”匹配已有档案：已有的更新，没有的新建（档案编号可留空，自动编号）。",
)  # fmt: skip

MEMBERS = Kind(
    "members",
    "家庭成员",
    "household_members",
    (
        Field("head_id_number", "户主身份证号", Type.ID_NUMBER, aliases=HEAD_ID_ALIASES,
              owner="households.id_number"),
        Field("file_no", "档案编号", aliases=FILE_NO_ALIASES, owner="households.file_no"),
        Field("head_name", "户主姓名", aliases=("户主",), owner="households.name", roster=False),
        Field("name", "姓名", required=True, aliases=("成员姓名", "家庭成员姓名", "家属姓名")),
        _choice("relation", "与户主关系", "关系", "家庭关系", "与户主的关系", "关系(是户主的)",
                required=True),
        Field("id_number", "身份证号", Type.ID_NUMBER,
              aliases=("身份证号码", "成员身份证号", "公民身份号码", "身份证")),
        _choice("gender", "性别", strict=True),
        Field("birth_date", "出生日期", Type.DATE, aliases=("出生年月", "出生年月日")),
        _choice("health", "健康状况"),
        Field("monthly_income", "月收入(元)", Type.MONEY, aliases=("月收入",)),
        _choice("identity", "人员身份", "身份", "就业状况", "职业"),
        Field("school", "就读学校", aliases=("学校",)),
        Field("grade", "年级", aliases=("就读年级",)),
        _original_wording(),
    ),
    key=(("head_id_number", "file_no"), ("name",)),
    sheet_keys=(("head_id_number", "name"), ("file_no", "name")),
    key_note="按“户主身份证号”或“档案编号”找到所属档案，再按成员身份证号（或姓名）匹配。",
)  # fmt: skip

ASSISTANCE = Kind(
    "assistance",
    "帮扶记录",
    "assistance",
    (
        Field("head_id_number", "户主身份证号", Type.ID_NUMBER,
              aliases=("身份证号", "身份证号码", "户主身份证号码", "公民身份号码"),
              owner="households.id_number"),
        Field("file_no", "档案编号", aliases=FILE_NO_ALIASES, owner="households.file_no"),
        Field("head_name", "户主姓名", aliases=("姓名", "受助人", "帮扶对象", "受助人姓名"),
              owner="households.name"),
        Field("date", "帮扶日期", Type.DATE, required=True,
              aliases=("日期", "发放日期", "救助日期", "帮扶时间", "发放时间", "慰问时间")),
        _choice("category", "帮扶类别", "类别", "帮扶类型", "救助类别", "帮扶项目", "救助类型",
                "慰问类别", "慰问类型", values="assistance_category", required=True),
        Field("cash", "现金金额(元)", Type.MONEY,
              aliases=("金额", "帮扶金额", "发放金额", "救助金额", "现金", "慰问金")),
        Field("goods", "实物内容", aliases=("实物", "慰问品", "物品", "慰问物品")),
        Field("goods_value", "实物折价(元)", Type.MONEY,
              aliases=("实物折款", "实物价值", "物品折价", "折价", "折价金额")),
        _choice("funding_source", "资金来源", "经费来源", required=True),
        Field("operator", "经办人"),
        Field("remarks", "备注", Type.PROSE),
        _original_wording(),
    ),
    key=(("head_id_number", "file_no"), ("date",)),
    sheet_keys=(("head_id_number", "date"), ("file_no", "date")),
    key_note="按“户主身份证号”或“档案编号”找到所属档案（先建档后帮扶）。同一天、同类别、同金额视为同一条。",
)  # fmt: skip

# ---- 服务阵地 ------------------------------------------------------------------------------

_STATION_FIELDS = (
    Field("code", "站点编号", aliases=("编号", "唯一编号")),
    Field("name", "名称", required=True,
          aliases=("站点名称", "驿站名称", "阵地名称", "服务站名称", "名称")),
    _choice("station_type", "类型", "站点类型", "阵地类型", "类别", required=True,
            standalone="阵地类型"),
    Field("township", "所属乡镇(街道)", required=True, aliases=TOWNSHIP_ALIASES),
    Field("address", "地址", aliases=("详细地址", "站点地址", "地点", "位置")),
    Field("longitude", "经度", Type.COORDINATE),
    Field("latitude", "纬度", Type.COORDINATE),
    Field("host_unit", "依托单位", aliases=("所依托单位", "承建单位", "依托单位名称")),
    _choice("host_kind", "依托单位类型", "依托类型", "依托单位性质"),
    _choice("build_mode", "建设模式", "建设方式"),
    Field("manager", "负责人", aliases=("联系人", "管理员", "站长", "站点负责人")),
    Field("phone", "联系电话", Type.PHONE, aliases=("电话", "联系方式", "手机", "联系人电话")),
    Field("built_date", "建成日期", Type.DATE,
          aliases=("建成时间", "建设时间", "投用时间", "建成投用时间", "投用日期", "投入使用时间",
                   "建站时间", "建站日期")),
    Field("area", "面积(㎡)", Type.DECIMAL, unit="㎡", aliases=("使用面积", "建筑面积", "面积")),
    Field("investment", "投入资金(元)", Type.MONEY,
          aliases=("投资金额", "投入经费", "建设资金", "投入资金")),
    Field("opening_hours", "开放时间"),
    Field("open_24h", "24小时开放", Type.BOOL, aliases=("是否24小时开放",)),
    _choice("status", "状态", "运行状态", "当前状态", "站点状态", "驿站状态", "运营状态",
            values="station_status", strict=True, standalone="站点状态"),
    Field("star_level", "星级", Type.STARS),
    Field("facilities", "设施", Type.MULTI_CHOICE, "facilities",
          aliases=("配套设施", "服务设施", "设施配备", "设施配置"), only_for=frozenset({REST_STOP})),
    Field("functions", "服务功能", Type.MULTI_CHOICE, "functions",
          aliases=("功能", "服务内容"), only_for=SERVICE_CENTRES),
    Field("books", "藏书册数", Type.COUNT, unit="册", aliases=("藏书量", "图书册数", "藏书"),
          only_for=frozenset({"职工书屋"})),
    Field("periodicals", "报刊种数", Type.COUNT, unit="种", aliases=("报刊", "报刊种类"),
          only_for=frozenset({"职工书屋"})),
    _choice("demo_level", "示范点级别", only_for=frozenset({"职工书屋"})),
    _choice("nursing_grade", "配置档次", only_for=frozenset({"爱心妈妈小屋(母婴室)"})),
    Field("honors", "荣誉", Type.PROSE, aliases=("获得荣誉",)),
    Field("remarks", "备注", Type.PROSE),
    _original_wording(),
)  # fmt: skip
_STATION_KEY = (("name",), ("township", "code"))
_STATION_SHEET_KEYS = (("name", "township"), ("code", "name"))

STATIONS = Kind(
    "stations",
    "服务阵地",
    "stations",
    _STATION_FIELDS,
    key=_STATION_KEY,
    sheet_keys=_STATION_SHEET_KEYS,
    key_note="按“站点编号”或“名称＋所属乡镇(街道)”匹配已有阵地。",
    variant="station_type",
)


def _rest_stop_fields() -> tuple[Field, ...]:
    """A 驿站 sheet: the fields of a rest stop only, and its own wording (服务功能 are facilities)."""
    extra = {"facilities": ("服务功能", "服务内容", "功能")}
    return tuple(
        dataclasses.replace(f, aliases=f.aliases + extra.get(f.name, ()))
        for f in _STATION_FIELDS
        if f.applies(REST_STOP)
    )


RESTSTOPS = Kind(
    "reststops",
    "户外劳动者服务站点",
    "stations",
    _rest_stop_fields(),
    key=_STATION_KEY,
    sheet_keys=_STATION_SHEET_KEYS,
    key_note="按“站点编号”或“名称＋所属乡镇(街道)”匹配；“类型”留空即为户外劳动者服务站点。",
    record="stations",
    variant="station_type",
    defaults={"station_type": REST_STOP},
)

USAGE = Kind(
    "usage",
    "服务人次",
    "station_usage",
    (
        Field("station_code", "站点编号", owner="stations.code"),
        Field("station_name", "站点名称", aliases=("驿站名称", "名称", "站点", "阵地名称"),
              owner="stations.name"),
        Field("township", "所属乡镇(街道)", aliases=TOWNSHIP_ALIASES, owner="stations.township"),
        Field("month", "月份", Type.MONTH, required=True, aliases=("统计月份", "月份"),
              columns=("year", "month")),
        Field("visits", "服务人次", Type.COUNT, unit="人次", required=True,
              aliases=("人次", "服务人数", "服务人次数")),
        Field("remarks", "备注"),
    ),
    key=(("station_name", "station_code"), ("month",)),
    sheet_keys=(("station_name", "month"), ("station_code", "month")),
    key_note="按“站点编号”或“站点名称（＋所属乡镇）”找到阵地，每个阵地每月一行。",
)  # fmt: skip

# ---- 活动台账 ------------------------------------------------------------------------------


def _figure(
    name: str, label: str, category: str, unit: str | None, type_: Type = Type.COUNT
) -> Field:
    """A figure only activities of one category carry (案件数 for 维权 …)."""
    return Field(name, label, type_, unit=unit, only_for=frozenset({category}))


ACTIVITIES = Kind(
    "activities",
    "活动台账",
    "activities",
    (
        Field("name", "活动名称", required=True, aliases=("名称", "活动主题", "活动名")),
        _choice("category", "活动类别", "类别", "活动类型", "类型", values="activity_category",
                required=True),
        # 开始/结束 alone: the lower row under a 活动时间 group cell that spans both columns.
        Field("start_date", "开始日期", Type.DATE, required=True,
              aliases=("活动日期", "日期", "活动时间", "开始时间", "开始", "起始日期", "起始时间")),
        Field("end_date", "结束日期", Type.DATE,
              aliases=("结束时间", "结束", "截止日期", "截止时间", "终止日期")),
        Field("place", "活动地点", aliases=("地点",)),
        Field("township", "所属乡镇(街道)", aliases=TOWNSHIP_ALIASES),
        Field("organizer", "主办单位", aliases=("主办",)),
        Field("undertaker", "承办单位"),
        Field("station_name", "依托阵地", aliases=("依托阵地名称", "阵地"), owner="stations.name"),
        Field("station_id", "依托阵地", Type.REFERENCE, roster=False),
        Field("participants", "参与人数", Type.COUNT, unit="人", aliases=("参加人数", "参与人数")),
        Field("person_times", "覆盖人次", Type.COUNT, unit="人次",
              aliases=("服务人次", "覆盖人次")),
        Field("households_benefited", "受益户数", Type.COUNT, unit="户"),
        Field("cash", "现金投入(元)", Type.MONEY,
              aliases=("投入资金", "投入金额", "现金", "经费", "活动经费")),
        Field("goods_value", "实物折价(元)", Type.MONEY),
        _choice("funding_source", "资金来源"),
        _figure("cases", "案件数", "法律援助与维权", "件"),
        _figure("money_recovered", "挽回经济损失(元)", "法律援助与维权", None, Type.MONEY),
        _figure("new_unions", "新建工会数", "建会入会", "家"),
        _figure("new_members", "新发展会员数", "建会入会", "人"),
        _figure("new_migrant_members", "其中农民工会员", "建会入会", "人"),
        _figure("contest_trades", "竞赛工种数", "劳动和技能竞赛", "个"),
        _figure("contestants", "参赛人数", "劳动和技能竞赛", "人"),
        _figure("training_sessions", "培训期数", "职工技能培训", "期"),
        _figure("trainees", "培训人次", "职工技能培训", "人次"),
        _figure("students", "资助学生数", "金秋助学", "人"),
        Field("summary", "内容摘要", Type.PROSE, aliases=("活动内容", "主要内容", "内容")),
        Field("include_in_summary", "写入年度总结", Type.BOOL),
        _original_wording(),
    ),
    key=(("name",), ("start_date",)),
    sheet_keys=(("name", "start_date"),),
    key_note="按“活动名称＋开始日期＋活动地点”（没填地点时按所属乡镇）匹配已有活动：同名同日、"
    "地点不同的是不同的活动。",
    variant="category",
)  # fmt: skip

STATUS_CHANGES = Kind(
    "status_changes",
    "档案状态变更",
    "status_changes",
    (
        Field("date", "变更日期", Type.DATE, required=True),
        _choice("from_status", "原状态", values="status", strict=True),
        _choice("to_status", "新状态", values="status", strict=True, required=True),
        Field("action", "操作", required=True),
        Field("reason", "原因", required=True),
        _choice("route", "脱困路径", values="lift_route"),
        Field("operator", "经办人"),
        Field("reviewer", "审核人"),
    ),
    key=(),
    sheet_keys=(),
    key_note="",
    importable=False,
)

KINDS: Mapping[str, Kind] = MappingProxyType(
    {
        k.name: k
        for k in (HOUSEHOLDS, MEMBERS, ASSISTANCE, STATIONS, RESTSTOPS, USAGE, ACTIVITIES,
                  STATUS_CHANGES)
    }
)  # fmt: skip
# The kinds a clerk imports, exports and gets templates for, in menu order.
IMPORT_KINDS: tuple[str, ...] = tuple(name for name, k in KINDS.items() if k.importable)


def kind(name: str) -> Kind:
    """The kind of that name; KeyError for a name that is not one (a programming error)."""
    return KINDS[name]


def by_table(table: str) -> Kind | None:
    """The record kind stored in an ORM table (the audit trail names entities by table)."""
    return next((k for k in KINDS.values() if k.table == table and not k.record), None)


def names_of(*types: Type) -> frozenset[str]:
    """Field names of these types in any kind (a name has one type in every kind: tested)."""
    return frozenset(f.name for k in KINDS.values() for f in k.fields if f.type in types)


def masked_names() -> dict[str, Callable[[str | None], str]]:
    """Field name → masking function, for every personal-number field of any kind."""
    return {f.name: f.masker for k in KINDS.values() for f in k.fields if f.masker is not None}
