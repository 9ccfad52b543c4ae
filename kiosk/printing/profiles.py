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
    key: str = ""  # the file stem, as named in the ``printer_profile`` setting

    @property
    def column_dots(self) -> float:
        """Dots per half-width column of the resident font (12 on 203 dpi 80 mm)."""
        return self.paper_dots / self.chars_per_line


_CHOICES: dict[str, tuple[str, ...]] = {
    "text_mode": ("gb18030", "raster"),
    "qr_mode": ("native", "image"),
    "cut": ("full", "partial"),
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
