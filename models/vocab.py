"""Fixed value lists (DOMAIN.md word for word), accepted spellings of each, and their registry."""

from __future__ import annotations

# --- People -----------------------------------------------------------------------------------

GENDERS: tuple[str, ...] = ("男", "女")

# GB 3304 order, which is the order upper-level forms use in their drop-downs.
ETHNICITIES: tuple[str, ...] = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族",
    "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族",
    "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
)  # fmt: skip

POLITICAL_STATUSES: tuple[str, ...] = ("中共党员", "共青团员", "群众", "民主党派", "其他")

HEALTH_STATUSES: tuple[str, ...] = ("良好", "一般疾病", "患重特大疾病", "残疾")

DISABILITY_KINDS: tuple[str, ...] = ("视力", "听力", "言语", "智力", "肢体", "精神", "多重")
DISABILITY_GRADES: tuple[str, ...] = ("一级", "二级", "三级", "四级")

WORK_STATUSES: tuple[str, ...] = ("在岗", "下(待)岗", "失(无)业", "退休", "病休", "内退", "农民工")

MODEL_WORKER_TYPES: tuple[str, ...] = ("全国劳模", "省部级劳模", "地市级劳模", "其他", "无")

MARITAL_STATUSES: tuple[str, ...] = ("已婚", "未婚", "离异", "丧偶")

HUKOU_TYPES: tuple[str, ...] = ("非农业", "农业", "农转居")

# Not spelled out in DOMAIN.md: the options of the national 困难职工档案表 and common county forms.
HOUSING_TYPES: tuple[str, ...] = (
    "自有住房", "租住公房", "租住私房", "借住", "单位宿舍", "无房", "其他",
)  # fmt: skip

EMPLOYER_NATURES: tuple[str, ...] = (
    "机关", "事业单位", "国有企业", "集体企业", "私营企业", "外商投资企业", "港澳台商投资企业",
    "个体工商户", "社会组织", "其他",
)  # fmt: skip

# GB/T 4754-2017 门类, letter → name; the letter is accepted on import ("C" or "C制造业").
INDUSTRY_SECTIONS: dict[str, str] = {
    "A": "农、林、牧、渔业",
    "B": "采矿业",
    "C": "制造业",
    "D": "电力、热力、燃气及水生产和供应业",
    "E": "建筑业",
    "F": "批发和零售业",
    "G": "交通运输、仓储和邮政业",
    "H": "住宿和餐饮业",
    "I": "信息传输、软件和信息技术服务业",
    "J": "金融业",
    "K": "房地产业",
    "L": "租赁和商务服务业",
    "M": "科学研究和技术服务业",
    "N": "水利、环境和公共设施管理业",
    "O": "居民服务、修理和其他服务业",
    "P": "教育",
    "Q": "卫生和社会工作",
    "R": "文化、体育和娱乐业",
    "S": "公共管理、社会保障和社会组织",
    "T": "国际组织",
}
INDUSTRIES: tuple[str, ...] = tuple(INDUSTRY_SECTIONS.values())

MEDICAL_INSURANCE: tuple[str, ...] = (
    "城镇职工基本医疗保险", "城乡居民基本医疗保险", "公费医疗", "未参保", "其他",
)  # fmt: skip

MEMBER_IDENTITIES: tuple[str, ...] = (
    "在岗", "学生", "退休", "无业", "失业", "务农", "灵活就业", "学龄前", "其他",
)  # fmt: skip

RELATIONS: tuple[str, ...] = (
    "配偶", "子女", "父母", "配偶父母", "兄弟姐妹", "孙子女", "祖父母", "子女配偶", "其他",
)  # fmt: skip

# --- Hardship files ---------------------------------------------------------------------------

HARDSHIP_CLASSES: tuple[str, ...] = ("深度困难", "相对困难", "意外致困")

# Older files use the pre-2018 names; import maps them and keeps the original text on the record.
HARDSHIP_LEGACY: dict[str, str] = {
    "低保户": "深度困难",
    "低保边缘户": "相对困难",
    "意外致困户": "意外致困",
}

HARDSHIP_CAUSES: tuple[str, ...] = (
    "无劳动能力", "有劳动能力而未就业", "下岗失业", "未参加社会保险", "社会保险待遇落实不到位",
    "患重特大疾病", "遭受自然灾害", "遭受意外事故", "子女上学", "其他",
)  # fmt: skip
MAX_SECONDARY_CAUSES = 3

HOUSEHOLD_STATUSES: tuple[str, ...] = ("在档", "已脱困", "已销档")
LIFT_ROUTES: tuple[str, ...] = ("就业创业", "社保兜底", "社会救助", "工会帮扶", "其他")
CLOSE_REASONS: tuple[str, ...] = ("死亡", "退休", "调离", "不再符合条件", "重复建档")

# The clerk's year (models.reviews): entered on the 待办/核查 screen, never read from sheets, so
# they have no spellings and no place in CHOICES. Follow-up wording after the 防返困 台账 of
# county unions (回访方式 电话/入户, 回访结果 稳定/有返困风险/已返困).
REVIEW_RESULTS: tuple[str, ...] = ("情况属实", "已更新档案", "建议调整类别", "建议脱困", "建议销档")
FOLLOW_UP_WAYS: tuple[str, ...] = ("电话", "入户", "其他")
FOLLOW_UP_RESULTS: tuple[str, ...] = ("稳定", "有返困风险", "已返困")

ASSISTANCE_CATEGORIES: tuple[str, ...] = (
    "生活救助", "医疗救助", "子女助学/金秋助学", "送温暖慰问", "临时救助", "就业帮扶", "其他",
)  # fmt: skip

FUNDING_SOURCES: tuple[str, ...] = (
    "中央财政", "省财政", "市县财政", "本级工会经费", "上级工会拨款", "社会捐助",
)  # fmt: skip

# --- Stations (服务阵地) ----------------------------------------------------------------------

STATION_TYPES: tuple[str, ...] = (
    "县级职工服务中心", "乡镇(街道)职工服务站", "村(社区)职工服务点", "企业职工服务站",
    "户外劳动者服务站点", "职工书屋", "爱心妈妈小屋(母婴室)", "职工法律援助工作站",
    "爱心早餐供应点",
)  # fmt: skip

# DOMAIN.md lists the first seven and ends with "…"; the rest are the hosts counties report most.
HOST_KINDS: tuple[str, ...] = (
    "社区", "银行网点", "加油站", "企业", "环卫所", "政务大厅", "商超", "党群服务中心",
    "机关事业单位", "学校", "医院", "公园景区", "交通场站", "其他",
)  # fmt: skip

BUILD_MODES: tuple[str, ...] = ("工会自建", "共建共享")
STATION_STATUSES: tuple[str, ...] = ("运行", "整改", "停用", "撤销")

STATION_FACILITIES: tuple[str, ...] = (
    "饮水", "热饭(微波炉)", "休息桌椅", "空调/风扇", "卫生间", "充电", "应急药箱", "冰箱", "WiFi",
    "书报", "雨具", "维修工具", "AED",
)  # fmt: skip
# The standard kit of an outdoor workers' station: 桌椅, 饮水, 微波炉, 药箱, 空调或风扇.
STATION_STANDARD_KIT: tuple[str, ...] = (
    "休息桌椅", "饮水", "热饭(微波炉)", "应急药箱", "空调/风扇",
)  # fmt: skip

CENTRE_FUNCTIONS: tuple[str, ...] = (
    "困难帮扶", "法律援助", "信访接待", "就业服务", "技能培训", "心理咨询", "医疗互助", "12351热线",
)  # fmt: skip

LIBRARY_DEMO_LEVELS: tuple[str, ...] = ("全国", "省", "市")
NURSING_ROOM_GRADES: tuple[str, ...] = ("基础", "舒适")

# --- Activities -------------------------------------------------------------------------------

ACTIVITY_CATEGORIES: tuple[str, ...] = (
    "思想引领", "职工文化", "劳动和技能竞赛", "职工技能培训", "劳模工匠", "送温暖", "夏送清凉",
    "金秋助学", "春送岗位/就业服务", "法律援助与维权", "建会入会", "劳动保护(安康杯)", "疫情防控",
    "其他",
)  # fmt: skip

# --- Accepted spellings -----------------------------------------------------------------------
# Only spellings that mean the value for certain: an unclear cell must be refused, not guessed.
# Matching already ignores full-width/half-width, letter case, spaces and brackets, so entries
# here are real wording differences. Built-in extras (see validation) add the text with a
# bracketed part dropped ("下岗" for "下(待)岗") and each half of a "/" value ("空调").

GENDER_VARIANTS: dict[str, str] = {
    "男性": "男", "男士": "男", "male": "男", "m": "男",
    "女性": "女", "女士": "女", "female": "女", "f": "女",
}  # fmt: skip

# "汉" → "汉族" for every name; plus the short forms clerks use for the largest groups.
ETHNICITY_VARIANTS: dict[str, str] = {
    **{name.removesuffix("族"): name for name in ETHNICITIES if len(name) > 2},
    "汉": "汉族", "回": "回族", "藏": "藏族", "苗": "苗族", "彝": "彝族", "壮": "壮族",
    "满": "满族", "侗": "侗族", "瑶": "瑶族", "白": "白族", "黎": "黎族", "佤": "佤族",
    "畲": "畲族", "水": "水族", "土": "土族", "羌": "羌族", "怒": "怒族", "京": "京族",
    "维族": "维吾尔族", "蒙族": "蒙古族", "哈族": "哈萨克族", "朝族": "朝鲜族",
}  # fmt: skip

POLITICAL_STATUS_VARIANTS: dict[str, str] = {
    "党员": "中共党员", "共产党员": "中共党员", "中国共产党党员": "中共党员",
    "团员": "共青团员", "共青团": "共青团员", "中国共产主义青年团团员": "共青团员",
    "普通群众": "群众",
    "民革": "民主党派", "民盟": "民主党派", "民建": "民主党派", "民进": "民主党派",
    "农工党": "民主党派", "致公党": "民主党派", "九三学社": "民主党派", "台盟": "民主党派",
    "民主党派成员": "民主党派",
}  # fmt: skip

HEALTH_VARIANTS: dict[str, str] = {
    "健康": "良好", "身体健康": "良好",
    "患一般疾病": "一般疾病",
    "重特大疾病": "患重特大疾病", "患重大疾病": "患重特大疾病", "重大疾病": "患重特大疾病",
    "大病": "患重特大疾病",
    "残疾人": "残疾",
}  # fmt: skip

DISABILITY_KIND_VARIANTS: dict[str, str] = {
    **{f"{kind}残疾": kind for kind in DISABILITY_KINDS},
    "视力障碍": "视力", "听力障碍": "听力", "语言": "言语", "语言残疾": "言语",
}  # fmt: skip

DISABILITY_GRADE_VARIANTS: dict[str, str] = {
    variant: grade
    for number, grade in enumerate(DISABILITY_GRADES, start=1)
    for variant in (str(number), f"{number}级", grade[0], "壹贰叁肆"[number - 1] + "级")
}

WORK_STATUS_VARIANTS: dict[str, str] = {
    "在职": "在岗", "在岗职工": "在岗",
    "下岗职工": "下(待)岗", "待岗职工": "下(待)岗",
    "失业人员": "失(无)业",
    "退休职工": "退休", "已退休": "退休",
    "内部退养": "内退",
    "进城务工人员": "农民工", "外来务工人员": "农民工",
}  # fmt: skip

MODEL_WORKER_VARIANTS: dict[str, str] = {
    "全国劳动模范": "全国劳模", "全国先进工作者": "全国劳模",
    "省部级劳动模范": "省部级劳模", "省级劳模": "省部级劳模", "省劳模": "省部级劳模",
    "省级劳动模范": "省部级劳模",
    "地市级劳动模范": "地市级劳模", "市级劳模": "地市级劳模", "市劳模": "地市级劳模",
    "市级劳动模范": "地市级劳模",
    "非劳模": "无", "不是": "无", "否": "无",
}  # fmt: skip

MARITAL_VARIANTS: dict[str, str] = {
    "初婚": "已婚", "再婚": "已婚", "复婚": "已婚", "有配偶": "已婚",
    "离婚": "离异", "离异未再婚": "离异",
    "丧偶未再婚": "丧偶",
}  # fmt: skip

HUKOU_VARIANTS: dict[str, str] = {
    "非农业户口": "非农业", "非农": "非农业", "城镇": "非农业", "城镇户口": "非农业",
    "农业户口": "农业", "农村": "农业", "农村户口": "农业",
    "农转非": "农转居",
}  # fmt: skip

HOUSING_VARIANTS: dict[str, str] = {
    "自有房": "自有住房", "自有产权房": "自有住房", "自住房": "自有住房",
    "公租房": "租住公房", "廉租房": "租住公房", "租公房": "租住公房",
    "租私房": "租住私房", "租房": "租住私房",
    "借住亲友房": "借住", "借房": "借住",
    "宿舍": "单位宿舍",
    "无住房": "无房", "无固定住所": "无房",
}  # fmt: skip

EMPLOYER_NATURE_VARIANTS: dict[str, str] = {
    "党政机关": "机关", "行政机关": "机关", "机关单位": "机关",
    "事业": "事业单位",
    "国企": "国有企业", "国有": "国有企业", "国有控股企业": "国有企业",
    "集体": "集体企业",
    "私企": "私营企业", "民营企业": "私营企业", "民企": "私营企业",
    "外资企业": "外商投资企业", "外企": "外商投资企业", "外资": "外商投资企业",
    "港澳台资企业": "港澳台商投资企业", "港澳台企业": "港澳台商投资企业",
    "个体户": "个体工商户", "个体": "个体工商户",
    "社会团体": "社会组织", "民办非企业单位": "社会组织",
}  # fmt: skip

INDUSTRY_VARIANTS: dict[str, str] = {
    **INDUSTRY_SECTIONS,
    **{letter + name: name for letter, name in INDUSTRY_SECTIONS.items()},
    **{name.replace("、", ""): name for name in INDUSTRIES if "、" in name},
}

MEDICAL_INSURANCE_VARIANTS: dict[str, str] = {
    "职工医保": "城镇职工基本医疗保险", "城镇职工医保": "城镇职工基本医疗保险",
    "职工基本医疗保险": "城镇职工基本医疗保险",
    "居民医保": "城乡居民基本医疗保险", "城乡居民医保": "城乡居民基本医疗保险",
    "城镇居民医保": "城乡居民基本医疗保险", "新农合": "城乡居民基本医疗保险",
    "新型农村合作医疗": "城乡居民基本医疗保险", "城乡居民医疗保险": "城乡居民基本医疗保险",
    "无": "未参保", "没有": "未参保", "未参加": "未参保", "无医保": "未参保",
}  # fmt: skip

HARDSHIP_CLASS_VARIANTS: dict[str, str] = {
    **HARDSHIP_LEGACY,
    "深度困难职工": "深度困难", "深度困难户": "深度困难",
    "相对困难职工": "相对困难", "相对困难户": "相对困难",
    "意外致困职工": "意外致困",
}  # fmt: skip

HARDSHIP_CAUSE_VARIANTS: dict[str, str] = {
    "丧失劳动能力": "无劳动能力",
    "有劳动能力未就业": "有劳动能力而未就业",
    "下岗": "下岗失业", "失业": "下岗失业",
    "未参保": "未参加社会保险", "未参加社保": "未参加社会保险",
    "社保待遇落实不到位": "社会保险待遇落实不到位",
    "重特大疾病": "患重特大疾病", "患重大疾病": "患重特大疾病", "大病": "患重特大疾病",
    "自然灾害": "遭受自然灾害", "因灾": "遭受自然灾害",
    "意外事故": "遭受意外事故", "因意外": "遭受意外事故",
    "因学": "子女上学", "子女就学": "子女上学", "子女读书": "子女上学",
}  # fmt: skip

HOUSEHOLD_STATUS_VARIANTS: dict[str, str] = {
    "脱困": "已脱困", "销档": "已销档", "已销": "已销档",
}  # fmt: skip

LIFT_ROUTE_VARIANTS: dict[str, str] = {
    "就业": "就业创业", "创业": "就业创业",
    "社保": "社保兜底", "兜底": "社保兜底",
    "救助": "社会救助",
    "帮扶": "工会帮扶",
}  # fmt: skip

CLOSE_REASON_VARIANTS: dict[str, str] = {
    "去世": "死亡", "病故": "死亡", "死亡销档": "死亡",
    "调出": "调离", "工作调动": "调离",
    "不符合条件": "不再符合条件",
    "重复": "重复建档", "重复档案": "重复建档",
}  # fmt: skip

RELATION_VARIANTS: dict[str, str] = {
    **{word: "配偶" for word in ("妻子", "丈夫", "妻", "夫", "爱人", "老婆", "老公")},
    **{
        word: "子女"
        for word in ("儿子", "女儿", "子", "女", "长子", "次子", "长女", "次女",
                     "养子", "养女", "继子", "继女")
    },
    **{word: "父母" for word in ("父亲", "母亲", "父", "母", "爸爸", "妈妈")},
    **{word: "配偶父母" for word in ("岳父", "岳母", "公公", "婆婆")},
    **{
        word: "兄弟姐妹"
        for word in ("哥哥", "弟弟", "姐姐", "妹妹", "兄", "弟", "姐", "妹", "兄弟", "姐妹")
    },
    **{word: "孙子女" for word in ("孙子", "孙女", "外孙", "外孙子", "外孙女")},
    **{
        word: "祖父母"
        for word in ("祖父", "祖母", "爷爷", "奶奶", "外祖父", "外祖母", "外公", "外婆")
    },
    **{word: "子女配偶" for word in ("儿媳", "儿媳妇", "女婿")},
}  # fmt: skip

IDENTITY_VARIANTS: dict[str, str] = {
    "在职": "在岗", "就业": "在岗",
    "在读": "学生", "在校": "学生", "在校学生": "学生", "上学": "学生",
    "退休人员": "退休",
    "无业人员": "无业", "待业": "无业",
    "失业人员": "失业",
    "农民": "务农",
    "打零工": "灵活就业", "零工": "灵活就业",
    "婴幼儿": "学龄前", "幼儿": "学龄前", "学龄前儿童": "学龄前",
}  # fmt: skip

ASSISTANCE_CATEGORY_VARIANTS: dict[str, str] = {
    "助学": "子女助学/金秋助学",
    "送温暖": "送温暖慰问", "慰问": "送温暖慰问",
    "医疗": "医疗救助",
    "生活": "生活救助",
    "临时": "临时救助",
    "就业": "就业帮扶",
}  # fmt: skip

FUNDING_SOURCE_VARIANTS: dict[str, str] = {
    "中央财政资金": "中央财政", "中央": "中央财政",
    "省级财政": "省财政", "省财政资金": "省财政",
    "市财政": "市县财政", "县财政": "市县财政", "市级财政": "市县财政", "县级财政": "市县财政",
    "工会经费": "本级工会经费", "本级经费": "本级工会经费",
    "上级拨款": "上级工会拨款", "上级工会": "上级工会拨款",
    "社会捐赠": "社会捐助", "捐款": "社会捐助", "捐赠": "社会捐助",
}  # fmt: skip

STATION_TYPE_VARIANTS: dict[str, str] = {
    "县职工服务中心": "县级职工服务中心", "职工服务中心": "县级职工服务中心",
    "县总工会职工服务中心": "县级职工服务中心",
    "街道职工服务站": "乡镇(街道)职工服务站",
    "社区职工服务点": "村(社区)职工服务点",
    "工会驿站": "户外劳动者服务站点", "爱心驿站": "户外劳动者服务站点",
    "户外劳动者驿站": "户外劳动者服务站点", "驿站": "户外劳动者服务站点",
    "户外劳动者服务站": "户外劳动者服务站点",
    "书屋": "职工书屋",
    "母婴室": "爱心妈妈小屋(母婴室)",
    "法律援助工作站": "职工法律援助工作站",
    "爱心早餐点": "爱心早餐供应点",
}  # fmt: skip

HOST_KIND_VARIANTS: dict[str, str] = {
    "银行": "银行网点",
    "环卫站": "环卫所",
    "政务服务中心": "政务大厅", "便民服务中心": "政务大厅",
    "超市": "商超", "商场": "商超",
    "机关": "机关事业单位", "事业单位": "机关事业单位",
    "公园": "公园景区", "景区": "公园景区",
    "车站": "交通场站",
}  # fmt: skip

BUILD_MODE_VARIANTS: dict[str, str] = {
    "自建": "工会自建", "共建": "共建共享",
}  # fmt: skip

STATION_STATUS_VARIANTS: dict[str, str] = {
    "运行中": "运行", "正常": "运行", "正常运行": "运行", "在用": "运行", "开放": "运行",
    "整改中": "整改", "待整改": "整改",
    "已停用": "停用", "暂停": "停用", "暂停使用": "停用",
    "已撤销": "撤销", "撤除": "撤销",
}  # fmt: skip

FACILITY_VARIANTS: dict[str, str] = {
    "饮水机": "饮水", "热水": "饮水", "开水": "饮水",
    "热饭": "热饭(微波炉)", "微波炉": "热饭(微波炉)",
    "桌椅": "休息桌椅", "座椅": "休息桌椅", "休息座椅": "休息桌椅",
    "空调": "空调/风扇", "风扇": "空调/风扇", "电风扇": "空调/风扇", "空调或风扇": "空调/风扇",
    "厕所": "卫生间", "洗手间": "卫生间",
    "手机充电": "充电",
    "药箱": "应急药箱", "医药箱": "应急药箱", "急救箱": "应急药箱",
    "无线网络": "WiFi", "无线网": "WiFi", "wi-fi": "WiFi",
    "报刊": "书报", "图书": "书报",
    "雨伞": "雨具",
    "工具箱": "维修工具", "打气筒": "维修工具",
    "除颤仪": "AED", "自动体外除颤器": "AED",
}  # fmt: skip

FUNCTION_VARIANTS: dict[str, str] = {
    "帮扶": "困难帮扶",
    "信访": "信访接待",
    "培训": "技能培训",
    "心理疏导": "心理咨询",
    "12351": "12351热线",
}  # fmt: skip

DEMO_LEVEL_VARIANTS: dict[str, str] = {
    "全国级": "全国", "国家级": "全国", "全总": "全国",
    "省级": "省", "市级": "市",
}  # fmt: skip

NURSING_GRADE_VARIANTS: dict[str, str] = {
    "基础型": "基础", "基本型": "基础",
    "舒适型": "舒适",
}  # fmt: skip

ACTIVITY_CATEGORY_VARIANTS: dict[str, str] = {
    # the examples DOMAIN.md gives in brackets after each category
    **{word: "思想引领" for word in ("职工诵读", "大学习课堂", "宣讲")},
    **{word: "职工文化" for word in ("文艺汇演", "运动会", "书画摄影展", "文体活动")},
    "技能竞赛": "劳动和技能竞赛", "劳动竞赛": "劳动和技能竞赛",
    "技能培训": "职工技能培训", "培训": "职工技能培训",
    "劳模评选": "劳模工匠", "创新工作室": "劳模工匠",
    "就业服务": "春送岗位/就业服务", "春风行动": "春送岗位/就业服务",
    "法律援助": "法律援助与维权", "维权": "法律援助与维权",
    "安康杯": "劳动保护(安康杯)",
}  # fmt: skip

# --- Registry ---------------------------------------------------------------------------------

CHOICES: dict[str, tuple[str, ...]] = {
    "gender": GENDERS,
    "ethnicity": ETHNICITIES,
    "political_status": POLITICAL_STATUSES,
    "health": HEALTH_STATUSES,
    "disability_kind": DISABILITY_KINDS,
    "disability_grade": DISABILITY_GRADES,
    "work_status": WORK_STATUSES,
    "model_worker": MODEL_WORKER_TYPES,
    "marital_status": MARITAL_STATUSES,
    "hukou_type": HUKOU_TYPES,
    "housing_type": HOUSING_TYPES,
    "employer_nature": EMPLOYER_NATURES,
    "industry": INDUSTRIES,
    "medical_insurance": MEDICAL_INSURANCE,
    "hardship_class": HARDSHIP_CLASSES,
    "main_cause": HARDSHIP_CAUSES,
    "secondary_causes": HARDSHIP_CAUSES,
    "status": HOUSEHOLD_STATUSES,
    "lift_route": LIFT_ROUTES,
    "close_reason": CLOSE_REASONS,
    "relation": RELATIONS,
    "identity": MEMBER_IDENTITIES,
    "assistance_category": ASSISTANCE_CATEGORIES,
    "activity_category": ACTIVITY_CATEGORIES,
    "funding_source": FUNDING_SOURCES,
    "station_type": STATION_TYPES,
    "host_kind": HOST_KINDS,
    "build_mode": BUILD_MODES,
    "station_status": STATION_STATUSES,
    "facilities": STATION_FACILITIES,
    "functions": CENTRE_FUNCTIONS,
    "demo_level": LIBRARY_DEMO_LEVELS,
    "nursing_grade": NURSING_ROOM_GRADES,
}

VARIANTS: dict[str, dict[str, str]] = {
    "gender": GENDER_VARIANTS,
    "ethnicity": ETHNICITY_VARIANTS,
    "political_status": POLITICAL_STATUS_VARIANTS,
    "health": HEALTH_VARIANTS,
    "disability_kind": DISABILITY_KIND_VARIANTS,
    "disability_grade": DISABILITY_GRADE_VARIANTS,
    "work_status": WORK_STATUS_VARIANTS,
    "model_worker": MODEL_WORKER_VARIANTS,
    "marital_status": MARITAL_VARIANTS,
    "hukou_type": HUKOU_VARIANTS,
    "housing_type": HOUSING_VARIANTS,
    "employer_nature": EMPLOYER_NATURE_VARIANTS,
    "industry": INDUSTRY_VARIANTS,
    "medical_insurance": MEDICAL_INSURANCE_VARIANTS,
    "hardship_class": HARDSHIP_CLASS_VARIANTS,
    "main_cause": HARDSHIP_CAUSE_VARIANTS,
    "secondary_causes": HARDSHIP_CAUSE_VARIANTS,
    "status": HOUSEHOLD_STATUS_VARIANTS,
    "lift_route": LIFT_ROUTE_VARIANTS,
    "close_reason": CLOSE_REASON_VARIANTS,
    "relation": RELATION_VARIANTS,
    "identity": IDENTITY_VARIANTS,
    "assistance_category": ASSISTANCE_CATEGORY_VARIANTS,
    "activity_category": ACTIVITY_CATEGORY_VARIANTS,
    "funding_source": FUNDING_SOURCE_VARIANTS,
    "station_type": STATION_TYPE_VARIANTS,
    "host_kind": HOST_KIND_VARIANTS,
    "build_mode": BUILD_MODE_VARIANTS,
    "station_status": STATION_STATUS_VARIANTS,
    "facilities": FACILITY_VARIANTS,
    "functions": FUNCTION_VARIANTS,
    "demo_level": DEMO_LEVEL_VARIANTS,
    "nursing_grade": NURSING_GRADE_VARIANTS,
}

# Chinese names of the lists whose registry key is not a column name in models.fields.
LIST_LABELS: dict[str, str] = {
    "station_status": "站点状态",
    "assistance_category": "帮扶类别",
    "activity_category": "活动类别",
}

# Registry keys whose values are picked several at a time (stored as a tuple).
MULTI_CHOICE_FIELDS: frozenset[str] = frozenset({"secondary_causes", "facilities", "functions"})
