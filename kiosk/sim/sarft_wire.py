"""The SARFT simulator's own reading of the wire, from docs/sarft-protocol.md alone.

The kiosk's codec (``kiosk.sarft.codec``) is what the simulator tests; were the
simulator to speak through it, a mistake in the codec would be made on both ends
and pass every test. So this module reads requests and writes replies with its
own code: only the four requests a kiosk sends (0x01, 0x03, 0x05, 0x07) and the
four replies the service sends (0x02, 0x04, 0x06, 0x08).

:class:`SimWire` holds the choices the contract marks (ours), each under the
name of the kiosk setting that makes the same choice (``sarft_`` left off), so
``kiosk sim sarft --wire length_prefix_bytes=2,length_byteorder=big`` plays a
service a kiosk reaches with ``KIOSK_SARFT_LENGTH_PREFIX_BYTES=2`` and
``KIOSK_SARFT_LENGTH_BYTEORDER=big``. Its defaults are the contract's: a uint32
little-endian length counting the msg_type byte and the body, GB18030 text,
little-endian binary32 yuan, int64 little-endian Unix seconds, the password as
configured.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import struct
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

# ---- the contract's numbers ---------------------------------------------------

AUTH, AUTH_REPLY, QUERY, QUERY_REPLY = 0x01, 0x02, 0x03, 0x04
APPLY, APPLY_REPLY, CONFIRM, CONFIRM_REPLY = 0x05, 0x06, 0x07, 0x08
# A frame longer than this is a protocol error (the contract's "65536 bytes").
MAX_FRAME = 65536
# char[N] widths, from the message table
NAME_WIDTH = 33  # username, password
PRINT_NO_WIDTH = 17
MD5_WIDTH = 33
# request msg_type -> (fixed head, size of each repeated item); the head's last
# byte counts the items
REQUEST_LAYOUT = {
    AUTH: (NAME_WIDTH + NAME_WIDTH, 0),
    QUERY: (1, PRINT_NO_WIDTH),
    APPLY: (1, PRINT_NO_WIDTH + MD5_WIDTH),
    CONFIRM: (1, PRINT_NO_WIDTH),
}
REPLY_TYPES = frozenset({AUTH_REPLY, QUERY_REPLY, APPLY_REPLY, CONFIRM_REPLY})
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class WireError(Exception):
    """Bytes that break the contract: the connection is closed without a reply."""


class WireSpecError(ValueError):
    """A ``--wire`` text that names no variant; the message says what is allowed."""


# ---- the variant ---------------------------------------------------------------


@dataclass(frozen=True)
class SimWire:
    """One way of putting the contract on the wire (see the module docstring)."""

    length_prefix_bytes: Literal[0, 2, 4] = 4  # 0: no length, the layout gives the size
    length_byteorder: Literal["little", "big"] = "little"  # the length and the datetimes
    length_counts_type: bool = True  # the length counts the msg_type byte too
    float_byteorder: Literal["little", "big"] = "little"
    datetime_form: Literal["unix_seconds", "unix_millis"] = "unix_seconds"
    text_encoding: Literal["gb18030", "utf-8"] = "gb18030"
    password_mode: Literal["plain", "md5"] = "plain"  # md5: 0x01 carries its lowercase hex

    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {
        "length_prefix_bytes": ("0", "2", "4"),
        "length_byteorder": ("little", "big"),
        "length_counts_type": ("true", "false"),
        "float_byteorder": ("little", "big"),
        "datetime_form": ("unix_seconds", "unix_millis"),
        "text_encoding": ("gb18030", "utf-8"),
        "password_mode": ("plain", "md5"),
    }

    def __post_init__(self) -> None:
        for name, allowed in self.CHOICES.items():
            if _text(getattr(self, name)) not in allowed:
                raise WireSpecError(f"{name} must be one of {', '.join(allowed)}")

    @classmethod
    def parse(cls, spec: str) -> SimWire:
        """``name=value[,name=value]...``; names may carry the settings' ``sarft_``.
        An empty text is the contract's own variant."""
        values: dict[str, Any] = {}
        for item in filter(None, (part.strip() for part in spec.split(","))):
            name, sep, value = item.partition("=")
            name = name.strip().lower().removeprefix("sarft_")
            value = value.strip().lower()
            if not sep or name not in cls.CHOICES:
                raise WireSpecError(
                    f"--wire takes NAME=VALUE pairs joined by commas, NAME one of "
                    f"{', '.join(cls.CHOICES)}; not {item!r}"
                )
            if value not in cls.CHOICES[name]:
                raise WireSpecError(f"{name} must be one of {', '.join(cls.CHOICES[name])}")
            values[name] = _typed(name, value)
        return cls(**values)

    def describe(self) -> str:
        """The ``--wire`` text for this variant (every choice named)."""
        return ",".join(f"{name}={value}" for name, value in self.settings().items())

    def settings(self) -> dict[str, str]:
        """Each choice by the kiosk setting's name without ``sarft_``, as text."""
        return {name: _text(getattr(self, name)) for name in self.CHOICES}

    def kiosk_env(self) -> dict[str, str]:
        """The KIOSK_SARFT_* variables of a kiosk that speaks this variant."""
        return {f"KIOSK_SARFT_{name.upper()}": value for name, value in self.settings().items()}

    # ---- frames ------------------------------------------------------------------

    def write_frame(self, msg_type: int, body: bytes) -> bytes:
        if not self.length_prefix_bytes:
            return bytes([msg_type]) + body
        length = len(body) + (1 if self.length_counts_type else 0)
        return length.to_bytes(self.length_prefix_bytes, self._order) + bytes([msg_type]) + body

    async def read_request(self, reader: asyncio.StreamReader) -> tuple[int, bytes] | None:
        """One request's msg_type and body; None if the kiosk hung up between frames."""
        if not self.length_prefix_bytes:
            first = await reader.read(1)
            if not first:
                return None
            msg_type = first[0]
            layout = REQUEST_LAYOUT.get(msg_type)
            if layout is None:
                raise WireError(f"msg_type 0x{msg_type:02x} is not a request")
            head = await _exactly(reader, layout[0])
            items = await _exactly(reader, layout[1] * head[-1]) if layout[1] else b""
            return msg_type, head + items
        try:
            prefix = await reader.readexactly(self.length_prefix_bytes)
        except asyncio.IncompleteReadError as exc:
            if exc.partial:
                raise WireError("connection closed inside a length prefix") from None
            return None
        length = int.from_bytes(prefix, self._order)
        if not 0 < length <= MAX_FRAME:
            raise WireError(f"frame length {length} is out of range")
        payload = await _exactly(reader, length + (0 if self.length_counts_type else 1))
        msg_type, body = payload[0], payload[1:]
        layout = REQUEST_LAYOUT.get(msg_type)
        if layout is None:
            raise WireError(f"msg_type 0x{msg_type:02x} is not a request")
        fixed, item = layout
        expected = fixed + (item * body[fixed - 1] if item and len(body) >= fixed else 0)
        if len(body) != expected:
            raise WireError(f"0x{msg_type:02x}: body of {len(body)} bytes, layout of {expected}")
        return msg_type, body

    # ---- scalars -----------------------------------------------------------------

    def text(self, data: bytes, *, login: bool = False) -> str:
        """A char[N] field as sent: up to the first NUL, which must be there. A
        ``login`` field that is not valid text is kept garbled: it matches no account,
        so it is answered 7 (bad credentials), as a service comparing bytes would."""
        if b"\0" not in data:
            raise WireError(f"a char[{len(data)}] field has no NUL")
        try:
            return data.split(b"\0", 1)[0].decode(
                self.text_encoding, errors="replace" if login else "strict"
            )
        except UnicodeDecodeError:
            raise WireError(f"a text field is not {self.text_encoding}") from None

    def char(self, value: str, width: int, *, cut: bool = False) -> bytes:
        """``value`` as char[width]; a name (``cut``) is shortened on a character
        boundary, a code that does not fit raises ValueError."""
        data = value.encode(self.text_encoding, errors="replace")
        if len(data) >= width:
            if not cut:
                raise ValueError(f"{len(data)} bytes do not fit a char[{width}] field")
            kept = b""
            for char in value:
                piece = char.encode(self.text_encoding, errors="replace")
                if len(kept) + len(piece) >= width:
                    break
                kept += piece
            data = kept
        return data.ljust(width, b"\0")

    def money(self, fen: int) -> bytes:
        return struct.pack("<f" if self.float_byteorder == "little" else ">f", fen / 100)

    def moment(self, when: dt.datetime) -> bytes:
        unit = dt.timedelta(milliseconds=1 if self.datetime_form == "unix_millis" else 1000)
        return ((when - _EPOCH) // unit).to_bytes(8, self._order, signed=True)

    def password_matches(self, received: str, password: str) -> bool:
        encoding = self.text_encoding
        if self.password_mode == "md5":
            expected = hashlib.md5(password.encode(encoding), usedforsecurity=False).hexdigest()
            return hmac.compare_digest(received.lower().encode(), expected.encode())
        return hmac.compare_digest(received.encode(encoding), password.encode(encoding))

    @property
    def _order(self) -> Literal["little", "big"]:
        return self.length_byteorder


async def _exactly(reader: asyncio.StreamReader, size: int) -> bytes:
    try:
        return await reader.readexactly(size)
    except asyncio.IncompleteReadError as exc:
        raise WireError(f"connection closed {len(exc.partial)} bytes into {size}") from None


def _text(value: object) -> str:
    return str(value).lower()


def _typed(name: str, value: str) -> Any:
    if name == "length_prefix_bytes":
        return int(value)
    if name == "length_counts_type":
        return value == "true"
    return value
