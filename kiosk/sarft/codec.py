"""The SARFT wire format: the one module that knows bytes (docs/sarft-protocol.md).

Framing and scalar encodings of GY/T 276-2013 Appendix E are not public. Every
choice the spec marks (ours) - length prefix width (or none) and byte order,
whether the length counts the msg_type byte, float byte order, datetime form,
text encoding, password hashing - is a field of :class:`WireFormat`, built from
settings, so a packet capture from a real cinema (or ``kiosk sarft-probe``)
corrects it in the configuration and nowhere else. Field widths, field order
and message numbers come from the public message table and are constants.

With no length prefix a frame is its msg_type and body only: every layout's
size follows from its msg_type and its count byte, so a reader still knows
where each frame ends.

Text fields are ``char[N]``: NUL-terminated, NUL-padded, at most N-1 bytes.
Codes (print_no, md5, *_code, credentials) that do not fit are refused, never
truncated - a truncated code names a different ticket. Display names are cut
on a character boundary instead, because a shortened film name still prints.
"""

from __future__ import annotations

import asyncio
import codecs
import dataclasses
import datetime as dt
import hashlib
import hmac
import math
import struct
from dataclasses import dataclass
from typing import Literal, assert_never

from kiosk.chinatime import CHINA_TIME
from kiosk.domain import TicketRecord
from kiosk.sarft.errors import SarftProtocolError, SarftValueError
from kiosk.sarft.messages import (
    ApplyEntry,
    ApplyReply,
    ApplyRequest,
    ApplyResult,
    AuthReply,
    AuthRequest,
    ConfirmReply,
    ConfirmRequest,
    Message,
    QueryReply,
    QueryRequest,
)
from kiosk.settings import Settings

ByteOrder = Literal["little", "big"]
DatetimeForm = Literal["unix_seconds", "unix_millis"]
PasswordMode = Literal["plain", "md5"]
PrefixBytes = Literal[0, 2, 4]

# The largest `length` value either side accepts (ours): big enough for a booking
# of over a hundred seats, small enough that a corrupt prefix cannot make a reader
# wait for, or allocate, gigabytes.
MAX_FRAME_LENGTH = 65536

# Session times are shown in Asia/Shanghai time. China has had no DST since 1991,
# so a fixed offset is exact and needs no tz database (absent on Windows).
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

# msg_type values of the public table
AUTH_REQUEST = 0x01
AUTH_REPLY = 0x02
QUERY_REQUEST = 0x03
QUERY_REPLY = 0x04
APPLY_REQUEST = 0x05
APPLY_REPLY = 0x06
CONFIRM_REQUEST = 0x07
CONFIRM_REPLY = 0x08

# char[N] widths of the public table (content is at most N-1 bytes)
USERNAME = 33
PASSWORD = 33
PRINT_NO = 17
VERIFY_CODE_MD5 = 33
TICKET_INFO_CODE = 181
CINEMA_CODE = 9
CINEMA_NAME = 64
SCREEN_CODE = 17
SCREEN_NAME = 64
FILM_CODE = 13
FILM_NAME = 64
SESSION_CODE = 17
TICKET_CODE = 17
SEAT_CODE = 17
SEAT_NAME = 32
INT8 = 1
FLOAT = 4
DATETIME = 8

RECORD_SIZE = (
    PRINT_NO + TICKET_INFO_CODE + CINEMA_CODE + CINEMA_NAME + SCREEN_CODE + SCREEN_NAME
    + FILM_CODE + FILM_NAME + SESSION_CODE + DATETIME + TICKET_CODE + SEAT_CODE + SEAT_NAME
    + FLOAT + FLOAT + INT8
)  # fmt: skip

# Body layout per msg_type: (fixed head size, size of each repeated item). When
# items repeat, the last byte of the head is their count, so the exact body size
# is known before any field is parsed.
_LAYOUT: dict[int, tuple[int, int]] = {
    AUTH_REQUEST: (USERNAME + PASSWORD, 0),
    AUTH_REPLY: (INT8, 0),
    QUERY_REQUEST: (INT8, PRINT_NO),
    QUERY_REPLY: (INT8 + INT8, RECORD_SIZE),
    APPLY_REQUEST: (INT8, PRINT_NO + VERIFY_CODE_MD5),
    APPLY_REPLY: (INT8, PRINT_NO + INT8),
    CONFIRM_REQUEST: (INT8, PRINT_NO),
    CONFIRM_REPLY: (INT8, 0),
}


@dataclass(frozen=True)
class WireFormat:
    """The (ours) encoding choices; defaults are the spec's."""

    length_prefix_bytes: PrefixBytes = 4  # 0: no length prefix
    # Integers wider than a byte (the length prefix and datetimes) use this order.
    length_byteorder: ByteOrder = "little"
    float_byteorder: ByteOrder = "little"
    datetime_form: DatetimeForm = "unix_seconds"
    # Must be a stateless encoding (GB18030, GBK, UTF-8): names are cut per character.
    text_encoding: str = "gb18030"
    password_mode: PasswordMode = "plain"
    # The spec's length is 1 + len(body); a server may count the body alone.
    length_counts_type: bool = True

    def __post_init__(self) -> None:
        try:
            codecs.lookup(self.text_encoding)
        except LookupError:
            raise ValueError(f"unknown text encoding {self.text_encoding!r}") from None

    @classmethod
    def from_settings(cls, settings: Settings) -> WireFormat:
        return cls(
            length_prefix_bytes=settings.sarft_length_prefix_bytes,
            length_byteorder=settings.sarft_length_byteorder,
            length_counts_type=settings.sarft_length_counts_type,
            float_byteorder=settings.sarft_float_byteorder,
            datetime_form=settings.sarft_datetime_form,
            text_encoding=settings.sarft_text_encoding,
            password_mode=settings.sarft_password_mode,
        )

    def setting_values(self) -> dict[str, str]:
        """Each choice as the ``sarft_*`` setting that makes it (name -> text value)."""
        values = {spec.name: getattr(self, spec.name) for spec in dataclasses.fields(self)}
        return {
            f"sarft_{name}": str(value).lower() if isinstance(value, bool) else str(value)
            for name, value in values.items()
        }

    @property
    def max_length(self) -> int:
        """The largest `length` value: the cap, or what the prefix can hold if less."""
        if not self.length_prefix_bytes:
            return MAX_FRAME_LENGTH
        return min(MAX_FRAME_LENGTH, (1 << (8 * self.length_prefix_bytes)) - 1)

    @property
    def length_extra(self) -> int:
        """Bytes after the prefix that its `length` does not count (the msg_type, or none)."""
        return 0 if self.length_counts_type else 1

    @property
    def float_struct(self) -> str:
        """The struct format of a float field."""
        return "<f" if self.float_byteorder == "little" else ">f"


# ---- credentials -------------------------------------------------------------


def wire_password(password: str, wire: WireFormat) -> str:
    """The password as 0x01 carries it: as configured, or its lowercase hex MD5."""
    if wire.password_mode == "md5":
        data = password.encode(wire.text_encoding)
        return hashlib.md5(data, usedforsecurity=False).hexdigest()
    return password


def password_matches(received: str, password: str, wire: WireFormat) -> bool:
    """Server side of :func:`wire_password`; MD5 hex compares case-insensitively."""
    expected = wire_password(password, wire)
    if wire.password_mode == "md5":
        received = received.lower()
    encoding = wire.text_encoding
    return hmac.compare_digest(received.encode(encoding), expected.encode(encoding))


# ---- encoding ----------------------------------------------------------------


class _Writer:
    def __init__(self, wire: WireFormat) -> None:
        self._wire = wire
        self._buf = bytearray()

    def code(self, field: str, value: str, width: int) -> None:
        """A code or credential: refused when it does not fit. Values stay out of
        the error text because some fields (password, md5) are secrets."""
        try:
            data = value.encode(self._wire.text_encoding)
        except UnicodeEncodeError:
            raise SarftValueError(
                f"{field} cannot be written in {self._wire.text_encoding}"
            ) from None
        if len(data) > width - 1:
            raise SarftValueError(
                f"{field} is {len(data)} bytes; its char[{width}] field holds at most {width - 1}"
            )
        self._text(field, data, width)

    def name(self, field: str, value: str, width: int) -> None:
        """A display name: cut to the field on a character boundary."""
        encoding = self._wire.text_encoding
        data = value.encode(encoding, errors="replace")
        if len(data) > width - 1:
            cut = bytearray()
            for char in value:
                piece = char.encode(encoding, errors="replace")
                if len(cut) + len(piece) > width - 1:
                    break
                cut += piece
            data = bytes(cut)
        self._text(field, data, width)

    def _text(self, field: str, data: bytes, width: int) -> None:
        if b"\0" in data:
            raise SarftValueError(f"{field} contains a NUL character")
        self._buf += data.ljust(width, b"\0")

    def int8(self, field: str, value: int) -> None:
        if not 0 <= value <= 255:
            raise SarftValueError(f"{field} is {value}; an int8 field holds 0-255")
        self._buf.append(value)

    def money(self, field: str, fen: int) -> None:
        if fen < 0:
            raise SarftValueError(f"{field} is negative")
        try:
            self._buf += struct.pack(self._wire.float_struct, fen / 100)
        except OverflowError:
            raise SarftValueError(f"{field} is too large for a float") from None

    def datetime(self, field: str, value: dt.datetime) -> None:
        if value.tzinfo is None or value.utcoffset() is None:
            raise SarftValueError(f"{field} has no timezone")
        unit = dt.timedelta(seconds=1)
        if self._wire.datetime_form == "unix_millis":
            unit = dt.timedelta(milliseconds=1)
        count = (value - _EPOCH) // unit
        self._buf += count.to_bytes(DATETIME, self._wire.length_byteorder, signed=True)

    def getvalue(self) -> bytes:
        return bytes(self._buf)


def _write_record(out: _Writer, record: TicketRecord) -> None:
    out.code("print_no", record.print_no, PRINT_NO)
    out.code("ticket_info_code", record.ticket_info_code, TICKET_INFO_CODE)
    out.code("cinema_code", record.cinema_code, CINEMA_CODE)
    out.name("cinema_name", record.cinema_name, CINEMA_NAME)
    out.code("screen_code", record.screen_code, SCREEN_CODE)
    out.name("screen_name", record.screen_name, SCREEN_NAME)
    out.code("film_code", record.film_code, FILM_CODE)
    out.name("film_name", record.film_name, FILM_NAME)
    out.code("session_code", record.session_code, SESSION_CODE)
    out.datetime("session_datetime", record.session_datetime)
    out.code("code", record.code, TICKET_CODE)
    out.code("seat_code", record.seat_code, SEAT_CODE)
    out.name("seat_name", record.seat_name, SEAT_NAME)
    out.money("price", record.price_fen)
    out.money("service", record.service_fee_fen)
    out.int8("print_flag", int(record.printed))


def encode_body(message: Message, wire: WireFormat) -> tuple[int, bytes]:
    """The msg_type and body of a message (without the frame)."""
    out = _Writer(wire)
    match message:
        case AuthRequest():
            out.code("username", message.username, USERNAME)
            out.code("password", message.password, PASSWORD)
            return AUTH_REQUEST, out.getvalue()
        case AuthReply():
            out.int8("return_value", message.return_value)
            return AUTH_REPLY, out.getvalue()
        case QueryRequest():
            out.int8("ticket_count", len(message.print_nos))
            for print_no in message.print_nos:
                out.code("print_no", print_no, PRINT_NO)
            return QUERY_REQUEST, out.getvalue()
        case QueryReply():
            out.int8("return_value", message.return_value)
            out.int8("ticket_count", len(message.records))
            for record in message.records:
                _write_record(out, record)
            return QUERY_REPLY, out.getvalue()
        case ApplyRequest():
            out.int8("ticket_count", len(message.entries))
            for entry in message.entries:
                out.code("print_no", entry.print_no, PRINT_NO)
                out.code("verify_code_md5", entry.verify_code_md5, VERIFY_CODE_MD5)
            return APPLY_REQUEST, out.getvalue()
        case ApplyReply():
            out.int8("ticket_count", len(message.results))
            for result in message.results:
                out.code("print_no", result.print_no, PRINT_NO)
                out.int8("return_value", result.return_value)
            return APPLY_REPLY, out.getvalue()
        case ConfirmRequest():
            out.int8("ticket_count", len(message.print_nos))
            for print_no in message.print_nos:
                out.code("print_no", print_no, PRINT_NO)
            return CONFIRM_REQUEST, out.getvalue()
        case ConfirmReply():
            out.int8("return_value", message.return_value)
            return CONFIRM_REPLY, out.getvalue()
        case _:
            assert_never(message)


def frame(msg_type: int, body: bytes, wire: WireFormat) -> bytes:
    """Prefix a msg_type and body with their length (if the wire has one). The body
    is not checked against its layout, which lets tests send deliberately bad frames."""
    length = 1 + len(body) - wire.length_extra
    if length > wire.max_length:
        raise SarftValueError(f"frame of {length} bytes exceeds the {wire.max_length} limit")
    prefix = b""
    if wire.length_prefix_bytes:
        prefix = length.to_bytes(wire.length_prefix_bytes, wire.length_byteorder)
    return prefix + bytes([msg_type]) + body


def encode_frame(message: Message, wire: WireFormat) -> bytes:
    """The complete frame for a message, ready to write."""
    return frame(*encode_body(message, wire), wire)


# ---- decoding ----------------------------------------------------------------


class _Reader:
    """Reads fields from a body whose total size was already checked."""

    def __init__(self, body: bytes, wire: WireFormat) -> None:
        self._body = body
        self._pos = 0
        self._wire = wire

    def _take(self, size: int) -> bytes:
        chunk = self._body[self._pos : self._pos + size]
        self._pos += size
        return chunk

    def code(self, field: str, width: int) -> str:
        data = self._take(width)
        if b"\0" not in data:
            # char[N] holds at most N-1 bytes: a code with no NUL is longer than its
            # field allows, so it names no valid ticket (the writer refuses the same).
            raise SarftProtocolError(f"{field} fills its char[{width}] field with no NUL")
        raw = data.split(b"\0", 1)[0]
        try:
            return raw.decode(self._wire.text_encoding)
        except UnicodeDecodeError:
            raise SarftProtocolError(
                f"{field} is not valid {self._wire.text_encoding} text"
            ) from None

    def name(self, width: int) -> str:
        # A server may cut a name mid-character; a garbled last character is
        # better than refusing to print the patron's tickets.
        raw = self._take(width).split(b"\0", 1)[0]
        return raw.decode(self._wire.text_encoding, errors="replace")

    def int8(self) -> int:
        return self._take(INT8)[0]

    def flag(self, field: str) -> bool:
        value = self.int8()
        if value not in (0, 1):
            raise SarftProtocolError(f"{field} is {value}; expected 0 or 1")
        return value == 1

    def money(self, field: str) -> int:
        yuan: float = struct.unpack(self._wire.float_struct, self._take(FLOAT))[0]
        if not math.isfinite(yuan) or yuan < 0:
            raise SarftProtocolError(f"{field} is {yuan}, not an amount of money")
        return round(yuan * 100)

    def datetime(self, field: str) -> dt.datetime:
        count = int.from_bytes(self._take(DATETIME), self._wire.length_byteorder, signed=True)
        try:
            if self._wire.datetime_form == "unix_millis":
                moment = _EPOCH + dt.timedelta(milliseconds=count)
            else:
                moment = _EPOCH + dt.timedelta(seconds=count)
            return moment.astimezone(CHINA_TIME)
        except (OverflowError, ValueError):
            raise SarftProtocolError(f"{field} {count} is not a representable time") from None


def _read_record(body: _Reader) -> TicketRecord:
    return TicketRecord(
        print_no=body.code("print_no", PRINT_NO),
        ticket_info_code=body.code("ticket_info_code", TICKET_INFO_CODE),
        cinema_code=body.code("cinema_code", CINEMA_CODE),
        cinema_name=body.name(CINEMA_NAME),
        screen_code=body.code("screen_code", SCREEN_CODE),
        screen_name=body.name(SCREEN_NAME),
        film_code=body.code("film_code", FILM_CODE),
        film_name=body.name(FILM_NAME),
        session_code=body.code("session_code", SESSION_CODE),
        session_datetime=body.datetime("session_datetime"),
        code=body.code("code", TICKET_CODE),
        seat_code=body.code("seat_code", SEAT_CODE),
        seat_name=body.name(SEAT_NAME),
        price_fen=body.money("price"),
        service_fee_fen=body.money("service"),
        printed=body.flag("print_flag"),
    )


def decode_payload(payload: bytes, wire: WireFormat) -> Message:
    """Decode what follows the length prefix: msg_type and body."""
    if not payload:
        raise SarftProtocolError("frame has no msg_type")
    msg_type, body = payload[0], payload[1:]
    layout = _LAYOUT.get(msg_type)
    if layout is None:
        raise SarftProtocolError(f"unknown msg_type 0x{msg_type:02x}")
    head, item = layout
    expected = head
    if item and len(body) >= head:
        expected += item * body[head - 1]
    if len(body) != expected:
        raise SarftProtocolError(
            f"msg_type 0x{msg_type:02x}: body is {len(body)} bytes, its layout needs {expected}"
        )
    r = _Reader(body, wire)
    if msg_type == AUTH_REQUEST:
        return AuthRequest(r.code("username", USERNAME), r.code("password", PASSWORD))
    if msg_type == AUTH_REPLY:
        return AuthReply(r.int8())
    if msg_type in (QUERY_REQUEST, CONFIRM_REQUEST):
        print_nos = tuple(r.code("print_no", PRINT_NO) for _ in range(r.int8()))
        return QueryRequest(print_nos) if msg_type == QUERY_REQUEST else ConfirmRequest(print_nos)
    if msg_type == QUERY_REPLY:
        return_value = r.int8()
        return QueryReply(return_value, tuple(_read_record(r) for _ in range(r.int8())))
    if msg_type == APPLY_REQUEST:
        entries = tuple(
            ApplyEntry(r.code("print_no", PRINT_NO), r.code("verify_code_md5", VERIFY_CODE_MD5))
            for _ in range(r.int8())
        )
        return ApplyRequest(entries)
    if msg_type == APPLY_REPLY:
        count = r.int8()
        return ApplyReply(
            tuple(ApplyResult(r.code("print_no", PRINT_NO), r.int8()) for _ in range(count))
        )
    return ConfirmReply(r.int8())


def _frame_length(prefix: bytes, wire: WireFormat) -> int:
    length = int.from_bytes(prefix, wire.length_byteorder)
    if length == 0:
        raise SarftProtocolError("frame length is 0")
    if length > wire.max_length:
        raise SarftProtocolError(f"frame length {length} exceeds the {wire.max_length} limit")
    return length


def decode_frame(data: bytes, wire: WireFormat) -> Message:
    """Decode exactly one complete frame held in memory."""
    size = wire.length_prefix_bytes
    if not size:
        return decode_payload(data, wire)
    if len(data) < size:
        raise SarftProtocolError(f"frame of {len(data)} bytes has no complete length prefix")
    length = _frame_length(data[:size], wire)
    if len(data) != size + length + wire.length_extra:
        raise SarftProtocolError(
            f"frame says {length + wire.length_extra} bytes follow, {len(data) - size} do"
        )
    return decode_payload(data[size:], wire)


async def read_message(reader: asyncio.StreamReader, wire: WireFormat) -> Message | None:
    """Read one frame from a stream; None if the peer closed cleanly between frames.

    The length is checked before the body is read, so a corrupt or hostile
    prefix is refused at once instead of waiting for (and buffering) the bytes
    it announces. Socket errors (OSError) pass through for the caller to map."""
    payload = await read_payload(reader, wire)
    return None if payload is None else decode_payload(payload, wire)


async def read_payload(reader: asyncio.StreamReader, wire: WireFormat) -> bytes | None:
    """One frame's msg_type and body, not yet decoded (``kiosk sarft-probe`` decodes
    a reply several ways); None if the peer closed cleanly between frames."""
    if not wire.length_prefix_bytes:
        return await _read_unprefixed(reader)
    try:
        prefix = await reader.readexactly(wire.length_prefix_bytes)
    except asyncio.IncompleteReadError as exc:
        if not exc.partial:
            return None
        raise SarftProtocolError("connection closed inside a length prefix") from None
    length = _frame_length(prefix, wire) + wire.length_extra
    return await _read_exactly(reader, length, 0)


async def _read_exactly(reader: asyncio.StreamReader, size: int, before: int) -> bytes:
    """``size`` more bytes of a frame of which ``before`` were already read."""
    try:
        return await reader.readexactly(size)
    except asyncio.IncompleteReadError as exc:
        raise SarftProtocolError(
            f"connection closed after {before + len(exc.partial)} of {before + size} frame bytes"
        ) from None


async def _read_unprefixed(reader: asyncio.StreamReader) -> bytes | None:
    """A frame with no length: its msg_type says the head's size, the head's last byte
    (the count) how many items follow. An unknown msg_type is refused at once."""
    first = await reader.read(1)
    if not first:
        return None
    layout = _LAYOUT.get(first[0])
    if layout is None:
        raise SarftProtocolError(f"unknown msg_type 0x{first[0]:02x}")
    head_size, item = layout
    head = await _read_exactly(reader, head_size, 1)
    items = await _read_exactly(reader, item * head[-1], 1 + head_size) if item else b""
    return first + head + items
