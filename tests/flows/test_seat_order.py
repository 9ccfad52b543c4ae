"""Seat names sort as a patron reads them, numbers by value."""

from __future__ import annotations

from kiosk.flows.seat_order import natural_key, seat_key


def test_numbers_inside_names_compare_by_value() -> None:
    names = ["7排10座", "10排1座", "7排9座", "2排12座"]
    assert sorted(names, key=natural_key) == ["2排12座", "7排9座", "7排10座", "10排1座"]


def test_rows_first_then_seats_letters_as_text() -> None:
    seats = [("12", "3"), ("2", "A10"), ("2", "A9"), ("B", "1"), ("2", "11")]
    assert sorted(seats, key=lambda s: seat_key(*s)) == [
        ("2", "11"),
        ("2", "A9"),
        ("2", "A10"),
        ("12", "3"),
        ("B", "1"),
    ]


def test_blank_and_odd_names_still_sort() -> None:
    assert sorted(["", " 3 ", "x"], key=natural_key) == ["", " 3 ", "x"]
