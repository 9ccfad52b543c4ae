"""Install and switch the patron language at run time through Qt Linguist .qm files.

Installing or removing a QTranslator makes Qt send LanguageChange to every widget,
so each screen's ``changeEvent`` re-runs its ``retranslate_ui``.
"""

from __future__ import annotations

from typing import Literal

from kiosk.paths import I18N_DIR
from kiosk.qt import QCoreApplication, QLocale, QTranslator

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")

_QM_NAMES: dict[Language, str] = {"zh": "kiosk_zh_CN", "en": "kiosk_en"}
_LOCALES: dict[Language, QLocale] = {
    "zh": QLocale(QLocale.Language.Chinese, QLocale.Country.China),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


class TranslationError(RuntimeError):
    """A .qm file is missing: the patron would see a half-translated kiosk."""


class Translations:
    """Owns the one kiosk translator; keeps it alive as long as it is installed."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self._language: Language | None = None

    @property
    def language(self) -> Language | None:
        return self._language

    def switch(self, language: Language) -> None:
        """Make ``language`` current; a no-op if it already is."""
        if language == self._language:
            return
        translator = QTranslator()
        if not translator.load(_QM_NAMES[language], str(I18N_DIR)):
            raise TranslationError(f"missing translation {I18N_DIR / _QM_NAMES[language]}.qm")
        # Install the new one before removing the old so no frame shows source text.
        QCoreApplication.installTranslator(translator)
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
        self._translator = translator
        self._language = language
        QLocale.setDefault(_LOCALES[language])

    def remove(self) -> None:
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
        self._translator = None
        self._language = None


def locale_for(language: Language) -> QLocale:
    return _LOCALES[language]
