"""Printing: time to lay out and encode one ticket, and bytes sent per ticket, per mode.

The reference is python-escpos writing the same lines with its own text() path
(Dummy printer, no Chinese mode, no QR) in the same run, so the ratio says what
our GB18030 / raster / QR work costs on top of the library's plainest use.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from escpos.printer import Dummy

from bench.common import row, save_section
from kiosk.printing.escpos import encode_layout
from kiosk.printing.layout import layout_ticket
from kiosk.printing.profiles import load_profile
from kiosk.printing.ticket import TicketFace

ROUNDS = 40
FACE = TicketFace(
    cinema_name="万达影城(CBD店)",
    film_name="流浪地球2：The Wandering Earth II",
    show_time=dt.datetime(2025, 3, 15, 11, 30, tzinfo=dt.UTC),
    hall_name="3号激光IMAX厅",
    seat_name="7排10座",
    price_fen=4500,
    service_fee_fen=300,
    ticket_code="1234567890ABCDEF",
    ticket_info_code=("QJ1lZ2R5c3RlbS1vcGFxdWUtdGlja2V0LWluZm8tY29kZS0xMjM0NTY3ODkw" * 3)[:180],
    printed_at=dt.datetime(2025, 3, 15, 10, 2, 11, tzinfo=dt.UTC),
    kiosk_id="K01",
)
TARGET_MS = 100.0  # a patron waits on every ticket; encoding must not be what they notice


def median_ms(fn: Callable[[], object]) -> float:
    fn()  # warm the font and glyph caches, as a running kiosk has them
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    virtual = load_profile("virtual")
    modes = {
        "gb18030 text + native QR": virtual,
        "gb18030 text + image QR": replace(virtual, qr_mode="image"),
        "raster text + native QR": replace(virtual, text_mode="raster"),
        "raster text + image QR": replace(virtual, text_mode="raster", qr_mode="image"),
    }
    lines = [line.text for line in layout_ticket(FACE, virtual).text_lines()]

    def reference() -> bytes:
        printer = Dummy()
        for text in lines:
            printer.textln(text)
        return bytes(printer.output)

    reference_ms = median_ms(reference)
    rows = []
    for label, profile in modes.items():
        taken = median_ms(lambda p=profile: encode_layout(layout_ticket(FACE, p), p))
        size = len(encode_layout(layout_ticket(FACE, profile), profile))
        rows.append(
            row(f"{label}: lay out + encode one ticket", taken, reference=reference_ms,
                ratio=taken / reference_ms, target=f"< {TARGET_MS:.0f} ms",
                met=taken < TARGET_MS, unit=" ms")
        )  # fmt: skip
        rows.append(row(f"{label}: bytes per ticket", size, unit=" B"))
    save_section(
        "printing",
        rows,
        notes=f"80 mm (576 dots), one ticket, median of {ROUNDS}; reference: python-escpos "
        "Dummy.textln of the same lines",
    )


if __name__ == "__main__":
    main()
