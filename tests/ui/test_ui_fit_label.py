"""The home title fits its width: smaller type first, then an even two-line wrap."""

from __future__ import annotations

from kiosk.qt import QFont, QFontMetrics
from kiosk.ui import theme
from kiosk.ui.widgets.fit_label import FitLabel, balanced_lines

from .conftest import Host

NAME = "星光国际影城（北京朝阳万达广场店）"


def test_a_long_name_shrinks_to_one_line_on_a_portrait_panel(qtbot: object, host: Host) -> None:
    label = FitLabel(theme.HERO_PX, theme.HEADING_PX)
    host(label, 920, 300)
    label.set_full_text(NAME)
    assert theme.HEADING_PX <= label.font_px() < theme.HERO_PX
    assert "\n" not in label.text()
    label.set_full_text("星光影城")
    assert label.font_px() == theme.HERO_PX


def test_a_name_too_long_even_small_wraps_evenly_without_an_orphan(
    qtbot: object, host: Host
) -> None:
    label = FitLabel(theme.HERO_PX, theme.HEADING_PX)
    host(label, 500, 400)
    label.set_full_text(NAME)
    assert label.font_px() == theme.HEADING_PX
    first, second = label.text().split("\n")
    assert abs(len(first) - len(second)) <= 2
    assert not second.startswith("）")


def test_balanced_lines_breaks_latin_at_spaces(kiosk_app: object) -> None:
    font = QFont()
    font.setPixelSize(40)
    text = balanced_lines("Starlight International Cinema Wanda Plaza", QFontMetrics(font))
    assert text.split("\n") == ["Starlight International", "Cinema Wanda Plaza"]
