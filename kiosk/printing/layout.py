"""Ticket and slip faces as lines for one paper width, counted in printer columns.

A printer's resident font is monospace: a half-width character takes one column,
a Chinese character two. Everything here is measured in those columns so a line
never runs past the paper, whether the printer draws it from its own GB18030
font or we draw it into a raster image.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

import qrcode
import qrcode.constants

from kiosk.printing.profiles import PrinterProfile
from kiosk.printing.ticket import (
    SHANGHAI,
    FeeSlip,
    Language,
    TicketFace,
    format_fen,
    format_show_time,
)

REPRINT_MARK = "REPRINT 补打"
# Medium error correction holds the longest 电影票信息码 (180 characters) in a
# version 9 symbol that still fits 58 mm paper at a scannable module size.
QR_ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M
_QR_SHARE_OF_WIDTH = 0.7
_QR_MAX_MODULE_DOTS = 8


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class TextLine:
    text: str
    align: Align = Align.LEFT
    bold: bool = False
    scale: int = 1  # 2 = double width and height
    right: str = ""  # flush right on the same line (left-aligned lines only)

    def padded(self, columns: int) -> str:
        """The line as monospace text: ``right`` pushed to the last column."""
        if not self.right:
            return self.text
        gap = columns // self.scale - text_columns(self.text) - text_columns(self.right)
        return self.text + " " * gap + self.right


@dataclass(frozen=True)
class Rule:
    """A separator across the paper."""


@dataclass(frozen=True)
class QrBlock:
    data: str
    module_dots: int


@dataclass(frozen=True)
class Feed:
    lines: int = 1


Block = TextLine | Rule | QrBlock | Feed


@dataclass(frozen=True)
class Layout:
    blocks: tuple[Block, ...]
    columns: int

    def text_lines(self) -> list[TextLine]:
        return [b for b in self.blocks if isinstance(b, TextLine)]


def char_columns(ch: str) -> int:
    """Two columns for wide, full-width and ambiguous characters: Chinese printer fonts
    print every GB2312 double-byte character (·, ×, ① as well as 汉字) full width."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1


def text_columns(text: str) -> int:
    return sum(char_columns(ch) for ch in text)


def _clean(text: str) -> str:
    """One line of printable text: control characters would be printer commands."""
    return " ".join("".join(" " if unicodedata.category(c)[0] == "C" else c for c in text).split())


def wrap(text: str, width: int) -> list[str]:
    """Break on character boundaries; inside a run of Latin text, break at the last space."""
    if width < 2:
        raise ValueError("a line must hold at least one full-width character")
    lines: list[str] = []
    line = ""
    for ch in _clean(text):
        if text_columns(line) + char_columns(ch) <= width:
            if line or ch != " ":
                line += ch
            continue
        if ch == " ":
            lines.append(line.rstrip())
            line = ""
            continue
        cut = line.rfind(" ")
        if cut > 0 and char_columns(ch) == 1 and char_columns(line[-1]) == 1 and line[-1] != " ":
            lines.append(line[:cut].rstrip())
            line = line[cut + 1 :] + ch
        else:
            lines.append(line.rstrip())
            line = ch
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def label_value(label: str, value: str, width: int, *, bold: bool = False) -> list[TextLine]:
    """``影厅 3号激光厅``; a value too long for the rest of the line wraps under itself."""
    head = f"{label} "
    indent = text_columns(head)
    if width - indent < 8:
        return [TextLine(line, bold=bold) for line in wrap(f"{head}{value}", width)]
    parts = wrap(value, width - indent)
    return [TextLine(head + parts[0], bold=bold)] + [
        TextLine(" " * indent + part, bold=bold) for part in parts[1:]
    ]


def two_sides(left: str, right: str, width: int) -> list[TextLine]:
    """Left and right on one line when both fit, else one under the other."""
    if width - text_columns(left) - text_columns(right) >= 2:
        return [TextLine(left, right=right)]
    return [TextLine(line) for line in wrap(left, width) + wrap(right, width)]


def centred(text: str, width: int, *, bold: bool = False, scale: int = 1) -> list[TextLine]:
    return [
        TextLine(line, Align.CENTER, bold=bold, scale=scale) for line in wrap(text, width // scale)
    ]


def qr_module_dots(data: str, paper_dots: int, max_module: int = _QR_MAX_MODULE_DOTS) -> int:
    """The largest module that keeps the symbol within most of the paper width and
    within what the printer's firmware takes (some clones stop at 7)."""
    code = qrcode.QRCode(error_correction=QR_ERROR_CORRECTION, border=0)
    code.add_data(data)
    # best_fit only sizes the symbol; make() would also draw and mask it, 10x the time
    modules = 17 + 4 * int(code.best_fit())
    return max(
        2, min(_QR_MAX_MODULE_DOTS, max_module, int(paper_dots * _QR_SHARE_OF_WIDTH) // modules)
    )


_LABELS: dict[Language, dict[str, str]] = {
    "zh": {
        "show": "放映时间",
        "hall": "影厅",
        "seat": "座位",
        "price": "票价",
        "online_fee": "网络代售服务费",
        "fee": "服务费",
        "code": "票号",
        "type": "票种",
        "booking": "订单号",
        "film": "影片",
        "printed": "打印",
        "kiosk": "终端",
        "slip_title": "服务费凭据",
        "slip_note": "本凭据不作电影票使用",
        "test_title": "打印机测试页",
    },
    "en": {
        "show": "Show",
        "hall": "Hall",
        "seat": "Seat",
        "price": "Price",
        "online_fee": "Online service fee",
        "fee": "Service fee",
        "code": "Ticket",
        "type": "Type",
        "booking": "Booking",
        "film": "Film",
        "printed": "Printed",
        "kiosk": "Kiosk",
        "slip_title": "FEE RECEIPT",
        "slip_note": "This slip is not a ticket",
        "test_title": "PRINTER TEST",
    },
}


def _show_line(when_text: tuple[str, str, str]) -> str:
    date, weekday, time = when_text
    return f"{date} {weekday} {time}"


def _footer(item: TicketFace | FeeSlip, labels: dict[str, str], width: int) -> list[TextLine]:
    printed = item.printed_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
    return two_sides(f"{labels['printed']} {printed}", f"{labels['kiosk']} {item.kiosk_id}", width)


def layout_ticket(face: TicketFace, profile: PrinterProfile) -> Layout:
    width = profile.chars_per_line
    labels = _LABELS[face.language]
    blocks: list[Block] = [
        *centred(face.cinema_name, width, bold=True),
        Rule(),
        *centred(face.film_name, width, bold=True, scale=2),
        # the version the patron paid for (3D, IMAX, 国语), under the title it qualifies
        *(centred(" ".join(face.attributes), width, bold=True) if face.attributes else []),
        Feed(),
        *label_value(
            labels["show"],
            _show_line(format_show_time(face.show_time, face.language)),
            width,
            bold=True,
        ),
        *label_value(labels["hall"], face.hall_name, width),
        *centred(face.seat_name, width, bold=True, scale=2),
    ]
    if face.ticket_type:
        # bold beside the price: a 学生票 tells the usher to ask for the student card
        blocks += label_value(labels["type"], face.ticket_type, width, bold=True)
    blocks += label_value(labels["price"], format_fen(face.price_fen), width)
    if face.fee_on_ticket:
        blocks += label_value(labels["online_fee"], format_fen(face.service_fee_fen), width)
    blocks += label_value(labels["code"], face.ticket_code, width)
    if face.booking_number is not None:
        blocks += label_value(labels["booking"], str(face.booking_number), width)
    blocks += [
        Feed(),
        QrBlock(
            face.ticket_info_code,
            qr_module_dots(face.ticket_info_code, profile.paper_dots, profile.qr_module_max),
        ),
        Feed(),
        *_footer(face, labels, width),
    ]
    if face.reprint:
        blocks += centred(REPRINT_MARK, width, bold=True, scale=2)
    return Layout(tuple(blocks), width)


def layout_fee_slip(slip: FeeSlip, profile: PrinterProfile) -> Layout:
    width = profile.chars_per_line
    labels = _LABELS[slip.language]
    blocks: list[Block] = [
        *centred(slip.cinema_name, width, bold=True),
        *centred(labels["slip_title"], width, bold=True, scale=2),
        Rule(),
        *label_value(labels["film"], slip.film_name, width),
        *label_value(
            labels["show"], _show_line(format_show_time(slip.show_time, slip.language)), width
        ),
        *label_value(labels["seat"], slip.seat_name, width),
        *label_value(labels["code"], slip.ticket_code, width),
        *label_value(labels["fee"], format_fen(slip.fee_fen), width, bold=True),
        Rule(),
        *centred(labels["slip_note"], width),
        *_footer(slip, labels, width),
    ]
    return Layout(tuple(blocks), width)


def layout_test_page(profile: PrinterProfile, kiosk_id: str, language: Language) -> Layout:
    """What staff print to check a new roll or printer: width ruler, both scripts, a QR."""
    width = profile.chars_per_line
    labels = _LABELS[language]
    ruler = "".join(str(i % 10) for i in range(1, width + 1))
    blocks: list[Block] = [
        *centred(labels["test_title"], width, bold=True, scale=2),
        *centred(profile.name, width),
        TextLine(ruler),
        TextLine("汉" * (width // 2)),
        *centred("电影票 影厅 座位 ￥45.00", width),
        *centred("7排10座", width, bold=True, scale=2),
        Feed(),
        QrBlock(
            f"TEST {kiosk_id}",
            qr_module_dots(f"TEST {kiosk_id}", profile.paper_dots, profile.qr_module_max),
        ),
        Feed(),
        *two_sides(f"{labels['kiosk']} {kiosk_id}", profile.key, width),
    ]
    return Layout(tuple(blocks), width)
