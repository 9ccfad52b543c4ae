"""An ESC/POS interpreter that draws what a thermal printer would put on paper.

It reads the commands the kiosk sends and those any python-escpos user would
(text and its modes, Chinese mode, raster images, native QR codes, feeds and
cuts) and skips every other command by its documented length, so an unknown
command never shifts the rest of the stream. One page is one cut.

What the server must act on comes out as events, in stream order: real-time
commands (``DLE EOT n``, ``DLE ENQ n``, ``DLE DC4`` fn 8), which a printer runs the
moment they arrive; commands that run in sequence with the print data
(``GS ( H`` fn 48, ``GS r n``), before which the rows drawn so far come out as a
:class:`PagePart` so the server can answer them once those are on paper;
``GS a n``; and each cut page.

A printer is a model (Epson ESC/POS reference): its paper width, its resident
Chinese font (``gb2312``, ``gbk`` or ``gb18030``: a code outside it comes out as
the garbage a real printer prints, each byte drawn as a code-page glyph, and is
read as U+FFFD), whether it starts in Chinese mode (``FS &`` turns it on, ``FS .``
off, ``ESC @`` back to the default) and the largest QR module size its firmware
takes (``GS ( k`` fn 67 with a larger size is ignored: the size stays as it was,
3 dots after ``ESC @``).
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import qrcode
import qrcode.constants
from PIL import Image, ImageDraw, ImageFont

from kiosk.paths import CJK_FONT_BOLD, CJK_FONT_REGULAR

PAPER_DOTS = 576
MARGIN_DOTS = 24  # blank paper around the printable width, a scanner's quiet zone
DEFAULT_LINE_SPACING = 30
_FONTS = {0: (12, 24), 1: (9, 17)}  # font A and B: half-width cell (dots)
_CODE_PAGES = {
    0: "cp437", 2: "cp850", 3: "cp860", 4: "cp863", 5: "cp865",
    16: "cp1252", 17: "cp866", 18: "cp852", 19: "cp858",
}  # fmt: skip
_QR_EC = {
    48: qrcode.constants.ERROR_CORRECT_L,
    49: qrcode.constants.ERROR_CORRECT_M,
    50: qrcode.constants.ERROR_CORRECT_Q,
    51: qrcode.constants.ERROR_CORRECT_H,
}
_INVERT = bytes(255 - i for i in range(256))
DEFAULT_QR_MODULE = 3
GARBAGE = "\ufffd"  # how an out-of-font character is read back in Page.lines
# DLE DC4 fn: bytes after DLE DC4 (fn included); fn 8 is the buffer clear
_DLE_DC4_LENGTH = {1: 3, 2: 3, 3: 6, 7: 2, 8: 8}
DLE_DC4_CLEAR_DATA = bytes((0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08))

# Commands with a fixed number of argument bytes after the command byte.
_ESC_ARGS = {
    0x20: 1, 0x21: 1, 0x24: 2, 0x25: 1, 0x2D: 1, 0x32: 0, 0x33: 1, 0x3D: 1, 0x3F: 1,
    0x40: 0, 0x45: 1, 0x47: 1, 0x4A: 1, 0x4C: 0, 0x4D: 1, 0x52: 1, 0x53: 0, 0x54: 1,
    0x56: 1, 0x57: 8, 0x5C: 2, 0x61: 1, 0x63: 2, 0x64: 1, 0x65: 1, 0x69: 0, 0x6D: 0,
    0x70: 3, 0x72: 1, 0x74: 1, 0x75: 1, 0x76: 0, 0x7B: 1,
}  # fmt: skip
_GS_ARGS = {
    0x21: 1, 0x23: 1, 0x24: 2, 0x2F: 1, 0x3A: 0, 0x42: 1, 0x45: 1, 0x48: 1, 0x49: 1,
    0x4C: 2, 0x50: 2, 0x54: 1, 0x57: 2, 0x5C: 2, 0x5E: 3, 0x61: 1, 0x62: 1, 0x63: 0,
    0x66: 1, 0x67: 4, 0x68: 1, 0x6A: 1, 0x72: 1, 0x77: 1, 0x7A: 3,
}  # fmt: skip
_FS_ARGS = {
    0x21: 1, 0x26: 0, 0x2D: 1, 0x2E: 0, 0x32: 74, 0x3F: 2, 0x43: 1, 0x53: 2, 0x57: 1,
    0x70: 2,
}  # fmt: skip


@dataclass(frozen=True)
class StatusRequest:
    """``DLE EOT n``: the printer must answer one status byte at once."""

    n: int


@dataclass(frozen=True)
class RecoverRequest:
    """``DLE ENQ n`` (real time): 1 recover from an error and go on printing, 2
    recover and clear the receive and print buffers."""

    n: int


@dataclass(frozen=True)
class BufferClearRequest:
    """``DLE DC4`` fn 8 (real time): clear the buffers, then answer ``37 25 00``."""


@dataclass(frozen=True)
class SequencedRequest:
    """A request answered only when everything before it has printed: ``GS ( H`` fn
    48 (``kind`` "process_id", ``data`` its four id bytes) or ``GS r n``
    (``kind`` "transmit_status", ``data`` n)."""

    kind: str
    data: bytes


@dataclass(frozen=True)
class AsbRequest:
    """``GS a n``: automatic status back for the items in n (0 turns it off)."""

    n: int


@dataclass
class Page:
    """Everything printed between two cuts (or the part of it before a sequenced
    request). ``texts`` runs beside ``rows``: the text a row prints, None for an
    image or a feed."""

    rows: list[Image.Image] = field(default_factory=list)
    texts: list[str | None] = field(default_factory=list)
    cut: bool = False

    @property
    def lines(self) -> list[str]:
        """Text as the printer read it, one entry per printed line."""
        return [t for t in self.texts if t is not None]

    @property
    def height(self) -> int:
        return sum(r.height for r in self.rows)

    @property
    def has_content(self) -> bool:
        return bool(self.lines) or any(r.getbbox() is not None for r in map(_ink, self.rows))

    def render(self, paper_dots: int = PAPER_DOTS) -> Image.Image:
        height = sum(r.height for r in self.rows)
        image = Image.new("L", (paper_dots + 2 * MARGIN_DOTS, height + 2 * MARGIN_DOTS), 255)
        top = MARGIN_DOTS
        for row in self.rows:
            image.paste(row, (MARGIN_DOTS, top))
            top += row.height
        return image


def _ink(row: Image.Image) -> Image.Image:
    """Black dots as non-zero pixels, so ``getbbox`` finds them."""
    return row.point(lambda v: 255 - v)


@dataclass(frozen=True)
class PageCut:
    page: Page


@dataclass(frozen=True)
class PagePart:
    """The rows of a page so far, given out before a sequenced request: the page
    goes on after it."""

    page: Page


Event = (
    StatusRequest
    | RecoverRequest
    | BufferClearRequest
    | SequencedRequest
    | AsbRequest
    | PagePart
    | PageCut
)


@dataclass(frozen=True)
class _Cell:
    ch: str
    wide: bool
    font: int
    bold: bool
    underline: bool
    width_mul: int
    height_mul: int


@lru_cache(maxsize=8)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(CJK_FONT_BOLD if bold else CJK_FONT_REGULAR), size)


@lru_cache(maxsize=4096)
def _glyph(cell: _Cell) -> Image.Image:
    """The character in its monospace cell, scaled as the printer's GS ! does."""
    half_w, height = _FONTS[cell.font]
    width = half_w * 2 if cell.wide else half_w
    # a printer font keeps ascenders and descenders inside its cell: 0.9 em on a
    # baseline at 4/5 of the cell fits both a 汉 and the tail of a g
    font = _font(round(height * 0.9), cell.bold)
    canvas_w = max(width, round(font.getlength(cell.ch)))
    glyph = Image.new("L", (canvas_w, height), 255)
    baseline = round(height * 0.8)
    ImageDraw.Draw(glyph).text((canvas_w / 2, baseline), cell.ch, font=font, fill=0, anchor="ms")
    if cell.underline:
        ImageDraw.Draw(glyph).line([(0, height - 1), (canvas_w, height - 1)], fill=0, width=1)
    return glyph.resize((width * cell.width_mul, height * cell.height_mul))


@dataclass
class _State:
    align: int = 0
    bold: bool = False
    underline: bool = False
    font: int = 0
    width_mul: int = 1
    height_mul: int = 1
    mode_bits: int = 0  # ESC !
    kanji_bits: int = 0  # FS !
    chinese: bool = False
    code_page: str = "cp437"
    line_spacing: int = DEFAULT_LINE_SPACING
    qr_size: int = DEFAULT_QR_MODULE
    qr_ec: int = qrcode.constants.ERROR_CORRECT_L
    qr_data: bytes = b""


class EscPosInterpreter:
    """Feed it the byte stream as it arrives; it returns the events in stream order."""

    def __init__(
        self,
        paper_dots: int = PAPER_DOTS,
        *,
        charset: str = "gb18030",
        chinese_default: bool = False,
        qr_module_max: int = 16,
    ) -> None:
        self.paper_dots = paper_dots
        self.charset = charset
        self.chinese_default = chinese_default
        self.qr_module_max = qr_module_max
        self._buffer = bytearray()
        self._state = self._initial_state()
        self._line: list[_Cell] = []
        self._line_text: list[str] = []  # beside _line: what each cell reads as
        self._page = Page()
        self._events: list[Event] = []

    def _initial_state(self) -> _State:
        return _State(chinese=self.chinese_default)

    def feed(self, data: bytes) -> list[Event]:
        self._buffer += data
        pos = 0
        while pos < len(self._buffer):
            step = self._step(pos)
            if step is None:  # the rest of this command is still on its way
                break
            pos = step
        del self._buffer[:pos]
        events, self._events = self._events, []
        return events

    def finish(self) -> Page | None:
        """At the end of the connection: what was printed but never cut."""
        self._print_line()
        page, self._page = self._page, Page()
        return page if page.has_content else None

    def clear(self) -> None:
        """``DLE DC4`` fn 8 / ``DLE ENQ 2``: drop the line and page being built."""
        self._line, self._line_text = [], []
        self._page = Page()

    # --- parsing -----------------------------------------------------------------------

    def _step(self, pos: int) -> int | None:
        buf = self._buffer
        byte = buf[pos]
        if byte == 0x0A:
            self._print_line(feed_empty=True)
            return pos + 1
        if byte == 0x09:
            for _ in range(8 - self._columns() % 8):
                self._add_char(" ", wide=False)
            return pos + 1
        if byte == 0x10:
            return self._dle(pos)
        if byte == 0x1B:
            return self._esc(pos)
        if byte == 0x1C:
            return self._fs(pos)
        if byte == 0x1D:
            return self._gs(pos)
        if byte < 0x20 or byte == 0x7F:
            return pos + 1  # CR and other controls: nothing to print
        if byte < 0x80:
            self._add_char(chr(byte), wide=False)
            return pos + 1
        if not self._state.chinese:
            self._add_char(codecs.decode(bytes((byte,)), self._state.code_page), wide=False)
            return pos + 1
        return self._gb18030(pos)

    def _gb18030(self, pos: int) -> int | None:
        buf = self._buffer
        if len(buf) < pos + 2:
            return None
        length = 4 if 0x30 <= buf[pos + 1] <= 0x39 else 2
        if len(buf) < pos + length:
            return None
        raw = bytes(buf[pos : pos + length])
        if not self._in_font(raw):
            # not in this printer's font: what comes out is each byte's code-page
            # glyph, half width, where the character should have been
            for i, byte in enumerate(raw):
                glyph = codecs.decode(bytes((byte,)), self._state.code_page)
                self._add_char(glyph, wide=False, text=GARBAGE if i == 0 else "")
            return pos + length
        text = raw.decode("gb18030", errors="replace")
        for ch in text:
            # the Chinese font draws every double-byte character full width
            self._add_char(ch, wide=True)
        return pos + length

    def _in_font(self, raw: bytes) -> bool:
        """Whether the resident Chinese font has a glyph for this code."""
        if self.charset == "gb18030":
            return True
        try:
            raw.decode(self.charset)
        except UnicodeDecodeError:
            return False
        return True

    def _dle(self, pos: int) -> int | None:
        buf = self._buffer
        if len(buf) < pos + 3:
            return None
        cmd, n = buf[pos + 1], buf[pos + 2]
        if cmd == 0x04:
            if n in (7, 8):  # DLE EOT 7/8 take one more byte
                if len(buf) < pos + 4:
                    return None
                return pos + 4
            self._events.append(StatusRequest(n))
            return pos + 3
        if cmd == 0x14:  # DLE DC4 fn ...: length by fn
            end = pos + 2 + _DLE_DC4_LENGTH.get(n, 3)
            if len(buf) < end:
                return None
            if bytes(buf[pos + 2 : end]) == DLE_DC4_CLEAR_DATA:
                self._events.append(BufferClearRequest())
            return end
        if cmd == 0x05:  # DLE ENQ n
            if n in (1, 2):
                self._events.append(RecoverRequest(n))
            return pos + 3
        return pos + 1

    def _esc(self, pos: int) -> int | None:
        buf = self._buffer
        if len(buf) < pos + 2:
            return None
        cmd = buf[pos + 1]
        if cmd == 0x2A:  # ESC * m nL nH: column image, skipped
            if len(buf) < pos + 5:
                return None
            columns = buf[pos + 3] + 256 * buf[pos + 4]
            end = pos + 5 + columns * (3 if buf[pos + 2] in (32, 33) else 1)
            return end if len(buf) >= end else None
        if cmd == 0x28:  # ESC ( x pL pH ...
            return self._length_prefixed(pos + 3)
        if cmd == 0x44:  # ESC D tab stops, NUL-terminated
            end = buf.find(b"\x00", pos + 2)
            return None if end < 0 else end + 1
        count = _ESC_ARGS.get(cmd, 0)
        if len(buf) < pos + 2 + count:
            return None
        args = bytes(buf[pos + 2 : pos + 2 + count])
        self._esc_command(cmd, args)
        return pos + 2 + count

    def _esc_command(self, cmd: int, args: bytes) -> None:
        s = self._state
        if cmd == 0x40:
            self._print_line()
            self._state = self._initial_state()
        elif cmd == 0x61:
            s.align = {0: 0, 1: 1, 2: 2, 48: 0, 49: 1, 50: 2}.get(args[0], s.align)
        elif cmd in (0x45, 0x47):
            s.bold = bool(args[0] & 1)
        elif cmd == 0x2D:
            s.underline = args[0] in (1, 2, 49, 50)
        elif cmd == 0x4D:
            s.font = 1 if args[0] in (1, 49) else 0
        elif cmd == 0x21:
            s.mode_bits = args[0]
            s.font = args[0] & 0x01
            s.bold = bool(args[0] & 0x08)
            s.underline = bool(args[0] & 0x80)
            s.width_mul = s.height_mul = 1
        elif cmd == 0x74:
            s.code_page = _CODE_PAGES.get(args[0], "cp437")
        elif cmd == 0x32:
            s.line_spacing = DEFAULT_LINE_SPACING
        elif cmd == 0x33:
            s.line_spacing = args[0]
        elif cmd == 0x64:
            self._print_line()
            self._feed(args[0] * s.line_spacing)
        elif cmd == 0x4A:
            self._print_line()
            self._feed(args[0])

    def _fs(self, pos: int) -> int | None:
        buf = self._buffer
        if len(buf) < pos + 2:
            return None
        cmd = buf[pos + 1]
        if cmd == 0x28:  # FS ( x pL pH ...
            return self._length_prefixed(pos + 3)
        count = _FS_ARGS.get(cmd, 0)
        if len(buf) < pos + 2 + count:
            return None
        if cmd == 0x26:
            self._state.chinese = True
        elif cmd == 0x2E:
            self._state.chinese = False
        elif cmd == 0x21:
            self._state.kanji_bits = buf[pos + 2]
        return pos + 2 + count

    def _gs(self, pos: int) -> int | None:
        buf = self._buffer
        if len(buf) < pos + 2:
            return None
        cmd = buf[pos + 1]
        if cmd == 0x28:
            return self._gs_paren(pos)
        if cmd == 0x76:
            return self._raster(pos)
        if cmd == 0x56:
            return self._cut(pos)
        if cmd == 0x6B:
            return self._barcode(pos)
        if cmd == 0x2A:  # GS * x y: define downloaded image
            if len(buf) < pos + 4:
                return None
            end = pos + 4 + buf[pos + 2] * buf[pos + 3] * 8
            return end if len(buf) >= end else None
        if cmd == 0x38:  # GS 8 L: four-byte length
            if len(buf) < pos + 7:
                return None
            end = pos + 7 + int.from_bytes(buf[pos + 3 : pos + 7], "little")
            return end if len(buf) >= end else None
        count = _GS_ARGS.get(cmd, 0)
        if len(buf) < pos + 2 + count:
            return None
        if cmd == 0x21:
            n = buf[pos + 2]
            self._state.width_mul = min(8, (n >> 4) + 1)
            self._state.height_mul = min(8, (n & 0x0F) + 1)
        elif cmd == 0x72:  # GS r n: transmit status, in sequence with the print data
            self._sequenced("transmit_status", bytes((buf[pos + 2],)))
        elif cmd == 0x61:  # GS a n: automatic status back
            self._events.append(AsbRequest(buf[pos + 2]))
        return pos + 2 + count

    def _sequenced(self, kind: str, data: bytes) -> None:
        """The rows so far go first, so the answer can wait until they are on paper;
        a line still being filled stays in the line buffer, as on a printer."""
        if self._page.rows:
            part, self._page = self._page, Page()
            self._events.append(PagePart(part))
        self._events.append(SequencedRequest(kind, data))

    def _length_prefixed(self, length_at: int) -> int | None:
        buf = self._buffer
        if len(buf) < length_at + 2:
            return None
        end = length_at + 2 + buf[length_at] + 256 * buf[length_at + 1]
        return end if len(buf) >= end else None

    def _gs_paren(self, pos: int) -> int | None:
        end = self._length_prefixed(pos + 3)
        if end is None:
            return None
        buf = self._buffer
        if buf[pos + 2] == 0x6B and end - pos >= 7 and buf[pos + 5] == 49:  # GS ( k, cn = QR
            self._qr(buf[pos + 6], bytes(buf[pos + 7 : end]))
        elif buf[pos + 2] == 0x48 and end - pos == 11 and buf[pos + 5 : pos + 7] == b"00":
            # GS ( H pL pH fn=48 m=48 d1..d4: answer 37 22 d1..d4 00 once printed
            self._sequenced("process_id", bytes(buf[pos + 7 : end]))
        return end

    def _qr(self, fn: int, params: bytes) -> None:
        s = self._state
        if fn == 67 and params:
            if 1 <= params[0] <= self.qr_module_max:  # out of range: the firmware ignores it
                s.qr_size = params[0]
        elif fn == 69 and params:
            s.qr_ec = _QR_EC.get(params[0], s.qr_ec)
        elif fn == 80 and params:
            s.qr_data = params[1:]  # after m = 48
        elif fn == 81 and s.qr_data:
            self._print_line()
            code = qrcode.QRCode(error_correction=s.qr_ec, box_size=s.qr_size, border=0)
            code.add_data(s.qr_data)
            code.make(fit=True)
            self._add_image(code.make_image().get_image().convert("L"))

    def _raster(self, pos: int) -> int | None:
        buf = self._buffer
        if len(buf) < pos + 8:
            return None
        mode = buf[pos + 3]
        width_bytes = buf[pos + 4] + 256 * buf[pos + 5]
        height = buf[pos + 6] + 256 * buf[pos + 7]
        end = pos + 8 + width_bytes * height
        if len(buf) < end:
            return None
        if buf[pos + 2] in (0, 48) and width_bytes and height:
            # in ESC/POS a set bit is a black dot; in PIL's "1" mode it is white
            data = bytes(buf[pos + 8 : end]).translate(_INVERT)
            image = Image.frombytes("1", (width_bytes * 8, height), data).convert("L")
            scale_x = 2 if mode in (1, 3, 49, 51) else 1
            scale_y = 2 if mode in (2, 3, 50, 51) else 1
            if scale_x > 1 or scale_y > 1:
                image = image.resize((image.width * scale_x, image.height * scale_y))
            self._print_line()
            self._add_image(image)
        return end

    def _cut(self, pos: int) -> int | None:
        buf = self._buffer
        if len(buf) < pos + 3:
            return None
        mode = buf[pos + 2]
        if mode in (0, 1, 48, 49):
            end, feed = pos + 3, 0
        else:  # 65/66 feed n, 97/98 and 103/104 as well
            if len(buf) < pos + 4:
                return None
            end, feed = pos + 4, buf[pos + 3] if mode in (65, 66) else 0
        self._print_line()
        self._feed(feed)
        page, self._page = self._page, Page()
        page.cut = True
        self._events.append(PageCut(page))
        return end

    def _barcode(self, pos: int) -> int | None:
        buf = self._buffer
        if len(buf) < pos + 3:
            return None
        kind = buf[pos + 2]
        if kind <= 6:  # NUL-terminated data
            end = buf.find(b"\x00", pos + 3)
            return None if end < 0 else end + 1
        if len(buf) < pos + 4:
            return None
        end = pos + 4 + buf[pos + 3]
        return end if len(buf) >= end else None

    # --- drawing -----------------------------------------------------------------------

    def _cell(self, ch: str, wide: bool) -> _Cell:
        s = self._state
        width_mul = max(s.width_mul, 2 if s.mode_bits & 0x20 else 1)
        height_mul = max(s.height_mul, 2 if s.mode_bits & 0x10 else 1)
        if wide:
            width_mul = max(width_mul, 2 if s.kanji_bits & 0x04 else 1)
            height_mul = max(height_mul, 2 if s.kanji_bits & 0x08 else 1)
        return _Cell(ch, wide, 0 if wide else s.font, s.bold, s.underline, width_mul, height_mul)

    def _columns(self) -> int:
        return sum(2 if c.wide else 1 for c in self._line)

    def _line_width(self) -> int:
        return sum(_glyph(c).width for c in self._line)

    def _add_char(self, ch: str, *, wide: bool, text: str | None = None) -> None:
        if unicodedata.combining(ch):
            return
        cell = self._cell(ch, wide)
        # a full line buffer prints by itself, as on a real printer: text never runs off
        if self._line and self._line_width() + _glyph(cell).width > self.paper_dots:
            self._print_line()
        self._line.append(cell)
        self._line_text.append(ch if text is None else text)

    def _print_line(self, *, feed_empty: bool = False) -> None:
        if not self._line:
            if feed_empty:
                self._feed(self._state.line_spacing)
            return
        glyphs = [_glyph(c) for c in self._line]
        width = sum(g.width for g in glyphs)
        tallest = max(g.height for g in glyphs)
        row = Image.new("L", (self.paper_dots, max(self._state.line_spacing, tallest + 6)), 255)
        x = self._aligned_x(width)
        for glyph in glyphs:
            row.paste(glyph, (x, tallest - glyph.height))  # characters stand on one baseline
            x += glyph.width
        self._page.rows.append(row)
        self._page.texts.append("".join(self._line_text))
        self._line, self._line_text = [], []

    def _aligned_x(self, width: int) -> int:
        free = max(0, self.paper_dots - width)
        return {0: 0, 1: free // 2, 2: free}[self._state.align]

    def _add_image(self, image: Image.Image) -> None:
        if image.width > self.paper_dots:
            image = image.crop((0, 0, self.paper_dots, image.height))  # the head is this wide
        row = Image.new("L", (self.paper_dots, image.height), 255)
        row.paste(image, (self._aligned_x(image.width), 0))
        self._page.rows.append(row)
        self._page.texts.append(None)

    def _feed(self, dots: int) -> None:
        if dots > 0:
            self._page.rows.append(Image.new("L", (self.paper_dots, dots), 255))
            self._page.texts.append(None)
