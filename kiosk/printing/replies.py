"""What a printer sends back, read from one byte stream.

An ESC/POS printer answers on one channel: real-time status (``DLE EOT n``, one
byte at once), the in-sequence answers that come only once everything before
them has printed (``GS ( H`` fn 48 process ID, ``GS r 1`` paper sensor), the
buffer-clear answer of ``DLE DC4`` fn 8, and automatic status back blocks
(``GS a``) whenever the printer's state changes. Their bit patterns differ, so
the stream can be split without knowing which question a byte answers (Epson
ESC/POS reference):

- ``DLE EOT`` reply: bits 1 and 4 set, bits 0 and 7 clear (``b & 0x93 == 0x12``);
- ASB block: 4 bytes, the first with bit 4 set and bits 0, 1, 7 clear
  (``b & 0x93 == 0x10``), the other three with bits 4 and 7 clear;
- ``GS r 1`` reply: bits 4 and 7 clear (``b & 0x90 == 0``);
- ``GS ( H`` fn 48 reply: ``37 22 d1 d2 d3 d4 00``; ``DLE DC4`` fn 8: ``37 25 00``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

_HEADER = 0x37
_PROCESS_ID = 0x22
_BUFFER_CLEARED = 0x25


@dataclass(frozen=True)
class StatusReply:
    """One ``DLE EOT n`` byte."""

    value: int


@dataclass(frozen=True)
class PaperSensorReply:
    """``GS r 1``: bits 0-1 paper near end, bits 2-3 paper end."""

    value: int

    @property
    def paper_end(self) -> bool:
        return bool(self.value & 0x0C)


@dataclass(frozen=True)
class ProcessIdReply:
    """``GS ( H`` fn 48: everything sent before it with this id is on paper."""

    ident: bytes


@dataclass(frozen=True)
class BufferCleared:
    """``DLE DC4`` fn 8: the receive and print buffers are empty."""


@dataclass(frozen=True)
class AsbReply:
    """An automatic status back block (byte 1: bit 3 offline, bit 5 cover open;
    byte 2: bit 2 mechanical error, bit 3 autocutter error, bit 5 unrecoverable
    error, bit 6 automatically recoverable error; byte 3: bits 2-3 paper end, bits
    0-1 near end)."""

    data: bytes

    @property
    def fault(self) -> bool:
        first, second, third = self.data[0], self.data[1], self.data[2]
        return bool(first & 0x28 or second & 0x6C or third & 0x0C)


Reply = StatusReply | PaperSensorReply | ProcessIdReply | BufferCleared | AsbReply


class ReplyReader:
    """Splits the bytes a printer sends into replies; keeps an unfinished one."""

    def __init__(self) -> None:
        self._frame = bytearray()

    def reset(self) -> None:
        self._frame.clear()

    def feed(self, data: bytes) -> list[Reply]:
        replies: list[Reply] = []
        for byte in data:
            reply = self._byte(byte)
            if reply is not None:
                replies.append(reply)
        return replies

    def _byte(self, byte: int) -> Reply | None:
        frame = self._frame
        if frame:
            frame.append(byte)
            return self._frame_step()
        if byte == _HEADER:
            frame.append(byte)
            return None
        if byte & 0x93 == 0x12:
            return StatusReply(byte)
        if byte & 0x93 == 0x10:
            frame.append(byte)
            return None
        if byte & 0x90 == 0:
            return PaperSensorReply(byte)
        log.debug("printer sent %#04x, which answers nothing asked", byte)
        return None

    def _frame_step(self) -> Reply | None:
        frame = self._frame
        if frame[0] != _HEADER:  # an ASB block: four bytes
            if frame[-1] & 0x90:
                log.debug("broken ASB block %s", frame.hex())
                frame.clear()
                return None
            if len(frame) == 4:
                reply = AsbReply(bytes(frame))
                frame.clear()
                return reply
            return None
        kind = frame[1]
        if kind == _BUFFER_CLEARED:
            if len(frame) < 3:
                return None
            frame.clear()
            return BufferCleared()
        if kind == _PROCESS_ID:
            if len(frame) < 7:
                return None
            ident, end = bytes(frame[2:6]), frame[6]
            frame.clear()
            if end != 0:
                log.debug("process ID reply without its NUL")
                return None
            return ProcessIdReply(ident)
        log.debug("unexpected printer reply %s", frame.hex())
        frame.clear()
        return None
