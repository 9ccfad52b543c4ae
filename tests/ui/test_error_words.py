"""The screens word every error code as the terminal commands do: from the same catalogue,
through the installed translator."""

from __future__ import annotations

import pytest

from kiosk.errors import ErrorCode
from kiosk.flows.pickup_code import KeypadLocked
from kiosk.qt.i18n import LANGUAGES, Language, Translations
from kiosk.ui.error_words import code_text, error_text
from kiosk.words import code_words, words


@pytest.mark.ui
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_code_reads_on_screen_as_in_the_catalogue(
    translations: Translations, language: Language
) -> None:
    translations.switch(language)
    catalogue = code_words(language)
    assert {code: code_text(code) for code in ErrorCode} == {
        code: catalogue[code.value] for code in ErrorCode
    }


@pytest.mark.ui
def test_an_error_on_screen_follows_the_language_and_shows_its_facts(
    translations: Translations,
) -> None:
    locked = KeypadLocked(90.0, kiosk_wide=True)
    assert error_text(locked) == words(locked, "zh") and "2 分钟" in error_text(locked)
    translations.switch("en")
    assert error_text(locked) == words(locked, "en") and "2 min" in error_text(locked)
