"""Periods of publication: the SQL expression that puts a clipping's date in its day, week
(Monday to Sunday) or month, the periods between two of them that a chart shows even when no
clipping ran, and their names."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

By = Literal["day", "week", "month"]
BYS: tuple[By, ...] = ("day", "week", "month")
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
# A longer axis is not filled in with empty periods (a date typed as 1820 would otherwise ask
# for 70,000 empty days): only the periods that have clippings are listed then.
MAX_FILLED = 4000


def bucket_sql(by: By, column: str = "published") -> str:
    """The period a date falls in, as text that sorts in time: 2024-05-10, the Monday
    2024-05-06 of its week, or 2024-05. NULL for a clipping without a date."""
    day = f"substr({column}, 1, 10)"
    if by == "day":
        return day
    if by == "week":
        # 'weekday 0' goes forward to the Sunday (or stays on it), six days back is Monday
        return f"date({day}, 'weekday 0', '-6 days')"
    return f"substr({column}, 1, 7)"


def span(by: By, key: str) -> tuple[str, str]:
    """The first and last day of a period, for from: and to: and for reading the index."""
    if by == "day":
        return key, key
    if by == "week":
        start = date.fromisoformat(key)
        return key, (start + timedelta(days=6)).isoformat()
    year, month = int(key[:4]), int(key[5:7])
    following = date(year + month // 12, month % 12 + 1, 1)
    return f"{key}-01", (following - timedelta(days=1)).isoformat()


def axis(by: By, keys: list[str]) -> list[str]:
    """Every period from the first key to the last, the empty ones too."""
    if not keys:
        return []
    first, last = min(keys), max(keys)
    filled: list[str] = []
    try:
        if by == "month":
            year, month = int(first[:4]), int(first[5:7])
            while f"{year:04d}-{month:02d}" <= last and len(filled) <= MAX_FILLED:
                filled.append(f"{year:04d}-{month:02d}")
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        else:
            step = timedelta(days=1 if by == "day" else 7)
            current, end = date.fromisoformat(first), date.fromisoformat(last)
            while current <= end and len(filled) <= MAX_FILLED:
                filled.append(current.isoformat())
                current += step
    except ValueError:
        filled = []
    if len(filled) > MAX_FILLED:
        filled = []
    return sorted(set(filled) | set(keys))


def between(by: By, first: str, last: str) -> int:
    """How many periods run from the first to the last, both counted (0 if unreadable)."""
    try:
        if by == "month":
            return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
        days = (date.fromisoformat(last) - date.fromisoformat(first)).days
    except ValueError:
        return 0
    return days // (1 if by == "day" else 7) + 1


def label(by: By, key: str, *, short: bool = False) -> str:
    """'10 May 2024', 'w/c 6 May 2024' (the week commencing), 'May 2024'."""
    try:
        if by == "month":
            return f"{_MONTHS[int(key[5:7]) - 1]} {key[:4]}"
        day = date.fromisoformat(key)
    except (ValueError, IndexError):
        return key
    text = f"{day.day} {_MONTHS[day.month - 1]}" + ("" if short else f" {day.year}")
    return f"w/c {text}" if by == "week" else text


def heading(by: By) -> str:
    return {"day": "Day", "week": "Week beginning", "month": "Month"}[by]


def choose(first: str | None, last: str | None) -> By:
    """The period a chart over these dates reads best in: days for a month or so, weeks
    for half a year, months beyond."""
    if not first or not last:
        return "month"
    try:
        days = (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days
    except ValueError:
        return "month"
    if days <= 45:
        return "day"
    if days <= 190:
        return "week"
    return "month"
