"""Which fields each form shows, grouped in sections, and which widget and unit each field gets."""

from __future__ import annotations

# (section title, fields) per record kind; labels come from models.fields.
SECTIONS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "households": (
        ("户主基本信息", (
            "name", "id_number", "gender", "birth_date", "ethnicity", "political_status",
            "phone", "township", "address", "marital_status", "hukou_type", "housing_type",
        )),
        ("健康与工作", (
            "health", "disease", "disability_kind", "disability_grade", "work_status",
            "model_worker", "employer", "employer_nature", "industry", "medical_insurance",
        )),
        ("家庭收入与困难情况", (
            "family_size", "monthly_income", "family_annual_income", "annual_rigid_expense",
            "hardship_class", "main_cause", "single_parent", "zero_employment", "secondary_causes",
        )),
        ("档案与银行", (
            "file_no", "filed_date", "reviewed_date", "bank_name", "bank_card", "remarks",
        )),
    ),
    "members": (
        ("家庭成员", (
            "name", "relation", "id_number", "gender", "birth_date", "health", "monthly_income",
            "identity", "school", "grade",
        )),
    ),
    "assistance": (
        ("帮扶记录", (
            "date", "category", "cash", "goods", "goods_value", "funding_source", "operator",
            "remarks",
        )),
    ),
    "stations": (
        ("基本信息", (
            "name", "station_type", "township", "code", "address", "status", "host_unit",
            "host_kind", "build_mode", "manager", "phone", "built_date",
        )),
        ("规模与开放", (
            "area", "investment", "opening_hours", "open_24h", "star_level", "longitude",
            "latitude", "honors",
        )),
        ("设施与功能", ("facilities", "functions", "books", "periodicals", "demo_level",
                      "nursing_grade")),
        ("备注", ("remarks",)),
    ),
    "activities": (
        ("活动信息", (
            "name", "category", "start_date", "end_date", "place", "township", "organizer",
            "undertaker", "station_id", "funding_source",
        )),
        ("数字", (
            "participants", "person_times", "households_benefited", "cash", "goods_value",
            "cases", "money_recovered", "new_unions", "new_members", "new_migrant_members",
            "contest_trades", "contestants", "training_sessions", "trainees", "students",
        )),
        ("摘要", ("summary", "include_in_summary")),
    ),
}  # fmt: skip

# The registry list behind a drop-down whose field name is not itself a registry key.
CHOICE_LISTS: dict[tuple[str, str], str] = {
    ("assistance", "category"): "assistance_category",
    ("activities", "category"): "activity_category",
    ("stations", "status"): "station_status",
}

UNITS: dict[str, str] = {
    "monthly_income": "元", "family_annual_income": "元", "annual_rigid_expense": "元",
    "cash": "元", "goods_value": "元", "investment": "元", "money_recovered": "元",
    "area": "㎡", "family_size": "人", "participants": "人", "person_times": "人次",
    "households_benefited": "户", "books": "册", "periodicals": "种", "cases": "件",
    "new_unions": "家", "new_members": "人", "new_migrant_members": "人", "contest_trades": "个",
    "contestants": "人", "training_sessions": "期", "trainees": "人次", "students": "人",
    "star_level": "星", "visits": "人次", "longitude": "°", "latitude": "°",
}  # fmt: skip

LONG_TEXT = frozenset({"remarks", "summary", "honors"})
DATE_FIELDS = frozenset(
    {"birth_date", "filed_date", "reviewed_date", "date", "built_date", "start_date", "end_date"}
)
BOOL_FIELDS = frozenset({"single_parent", "zero_employment", "open_24h", "include_in_summary"})
MULTI_FIELDS = frozenset({"secondary_causes", "facilities", "functions"})
REQUIRED_DATES = frozenset({("assistance", "date"), ("activities", "start_date")})

# Station types whose extra fields show; everything else hides them.
SERVICE_CENTRES = frozenset(
    {"县级职工服务中心", "乡镇(街道)职工服务站", "村(社区)职工服务点", "企业职工服务站"}
)
STATION_EXTRAS: dict[str, frozenset[str]] = {
    "facilities": frozenset({"户外劳动者服务站点"}),
    "functions": SERVICE_CENTRES,
    "books": frozenset({"职工书屋"}),
    "periodicals": frozenset({"职工书屋"}),
    "demo_level": frozenset({"职工书屋"}),
    "nursing_grade": frozenset({"爱心妈妈小屋(母婴室)"}),
}
