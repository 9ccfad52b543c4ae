"""English for the Chinese words cinemas use in VISTA session attributes and hall names.

VISTA has second-language fields for titles and ticket types, but a session's
attributes ("国语", "原版") and its hall ("三号厅") come only as the cinema typed
them. An English-speaking patron needs to know the language a film is shown in
and which hall to walk to, so the usual words are put in English here. Anything
not listed is shown as the cinema wrote it.
"""

from __future__ import annotations

import re

# Session attributes as Chinese cinemas commonly set them up in VISTA.
ATTRIBUTES = {
    "原版": "Original version",
    "原声": "Original version",
    "国语": "Mandarin",
    "普通话": "Mandarin",
    "粤语": "Cantonese",
    "英语": "English",
    "日语": "Japanese",
    "韩语": "Korean",
    "中文字幕": "Chinese subtitles",
    "中字": "Chinese subtitles",
    "英文字幕": "English subtitles",
    "双语字幕": "Bilingual subtitles",
    "激光": "Laser",
    "巨幕": "Giant screen",
    "中国巨幕": "China Giant Screen",
    "杜比全景声": "Dolby Atmos",
    "杜比影院": "Dolby Cinema",
    "动感": "Motion seats",
    "首映": "Premiere",
    "点映": "Preview",
}

_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")}
_HALL = re.compile(r"^\s*([0-9]+|[一二三四五六七八九十]{1,3})\s*号?\s*厅")
_HALL_KINDS = {"情侣厅": "Couples", "贵宾厅": "VIP", "VIP厅": "VIP", "激光厅": "Laser"}


def attribute(word: str) -> str:
    return ATTRIBUTES.get(word.strip(), word)


def _number(text: str) -> int | None:
    """1-99 written in digits or in Chinese numerals (一, 十二, 二十三)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CHINESE_DIGITS.get(text) if len(text) == 1 else None
    tens, _, units = text.partition("十")
    value = (_CHINESE_DIGITS.get(tens, 0) if tens else 1) * 10
    return value + (_CHINESE_DIGITS.get(units, 0) if units else 0)


def hall(name: str) -> str:
    """ "三号厅(IMAX)" -> "Hall 3 (IMAX)"; a name of another shape is kept whole."""
    match = _HALL.match(name)
    number = _number(match.group(1)) if match else None
    if match is None or number is None:
        return name
    rest = name[match.end() :].strip()
    for chinese, english in _HALL_KINDS.items():
        rest = rest.replace(chinese, english)
    for chinese, english in ATTRIBUTES.items():
        rest = rest.replace(chinese, english)
    return f"Hall {number} {rest}".strip() if rest else f"Hall {number}"
