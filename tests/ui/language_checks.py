"""Is every visible string in the language the screen is in? For the screens staff and
patrons read: no Chinese left on an English screen, no English words on a Chinese one
(bar the names of things, which read the same in both), no machine forms anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kiosk.qt import QAbstractButton, QLabel, QLineEdit, QWidget

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_WORD = re.compile(r"[A-Za-z][A-Za-z_']+")
_TAG = re.compile(r"<[^>]+>")
# The names of things: products, the kiosk's commands and settings, units, the other
# language's name on the language button.
PROPER_NAMES = frozenset(
    {"VISTA", "Connect", "SARFT", "kiosk", "doctor", "reconcile", "admin", "pin", "cinema_id"}
)
LANGUAGE_BUTTONS = frozenset({"English", "中文"})
# A time or list the way a program writes it, never a person.
MACHINE_FORMS = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|[+-]\d{2}:\d{2}\b|\d{2}:\d{2}:\d{2}\.\d+|[\[\]{}\"]|_fen\b"
)


def visible_texts(root: QWidget, *, scrolled_too: bool = False) -> list[str]:
    """Every string on screen under ``root``: labels, buttons, empty fields' hints;
    ``scrolled_too``: also those a finger would scroll to."""
    texts = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if scrolled_too or not label.visibleRegion().isEmpty():
            texts.append(_TAG.sub(" ", label.text()))
    for button in root.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            texts.append(button.text())
    for field in root.findChildren(QLineEdit):
        if field.isVisible() and not field.text() and field.placeholderText():
            texts.append(field.placeholderText())
    return texts


def foreign(texts: Iterable[str], language: str, data: Iterable[str] = ()) -> list[str]:
    """Texts with words of the other language; ``data`` (codes, names from VISTA) is the
    cinema's or the patron's and reads as it is."""
    kept = sorted(data, key=len, reverse=True)
    found = []
    for text in texts:
        if text in LANGUAGE_BUTTONS:
            continue
        bare = text
        for value in kept:
            bare = bare.replace(value, " ")
        if language == "en" and _CJK.search(bare):
            found.append(text)
        if language == "zh":
            words = [w for w in _WORD.findall(bare) if w not in PROPER_NAMES]
            if words:
                found.append(f"{text!r}: {words}")
    return found


def machine_forms(texts: Iterable[str]) -> list[str]:
    return [text for text in texts if MACHINE_FORMS.search(text)]
