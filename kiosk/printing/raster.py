"""Text lines drawn with the bundled CJK font, for printers without a Chinese font.

The layout already fits every line in columns; drawing proportionally can still
run wide (a line of ``W``), so such a line is squeezed to the paper, never cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from kiosk.paths import CJK_FONT_BOLD, CJK_FONT_REGULAR
from kiosk.printing.layout import Align, Rule, TextLine

# A printer's 12x24 font advances 30 dots a line; keep the same rhythm on paper.
LINE_PITCH = 1.25
_INK_THRESHOLD = 128


@lru_cache(maxsize=16)
def cjk_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(CJK_FONT_BOLD if bold else CJK_FONT_REGULAR), size)


def base_font_dots(column_dots: float) -> int:
    """A Chinese character is two columns wide, so the em is two columns."""
    return round(2 * column_dots)


def line_height(column_dots: float, scale: int = 1) -> int:
    return round(base_font_dots(column_dots) * scale * LINE_PITCH)


def _draw_line(line: TextLine, width: int, column_dots: float) -> Image.Image:
    size = base_font_dots(column_dots) * line.scale
    height = line_height(column_dots, line.scale)
    font = cjk_font(size, line.bold)
    gap = font.getlength("  ") if line.right else 0
    text_width = max(1, round(font.getlength(line.text) + gap + font.getlength(line.right)))
    strip = Image.new("L", (max(width, text_width), height), 255)
    if text_width > width:
        x = 0
    elif line.align is Align.CENTER:
        x = (width - text_width) // 2
    elif line.align is Align.RIGHT:
        x = width - text_width
    else:
        x = 0
    draw = ImageDraw.Draw(strip)
    draw.text((x, height // 2), line.text, font=font, fill=0, anchor="lm")
    if line.right:
        draw.text((strip.width, height // 2), line.right, font=font, fill=0, anchor="rm")
    if strip.width > width:
        strip = strip.resize((width, height), Image.Resampling.LANCZOS)
    return strip


def _draw_rule(width: int, column_dots: float) -> Image.Image:
    height = line_height(column_dots)
    strip = Image.new("L", (width, height), 255)
    dash = round(column_dots)
    draw = ImageDraw.Draw(strip)
    for x in range(0, width, 2 * dash):
        draw.rectangle((x, height // 2 - 1, x + dash - 1, height // 2), fill=0)
    return strip


def _strip(line: TextLine | Rule | None, width: int, column_dots: float) -> Image.Image:
    if isinstance(line, TextLine):
        return _draw_line(line, width, column_dots)
    if isinstance(line, Rule):
        return _draw_rule(width, column_dots)
    return Image.new("L", (width, line_height(column_dots)), 255)


def render_lines(
    lines: Sequence[TextLine | Rule | None], width: int, column_dots: float
) -> Image.Image:
    """One black-on-white bitmap, ``width`` dots wide; ``None`` is an empty line."""
    strips = [_strip(line, width, column_dots) for line in lines]
    page = Image.new("L", (width, sum(s.height for s in strips) or 1), 255)
    top = 0
    for strip in strips:
        page.paste(strip, (0, top))
        top += strip.height
    # a hard threshold, not dithering: thermal dots are on or off and grey text smears
    return page.point(lambda v: 255 if v > _INK_THRESHOLD else 0).convert(
        "1", dither=Image.Dither.NONE
    )
