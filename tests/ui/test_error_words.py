"""The screens word every error code as the terminal commands do: from the same catalogue,
through the installed translator."""

from __future__ import annotations

import pytest

from kiosk.connect.errors import ConnectTimeout
from kiosk.errors import ErrorCode
from kiosk.flows.pickup_code import KeypadLocked
from kiosk.qt.i18n import LANGUAGES, Language, Translations
from kiosk.ui.admin.section import staff_message
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


@pytest.mark.ui
def test_a_failed_staff_action_says_what_failed_in_the_screens_language(
    translations: Translations,
) -> None:
    """Staff read the service that failed in words, its detail after for the log's sake."""
    timeout = ConnectTimeout("no answer in 10 s", operation="RefundBooking")
    assert staff_message(timeout) == "售票系统未及时应答 (no answer in 10 s)"
    translations.switch("en")
    assert (
        staff_message(timeout) == "The ticketing system did not answer in time (no answer in 10 s)"
    )
