"""Rebuild the bundled CJK font subset from Debian's fonts-noto-cjk (OFL-1.1), and the
face pickup codes are shown in (DejaVu Sans Mono Bold from fonts-dejavu-core, whose
dotted zero and serifed I tell 0 from O and 1 from I; Bitstream Vera licence, see
resources/fonts/DejaVu-LICENSE.txt).

Keeps ASCII, Latin-1, general punctuation, CJK punctuation, full-width forms and
every character of GB2312 (the 6,763 hanzi in everyday mainland use), so any
Chinese film title, hall or message renders on a fresh machine with no system
CJK font. Run: python scripts/make_font_subset.py (needs fonts-noto-cjk, fonttools).
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCES = {
    "NotoSansSC-Regular.otf": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "NotoSansSC-Bold.otf": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
}
OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts"
CODE_SOURCE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf")
CODE_NAME = "DejaVuSansMono-Bold-Codes.ttf"
# Pickup codes and keypad keys: ASCII, and the few signs the keys show.
CODE_CHARS = "".join(chr(c) for c in range(0x20, 0x7F)) + "−⌫‹›×·"


def charset() -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0xA0, 0x100)}
    chars |= {chr(c) for c in range(0x2000, 0x2070)}  # general punctuation
    chars |= {chr(c) for c in range(0x2190, 0x2200)}  # arrows
    chars |= {chr(c) for c in range(0x2460, 0x24FF)}  # circled numbers ①
    chars |= {chr(c) for c in range(0x25A0, 0x2600)}  # geometric shapes
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK punctuation
    chars |= {chr(c) for c in range(0xFF00, 0xFFF0)}  # full-width forms
    chars |= set("€¥￥©®™✓✔✕✗×÷")
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(sorted(chars))


def simplified_chinese_index(collection: TTCollection) -> int:
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1).endswith(" SC"):
            return index
    raise SystemExit("no SC face in the collection")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    text = charset()
    for name, source in SOURCES.items():
        index = simplified_chinese_index(TTCollection(str(source)))
        options = subset.Options()
        options.font_number = index
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        subset.save_font(font, str(OUT / name), options)
        print(f"{name}: {(OUT / name).stat().st_size // 1024} KiB, {len(text)} characters")
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(CODE_SOURCE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=CODE_CHARS)
    subsetter.subset(font)
    subset.save_font(font, str(OUT / CODE_NAME), options)
    print(f"{CODE_NAME}: {(OUT / CODE_NAME).stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
