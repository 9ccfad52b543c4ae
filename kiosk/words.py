"""An error code's words from the Qt Linguist catalogues, read without Qt.

The screens word a :class:`~kiosk.errors.KioskError` through ``QCoreApplication.translate``
(:mod:`kiosk.ui.error_words`); the terminal commands (``kiosk collect``, ``kiosk buy``,
``kiosk recover``) run without Qt, so they read the same catalogues here: a patron at
the screen and an installer at the terminal read the same sentence, kept in one place.
They read the ``.ts`` beside the compiled ``.qm``: lrelease keeps a message's
disambiguation (the code) only where two messages would collide, and
``scripts/update_translations.sh`` keeps the two the same.
"""

from __future__ import annotations

import functools
from typing import Literal

from kiosk.errors import CONTEXT, KioskError
from kiosk.paths import I18N_DIR

Language = Literal["zh", "en"]

_CATALOGUES: dict[Language, str] = {"zh": "kiosk_zh_CN.ts", "en": "kiosk_en.ts"}


class CatalogueError(RuntimeError):
    """A catalogue is missing, unreadable or lacks a code's words."""


@functools.cache
def code_words(language: Language) -> dict[str, str]:
    """Every code's finished words in ``language``: code -> text with %1, %2..."""
    # the XML parser loads here, with the first words a command says (most say none)
    import xml.etree.ElementTree as ET

    path = I18N_DIR / _CATALOGUES[language]
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise CatalogueError(f"cannot read {path}: {exc}") from None
    found: dict[str, str] = {}
    for context in root.iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            code = message.findtext("comment")
            translation = message.find("translation")
            if code and translation is not None and translation.get("type") is None:
                found[code] = translation.text or ""
    return found


def words(error: KioskError, language: Language) -> str:
    """What ``error`` says to a patron or staff member in ``language``, its facts filled in."""
    text = code_words(language).get(error.error_code.value)
    if not text:
        raise CatalogueError(f"no {language} words for {error.error_code.value}")
    # highest first, so %1 never eats the start of a %10
    for number, fact in reversed(list(enumerate(error.facts(), start=1))):
        text = text.replace(f"%{number}", fact)
    return text
