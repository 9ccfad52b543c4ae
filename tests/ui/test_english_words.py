"""English for the Chinese words of VISTA attributes and hall names."""

from __future__ import annotations

import pytest

from kiosk.ui.english_words import attribute, hall


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("一号厅", "Hall 1"),
        ("12号厅", "Hall 12"),
        ("十二号厅", "Hall 12"),
        ("二十三号厅", "Hall 23"),
        ("二号厅(情侣厅)", "Hall 2 (Couples)"),
        ("三号厅(IMAX)", "Hall 3 (IMAX)"),
        ("5号厅 激光", "Hall 5 Laser"),
    ],
)
def test_numbered_halls_in_english(chinese: str, english: str) -> None:
    assert hall(chinese) == english


@pytest.mark.parametrize("name", ["贵宾厅", "VIP厅", "Hall 4", "", "号厅"])
def test_other_hall_names_are_kept_whole(name: str) -> None:
    assert hall(name) == name


def test_attributes_the_patron_needs_in_english_and_the_rest_as_written() -> None:
    assert [attribute(w) for w in ("国语", "原版", "粤语", "中文字幕", "3D", "IMAX", "新片")] == [
        "Mandarin",
        "Original version",
        "Cantonese",
        "Chinese subtitles",
        "3D",
        "IMAX",
        "新片",
    ]
