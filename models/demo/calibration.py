"""The demo county's size, from public figures of real counties (sources cited by letter)."""

# Sources (read through the project's `pages` search; all public news or government pages):
#   A  全总: 截至2024年底全国已建工会驿站18.61万个，日服务230.97万人次，全年近8亿人次；最美驿站
#      3.45万个 — 人民日报 2025-01-17 (mirrored at caomuer.com/content/gndt/content-27-47319-1.html)
#   B  太原市: 工会爱心驿站300个，209个省级，19个全总“最美工会户外劳动者服务站点”，累计服务
#      100余万人次 — kwik-find.com/20/4736.html
#   C  无棣县行政审批服务局驿站（2022年建成）日服务二百余人次，全总2022年最美站点 —
#      news.h-u.cn/20240505/3132284.html
#   D  七星关区已建户外劳动者服务站10个 — szb.eyesnews.cn/pc/cont/202601/21/content_171693.html;
#      孟村共建成户外劳动者驿站3个 — czwb.bohaitoday.com/pc/content/202302/06/content_81295.html;
#      滨州市292个服务站点（7个县级区划）— 360elib.com (中共滨州市委党校调研)
#   E  在档困难职工: 密云县295名 (ldwb.workerbj.cn/content/2015-02/16/content_7227.htm);
#      万秀区296名 (梧州工会网 2014); 通山县“两节”慰问423户 (tongshan.cjyun.org/p/29190.html);
#      湟中县682户、每户2500元 (huangzhong.gov.cn/html/tpxw/1147.html); 周口市（10个县市区）
#      2019年以来1573户解困脱困 (seed 004)
#   F  金秋助学（一个县一年）: 竹山县78名22.9万元、每人3000–5000元 (m.tazldqn.cn 2024-11);
#      仙游县31名13.9万元 (xyxww.com 2025-08-27); 寿县51名每人2000元 (shouxian.gov.cn 2021-09-14);
#      端州区40名16.2万元 (m.kcqsx.com 2020-09); 峄城区50余名每人2000元 (epaper.632news.com 2013)
#
# A county of 21 townships is a mid-sized one. Rest stops: A gives about 65 per county-level unit
# nationwide (cities weigh heavily), D 3–40 for counties; 42 sits inside. Visits: A's national
# mean is about 4,300 a station a year (about 360 a month); B's older network about 1,000 a year;
# C's busiest hall about 6,000 a month. Monthly visits are drawn log-normally around a median of
# 260 with that tail.

from __future__ import annotations

DEFAULT_HOUSEHOLDS = 600  # E: 300–700 families on file; 600 files over three years leave ~450
REST_STOPS = 42
REST_STOP_MONTHLY_MEDIAN = 260
REST_STOP_MONTHLY_SIGMA = 0.8  # log-normal spread: a fifth of stops under 130, a tenth over 700
REST_STOP_MONTHLY_RANGE = (25, 6000)  # C's hall is the ceiling
# Students helped by 金秋助学 each year, per household file (F: 30–80 in a county of this size).
STUDENTS_PER_FILE = 0.085
# Families reached by 送温暖 each year, per file (E: 295–682 in a county; the visits also reach
# 劳模 and front-line workers who hold no file).
WARMTH_PER_FILE = 1.05
# Share of rest stops carrying each honour (A: 3.45万 of 18.61万 驿站 are 最美 at some level; B:
# 19 of 300 were 全总's). Held by stations that rate 4–5 stars.
HONOUR_SHARES = (
    ("全总最美工会户外劳动者服务站点", 0.07),
    ("省级示范驿站", 0.14),
    ("市级星级驿站", 0.1),
)
