"""Calendar arithmetic of the review rules: N months after a date, 周岁, and the cut-off dates.

One rule everywhere: a date N months (or years) on that does not exist in its month (31 March + 1
month, 29 February + 1 year) is the first day of the month after, as 周岁 are counted: a person
born on 29 February completes a year when 28 February is over, so is 18 from 1 March. A file
reviewed on 29 February 2024 is due again on 1 March 2025, and a follow-up three months after a
脱困 on 30 November 2025 falls on 1 March 2026.
"""

from __future__ import annotations

import calendar
import datetime as dt


def months_after(day: dt.date, months: int) -> dt.date:
    """The day `months` calendar months after `day` (see the module's rule for short months)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if day.day <= last:
        return dt.date(year, month, day.day)
    return dt.date(year, month, last) + dt.timedelta(days=1)


def latest_due_by(as_of: dt.date, months: int) -> dt.date:
    """The latest date D with months_after(D, months) <= as_of: a 核查 on D or before is due.

    months_after never decreases as D grows, so the answer is found a few days from the
    plain calendar subtraction.
    """
    guess = months_after(as_of, -months)
    while months_after(guess, months) > as_of:
        guess -= dt.timedelta(days=1)
    while months_after(guess + dt.timedelta(days=1), months) <= as_of:
        guess += dt.timedelta(days=1)
    return guess


def age_on(birth: dt.date, day: dt.date) -> int:
    """周岁 on `day`."""
    years = day.year - birth.year
    return years if months_after(birth, 12 * years) <= day else years - 1


def birthday(birth: dt.date, years: int) -> dt.date:
    """The day a person born on `birth` reaches `years` 周岁."""
    return months_after(birth, 12 * years)


def zh(day: dt.date) -> str:
    """2026年3月1日."""
    return f"{day.year}年{day.month}月{day.day}日"
