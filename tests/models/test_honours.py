"""Honours and the 12351 hotline of the service positions, as the statistics layer counts them."""

from __future__ import annotations

from typing import Any

from models.statistics import year_figures


def _station(ledger: Any, name: str, **fields: Any) -> None:
    record = {"name": name, "station_type": "户外劳动者服务站点", "township": "城关镇",
              "built_date": "2023-04-01", **fields}  # fmt: skip
    ledger.stations.create(record)


def test_dated_honours_count_in_their_year_and_standing_titles_at_the_end(ledger: Any) -> None:
    _station(
        ledger, "一号驿站", honors="全总最美工会户外劳动者服务站点（2024年）；省级职工书屋示范点"
    )
    _station(ledger, "二号驿站", honors="全总最美工会户外劳动者服务站点(2025)")
    # Written twice on one station: the station counts once.
    _station(ledger, "三号驿站", honors="省级职工书屋示范点、省级职工书屋示范点")
    _station(ledger, "四号驿站", honors="省级职工书屋示范点", status="撤销")  # no longer counts
    _station(ledger, "五号驿站", honors="市级职工书屋示范点", built_date="2026-02-01")  # not yet

    def honours(year: int, since: int | None = None) -> dict[str, Any]:
        facts = year_figures(ledger, year, since).facts()
        return {k: f.value for k, f in facts.items() if k.startswith("stations.honours.")}

    assert honours(2025) == {
        "stations.honours.awarded.全总最美工会户外劳动者服务站点": 1,
        "stations.honours.held.省级职工书屋示范点": 2,
    }
    assert honours(2025, 2024)["stations.honours.awarded.全总最美工会户外劳动者服务站点"] == 2
    assert "stations.honours.awarded.全总最美工会户外劳动者服务站点" not in honours(2023)


def test_hotline_counts_stations_offering_it(ledger: Any) -> None:
    _station(
        ledger, "服务站一", station_type="乡镇(街道)职工服务站", functions=["12351热线", "法律援助"]
    )
    _station(ledger, "服务站二", station_type="乡镇(街道)职工服务站", functions=["法律援助"])
    _station(ledger, "服务站三", station_type="乡镇(街道)职工服务站", functions=["12351热线"],
             status="撤销")  # fmt: skip
    facts = year_figures(ledger, 2025).facts()
    assert facts["stations.hotline.total"].value == 1
    assert facts["stations.hotline.total"].previous == 1  # built in 2023: there at the end of 2024
