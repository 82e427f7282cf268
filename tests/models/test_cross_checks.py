"""Cross-checks the county's auditors ask for: programme money twice, aid after 销档, aid above the
yearly limit, 驿站 without 服务人次; each finding found at its edge and absent just past it."""

from __future__ import annotations

import datetime as dt

from models.services import Ledger
from tests.models.factories import household_values, id_number

D = dt.date
AID = {"funding_source": "本级工会经费"}


def _file(ledger: Ledger, name: str) -> int:
    return ledger.households.create(
        household_values(name=name, id_number=id_number(D(1969, 4, 1)))
    ).id


def _codes(ledger: Ledger, as_of: dt.date) -> list[tuple[str, str]]:
    return [(c.code, c.record) for c in ledger.reviews.cross_checks(as_of)]


def test_programme_cash_against_the_assistance_of_the_same_month(ledger: Ledger) -> None:
    a, b = _file(ledger, "黄振华"), _file(ledger, "罗桂兰")
    ledger.activities.create({"name": "2026年元旦春节送温暖活动", "category": "送温暖",
                              "start_date": "2026-01-15", "cash": "2000"})  # fmt: skip
    ledger.activities.create({"name": "金秋助学金发放仪式", "category": "金秋助学",
                              "start_date": "2026-08-20", "cash": "6000"})  # fmt: skip
    ledger.activities.create({"name": "夏送清凉", "category": "夏送清凉",
                              "start_date": "2026-07-01", "cash": "900"})  # fmt: skip
    for hid in (a, b):
        ledger.households.add_assistance(hid, AID | {"date": "2026-01-16", "cash": "800",
                                                     "category": "送温暖慰问"})  # fmt: skip
        ledger.households.add_assistance(hid, AID | {"date": "2026-08-21", "cash": "3000",
                                                     "category": "子女助学/金秋助学"})  # fmt: skip
    (found,) = ledger.reviews.cross_checks(D(2026, 12, 7))
    assert found.code == "programme_money" and found.record == "2026年1月 送温暖"
    assert "现金投入2,000.00元" in found.problem and "帮扶现金合计1,600.00元" in found.problem
    assert "活动多400.00元" in found.problem and found.entity == "activities"
    # 金秋助学 6000 = 2 × 3000 agrees; 夏送清凉 has no matching 帮扶类别.
    assert ledger.reviews.cross_checks(D(2026, 1, 15)) == []  # the aid not yet paid


def test_aid_dated_after_the_file_was_closed(ledger: Ledger) -> None:
    hid = _file(ledger, "林志强")
    late = ledger.households.add_assistance(
        hid, AID | {"date": "2025-07-02", "cash": "500", "category": "临时救助"}
    )
    ledger.households.add_assistance(
        hid, AID | {"date": "2025-06-30", "cash": "500", "category": "临时救助"}
    )
    ledger.households.change_status(hid, "销档", date="2025-06-30", reason="死亡")
    (found,) = ledger.reviews.cross_checks(D(2026, 12, 7))
    assert found.code == "aid_after_closing" and found.record_ids == (late.id,)
    assert "2025年7月2日" in found.problem and "2025年6月30日销档" in found.problem


def test_aid_above_the_yearly_limit(ledger: Ledger) -> None:
    over, exact = _file(ledger, "高秀梅"), _file(ledger, "梁建国")
    for day, cash in (("2026-02-01", "2000"), ("2026-09-01", "1000.01")):
        ledger.households.add_assistance(over, AID | {"date": day, "cash": cash,
                                                      "category": "生活救助"})  # fmt: skip
    ledger.households.add_assistance(exact, AID | {"date": "2026-03-01", "cash": "2500",
                                                   "goods_value": "500", "goods": "米面油",
                                                   "category": "送温暖慰问"})  # fmt: skip
    ledger.households.add_assistance(exact, AID | {"date": "2025-12-31", "cash": "2500",
                                                   "category": "生活救助"})  # fmt: skip
    assert ledger.reviews.cross_checks(D(2026, 12, 7)) == []  # no limit set
    ledger.reviews.set_yearly_aid_limit("3000")
    (found,) = ledger.reviews.cross_checks(D(2026, 12, 7))
    assert found.code == "aid_above_limit" and found.household_id == over
    assert "合计3,000.01元" in found.problem and len(found.record_ids) == 2
    assert ledger.reviews.cross_checks(D(2026, 8, 31)) == []  # the second payment not yet made


def test_rest_stops_without_usage_for_three_months(ledger: Ledger) -> None:
    def stop(name: str, built: str) -> int:
        return ledger.stations.create({
            "name": name, "station_type": "户外劳动者服务站点", "township": "城关镇",
            "status": "运行", "built_date": built,
        }).id  # fmt: skip

    idle, busy, new = (
        stop("人民路爱心驿站", "2024-05-01"),
        stop("汽车站驿站", "2024-05-01"),
        (stop("新区加油站驿站", "2026-10-15")),
    )
    ledger.stations.set_usage(idle, {"month": "2026-08", "visits": 310})
    ledger.stations.set_usage(busy, {"month": "2026-10", "visits": 95})
    found = ledger.reviews.cross_checks(D(2026, 12, 7))
    assert [(c.code, c.record_ids) for c in found] == [("idle_rest_stop", (idle,))]
    assert "2026年9月至2026年11月" in found[0].problem
    assert new not in found[0].record_ids  # built inside the three months
    # In November the months are August to October: the August figure counts.
    assert ledger.reviews.cross_checks(D(2026, 11, 30)) == []


def test_check_json_includes_the_cross_checks(ledger: Ledger) -> None:
    hid = _file(ledger, "林志强")
    ledger.households.add_assistance(
        hid, AID | {"date": "2025-07-02", "cash": "500", "category": "临时救助"}
    )
    ledger.households.change_status(hid, "销档", date="2025-06-30", reason="死亡")
    report = ledger.maintenance.check().as_json()
    codes = [f["code"] for f in report["findings"]]
    assert "aid_after_closing" in codes
    found = next(f for f in report["findings"] if f["code"] == "aid_after_closing")
    assert found["severity"] == "提醒" and found["entity"] == "assistance"
