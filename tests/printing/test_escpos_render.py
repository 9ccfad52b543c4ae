"""The simulator's interpreter reads what python-escpos users send, in any chunking."""

from __future__ import annotations

from escpos.printer import Dummy

from kiosk.sim.escpos_render import EscPosInterpreter, PageCut, StatusRequest


def _pages(events: list[object]) -> list[PageCut]:
    return [e for e in events if isinstance(e, PageCut)]


def _python_escpos_receipt() -> bytes:
    p = Dummy()
    p.hw("INIT")
    p.set(align="center", bold=True, double_height=True, double_width=True)
    p.textln("RECEIPT")
    p.set(align="left", normal_textsize=True)
    p.textln("Coffee      3.50")
    p.barcode("4006381333931", "EAN13")
    p._raw(b"\x1b\x99\x1d\xfe\x07")  # unknown commands
    p._raw(b"\x1b\x74\x10\xe9\n")  # ESC t 16 (cp1252): é
    p.qr("HELLO", native=True, size=6)
    p.cut()
    p._raw(b"\x10\x04\x01")
    return bytes(p.output)


def test_a_python_escpos_receipt_is_read_command_by_command() -> None:
    events = EscPosInterpreter().feed(_python_escpos_receipt())
    pages = _pages(events)
    assert len(pages) == 1 and pages[0].page.cut
    assert pages[0].page.lines == ["RECEIPT", "Coffee      3.50", "é"]
    assert events[-1] == StatusRequest(1)


def test_byte_by_byte_arrival_gives_the_same_page() -> None:
    data = _python_escpos_receipt()
    whole = _pages(EscPosInterpreter().feed(data))[0].page.render()
    interpreter = EscPosInterpreter()
    events: list[object] = []
    for i in range(len(data)):
        events += interpreter.feed(data[i : i + 1])
    dribbled = _pages(events)[0].page.render()
    assert whole.tobytes() == dribbled.tobytes()


def test_chinese_mode_reads_gb18030_and_wraps_a_full_line() -> None:
    text = "汉" * 30  # 60 columns on a 48-column printer
    events = EscPosInterpreter().feed(b"\x1b@\x1c&" + text.encode("gb18030") + b"\n\x1dV\x00")
    assert _pages(events)[0].page.lines == ["汉" * 24, "汉" * 6]


def test_uncut_text_is_still_printed_when_the_connection_ends() -> None:
    interpreter = EscPosInterpreter()
    interpreter.feed(b"\x1b@hello")
    page = interpreter.finish()
    assert page is not None and page.lines == ["hello"] and not page.cut
    assert EscPosInterpreter().finish() is None
