"""Which fields each form shows, grouped in sections (what each field is comes from models.kinds)."""

from __future__ import annotations

# (section title, fields) per record kind; labels, types and units come from models.kinds.
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
