"""The one statistics layer shared by `stats`, the desktop's 工作台 and the year-end report.

    figures = year_figures(ledger, 2025)                  # or year_figures(ledger, 2025, 2021)
    figures.current.households.lifted.persons             # typed, frozen figures
    figures.facts()["stations.outdoor.visits"].value      # flat, citable, with Chinese labels
    figures.to_dict()                                     # JSON-ready (money as "1234.50")

Modules: periods (the period and its predecessor), figures (the frozen dataclasses and what each
counts), household_queries and queries (the aggregate SQL), sums (shared SQL pieces), facts
(stable keys and Chinese labels), privacy (the household names a featured activity's text holds),
yearly (entry points).
"""

from models.statistics.facts import Figure, facts_of
from models.statistics.figures import (
    ActivityFigures,
    ActivityLine,
    AidLine,
    AssistanceFigures,
    CategorySpecific,
    ClassLine,
    FeaturedActivity,
    HouseholdCount,
    HouseholdFigures,
    MonthVisits,
    NamedCount,
    PeriodFigures,
    ProgrammeFigures,
    RestStopFigures,
    StationFigures,
    StationTypeLine,
    TownshipLine,
)
from models.statistics.periods import Period
from models.statistics.yearly import (
    Compared,
    DashboardFigures,
    YearFigures,
    dashboard_figures,
    period_figures,
    periods_figures,
    year_figures,
)

__all__ = [
    "ActivityFigures",
    "ActivityLine",
    "AidLine",
    "AssistanceFigures",
    "CategorySpecific",
    "ClassLine",
    "Compared",
    "DashboardFigures",
    "FeaturedActivity",
    "Figure",
    "HouseholdCount",
    "HouseholdFigures",
    "MonthVisits",
    "NamedCount",
    "Period",
    "PeriodFigures",
    "ProgrammeFigures",
    "RestStopFigures",
    "StationFigures",
    "StationTypeLine",
    "TownshipLine",
    "YearFigures",
    "dashboard_figures",
    "facts_of",
    "period_figures",
    "periods_figures",
    "year_figures",
]
