"""Every failure screen in both languages and both orientations: the reference (查询码)
the biggest thing on it under its one name, what happened and what to do in one
sentence each, how many tickets came out of how many. PNGs in artifacts/failure/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.qt import QLabel, QWidget
from kiosk.qt.i18n import Translations
from kiosk.sarft.errors import VerifyCodeMismatch
from kiosk.ui.admin.wording import reference_text
from kiosk.ui.main_window import MainWindow
from kiosk.ui.viewmodels import ErrorKind, PrintStoppedView

from .language_checks import foreign, machine_forms, visible_texts
from .layout_checks import (
    buttons_cut_off,
    clipped_buttons,
    labels_cut_off,
    overlapping_buttons,
)

pytestmark = pytest.mark.ui

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "failure"
SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}
PICKUP_CODE = "WQNX8JL"
TXN = "9f1c2d3e4b5a69788796a5b4c3d2e1f0"  # a purchase's transaction (its UserSessionId)
# Each failure with the reference its controller gives it (kiosk.ui.controllers).
KINDS = {
    ErrorKind.NETWORK: TXN,
    ErrorKind.SESSION_UNAVAILABLE: TXN,
    ErrorKind.SEATS_EXPIRED: TXN,
    ErrorKind.PAYMENT_FAILED: TXN,
    ErrorKind.PAYMENT_REFUNDED: TXN,
    ErrorKind.PRINTER_OUT_OF_PAPER: PICKUP_CODE,
    ErrorKind.PRINTER_FAULT: PICKUP_CODE,
    ErrorKind.PRINTER_BEFORE_PAYMENT: TXN,
    ErrorKind.UNEXPECTED: "154512",
}
REFERENCE_NAME = {"zh": "查询码", "en": "Reference"}
DATA = [TXN, reference_text(TXN), PICKUP_CODE]  # the references read as they are


def _pixel_size(label: QLabel) -> int:
    return label.fontInfo().pixelSize()


def _problems(screen: QWidget, reference: QLabel, language: str, data: list[str]) -> list[str]:
    texts = visible_texts(screen)
    problems = [f"other language: {t}" for t in foreign(texts, language, data)]
    problems += [f"machine form: {t}" for t in machine_forms(texts)]
    biggest = max(
        (label for label in screen.findChildren(QLabel) if label.isVisible() and label.text()),
        key=_pixel_size,
    )
    if _pixel_size(biggest) > _pixel_size(reference):
        problems.append(f"{biggest.text()!r} is bigger than the reference")
    problems += overlapping_buttons(screen) + clipped_buttons(screen)
    problems += buttons_cut_off(screen) + labels_cut_off(screen)
    return problems


def _one_sentence(text: str, language: str) -> bool:
    """No sentence ends before the text does."""
    ends = re.findall(r"[。！？]" if language == "zh" else r"[.!?](?=\s)", text.strip()[:-1])
    return not ends


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_failure_screen_leads_with_the_reference(
    qtbot: object, window: MainWindow, translations: Translations, language: str
) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    window.set_language(language)  # type: ignore[arg-type]
    broken: list[str] = []
    for orientation, (width, height) in SIZES.items():
        window.resize(width, height)
        for kind, reference in KINDS.items():
            window.show_error_kind(kind, reference=reference)
            qtbot.wait(1)  # type: ignore[attr-defined]
            name = f"error-{kind.name.lower()}-{language}-{orientation}"
            window.grab().save(str(OUT / f"{name}.png"))
            error = window.error
            shown = error.reference
            assert shown.caption.text() == REFERENCE_NAME[language], name
            assert shown.code.text().replace(" ", "") == reference, name
            for text in (error.title(), error.action()):
                assert _one_sentence(text, language), f"{name}: {text!r}"
            broken += [f"{name}: {p}" for p in _problems(error, shown.code, language, DATA)]
            assert window.width() == width and window.height() == height
        window.error.show_refusal(VerifyCodeMismatch("return code 4"), reference=PICKUP_CODE)
        window.show_screen(window.error)
        qtbot.wait(1)  # type: ignore[attr-defined]
        window.grab().save(str(OUT / f"error-refusal-{language}-{orientation}.png"))
        assert "查询码" in window.error.action() or "reference" in window.error.action()
        for name, view in (
            ("partial", PrintStoppedView(1, 3, PICKUP_CODE, in_doubt=1)),
            ("none-out", PrintStoppedView(0, 4, PICKUP_CODE)),
        ):
            window.show_print_stopped(view)
            qtbot.wait(1)  # type: ignore[attr-defined]
            shot = f"print-stopped-{name}-{language}-{orientation}"
            window.grab().save(str(OUT / f"{shot}.png"))
            screen = window.print_stopped
            assert screen.reference_view.caption.text() == REFERENCE_NAME[language]
            title = screen._title.full_text()
            counted = (
                f"共 {view.total} 张票，已出 {view.printed} 张"
                if language == "zh"
                else f"{view.printed} of {view.total} tickets came out"
            )
            assert counted in title, f"{shot}: {title!r}"
            broken += [f"{shot}: {p}" for p in _problems(screen, screen.reference, language, DATA)]
    assert broken == []
