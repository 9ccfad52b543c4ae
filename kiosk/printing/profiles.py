"""Printer profiles: one TOML file per printer model in ``printers/``.

A profile holds what differs between models and what the ticket layout and the
ESC/POS encoder must know: printable width, columns of the resident font, how
Chinese text and the QR code reach the paper, how to cut, and which sensors the
status commands can trust.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from kiosk.paths import PRINTERS_DIR

TextMode = Literal["gb18030", "raster"]
QrMode = Literal["native", "image"]
CutMode = Literal["full", "partial"]
# how the printer proves a job is on paper (see docs/research: only GS ( H and GS r do)
PrintConfirm = Literal["process_id", "transmit_status", "asb", "none"]
BufferClear = Literal["dle_dc4", "dle_enq", "none"]
Charset = Literal["gb2312", "gbk", "gb18030"]


class ProfileError(Exception):
    """A profile is missing or invalid; the message names the file and the key."""


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    paper_dots: int
    dpi: int
    chars_per_line: int
    text_mode: TextMode
    qr_mode: QrMode
    cut: CutMode
    status: bool
    near_end_sensor: bool
    print_speed_mm_s: int
    print_confirm: PrintConfirm
    confirm_margin_s: float
    buffer_clear: BufferClear
    charset: Charset
    chinese_default: bool  # Chinese mode at power-on (the kiosk still sends FS &)
    qr_module_max: int  # the largest GS ( k module size the firmware takes
    key: str = ""  # the file stem, as named in the ``printer_profile`` setting

    @property
    def column_dots(self) -> float:
        """Dots per half-width column of the resident font (12 on 203 dpi 80 mm)."""
        return self.paper_dots / self.chars_per_line


_CHOICES: dict[str, tuple[str, ...]] = {
    "text_mode": ("gb18030", "raster"),
    "qr_mode": ("native", "image"),
    "cut": ("full", "partial"),
    "print_confirm": ("process_id", "transmit_status", "asb", "none"),
    "buffer_clear": ("dle_dc4", "dle_enq", "none"),
    "charset": ("gb2312", "gbk", "gb18030"),
}
_TYPES: dict[str, type] = {
    "name": str,
    "paper_dots": int,
    "dpi": int,
    "chars_per_line": int,
    "text_mode": str,
    "qr_mode": str,
    "cut": str,
    "status": bool,
    "near_end_sensor": bool,
    "print_speed_mm_s": int,
    "print_confirm": str,
    "confirm_margin_s": float,
    "buffer_clear": str,
    "charset": str,
    "chinese_default": bool,
    "qr_module_max": int,
}


def parse_profile(table: dict[str, object], key: str, source: str) -> PrinterProfile:
    """Check every field so a typo in a profile fails at start, not on the first ticket."""
    unknown = sorted(set(table) - set(_TYPES))
    if unknown:
        raise ProfileError(f"{source}: unknown key(s) {', '.join(unknown)}")
    values: dict[str, object] = {}
    for name, kind in _TYPES.items():
        if name not in table:
            raise ProfileError(f"{source}: missing key {name!r}")
        value = table[name]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)  # ``confirm_margin_s = 2`` means 2.0
        # bool is an int subclass; a profile saying ``paper_dots = true`` is a mistake
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ProfileError(f"{source}: {name} must be a {kind.__name__}")
        if name in _CHOICES and value not in _CHOICES[name]:
            raise ProfileError(f"{source}: {name} must be one of {', '.join(_CHOICES[name])}")
        values[name] = value
    paper_dots = cast(int, values["paper_dots"])
    chars = cast(int, values["chars_per_line"])
    if paper_dots % 8 or not 128 <= paper_dots <= 832:
        raise ProfileError(f"{source}: paper_dots must be a multiple of 8 between 128 and 832")
    if not 16 <= chars <= 64:
        raise ProfileError(f"{source}: chars_per_line must be between 16 and 64")
    if cast(int, values["dpi"]) <= 0:
        raise ProfileError(f"{source}: dpi must be positive")
    if not 20 <= cast(int, values["print_speed_mm_s"]) <= 1000:
        raise ProfileError(f"{source}: print_speed_mm_s must be between 20 and 1000")
    if not 0 < cast(float, values["confirm_margin_s"]) <= 60:
        raise ProfileError(f"{source}: confirm_margin_s must be above 0 and at most 60")
    if not 1 <= cast(int, values["qr_module_max"]) <= 16:
        raise ProfileError(f"{source}: qr_module_max must be between 1 and 16")
    return PrinterProfile(
        name=cast(str, values["name"]),
        paper_dots=paper_dots,
        dpi=cast(int, values["dpi"]),
        chars_per_line=chars,
        text_mode=cast(TextMode, values["text_mode"]),
        qr_mode=cast(QrMode, values["qr_mode"]),
        cut=cast(CutMode, values["cut"]),
        status=cast(bool, values["status"]),
        near_end_sensor=cast(bool, values["near_end_sensor"]),
        print_speed_mm_s=cast(int, values["print_speed_mm_s"]),
        print_confirm=cast(PrintConfirm, values["print_confirm"]),
        confirm_margin_s=cast(float, values["confirm_margin_s"]),
        buffer_clear=cast(BufferClear, values["buffer_clear"]),
        charset=cast(Charset, values["charset"]),
        chinese_default=cast(bool, values["chinese_default"]),
        qr_module_max=cast(int, values["qr_module_max"]),
        key=key,
    )


def load_profile(name: str, directory: Path = PRINTERS_DIR) -> PrinterProfile:
    path = directory / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in directory.glob("*.toml")))
        raise ProfileError(f"printer profile {name!r} not found in {directory} (have: {known})")
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from None
    return parse_profile(table, name, str(path))


def all_profiles(directory: Path = PRINTERS_DIR) -> list[PrinterProfile]:
    return [load_profile(p.stem, directory) for p in sorted(directory.glob("*.toml"))]
