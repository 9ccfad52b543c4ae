"""Recorded SARFT conversations as plain text, with every secret masked.

``kiosk sarft-probe --record FILE`` writes one; ``tests/sarft/captures/`` keeps
some, which the tests replay against the codec and the simulator. The format is
meant to be read (and mailed) by people::

    # kiosk sarft-probe capture, format 1
    # ** in a hex dump stands for a byte that is not shown: a secret
    # started 2026-12-02T11:52:03.120+08:00 against 10.1.2.3:9000
    connection 1 length_prefix_bytes=4 length_byteorder=little length_counts_type=true ...
      +0.000 > 43000000016b696f736b00...****...
      +0.004 < 020000000200
      +0.010 end answered

Each ``connection`` line names the sarft_* settings that conversation was spoken
in; ``>`` is a frame the kiosk sent, ``<`` bytes it received (as they came, not
split into frames), ``end`` why the connection ended: ``answered`` when every
reply was a well-formed frame, else ``timeout``, ``closed``, ``malformed`` or
``refused``. A last ``verdict`` line names the settings that read the service's
replies (the framing that answered, and what its records told), or ``verdict
none``. Lines starting with ``#`` are notes.

Masking happens when bytes are recorded, never later: the password field of
every 0x01 becomes ``**`` whatever it holds, and so does any run of bytes equal
to a secret given to the recorder (the password as text in either encoding, or
its MD5) wherever it appears, so a service that echoed it would not leak it.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TextIO

from kiosk.chinatime import CHINA_TIME

FORMAT_LINE = "# kiosk sarft-probe capture, format 1"
MASK = "**"
Direction = Literal[">", "<"]
# Shorter secrets are masked where they are known to be (0x01's password field) but
# not searched for everywhere: a 2-byte run would blank half the digits of a dump.
MIN_SEARCHED = 4
# char[33] username, then char[33] password, after the msg_type byte of 0x01
PASSWORD_OFFSET, PASSWORD_WIDTH = 33, 33


class CaptureError(ValueError):
    """A capture file that does not follow the format; the message names the line."""


@dataclass(frozen=True)
class Event:
    at: float  # seconds since the capture started
    direction: Direction
    data: bytes  # masked bytes read back as 0x00
    masked: frozenset[int] = frozenset()  # positions in ``data`` that were masked


@dataclass
class Conversation:
    number: int
    wire: dict[str, str]  # sarft_* setting names (without sarft_) -> text values
    events: list[Event] = field(default_factory=list)
    end: str = ""
    notes: list[str] = field(default_factory=list)

    def sent(self) -> list[Event]:
        return [e for e in self.events if e.direction == ">"]

    def received(self) -> bytes:
        return b"".join(e.data for e in self.events if e.direction == "<")


@dataclass
class Capture:
    header: list[str]
    conversations: list[Conversation]
    verdict: dict[str, str] | None = None  # settings names without sarft_ -> values

    @property
    def from_simulator(self) -> bool:
        """Recorded from ``kiosk sim`` (its replies can be compared byte for byte)."""
        return any(line.startswith("# source: simulator") for line in self.header)


def hex_dump(data: bytes, masked: Iterable[int] = ()) -> str:
    """Lowercase hex, two digits a byte, ``**`` for each masked byte."""
    hidden = set(masked)
    return "".join(MASK if i in hidden else f"{b:02x}" for i, b in enumerate(data))


def mask_secrets(data: bytes, secrets: Iterable[bytes], masked: Iterable[int] = ()) -> set[int]:
    """The masked positions of ``data``: those given, and every byte of each run that
    equals a secret."""
    hidden = set(masked)
    for secret in secrets:
        if len(secret) < MIN_SEARCHED:
            continue
        start = data.find(secret)
        while start >= 0:
            hidden.update(range(start, start + len(secret)))
            start = data.find(secret, start + 1)
    return hidden


def auth_password_positions(frame: bytes, prefix_bytes: int) -> set[int]:
    """Where the password field lies in a 0x01 frame (after any length prefix)."""
    start = prefix_bytes + 1 + PASSWORD_OFFSET
    return set(range(start, min(len(frame), start + PASSWORD_WIDTH)))


class Recorder:
    """Writes a capture as the probe talks (line by line, so a crash keeps what came)."""

    def __init__(self, out: TextIO, target: str, secrets: Iterable[bytes]) -> None:
        self._out = out
        self._secrets = [s for s in secrets if s]
        self._started = time.monotonic()
        self._number = 0
        started = dt.datetime.now(CHINA_TIME).isoformat(timespec="milliseconds")
        self._write(FORMAT_LINE)
        self._write(f"# {MASK} in a hex dump stands for a byte that is not shown: a secret")
        self._write(f"# started {started} against {target}")

    def note(self, text: str) -> None:
        for line in text.splitlines():
            self._write(f"# {line}")

    def connection(self, wire: dict[str, str]) -> None:
        self._number += 1
        pairs = " ".join(f"{name}={value}" for name, value in wire.items())
        self._write(f"connection {self._number} {pairs}")

    def frame(self, direction: Direction, data: bytes, masked: Iterable[int] = ()) -> None:
        hidden = mask_secrets(data, self._secrets, masked)
        self._write(f"  {self._clock()} {direction} {hex_dump(data, hidden)}")

    def end(self, reason: str) -> None:
        self._write(f"  {self._clock()} end {reason}")

    def verdict(self, wire: dict[str, str] | None) -> None:
        pairs = " ".join(f"{name}={value}" for name, value in wire.items()) if wire else ""
        self._write(f"verdict {pairs or 'none'}")

    def _clock(self) -> str:
        return f"+{time.monotonic() - self._started:.3f}"

    def _write(self, line: str) -> None:
        self._out.write(line + "\n")
        self._out.flush()


_CONNECTION = re.compile(r"^connection (\d+)((?: [a-z_]+=\S+)*)$")
_EVENT = re.compile(r"^\s+\+(\d+\.\d+) ([<>]) ((?:[0-9a-f]{2}|\*\*)*)$")
_END = re.compile(r"^\s+\+(\d+\.\d+) end (\S+)$")
_VERDICT = re.compile(r"^verdict (none|(?:[a-z_]+=\S+)(?: [a-z_]+=\S+)*)$")


def parse(text: str, source: str = "capture") -> Capture:
    """A capture from its text; CaptureError names the first line that is wrong."""
    lines = text.splitlines()
    if not lines or lines[0] != FORMAT_LINE:
        raise CaptureError(f"{source}: line 1 is not {FORMAT_LINE!r}")
    header: list[str] = []
    conversations: list[Conversation] = []
    verdict: dict[str, str] | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            (conversations[-1].notes if conversations else header).append(line)
            continue
        if match := _VERDICT.match(line):
            found = match.group(1)
            verdict = None if found == "none" else dict(p.split("=", 1) for p in found.split())
            continue
        if match := _CONNECTION.match(line):
            wire = dict(pair.split("=", 1) for pair in match.group(2).split())
            conversations.append(Conversation(int(match.group(1)), wire))
            continue
        if not conversations:
            raise CaptureError(f"{source}: line {number}: an event before any connection")
        if match := _EVENT.match(line):
            tokens = [match.group(3)[i : i + 2] for i in range(0, len(match.group(3)), 2)]
            masked = frozenset(i for i, t in enumerate(tokens) if t == MASK)
            data = bytes(0 if t == MASK else int(t, 16) for t in tokens)
            direction: Direction = ">" if match.group(2) == ">" else "<"
            conversations[-1].events.append(Event(float(match.group(1)), direction, data, masked))
            continue
        if match := _END.match(line):
            conversations[-1].end = match.group(2)
            continue
        raise CaptureError(f"{source}: line {number} is not part of the format: {line[:60]!r}")
    return Capture(header, conversations, verdict)


def read(path: Path) -> Capture:
    return parse(path.read_text(encoding="utf-8"), str(path))
