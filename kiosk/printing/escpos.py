"""ESC/POS bytes for a laid-out ticket, for one printer profile.

python-escpos builds the commands (``Dummy`` collects them). Chinese text is not
left to its automatic encoder, which picks code pages character by character and
garbles full-width punctuation and the yuan sign: in ``gb18030`` mode we switch
the printer to its Chinese mode (``FS &``) and write GB18030 bytes raw; in
``raster`` mode the text is drawn with the bundled font and sent as ``GS v 0``.
A printer's resident font covers only its ``charset`` (many 58 mm printers stop
at GB2312: no 喆, 堃, 龍, •, © or half-width ¥): a line with a character outside
it is sent as an image of that line instead of as bytes that print as garbage.
"""

from __future__ import annotations

from dataclasses import dataclass

# escpos is first imported through this module (its cache folder, no stray temporary folder)
from kiosk.printing import escpos_cache  # noqa: F401

# isort: split
import qrcode
import qrcode.constants
from escpos.constants import QR_ECLEVEL_H, QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q
from escpos.image import EscposImage
from escpos.printer import Dummy
from PIL import Image

from kiosk.printing.layout import (
    QR_ERROR_CORRECTION,
    Align,
    Block,
    Feed,
    Layout,
    QrBlock,
    Rule,
    TextLine,
)
from kiosk.printing.profiles import PrinterProfile
from kiosk.printing.raster import render_lines

ESC = b"\x1b"
GS = b"\x1d"
FS = b"\x1c"
INIT = ESC + b"@"
CHINESE_MODE_ON = FS + b"&"
_ALIGN = {Align.LEFT: 0, Align.CENTER: 1, Align.RIGHT: 2}
# GS V 65/66 n: feed to the cutter, then cut (full / partial), so the last line is kept
_CUT = {"full": GS + b"VA\x00", "partial": GS + b"VB\x00"}
_TAIL_FEED_LINES = 2
# paper fed between the print head and the cutter before a cut (Epson TM: ~15 mm)
_CUTTER_FEED_MM = 15.0
_MM_PER_INCH = 25.4
_RASTER_BAND_ROWS = 256
# the native and the image QR must make the same symbol as the layout sized
_ESC_POS_EC = {
    qrcode.constants.ERROR_CORRECT_L: QR_ECLEVEL_L,
    qrcode.constants.ERROR_CORRECT_M: QR_ECLEVEL_M,
    qrcode.constants.ERROR_CORRECT_Q: QR_ECLEVEL_Q,
    qrcode.constants.ERROR_CORRECT_H: QR_ECLEVEL_H,
}


def _style(line: TextLine) -> bytes:
    size = (line.scale - 1) * 0x11  # GS ! n: width multiplier high nibble, height low
    kanji_size = 0x0C if line.scale > 1 else 0  # FS ! n: some firmwares size Chinese apart
    return (
        ESC
        + b"a"
        + bytes((_ALIGN[line.align],))
        + GS
        + b"!"
        + bytes((size,))
        + FS
        + b"!"
        + bytes((kanji_size,))
        + ESC
        + b"E"
        + bytes((1 if line.bold else 0,))
    )


def _qr_image(block: QrBlock, width: int) -> Image.Image:
    code = qrcode.QRCode(error_correction=QR_ERROR_CORRECTION, box_size=block.module_dots, border=0)
    code.add_data(block.data)
    code.make(fit=True)
    symbol = code.make_image().get_image().convert("1")
    page = Image.new("1", (width, symbol.height), 1)
    page.paste(symbol, ((width - symbol.width) // 2, 0))
    return page


@dataclass(frozen=True)
class EncodedJob:
    """One cut job's bytes and how much paper it takes, which is how long the
    printer needs for it (its length over the profile's speed)."""

    data: bytes
    length_mm: float

    def print_time_s(self, profile: PrinterProfile) -> float:
        return self.length_mm / profile.print_speed_mm_s


def _qr_modules(data: str) -> int:
    code = qrcode.QRCode(error_correction=QR_ERROR_CORRECTION, border=0)
    code.add_data(data)
    return 17 + 4 * int(code.best_fit())


class _Encoder:
    def __init__(self, profile: PrinterProfile) -> None:
        self.profile = profile
        self.out = Dummy()
        self._raster_lines: list[TextLine | Rule | None] = []
        self.dots = 0  # paper length so far, in dots at the profile's dpi
        self._line_dots = profile.dpi // 6  # the default line spacing, 1/6 inch

    def raw(self, data: bytes) -> None:
        self.out._raw(data)

    def image(self, image: Image.Image) -> None:
        """``GS v 0`` in bands: a printer's receive buffer holds a band, not a ticket.
        (Not ``Dummy.image``: it wants a python-escpos capability profile to know the width.)"""
        self.raw(ESC + b"a\x00")
        for top in range(0, image.height, _RASTER_BAND_ROWS):
            band = EscposImage(
                image.crop((0, top, image.width, min(image.height, top + _RASTER_BAND_ROWS)))
            )
            size = band.width_bytes.to_bytes(2, "little") + band.height.to_bytes(2, "little")
            self.raw(GS + b"v0\x00" + size + band.to_raster_format())
        self.dots += image.height

    def flush_raster(self) -> None:
        if self._raster_lines:
            p = self.profile
            self.image(render_lines(self._raster_lines, p.paper_dots, p.column_dots))
            self._raster_lines = []

    def block(self, block: Block) -> None:
        raster = self.profile.text_mode == "raster"
        if isinstance(block, TextLine):
            if raster:
                self._raster_lines.append(block)
            else:
                text = block.padded(self.profile.chars_per_line)
                try:
                    # bytes in GB18030, but only characters the printer's font has
                    text.encode(self.profile.charset)
                except UnicodeEncodeError:
                    # e.g. 喆 or a half-width ¥ on a GB2312 printer: it would print
                    # garbage, so this one line goes as an image drawn with our font
                    p = self.profile
                    self.image(render_lines([block], p.paper_dots, p.column_dots))
                    return
                self.raw(_style(block) + text.encode("gb18030") + b"\n")
                self.dots += self._line_dots * block.scale
        elif isinstance(block, Rule):
            if raster:
                self._raster_lines.append(block)
            else:
                self.raw(_style(TextLine("")) + b"-" * self.profile.chars_per_line + b"\n")
                self.dots += self._line_dots
        elif isinstance(block, Feed):
            if raster:
                self._raster_lines.extend([None] * block.lines)
            else:
                self.raw(ESC + b"d" + bytes((block.lines,)))
                self.dots += self._line_dots * block.lines
        else:
            self.flush_raster()
            self.qr(block)

    def qr(self, block: QrBlock) -> None:
        if self.profile.qr_mode == "native":
            self.raw(ESC + b"a\x01")
            self.out.qr(
                block.data, ec=_ESC_POS_EC[QR_ERROR_CORRECTION], size=block.module_dots, native=True
            )
            self.raw(b"\n")
            self.dots += _qr_modules(block.data) * block.module_dots + self._line_dots
        else:
            self.image(_qr_image(block, self.profile.paper_dots))

    def length_mm(self) -> float:
        tail = self._line_dots * _TAIL_FEED_LINES
        return (self.dots + tail) * _MM_PER_INCH / self.profile.dpi + _CUTTER_FEED_MM

    def encode(self, layout: Layout) -> bytes:
        self.raw(INIT)
        if self.profile.text_mode == "gb18030":
            self.raw(CHINESE_MODE_ON)
        for block in layout.blocks:
            self.block(block)
        self.flush_raster()
        self.raw(INIT + ESC + b"d" + bytes((_TAIL_FEED_LINES,)) + _CUT[self.profile.cut])
        return bytes(self.out.output)


def encode_layout(layout: Layout, profile: PrinterProfile) -> bytes:
    """One cut job: initialise, print every block, feed to the cutter and cut."""
    return _Encoder(profile).encode(layout)


def encode_job(layout: Layout, profile: PrinterProfile) -> EncodedJob:
    """:func:`encode_layout` with the length of paper the job takes."""
    encoder = _Encoder(profile)
    data = encoder.encode(layout)
    return EncodedJob(data, encoder.length_mm())
