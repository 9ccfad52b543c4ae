"""The virtual printer's model sheet: what it takes from ``printers/NAME.toml``.

Read here with ``tomllib``, on purpose not through the kiosk's own profile loader:
the simulator is the printer the kiosk is tested against, so a mistake in the
kiosk's reading of a profile must not be shared by the printer (it would pass
every test). Only the facts a printer has about itself are taken: paper width,
resolution, speed, its Chinese font and default mode, its QR limits and whether
it has a near-end sensor. How the kiosk proves a job is on paper
(``print_confirm``, ``buffer_clear``) is the kiosk's choice and not read here:
the printer answers every way a real one would.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from kiosk.paths import PRINTERS_DIR

DEFAULT_PROFILE = "virtual"
Charset = Literal["gb2312", "gbk", "gb18030"]
_CHARSETS: tuple[Charset, ...] = ("gb2312", "gbk", "gb18030")


class SimProfileError(ValueError):
    """A printer profile is missing or unreadable; the message names the file."""


@dataclass(frozen=True)
class SimPrinterProfile:
    name: str
    paper_dots: int = 576
    dpi: int = 203
    print_speed_mm_s: float = 350.0
    charset: Charset = "gb18030"
    chinese_default: bool = True
    qr_module_max: int = 16
    near_end_sensor: bool = True

    def dots_per_s(self, speed_mm_s: float | None = None) -> float:
        """How many dot rows the head prints per second at this (or the given) speed."""
        return (speed_mm_s or self.print_speed_mm_s) * self.dpi / 25.4

    def mm_to_dots(self, mm: float) -> int:
        return round(mm * self.dpi / 25.4)

    def dots_to_mm(self, dots: int) -> float:
        return dots * 25.4 / self.dpi


def profile_names(directory: Path = PRINTERS_DIR) -> list[str]:
    return sorted(p.stem for p in directory.glob("*.toml"))


def load_sim_profile(name: str, directory: Path = PRINTERS_DIR) -> SimPrinterProfile:
    path = directory / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(profile_names(directory)) or "none"
        raise SimProfileError(f"no printer profile {name!r} in {directory} (known: {known})")
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SimProfileError(f"{path}: {exc}") from exc
    return _parse(table, name, path)


def _parse(table: dict[str, Any], name: str, path: Path) -> SimPrinterProfile:
    def number(key: str, low: float, high: float, *, whole: bool = True) -> float:
        value = table.get(key)
        fits = isinstance(value, int | float) and not isinstance(value, bool)
        if fits and whole:
            fits = isinstance(value, int)
        if not fits or not low <= cast(float, value) <= high:
            kind = "a whole number" if whole else "a number"
            raise SimProfileError(f"{path}: {key} must be {kind} from {low:g} to {high:g}")
        return float(cast(float, value))

    def flag(key: str) -> bool:
        value = table.get(key)
        if not isinstance(value, bool):
            raise SimProfileError(f"{path}: {key} must be true or false")
        return value

    paper_dots = int(number("paper_dots", 128, 832))
    if paper_dots % 8:
        raise SimProfileError(f"{path}: paper_dots must be a multiple of 8")
    charset = table.get("charset")
    if charset not in _CHARSETS:
        raise SimProfileError(f"{path}: charset must be one of {', '.join(_CHARSETS)}")
    return SimPrinterProfile(
        name=name,
        paper_dots=paper_dots,
        dpi=int(number("dpi", 100, 600)),
        print_speed_mm_s=number("print_speed_mm_s", 1, 2000, whole=False),
        charset=cast(Charset, charset),
        chinese_default=flag("chinese_default"),
        qr_module_max=int(number("qr_module_max", 1, 16)),
        near_end_sensor=flag("near_end_sensor"),
    )
