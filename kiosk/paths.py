"""Where the kiosk's shipped files live (fonts, translations, printer profiles)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES_DIR = PROJECT_ROOT / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"
I18N_DIR = RESOURCES_DIR / "i18n"
PRINTERS_DIR = PROJECT_ROOT / "printers"

CJK_FONT_REGULAR = FONTS_DIR / "NotoSansSC-Regular.otf"
CJK_FONT_BOLD = FONTS_DIR / "NotoSansSC-Bold.otf"
# Pickup codes and keys: a face whose 0 and O, 1 and I differ (dotted zero, serifed I).
CODE_FONT = FONTS_DIR / "DejaVuSansMono-Bold-Codes.ttf"
