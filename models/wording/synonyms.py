"""Wordings seen in real 档案表, 填表说明, 统计表 and national code tables, per value list.

Each group names where the wording was read. These tables add to the spellings in
`models.vocab.VARIANTS` (which the forms already accept); both are keyed by the list names of
`models.vocab.CHOICES`. Matching ignores width, spaces and letter case, so entries here are real
wording differences only. A wording that could mean two values is left out on purpose: the
matcher then reports it unmatched (or 其他) instead of guessing.

Sources (cited by letter below):
  A  困难职工解困脱困档案表 填表说明 — doczj.com/doc/2d13191600.html
  B  困难职工档案表（范本）填表说明 — 360docs.net/doc/b616033257.html
  C  困难职工登记表（附件3）填表说明 — 360docs.net/doc/4c16096565.html
  D  困难职工档案表及填报说明（2020）— m.wenku365.com/p-56060167.html
  E  困难职工档案表格填表说明 — xiexiebang.com/a13/201905159/bab810fa419e2ca3.html
  F  困難職工檔案表與填表說明 — hongweilanqiujulebu.com/dangan/1218457.html
  H  上海工会 调查户基本情况登记表 — kleyou.com/html/text/lar/173805/17380537_1.html
  I  残疾状况 dictionary migration of a public case-management system (GitHub code index)
  J  视力残疾分级: o15.net/1498868579743303299.html; zsbeike.com/yixue/1916131.html
  L  GB/T 4754-2017 大类表 (bubsandbeans.com/paper/240348036.html; a public industry_list in the
     GitHub code index) and GB/T 4754-2002 门类 (360docs.net/doc/2617883926.html)
  M  GB/T 4762 政治面貌代码 (public code tables in the GitHub code index)
  N  医保 options of real forms (GitHub code index: 城镇职工医疗保险/城镇居民医疗保险/公费医疗/
     新型农村合作医疗/商业医疗保险/全公费/部分公费/城职/城乡); m.jiusongjiankang.com/health/news/5903442.html
  O  帮扶资金 wording — ningde.gqsoso.com/ningde/20230123/591952.html (全总下拨中央财政帮扶资金);
     fcxnews.cn/bmcz/202010/t20201031_4889683.html (工会自筹、企业捐赠、职工捐款、社会募集);
     jxxfw.com/periodical/0fa008aa920064897da0d82e9af545c8.html (县总, 上级和本级工会拨款, 一日捐)
  P  驿站 reports — mnw.cn/quanzhou/news/2536761.html; shcafe.org/shzxxw/30251.html;
     szb.eyesnews.cn/pc/cont/202601/21/content_171693.html; czwb.bohaitoday.com/pc/content/202302/06/
     content_81295.html; m.studyofnet.com/331704659.html; news.h-u.cn/20230814/3065691.html;
     xingmingjy.com/content/2023-08/10/content_99476.html; 央视 (g.golangjump.com/?YLPv=J.html)
  Q  station state labels of a public venue registry (GitHub code index: 筹备中/小范围试运营/运营中/
     暂停运营/停止开放)
  R  河北 职工困难帮扶六类 — sjz.hebzgfw.cn/jzs/zcfg/201912/t20191231_291929.html
  S  西安市总工会 因病致贫致困 — soolun.net/periodical/29679dd9f7ed349ceddb8b3fa2786f4d.html
  T  全国扶贫开发信息系统 致贫原因 — fx361.cc/page/2018/0112/4692781.shtml; chuolao.com/zatan/14940.html
  U  GB/T 4761 家庭关系代码 (public code tables in the GitHub code index)
  V  职工服务中心 windows — auribault.com/28/201406/30/140630071653370.shtml;
     epaper.zjgrrb.com/html/2016-04/14/content_2543189.htm; qianlongyuan.cn/newsinfo/146/1284292;
     ghqlgyb.cn/quanzhou/licheng/956408.html
  W  GB/T 2261.2 婚姻状况代码 (public code tables in the GitHub code index)
  X  妈妈小屋 reports — nengyuanchn.com/zaisheng/31020.html (爱心妈咪小屋); news.h0591.com/2023/0806/
     406146.htm (妈妈小屋); wangdaisj.com/archiver/tid-270649.html (爱心妈咪屋, 母婴休息室)
  Y  帮扶 reports — news.jsw.com.cn/zjnews/2013-11/20/content_2954729.htm (困难职工大病救助, paid
     as 医疗帮扶); hbsrysw.com/html/.ngtdngwqgzxx_10027201302t20130201_1012412.html (节日生活帮扶、
     大病救助); 110ask.com/zhishi/7207476566429209149.html (车祸 as 交通事故; 生活困难补助)
  Z  工会 activity and 职工服务中心 reports — lf.hebzgfw.cn/dcx/hdzs/202412/t20241204_1147034.html
     (普法宣传资料、现场法律咨询); bszgh.cn/ghxw/2018-12-05/1306.html (工会法律援助宣传, 法律咨询);
     yangchun.gov.cn/zxzx/ycyw/content/post_702760.html (劳模座谈会); cdtlsm.com/xinwenzixun/
     2790.html (windows 困难帮扶、法律援助、政策咨询、就业介绍)
  G  驿站 hosts — nxr.ahnews.com.cn/news/2024/11/06/c_2510.htm (农商银行 营业网点 设立工会驿站);
     hfemr.com/nc/content/2024-08/09/content_163645.htm (银行 与市总工会 联合打造 工会驿站)
"""

from __future__ import annotations

SYNONYMS: dict[str, dict[str, str]] = {
    # M: GB/T 4762 full names; 366358383 in the index shortens 预备党员 to 中共预备党员. The app's
    # list has no 预备党员, and a probationary member is a party member for these counts.
    "political_status": {
        "正式党员": "中共党员",
        "中国共产党预备党员": "中共党员", "中共预备党员": "中共党员", "预备党员": "中共党员",
        "中国国民党革命委员会会员": "民主党派", "民革会员": "民主党派",
        "中国民主同盟盟员": "民主党派", "民盟盟员": "民主党派",
        "中国民主建国会会员": "民主党派", "民建会员": "民主党派",
        "中国民主促进会会员": "民主党派", "民进会员": "民主党派",
        "中国农工民主党党员": "民主党派", "农工党党员": "民主党派",
        "中国致公党党员": "民主党派", "致公党党员": "民主党派",
        "九三学社社员": "民主党派",
        "台湾民主自治同盟盟员": "民主党派", "台盟盟员": "民主党派",
        # 无党派人士 are neither a party nor 群众 in GB/T 4762 (code 12): 其他.
        "无党派民主人士": "其他", "无党派人士": "其他", "无党派": "其他",
    },
    # Diseases named in a 健康状况 cell are read by MAJOR_DISEASES / GENERAL_DISEASES below;
    # news.sina.com.cn/c/2003-08-18/1914588685s.shtml counts 慢性病 apart from 严重疾病.
    "health": {"慢性病": "一般疾病",
               # E: 良好 is the list's first option; a sheet answers it in one character.
               "好": "良好"},
    # A, B: 身份/工作状态. 离休 (pre-1949 cadres) is a kind of retirement with no slot of its own;
    # 待岗 and 无业 are the bracketed halves of 下(待)岗 and 失(无)业.
    "work_status": {"待岗": "下(待)岗", "无业": "失(无)业", "离休": "退休"},
    # A, B: 住房类型 of the old forms; H: 上海 房屋产权 options.
    "housing_type": {
        "承租单位公房": "租住公房", "政府廉租房": "租住公房", "租赁公房": "租住公房",
        "自购房": "自有住房", "自建房": "自有住房", "商品房": "自有住房", "经济适用房": "自有住房",
        "两限房": "自有住房", "自有私房": "自有住房", "售后公房": "自有住房",
        "自购商品房": "自有住房", "安置商品房": "自有住房", "安置房": "自有住房",
        "租赁私房": "租住私房",
        "借住亲戚家": "借住",  # issue 10's example; other 借住… cells match by containment
    },
    # A: 单位性质 of the old forms (国有机关/事业单位 names two values: left to the matcher).
    "employer_nature": {
        "国有机关": "机关", "民营": "私营企业", "私营": "私营企业",
        "个体企业": "个体工商户",
    },
    # A, B: the old 所属行业 options mapped to GB/T 4754-2017 门类 by the 大类 they belong to (L):
    # 纺织业 C17, 黑色/有色金属冶炼 C31/C32, 煤炭开采和洗选业 B06, 化学原料 C26, 电气机械 C38,
    # 仪器仪表 C40. 城建/财贸/医药/社会服务业 span several 门类 (see AMBIGUOUS); 军队 has none.
    "industry": {
        "纺织系统": "制造业", "冶金系统": "制造业", "煤炭系统": "采矿业", "机电系统": "制造业",
        "电子仪表": "制造业", "化工系统": "制造业", "国防系统": "制造业", "精工系统": "制造业",
        "金融保险业": "金融业", "保险业": "金融业",
        "科技": "科学研究和技术服务业", "文化": "文化、体育和娱乐业",
        "体育": "文化、体育和娱乐业", "宗教": "公共管理、社会保障和社会组织",
        "医疗卫生": "卫生和社会工作", "国家机关": "公共管理、社会保障和社会组织",
        # L: 中类 782 环境卫生管理 belongs to 公共设施管理业 (N78), not to 卫生 (Q84).
        "环境卫生": "水利、环境和公共设施管理业", "环卫": "水利、环境和公共设施管理业",
        # L: GB/T 4754-2002 门类 names that the 2011/2017 editions renamed.
        "电力、燃气及水的生产和供应业": "电力、热力、燃气及水生产和供应业",
        "信息传输、计算机服务和软件业": "信息传输、软件和信息技术服务业",
        "科学研究、技术服务和地质勘查业": "科学研究和技术服务业",
        "居民服务和其他服务业": "居民服务、修理和其他服务业",
        "卫生、社会保障和社会福利业": "卫生和社会工作",
        "公共管理和社会组织": "公共管理、社会保障和社会组织",
        # L: GB/T 4754-2017 大类 (01–97), each under its 门类.
        **{name: "农、林、牧、渔业" for name in (
            "农业", "林业", "畜牧业", "渔业", "农、林、牧、渔专业及辅助性活动")},
        **{name: "采矿业" for name in (
            "煤炭开采和洗选业", "石油和天然气开采业", "黑色金属矿采选业", "有色金属矿采选业",
            "非金属矿采选业", "开采专业及辅助性活动", "其他采矿业")},
        **{name: "制造业" for name in (
            "农副食品加工业", "食品制造业", "酒、饮料和精制茶制造业", "烟草制品业", "纺织业",
            "纺织服装、服饰业", "皮革、毛皮、羽毛及其制品和制鞋业",
            "木材加工和木、竹、藤、棕、草制品业", "家具制造业", "造纸和纸制品业",
            "印刷和记录媒介复制业", "文教、工美、体育和娱乐用品制造业",
            "石油、煤炭及其他燃料加工业", "化学原料和化学制品制造业", "医药制造业",
            "化学纤维制造业", "橡胶和塑料制品业", "非金属矿物制品业", "黑色金属冶炼和压延加工业",
            "有色金属冶炼和压延加工业", "金属制品业", "通用设备制造业", "专用设备制造业",
            "汽车制造业", "铁路、船舶、航空航天和其他运输设备制造业", "电气机械和器材制造业",
            "计算机、通信和其他电子设备制造业", "仪器仪表制造业", "其他制造业",
            "废弃资源综合利用业", "金属制品、机械和设备修理业")},
        **{name: "电力、热力、燃气及水生产和供应业" for name in (
            "电力、热力生产和供应业", "燃气生产和供应业", "水的生产和供应业")},
        **{name: "建筑业" for name in (
            "房屋建筑业", "土木工程建筑业", "建筑安装业", "建筑装饰、装修和其他建筑业")},
        **{name: "批发和零售业" for name in ("批发业", "零售业")},
        **{name: "交通运输、仓储和邮政业" for name in (
            "铁路运输业", "道路运输业", "水上运输业", "航空运输业", "管道运输业",
            "多式联运和运输代理业", "装卸搬运和仓储业", "邮政业")},
        **{name: "住宿和餐饮业" for name in ("住宿业", "餐饮业")},
        **{name: "信息传输、软件和信息技术服务业" for name in (
            "电信、广播电视和卫星传输服务", "互联网和相关服务", "软件和信息技术服务业")},
        **{name: "金融业" for name in ("货币金融服务", "资本市场服务", "其他金融业")},
        **{name: "租赁和商务服务业" for name in ("租赁业", "商务服务业")},
        **{name: "科学研究和技术服务业" for name in (
            "研究和试验发展", "专业技术服务业", "科技推广和应用服务业")},
        **{name: "水利、环境和公共设施管理业" for name in (
            "水利管理业", "生态保护和环境治理业", "公共设施管理业", "土地管理业")},
        **{name: "居民服务、修理和其他服务业" for name in (
            "居民服务业", "机动车、电子产品和日用产品修理业", "其他服务业")},
        **{name: "卫生和社会工作" for name in ("卫生", "社会工作")},
        **{name: "文化、体育和娱乐业" for name in (
            "新闻和出版业", "广播、电视、电影和录音制作业", "文化艺术业", "娱乐业")},
        **{name: "公共管理、社会保障和社会组织" for name in (
            "中国共产党机关", "国家机构", "人民政协、民主党派", "社会保障",
            "群众团体、社会团体和其他成员组织", "基层群众自治组织及其他组织")},
    },
    # N: the names real forms give the same schemes. 商业医疗保险 and 贫困救助 are not basic
    # insurance: left to 其他.
    "medical_insurance": {
        "城镇职工医疗保险": "城镇职工基本医疗保险", "城职": "城镇职工基本医疗保险",
        "城镇居民医疗保险": "城乡居民基本医疗保险",
        "城镇居民基本医疗保险": "城乡居民基本医疗保险",
        "新型农村合作医疗保险": "城乡居民基本医疗保险",
        "农村合作医疗保险": "城乡居民基本医疗保险", "城乡": "城乡居民基本医疗保险",
        "全公费": "公费医疗", "部分公费": "公费医疗",
        # F: 是否进入医保 answered in the 医保 column.
        "未进入医保": "未参保",
    },
    # B, F: 困难类别 by 低保 status (低保线以上 / 享受低保 / 未享受低保). Both 低保 answers mean an
    # income under the line, which is the 深度困难 test; above the line is 相对困难.
    "hardship_class": {
        "享受低保": "深度困难", "未享受低保": "深度困难", "低保线以上": "相对困难",
    },
    # D: the numbered code list of the 2020 档案表 (1.无劳动能力 … 10.其他); S, T: 因X wording.
    "main_cause": {
        **{str(number): cause for number, cause in enumerate((
            "无劳动能力", "有劳动能力而未就业", "下岗失业", "未参加社会保险",
            "社会保险待遇落实不到位", "患重特大疾病", "遭受自然灾害", "遭受意外事故", "子女上学",
            "其他"), start=1)},
        # S: 因病致贫致困 ("一人大病，全家致困") is how 档案库 counts 患重特大疾病; sina (above):
        # 疾病致贫, 患病未就业.
        "因病": "患重特大疾病", "疾病": "患重特大疾病", "患病": "患重特大疾病",
        "病困": "患重特大疾病",
        # T: 因残 and 缺劳力 both mean no one can work ("因为残疾导致没有劳动力").
        "因残": "无劳动能力", "缺劳力": "无劳动能力", "没有劳动力": "无劳动能力",
        "无劳动力": "无劳动能力",
        # F: 子女教育 in its definition of 困难职工; T: 教育支出, 孩子上高中和大学.
        "子女教育": "子女上学", "教育支出": "子女上学", "子女上大学": "子女上学",
        "意外灾害": "遭受自然灾害",  # S
        # R: 非工伤意外伤害, 家庭财产火灾损失.
        "意外伤害": "遭受意外事故", "火灾": "遭受意外事故",
        # A, D: 是否为零就业家庭 — nobody in work although able to.
        "零就业": "有劳动能力而未就业",
        # Y: a 车祸 is a 交通事故, an accident that is not a natural disaster.
        "车祸": "遭受意外事故",
        # D: 4.未参加社会保险, as a clerk says it (社保 is short for 社会保险).
        "没有社保": "未参加社会保险", "没社保": "未参加社会保险", "无社保": "未参加社会保险",
    },
    # Q: what a venue registry calls the same states; P: 投入使用, 投用; issue 10: 正常运营, 在建.
    # A station being built or prepared is not in service yet: 停用.
    "station_status": {
        "运营中": "运行", "正常运营": "运行", "试运营": "运行", "小范围试运营": "运行",
        "投入使用": "运行", "投用": "运行",
        "暂停运营": "停用", "停止开放": "停用", "在建": "停用", "筹备中": "停用",
    },
    # The 档案 lifecycle in the words of 解困脱困 (D: 确定困难职工是否为解困脱困对象), and
    # DOMAIN §5's 正常; 返困 puts a file back in 在档 (DOMAIN §1).
    "status": {
        "正常": "在档", "建档": "在档", "已建档": "在档", "返困": "在档",
        "解困": "已脱困", "已解困": "已脱困", "解困脱困": "已脱困",
    },
    # U: GB/T 4761 家庭关系代码 names. 本人/户主 are the head, not a relation: see HEAD_WORDS.
    "relation": {
        **{name: "子女" for name in (
            "独生子", "三子", "四子", "五子", "养子或继子", "其他儿子", "独生女", "二女", "三女",
            "四女", "五女", "养女或继女", "其他女儿")},
        "孙子、孙女或外孙子、外孙女": "孙子女",
        **{name: "父母" for name in ("继父或养父", "继母或养母", "继父", "继母", "养父", "养母")},
        **{name: "兄弟姐妹" for name in ("其他兄弟姐妹",)},
    },
    # R: 河北's six kinds of help, in the words of its notice; O: "两节"送温暖; issue 10: 助学金;
    # scholarmate.com/S/BYrQCP: 金秋助学; news.43b.com.cn/a/1331274.html: 生活补助.
    "assistance_category": {
        "子女助学": "子女助学/金秋助学", "金秋助学": "子女助学/金秋助学",
        "助学金": "子女助学/金秋助学",
        "创业就业服务": "就业帮扶", "职业介绍": "就业帮扶", "就业培训": "就业帮扶",
        "两节送温暖": "送温暖慰问",
        "生活补助": "生活救助", "生活补贴": "生活救助",
        # Y: 困难补助 is the 生活困难补助; 大病救助 is paid as 医疗帮扶.
        "困难补助": "生活救助", "大病救助": "医疗救助",
    },
    # O: the words of 资金 reports. 全总/省总/市总 are upper-level unions; 县总 is this office.
    "funding_source": {
        "中央财政帮扶资金": "中央财政",
        "全总拨付": "上级工会拨款", "全总下拨": "上级工会拨款",
        "省总补助": "上级工会拨款", "省总拨付": "上级工会拨款", "省总下拨": "上级工会拨款",
        "省总工会": "上级工会拨款", "市总下拨": "上级工会拨款", "市总拨付": "上级工会拨款",
        "市总补助": "上级工会拨款", "市总工会": "上级工会拨款", "上级工会补助": "上级工会拨款",
        "县总拨付": "本级工会经费", "县总工会": "本级工会经费", "县总": "本级工会经费",
        "区总": "本级工会经费", "区总工会": "本级工会经费", "工会自筹": "本级工会经费",
        "本级工会拨款": "本级工会经费",
        "企业捐赠": "社会捐助", "职工捐款": "社会捐助", "社会募集": "社会捐助",
        "一日捐": "社会捐助",
    },
    # P, X: the names the reports give each kind of station.
    "station_type": {
        "户外工作者服务站": "户外劳动者服务站点", "户外职工站": "户外劳动者服务站点",
        "户外职工爱心驿站": "户外劳动者服务站点", "劳动者港湾": "户外劳动者服务站点",
        "24小时工会驿站": "户外劳动者服务站点", "智能驿站": "户外劳动者服务站点",
        "环卫工人爱心服务点": "户外劳动者服务站点",
        "爱心妈咪小屋": "爱心妈妈小屋(母婴室)", "爱心妈咪屋": "爱心妈妈小屋(母婴室)",
        "妈妈小屋": "爱心妈妈小屋(母婴室)", "母婴休息室": "爱心妈妈小屋(母婴室)",
        # V: the county 困难职工帮扶中心 became the 职工服务中心.
        "困难职工帮扶中心": "县级职工服务中心",
    },
    # P: what the reports say each station has.
    "facilities": {
        "茶水": "饮水", "热饮": "饮水", "饮水纳凉": "饮水",
        "微波炉加热": "热饭(微波炉)", "餐食加热": "热饭(微波炉)", "饭菜加热": "热饭(微波炉)",
        "沙发": "休息桌椅", "休息": "休息桌椅",
        "恒温空调": "空调/风扇",
        "独立卫生间": "卫生间", "如厕": "卫生间", "休息如厕": "卫生间",
        "手机充电器": "充电", "多功能充电": "充电", "多功能充电设备": "充电",
        "应急药品": "应急药箱", "急救药箱": "应急药箱",
        "基础医疗急救药物": "应急药箱",
        "迷你冰箱": "冰箱",
        "书报架": "书报", "图书阅览": "书报", "读书阅览": "书报",
        "维修工具箱": "维修工具",
    },
    # V: the windows of county 职工服务中心.
    "functions": {
        "困难救助": "困难帮扶", "困难职工帮扶": "困难帮扶",
        "法律维权": "法律援助", "劳动权益维护": "法律援助",
        "职工信访接待": "信访接待",
        "职工心理咨询": "心理咨询",
        "就业指导": "就业服务", "就业推介": "就业服务",
        "互助保障": "医疗互助", "职工医疗互助": "医疗互助",
        "12351职工服务热线": "12351热线", "职工服务热线": "12351热线",
        "12351职工维权热线": "12351热线",
        # Z: the legal window answers 法律咨询 and runs 普法宣传; 就业介绍/职业介绍 is 就业服务.
        "法律咨询": "法律援助", "普法宣传": "法律援助",
        "职业介绍": "就业服务", "就业介绍": "就业服务",
    },
    # Z: what 活动台账 call the 法律援助与维权 and 劳模工匠 work.
    "activity_category": {
        "普法宣传": "法律援助与维权", "法律咨询": "法律援助与维权",
        "劳模座谈": "劳模工匠", "劳模座谈会": "劳模工匠",
    },
    # G: a 农商行 (农村商业银行) branch hosts a 驿站 as a bank's 营业网点.
    "host_kind": {"农商行": "银行网点", "农商银行": "银行网点"},
    # G: a 驿站 built 联合 with the host is 共建.
    "build_mode": {"联建": "共建共享"},
}  # fmt: skip

# Wordings of real forms that name more than one value: never mapped, but the mapping step
# proposes these values to the clerk. A: 城建/财贸/医药系统, 社会服务业 (GB/T 4754-1994 K spans
# several 2017 门类); O: 政府支持 does not say which level of government paid.
AMBIGUOUS: dict[str, dict[str, tuple[str, ...]]] = {
    "industry": {
        "城建系统": ("电力、热力、燃气及水生产和供应业", "建筑业", "水利、环境和公共设施管理业"),
        "财贸系统": ("批发和零售业", "住宿和餐饮业", "金融业"),
        "医药系统": ("制造业", "批发和零售业", "卫生和社会工作"),
        "社会服务业": (
            "租赁和商务服务业", "水利、环境和公共设施管理业", "居民服务、修理和其他服务业"),
    },
    "funding_source": {"政府支持": ("中央财政", "省财政", "市县财政")},
    # W: GB/T 2261.2 has no 单身; a public code table keeps it apart from 未婚, 离婚 and 丧偶.
    "marital_status": {"单身": ("未婚", "离异", "丧偶")},
    "employer_nature": {"国有机关/事业单位": ("机关", "事业单位")},
}  # fmt: skip

# DOMAIN §5: 单亲 and 零就业 are written among the causes; the file has a yes/no field for each.
CAUSE_FLAGS: dict[str, str] = {
    "单亲": "single_parent", "单亲家庭": "single_parent",
    "零就业": "zero_employment", "零就业家庭": "zero_employment",
}  # fmt: skip

# U: GB/T 4761 codes 01 本人 and 02 户主; member sheets list the head this way (DOMAIN §5).
HEAD_WORDS: frozenset[str] = frozenset({"本人", "户主", "户主本人", "本户主"})

# A, B, C, E: 健康状况 options naming a disease; the matcher keeps the name as the disease text.
# C adds the conditions of 中国保险行业协会《重大疾病保险的疾病定义使用规范》 cited by R.
MAJOR_DISEASES: tuple[str, ...] = (
    "癌症", "恶性肿瘤", "尿毒症", "终末期肾病", "肾衰竭", "白血病", "心血管病", "脑血管病",
    "精神病", "血液病", "深度昏迷", "永久瘫痪", "瘫痪", "严重阿尔茨海默病", "严重帕金森病",
    "严重运动神经元病", "急性心肌梗死", "心肌梗塞", "脑中风", "脑卒中", "器官移植",
    "造血干细胞移植", "冠状动脉搭桥", "良性脑肿瘤", "再生障碍性贫血", "重症肝炎", "肝衰竭",
    "双目失明", "双耳失聪", "语言能力丧失", "多个肢体缺失", "严重脑损伤", "严重烧伤",
    "肺动脉高压", "心脏瓣膜手术", "主动脉手术",
)  # fmt: skip
GENERAL_DISEASES: tuple[str, ...] = (
    "糖尿病", "腰颈椎病", "颈椎病", "腰椎病", "高血压病", "高血压", "肺病", "肝病", "肿瘤病",
)  # fmt: skip
# Any cancer named by its organ (肺癌, 胃癌 …) is 癌症.
CANCER_MARK = "癌"

# GB/T 26341-2010 names each kind "X残疾" and each grade by a degree (C: 听力残疾一级（极重度）…).
DISABILITY_DEGREES: dict[str, str] = {
    "极重度": "一级", "重度": "二级", "中度": "三级", "轻度": "四级",
}  # fmt: skip
# I: the short forms of the older 残疾人证 (一级智残, 二级肢残, 三级精残, 一级聋); J: 盲 and 低视力.
DISABILITY_KIND_WORDS: dict[str, str] = {
    "智残": "智力", "肢残": "肢体", "精残": "精神", "视残": "视力", "听残": "听力",
    "言残": "言语", "语残": "言语", "盲": "视力", "低视力": "视力", "聋": "听力", "重听": "听力",
    "听力言语": "多重", "聋哑": "多重",
}  # fmt: skip
# J: 盲 is 视力残疾一级/二级 and 低视力 三级/四级, so 二级低视力 is 四级.
LOW_VISION_GRADES: dict[str, str] = {"一级": "三级", "二级": "四级"}
# The older 聋/重听 grades cut the decibel range differently from GB/T 26341: kind only.
OLD_HEARING_WORDS: tuple[str, ...] = ("聋", "重听")
