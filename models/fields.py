"""Canonical field names of every record kind with their Chinese labels, in form and 花名册 order."""

from __future__ import annotations

# One table per record kind: canonical name → label as upper-level unions print it. The order is the
# column order of exports and templates and the order of form fields.
HOUSEHOLD_FIELDS: dict[str, str] = {
    "file_no": "档案编号",
    "name": "户主姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "id_number": "身份证号",
    "birth_date": "出生日期",
    "political_status": "政治面貌",
    "health": "健康状况",
    "disease": "疾病名称",
    "disability_kind": "残疾类别",
    "disability_grade": "残疾等级",
    "work_status": "工作状态",
    "model_worker": "劳模类型",
    "phone": "手机号码",
    "employer": "工作单位",
    "employer_nature": "单位性质",
    "industry": "所属行业",
    "marital_status": "婚姻状况",
    "hukou_type": "户口类型",
    "housing_type": "住房类型",
    "address": "家庭住址",
    "township": "所属乡镇(街道)",
    "family_size": "家庭人口",
    "monthly_income": "本人月收入(元)",
    "family_annual_income": "家庭年总收入(元)",
    "annual_rigid_expense": "年刚性支出(元)",
    "per_capita_monthly": "家庭月人均收入(元)",
    "medical_insurance": "医保状况",
    "single_parent": "是否单亲",
    "zero_employment": "是否零就业家庭",
    "hardship_class": "困难类别",
    "main_cause": "主要致困原因",
    "secondary_causes": "次要致困原因",
    "bank_name": "开户银行",
    "bank_card": "银行卡号",
    "status": "档案状态",
    "filed_date": "建档日期",
    "reviewed_date": "最近核查日期",
    "remarks": "备注",
}

MEMBER_FIELDS: dict[str, str] = {
    "head_id_number": "户主身份证号",
    "file_no": "档案编号",
    "name": "姓名",
    "relation": "与户主关系",
    "id_number": "身份证号",
    "gender": "性别",
    "birth_date": "出生日期",
    "health": "健康状况",
    "monthly_income": "月收入(元)",
    "identity": "人员身份",
    "school": "就读学校",
    "grade": "年级",
}

ASSISTANCE_FIELDS: dict[str, str] = {
    "head_id_number": "户主身份证号",
    "file_no": "档案编号",
    "head_name": "户主姓名",
    "date": "帮扶日期",
    "category": "帮扶类别",
    "cash": "现金金额(元)",
    "goods": "实物内容",
    "goods_value": "实物折价(元)",
    "funding_source": "资金来源",
    "operator": "经办人",
    "remarks": "备注",
}

STATION_FIELDS: dict[str, str] = {
    "code": "站点编号",
    "name": "名称",
    "station_type": "类型",
    "township": "所属乡镇(街道)",
    "address": "地址",
    "longitude": "经度",
    "latitude": "纬度",
    "host_unit": "依托单位",
    "host_kind": "依托单位类型",
    "build_mode": "建设模式",
    "manager": "负责人",
    "phone": "联系电话",
    "built_date": "建成日期",
    "area": "面积(㎡)",
    "investment": "投入资金(元)",
    "opening_hours": "开放时间",
    "open_24h": "24小时开放",
    "status": "状态",
    "star_level": "星级",
    "facilities": "设施",
    "functions": "服务功能",
    "books": "藏书册数",
    "periodicals": "报刊种数",
    "demo_level": "示范点级别",
    "nursing_grade": "配置档次",
    "honors": "荣誉",
    "remarks": "备注",
}

USAGE_FIELDS: dict[str, str] = {
    "station_code": "站点编号",
    "station_name": "站点名称",
    "township": "所属乡镇(街道)",
    "month": "月份",
    "visits": "服务人次",
    "remarks": "备注",
}

ACTIVITY_FIELDS: dict[str, str] = {
    "name": "活动名称",
    "category": "活动类别",
    "start_date": "开始日期",
    "end_date": "结束日期",
    "place": "活动地点",
    "township": "所属乡镇(街道)",
    "organizer": "主办单位",
    "undertaker": "承办单位",
    "station_name": "依托阵地",
    "participants": "参与人数",
    "person_times": "覆盖人次",
    "households_benefited": "受益户数",
    "cash": "现金投入(元)",
    "goods_value": "实物折价(元)",
    "funding_source": "资金来源",
    "cases": "案件数",
    "money_recovered": "挽回经济损失(元)",
    "new_unions": "新建工会数",
    "new_members": "新发展会员数",
    "new_migrant_members": "其中农民工会员",
    "contest_trades": "竞赛工种数",
    "contestants": "参赛人数",
    "training_sessions": "培训期数",
    "trainees": "培训人次",
    "students": "资助学生数",
    "summary": "内容摘要",
    "include_in_summary": "写入年度总结",
}

STATUS_CHANGE_FIELDS: dict[str, str] = {
    "date": "变更日期",
    "from_status": "原状态",
    "to_status": "新状态",
    "action": "操作",
    "reason": "原因",
    "route": "脱困路径",
    "operator": "经办人",
    "reviewer": "审核人",
}

FIELDS_BY_KIND: dict[str, dict[str, str]] = {
    "households": HOUSEHOLD_FIELDS,
    "members": MEMBER_FIELDS,
    "assistance": ASSISTANCE_FIELDS,
    "stations": STATION_FIELDS,
    "reststops": STATION_FIELDS,
    "usage": USAGE_FIELDS,
    "activities": ACTIVITY_FIELDS,
    "status_changes": STATUS_CHANGE_FIELDS,
}

KIND_LABELS: dict[str, str] = {
    "households": "困难职工档案",
    "members": "家庭成员",
    "assistance": "帮扶记录",
    "stations": "服务阵地",
    "reststops": "户外劳动者服务站点",
    "usage": "服务人次",
    "activities": "活动台账",
    "status_changes": "档案状态变更",
}

# Labels for names that are not columns of one kind, or whose generic label differs.
_GENERIC: dict[str, str] = {
    "name": "姓名",
    "category": "类别",
    "status": "状态",
    "date": "日期",
    "month": "月份",
    "year": "年度",
    "org_name": "填报单位",
    "township_name": "乡镇(街道)名称",
    "monthly_amount": "低保标准(元/月)",
    "assistance_category": "帮扶类别",
    "activity_category": "活动类别",
    "lift_route": "脱困路径",
    "close_reason": "销档原因",
    "reason": "原因",
    "reviewer": "审核人",
    "operator": "经办人",
    "username": "用户名",
    "password": "密码",
    "role": "角色",
    "display_name": "姓名",
    "caption": "照片说明",
    "taken_on": "拍摄日期",
}


def label_of(field: str, kind: str | None = None) -> str:
    """The Chinese label of a field, preferring the record kind's own wording."""
    if kind and field in FIELDS_BY_KIND.get(kind, {}):
        return FIELDS_BY_KIND[kind][field]
    if field in _GENERIC:
        return _GENERIC[field]
    for table in FIELDS_BY_KIND.values():
        if field in table:
            return table[field]
    return field
