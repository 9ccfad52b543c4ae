"""The cinema's wall clock: China Standard Time, UTC+8 all year.

A fixed offset rather than ``ZoneInfo("Asia/Shanghai")``: mainland China has
had no daylight saving since 1991, and a fixed offset needs no tz database on
the kiosk (a minimal Debian image may not ship one).
"""

from __future__ import annotations

import datetime as dt

CHINA_TIME = dt.timezone(dt.timedelta(hours=8), "CST")
