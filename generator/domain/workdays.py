"""Calendar arithmetic for deadlines: calendar days, months, and Chinese working days (工作日)."""

from __future__ import annotations

import calendar
import datetime as dt

import chinese_calendar


class CalendarUnknownError(ValueError):
    """Raised when a working-day deadline falls in a year the holiday schedule does not cover."""

    def __init__(self, message: str, year: int):
        super().__init__(message)
        self.year = year


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day N months later, clamped to the month's last day (Jan 31 + 1 -> Feb 28)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def is_working_day(day: dt.date) -> bool:
    """True on State Council working days, make-up working days (调休) included."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError as e:  # the package's way of saying "year not in my data"
        raise CalendarUnknownError(
            f"the Chinese holiday schedule for {day.year} is not in the installed chinese-calendar "
            "package; cannot count working days in it (update the package once the State Council "
            "has published that year, or use days instead of working_days)",
            day.year,
        ) from e


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The Nth working day after start (start itself is not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current
