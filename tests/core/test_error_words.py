"""Every error code has words in both catalogues, and every error a patron or staff member
can meet names a code (issue 17, item 2)."""

from __future__ import annotations

import importlib
import pkgutil
import re
import xml.etree.ElementTree as ET

import pytest

import kiosk
from kiosk.connect.errors import (
    ConnectError,
    ConnectResultError,
    ConnectUnavailable,
    SeatsUnavailable,
)
from kiosk.errors import CONNECT_UNANSWERED, CONTEXT, FACTS, ErrorCode, KioskError
from kiosk.paths import I18N_DIR
from kiosk.payment.base import PaymentRejected
from kiosk.sarft import errors as sarft_errors
from kiosk.words import Language, code_words, words

CATALOGUES: dict[Language, str] = {"zh": "kiosk_zh_CN.ts", "en": "kiosk_en.ts"}
PLACEHOLDER = re.compile(r"%(\d+)")


def _messages(language: Language) -> dict[str, tuple[str, str]]:
    """code -> (source, translation) of the Errors context, unfinished ones left out."""
    root = ET.parse(I18N_DIR / CATALOGUES[language]).getroot()
    found: dict[str, tuple[str, str]] = {}
    for context in root.iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") is None and translation.text:
                found[message.findtext("comment") or ""] = (
                    message.findtext("source") or "",
                    translation.text,
                )
    return found


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_code_has_words_with_a_place_for_each_fact(language: Language) -> None:
    messages = _messages(language)
    missing = [code.value for code in ErrorCode if code.value not in messages]
    assert missing == [], f"run scripts/update_translations.sh and translate: {missing}"
    for code in ErrorCode:
        source, translation = messages[code.value]
        wanted = {str(n) for n in range(1, len(FACTS.get(code, ())) + 1)}
        assert set(PLACEHOLDER.findall(source)) == wanted, code
        assert set(PLACEHOLDER.findall(translation)) == wanted, code


def test_no_words_for_a_code_that_is_gone() -> None:
    """An obsolete message would make a reader think the kiosk still says it."""
    codes = {code.value for code in ErrorCode}
    for language in CATALOGUES:
        assert set(_messages(language)) <= codes, language


def test_chinese_words_are_chinese_and_english_are_the_source() -> None:
    zh, en = _messages("zh"), _messages("en")
    for code in ErrorCode:
        source, english = en[code.value]
        assert english == source
        assert re.search(r"[\u4e00-\u9fff]", zh[code.value][1]), code


def _error_classes() -> list[type[KioskError]]:
    for module in pkgutil.walk_packages(kiosk.__path__, "kiosk."):
        if not module.name.startswith(("kiosk.ui", "kiosk.qt", "kiosk.sim", "kiosk.app")):
            importlib.import_module(module.name)
    found: list[type[KioskError]] = []
    todo: list[type[KioskError]] = [KioskError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found[1:]


def test_every_error_class_names_a_code() -> None:
    classes = _error_classes()
    assert len(classes) > 30
    assert [c.__qualname__ for c in classes if not isinstance(c.error_code, ErrorCode)] == []


def test_facts_fill_the_words_in_every_language() -> None:
    error = sarft_errors.error_for_code(42, "query: return code 42")
    assert error.error_code is ErrorCode.SARFT_REFUSED and error.facts() == ("42",)
    assert words(error, "zh") == code_words("zh")["sarft.refused"].replace("%1", "42")
    assert "42" in words(error, "en") and "%1" not in words(error, "en")


def test_an_adapters_failure_has_words_for_staff_with_its_code() -> None:
    refused = ConnectResultError.for_code(8, "SeatsUnavailable", operation="AddTickets")
    assert isinstance(refused, SeatsUnavailable) and refused.error_code is ErrorCode.CONNECT_REFUSED
    assert words(refused, "en") == "The ticketing system refused the request (result code 8)"
    assert "8" in words(refused, "zh")
    rejected = PaymentRejected(409, "ORDER_PAID", "order already paid")
    assert "ORDER_PAID" in words(rejected, "en") and "ORDER_PAID" in words(rejected, "zh")
    assert words(ConnectUnavailable("refused", operation="GetOrder"), "zh") == "无法连接售票系统"


def test_every_connect_failure_but_a_refusal_is_unanswered() -> None:
    """The catalog keeps its last good copy through exactly these codes."""
    failures = [c for c in _error_classes() if issubclass(c, ConnectError)]
    assert len(failures) > 10
    for cls in failures:
        refusal = issubclass(cls, ConnectResultError)
        assert (cls.error_code in CONNECT_UNANSWERED) is not refusal, cls.__qualname__
