"""Each 工作台 tile opens the list of exactly the records it counts, with the filter named."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from desktop.screens.dashboard import TILES
from tests.desktop.helpers import wait_tasks
from tests.models.factories import household_values, id_number

YEAR = dt.date.today().year - 1  # a whole past year: the dashboard shows it without falling back


def _seed(ledger: Any) -> None:
    """Files, aid, stations and activities around YEAR, so that "all records" or "this status
    today" would give other numbers than the figures do."""
    ledger.settings.set_org_name("青山县总工会")
    ledger.settings.set_townships(["城关镇", "东城街道"])
    hh = ledger.households

    def file(name: str, filed: int | str) -> int:
        date = filed if isinstance(filed, str) else f"{filed}-02-01"
        return hh.create(household_values(name=name, id_number=id_number(), filed_date=date)).id

    lifted_in_year = [file(f"甲{i}", YEAR - 2) for i in range(3)]
    for i, hid in enumerate(lifted_in_year):
        hh.change_status(hid, "脱困", date=f"{YEAR}-0{i + 3}-01", reason="", route="就业创业")
    lifted_before = file("乙", YEAR - 2)
    hh.change_status(lifted_before, "脱困", date=f"{YEAR - 1}-05-01", reason="", route="社保兜底")
    returned = file("丙", YEAR - 3)  # lifted in YEAR, back in hardship before its end
    hh.change_status(returned, "脱困", date=f"{YEAR}-04-01", reason="", route="工会帮扶")
    hh.change_status(returned, "返困", date=f"{YEAR}-10-01", reason="再次失业")
    closed_after = file("丁", YEAR - 1)  # on file at the end of YEAR, closed since
    hh.change_status(closed_after, "销档", date=dt.date.today().isoformat(), reason="退休")
    on_file = [file(f"戊{i}", YEAR) for i in range(2)]
    file("己", dt.date.today().isoformat())  # filed after YEAR: not on file then
    for hid, date in (
        (on_file[0], f"{YEAR}-01-15"),
        (on_file[0], f"{YEAR}-09-15"),
        (on_file[1], f"{YEAR - 1}-12-20"),
        (lifted_in_year[0], f"{YEAR}-02-10"),
    ):
        hh.add_assistance(
            hid,
            {
                "date": date,
                "category": "送温暖慰问",
                "cash": "300",
                "funding_source": "本级工会经费",
            },
        )
    st = ledger.stations
    stops = [
        st.create(
            {
                "name": f"驿站{i}",
                "station_type": "户外劳动者服务站点",
                "township": "城关镇",
                "built_date": built,
            }
        ).id
        for i, built in enumerate((f"{YEAR - 2}-05-01", f"{YEAR}-06-01", dt.date.today()))
    ]
    st.set_usage(stops[0], {"month": f"{YEAR}-03", "visits": "120"})
    st.set_usage(stops[0], {"month": f"{YEAR - 1}-03", "visits": "80"})
    st.create({"name": "县职工书屋", "station_type": "职工书屋", "township": "城关镇"})
    ac = ledger.activities
    for name, start in (("送温暖", f"{YEAR}-01-20"), ("法律援助", f"{YEAR}-05-01")):
        ac.create({"name": name, "category": "送温暖", "start_date": start, "participants": "30"})
    ac.create({"name": "上年活动", "category": "送温暖", "start_date": f"{YEAR - 1}-05-01"})


def test_each_tile_opens_exactly_what_it_counts(qtbot: Any, window: Any) -> None:
    _seed(window.ctx.ledger)
    window.ctx.bus.announce("households", (), "create")
    dashboard = window.show_screen("dashboard")
    wait_tasks(qtbot)
    dashboard.year.setCurrentIndex(dashboard.year.findData(YEAR))
    qtbot.waitUntil(lambda: dashboard.figures is not None and dashboard.figures.year == YEAR)
    figures = dashboard.figures
    # Tiles of sums open the records summed: the files aided, the stops used, the activities.
    rows_behind = {
        "assistance_money": figures.assistance_households.value,
        "rest_stop_visits": 1,  # only 驿站0 has 服务人次 in YEAR
        "activity_reach": figures.activities.value,
    }
    assert figures.lifted.value == 4 and figures.on_file.value > 0
    for key, *_ in TILES:
        expected = rows_behind.get(key, getattr(figures, key).value)
        qtbot.mouseClick(dashboard.tiles[key], Qt.MouseButton.LeftButton)
        screen = window.stack.currentWidget()
        qtbot.waitUntil(lambda s=screen: not s.model.is_loading)
        assert screen.model.shown() == expected, key
        shown = screen.list.figure_label
        assert shown.isVisibleTo(window) and str(YEAR) in shown.text(), key
        screen.list.clear_filters()
        assert not shown.isVisibleTo(window)
        window.show_screen("dashboard")
