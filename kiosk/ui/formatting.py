"""How money, times and days read on screen, in the current patron language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from kiosk.chinatime import CHINA_TIME
from kiosk.qt import QCoreApplication

CINEMA_TZ = CHINA_TIME


translate = QCoreApplication.translate


def money(fen: int) -> str:
    """Integer fen as yuan: ¥45.00 (the same in both languages)."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}¥{yuan}.{cents:02d}"


def local(moment: datetime) -> datetime:
    return moment.astimezone(CINEMA_TZ)


def clock(moment: datetime) -> str:
    return local(moment).strftime("%H:%M")


def today() -> date:
    return datetime.now(CINEMA_TZ).date()


def day_label(day: date, reference: date, *, dated: bool = False) -> str:
    """ "Today" / "Tomorrow" / a weekday with its date, so a patron never counts days;
    ``dated``: today and tomorrow with their date too ("Today, Jun 1" / "今天 6月1日"),
    where a patron chooses a day."""
    offset = (day - reference).days
    if offset in (0, 1):
        name = translate("Format", "Today") if offset == 0 else translate("Format", "Tomorrow")
        if not dated:
            return name
        # %1 today or tomorrow, %2 month name, %3 day of the month: "Today, Jun 1"
        return (
            translate("Format", "%1, %2 %3", "today or tomorrow, month, day")
            .replace("%1", name)
            .replace("%2", _month(day))
            .replace("%3", str(day.day))
        )
    return weekday_date(day)


def weekday_date(day: date) -> str:
    """A day by its weekday and date: "Sat, Jun 1" / "周六 6月1日"."""
    weekdays = (
        translate("Format", "Mon"),
        translate("Format", "Tue"),
        translate("Format", "Wed"),
        translate("Format", "Thu"),
        translate("Format", "Fri"),
        translate("Format", "Sat"),
        translate("Format", "Sun"),
    )
    return (
        # %1 weekday, %2 month name, %3 day of the month: "Sat, Jun 1" / "周六 6月1日"
        translate("Format", "%1, %2 %3", "weekday, month, day")
        .replace("%1", weekdays[day.weekday()])
        .replace("%2", _month(day))
        .replace("%3", str(day.day))
    )


def _month(day: date) -> str:
    # Month names, not numbers: "6/1" reads as 1 June or 6 January depending on the
    # patron. English "Jun"; Chinese "6月" (its format then adds 日).
    months = (
        translate("Format", "Jan", "month"),
        translate("Format", "Feb", "month"),
        translate("Format", "Mar", "month"),
        translate("Format", "Apr", "month"),
        translate("Format", "May", "month"),
        translate("Format", "Jun", "month"),
        translate("Format", "Jul", "month"),
        translate("Format", "Aug", "month"),
        translate("Format", "Sep", "month"),
        translate("Format", "Oct", "month"),
        translate("Format", "Nov", "month"),
        translate("Format", "Dec", "month"),
    )
    return months[day.month - 1]


def wall_clock(moment: datetime) -> str:
    """The home screen's clock, in China time: "Sat, Jun 1  19:30" / "周六 6月1日  19:30"."""
    shown = local(moment)
    return f"{weekday_date(shown.date())}{NO_BREAK_SPACE * 2}{clock(shown)}"


def date_line(moment: datetime, reference: date) -> str:
    """Day and clock time of a session: "Today 19:30" / "今天 19:30"."""
    return f"{day_label(local(moment).date(), reference)} {clock(moment)}"


def next_times(moments: Sequence[datetime], reference: date, most: int = 3) -> str:
    """The next few show times, all of one day and named by it unless it is today:
    "16:00 19:30" / "Tomorrow 10:00 13:30" (times of two days in one row misread)."""
    if not moments:
        return ""
    first_day = local(moments[0]).date()
    same_day = [m for m in moments if local(m).date() == first_day][:most]
    times = " ".join(clock(m) for m in same_day)
    if first_day == reference:
        return times
    return f"{day_label(first_day, reference)} {times}"


def seat_name(row_name: str, seat_id: str) -> str:
    """A seat as people say it: "5排8座" / "Row 5 Seat 8"."""
    return translate("Format", "Row %1 Seat %2").replace("%1", row_name).replace("%2", seat_id)


def minutes(run_time_min: int) -> str:
    return translate("Format", "%1 min").replace("%1", str(run_time_min))


# Between two characters, this joins them for line breaking and draws nothing.
WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"


def is_wide(char: str) -> bool:
    """A Chinese (CJK) character or mark, which text may break beside (UAX #14)."""
    return ord(char) > 0x2E7F


def _breaks_beside(char: str) -> bool:
    """CJK text may break beside any wide character (UAX #14); "4排7座" would."""
    return is_wide(char)


def unbroken(text: str) -> str:
    """``text`` kept on one line: a seat ("4排7座"), a hall, an attribute ("国语",
    "Original version"). Spaces become no-break spaces and a word joiner goes
    wherever Chinese would otherwise allow a break."""
    out: list[str] = []
    for i, char in enumerate(text):
        if char == " ":
            out.append(NO_BREAK_SPACE)
            continue
        before = text[i - 1] if i else ""
        if before and before != " " and (_breaks_beside(char) or _breaks_beside(before)):
            out.append(WORD_JOINER)
        out.append(char)
    return "".join(out)


def no_orphan(text: str, keep: int = 3) -> str:
    """A sentence whose last line never holds one word alone: in Chinese its last
    ``keep`` characters stay together (never "位。" by itself), in English its last
    two words."""
    if len(text) <= keep:
        return text
    tail = text[-keep:]
    if any(_breaks_beside(c) for c in tail):
        return text[:-keep] + unbroken(tail)
    head, space, last = text.rpartition(" ")
    return f"{head}{NO_BREAK_SPACE}{last}" if space and head else text
