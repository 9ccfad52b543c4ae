"""The cinema-dark look: one palette, one accent, large type, for QSS and QPainter alike.

Sizes are pixels for a 24" 1080p panel (about 0.277 mm per pixel): 96 px is
26 mm, comfortably above the 15 mm minimum touch target.
"""

from __future__ import annotations

from kiosk.qt import QColor, QCoreApplication, QEvent, QWidget
from kiosk.qt.fonts import CJK_FAMILY, CODE_FAMILY

# Codes, and the keys they are typed with, in a face where 0/O and 1/I differ; any
# other character falls back to the Chinese face.
CODE_FONT = f'font-family: "{CODE_FAMILY}", "{CJK_FAMILY}";'

BACKGROUND = "#0e1014"
SURFACE = "#1b1f27"
SURFACE_RAISED = "#272c37"
BORDER = "#3d4452"
TEXT = "#f4f5f7"
TEXT_MUTED = "#b9bfca"
TEXT_DISABLED = "#6f7684"
# A caption a patron must read at arm's length (how long a code lasts, what a code is
# for): body-large and near-white; the muted grey is for what they may skip.
TEXT_CAPTION = "#e4e7ec"
ACCENT = "#ffb81c"
ACCENT_PRESSED = "#d99a0f"
ON_ACCENT = "#15120a"
DANGER = "#ff6f61"
# Why a choice is closed: read at arm's length on a dimmed tile, warm like a problem.
UNAVAILABLE_TEXT = "#ffd2cc"
SUCCESS = "#5fd38d"

BODY_PX = 30
SMALL_PX = 28
LARGE_PX = 38
HEADING_PX = 52
# The largest running text (titles, the main buttons): 64 px, 18 mm, is also the largest
# Qt's raster engine keeps as cached glyph bitmaps; above it each glyph is filled from
# its outline at every paint (a bold line of 16 hanzi: 4.2 ms a paint at 72 px, 0.24 ms
# at 64 px), and a tap that repainted a title or a main button held the loop for it.
HERO_PX = 64
TOUCH_PX = 104
GAP_PX = 24
# A landscape window at least this wide puts content side by side (Screen.is_wide).
WIDE_PX = 1600
# The pickup-code field: text size, and the room its padding and border take each side.
FIELD_TEXT_PX = 60
FIELD_PAD_PX = 24
FIELD_BORDER_PX = 3
MARGIN_PX = 40


def color(hex_rgb: str) -> QColor:
    return QColor(hex_rgb)


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Set a property the stylesheet selects on, and re-apply the style so it shows.

    Re-polishing alone leaves a QLabel's frame width where it was, so a label that
    turns into a bordered box (role "problem" or "notice") would keep its text glued
    to the border; the StyleChange event makes QFrame take the new padding and border.
    """
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))
    widget.updateGeometry()


STYLESHEET = f"""
QWidget {{
    background: {BACKGROUND};
    color: {TEXT};
    font-size: {BODY_PX}px;
}}
QLabel {{ background: transparent; }}
QLabel[role="heading"] {{ font-size: {HEADING_PX}px; font-weight: bold; }}
QLabel[role="hero"] {{ font-size: {HERO_PX}px; font-weight: bold; }}
QLabel[role="large"] {{ font-size: {LARGE_PX}px; }}
QLabel[role="muted"] {{ color: {TEXT_MUTED}; }}
QLabel[role="caption"] {{ color: {TEXT_CAPTION}; font-size: {LARGE_PX}px; }}
QLabel[role="raw"] {{ color: {TEXT_MUTED}; font-size: {SMALL_PX - 6}px; }}
QLabel[role="accent"] {{ color: {ACCENT}; font-size: {LARGE_PX}px; font-weight: bold; }}
QLabel[role="notice"] {{
    background: #3a2a10; color: {ACCENT}; border: 2px solid {ACCENT};
    border-radius: 12px; padding: 16px 24px; font-size: {LARGE_PX}px;
}}
QLabel[role="problem"] {{
    background: #3a1714; color: #ffd2cc; border: 2px solid {DANGER};
    border-radius: 12px; padding: 16px 24px; font-size: {BODY_PX}px;
}}
QLabel[role="chip"] {{
    background: {SURFACE_RAISED}; color: {TEXT}; border: 1px solid {BORDER};
    border-radius: 8px; padding: 2px 12px; font-size: {SMALL_PX}px;
}}
QLabel[role="code"] {{
    font-size: {HERO_PX}px; font-weight: bold; color: {ACCENT}; {CODE_FONT}
}}
QLabel[role="countdown"] {{ font-size: {LARGE_PX}px; font-weight: bold; color: {TEXT}; }}
QLabel[role="countdown"][warning="true"] {{ color: {DANGER}; }}
QLabel[role="clock"] {{ font-size: {LARGE_PX}px; color: {TEXT_MUTED}; }}
QFrame[role="card"] {{
    background: {SURFACE}; border: 2px solid {BORDER}; border-radius: 20px;
}}
QFrame[role="card"] QLabel {{ background: transparent; }}
QFrame[role="header"] {{ background: {SURFACE}; border-bottom: 2px solid {BORDER}; }}
QPushButton {{
    min-height: {TOUCH_PX}px; min-width: {TOUCH_PX}px;
    padding: 8px 32px; border-radius: 18px;
    background: {SURFACE_RAISED}; color: {TEXT};
    border: 2px solid {BORDER}; font-size: {LARGE_PX}px;
}}
QPushButton:pressed {{ background: {BORDER}; }}
QPushButton:checked {{ background: {ACCENT}; color: {ON_ACCENT}; border-color: {ACCENT}; }}
QPushButton:disabled {{ color: #6f7684; border-color: #2c313b; background: #181b22; }}
QPushButton[variant="primary"] {{
    background: {ACCENT}; color: {ON_ACCENT}; border-color: {ACCENT}; font-weight: bold;
}}
QPushButton[variant="primary"]:pressed {{ background: {ACCENT_PRESSED}; }}
QPushButton[variant="primary"]:disabled {{
    background: #4a3d1c; color: #8f8568; border-color: #4a3d1c;
}}
QPushButton[variant="hero"] {{
    background: {ACCENT}; color: {ON_ACCENT}; border: none; border-radius: 28px;
    font-size: {HERO_PX}px; font-weight: bold; padding: 24px;
}}
QPushButton[variant="hero"]:pressed {{ background: {ACCENT_PRESSED}; }}
QPushButton[variant="heroAlt"] {{
    background: {SURFACE_RAISED}; color: {TEXT}; border: 3px solid {ACCENT};
    border-radius: 28px; font-size: {HERO_PX}px; font-weight: bold; padding: 24px;
}}
QPushButton[variant="heroAlt"]:pressed {{ background: {BORDER}; }}
QLabel#bigTitle {{ font-size: {HERO_PX}px; font-weight: bold; }}
QLabel#bigCaption {{ font-size: {LARGE_PX - 4}px; color: {TEXT_MUTED}; }}
QPushButton[variant="hero"] QLabel#bigTitle, QPushButton[variant="hero"] QLabel#bigCaption {{
    color: {ON_ACCENT};
}}
QPushButton[variant="card"] QLabel#bigTitle {{ font-size: {LARGE_PX + 4}px; }}
QPushButton[variant="card"] {{
    text-align: left; padding: 20px 28px; background: {SURFACE};
    border-radius: 20px; font-size: {BODY_PX}px;
}}
QPushButton[variant="card"][unavailable="true"] {{
    background: {BACKGROUND}; border: 2px dashed {BORDER};
}}
QPushButton[unavailable="true"] QLabel {{ color: {TEXT_DISABLED}; }}
QPushButton[unavailable="true"] QLabel[role="tag"] {{
    color: {TEXT}; background: {SURFACE_RAISED}; border: 2px solid {TEXT_DISABLED};
    border-radius: 10px; padding: 2px 14px; font-size: {SMALL_PX}px; font-weight: bold;
}}
QPushButton[variant="hero"][unavailable="true"],
QPushButton[variant="heroAlt"][unavailable="true"] {{
    background: {SURFACE}; border: 3px dashed {BORDER};
}}
QPushButton[variant="hero"][unavailable="true"] QLabel#bigTitle,
QPushButton[variant="heroAlt"][unavailable="true"] QLabel#bigTitle {{ color: {TEXT_DISABLED}; }}
QPushButton[variant="hero"][unavailable="true"] QLabel#bigCaption,
QPushButton[variant="heroAlt"][unavailable="true"] QLabel#bigCaption {{
    color: {UNAVAILABLE_TEXT};
}}
QPushButton[variant="key"] {{
    padding: 0; min-width: 84px; border-radius: 14px;
    font-size: {HEADING_PX - 8}px; font-weight: bold; {CODE_FONT}
}}
QPushButton[variant="quiet"] {{ background: transparent; border: 2px solid {BORDER}; }}
QLineEdit {{
    min-height: {TOUCH_PX}px; padding: 0 {FIELD_PAD_PX}px; border-radius: 16px;
    background: {SURFACE}; border: {FIELD_BORDER_PX}px solid {ACCENT}; color: {TEXT};
    font-size: {FIELD_TEXT_PX}px; font-weight: bold;
}}
QLineEdit[role="code"] {{ {CODE_FONT} }}
QProgressBar {{
    min-height: 28px; max-height: 28px; border-radius: 14px; background: {SURFACE_RAISED};
    border: none; color: transparent;
}}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 14px; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QScrollBar:vertical {{ width: 16px; background: {BACKGROUND}; }}
QScrollBar::handle:vertical {{ background: {BORDER}; border-radius: 8px; min-height: 80px; }}
QScrollBar:horizontal {{ height: 16px; background: {BACKGROUND}; }}
QScrollBar::handle:horizontal {{ background: {BORDER}; border-radius: 8px; min-width: 80px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
"""
