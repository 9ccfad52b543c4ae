"""Find the wire a real SarftKioskService speaks, by asking it (``kiosk sarft-probe``).

The framing and scalar encodings are our contract, not the standard's text
(docs/sarft-protocol.md); every choice is a ``sarft_*`` setting. This tries
authentication (0x01) in each plausible framing - a 2- or 4-byte length in
either byte order, counting the msg_type byte or not, or no length - one
connection per try with a short timeout and a pause between tries, and names
the framing that got a well-formed 0x02 back. A reply of 7 (bad credentials)
still proves the framing; the password modes and text encodings are then tried
on it. Given a print_no, it queries that booking (0x03) and reads the records
every way the settings allow: only one float byte order gives prices in whole
fen, only one datetime form a show time in a plausible year, and names decode
in only one text encoding (unless they are plain ASCII).

It sends 0x01 and 0x03 only, never 0x05 or 0x07, so it changes nothing on the
server; :func:`_send` refuses anything else. Every wrong password mode tried is
one failed login on the service: the modes are tried only once a framing has
answered 7, and the configured mode always first.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import itertools
import math
import struct
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from kiosk.chinatime import CHINA_TIME
from kiosk.domain import TicketRecord
from kiosk.sarft import codec
from kiosk.sarft.capture import Recorder, auth_password_positions, hex_dump, mask_secrets
from kiosk.sarft.codec import WireFormat, read_payload, wire_password
from kiosk.sarft.errors import SarftProtocolError, SarftValueError
from kiosk.sarft.messages import AuthRequest, QueryReply, QueryRequest
from kiosk.sarft.models import ReturnCode
from kiosk.secret import Secret

Outcome = Literal["answered", "timeout", "closed", "malformed", "refused"]
ProbeRequest = AuthRequest | QueryRequest
ENCODINGS = ("gb18030", "utf-8")
PASSWORD_MODES: tuple[Literal["plain", "md5"], ...] = ("plain", "md5")
# The framing every try starts from: the settings in force, then the contract's.
FRAMING_FIELDS = ("length_prefix_bytes", "length_byteorder", "length_counts_type")
# A show time outside these years is a misread datetime, not a session.
PLAUSIBLE_YEARS = range(2000, 2100)
MAX_PLAUSIBLE_YUAN = 100_000.0
# How long a well-formed reply is watched for bytes after it (one reply per request).
TRAILING_GRACE_S = 0.2

# Where the scalars sit in a 0x04 record (the widths are the public table's).
_DATETIME_AT = (
    codec.PRINT_NO + codec.TICKET_INFO_CODE + codec.CINEMA_CODE + codec.CINEMA_NAME
    + codec.SCREEN_CODE + codec.SCREEN_NAME + codec.FILM_CODE + codec.FILM_NAME
    + codec.SESSION_CODE
)  # fmt: skip
_PRICE_AT = codec.RECORD_SIZE - 2 * codec.FLOAT - codec.INT8
_NAME_FIELDS = (
    (codec.PRINT_NO + codec.TICKET_INFO_CODE + codec.CINEMA_CODE, codec.CINEMA_NAME),
    (
        codec.PRINT_NO + codec.TICKET_INFO_CODE + codec.CINEMA_CODE + codec.CINEMA_NAME
        + codec.SCREEN_CODE,
        codec.SCREEN_NAME,
    ),
    (_DATETIME_AT - codec.SESSION_CODE - codec.FILM_NAME, codec.FILM_NAME),
    (_PRICE_AT - codec.SEAT_NAME, codec.SEAT_NAME),
)  # fmt: skip


def describe_framing(wire: WireFormat) -> str:
    if not wire.length_prefix_bytes:
        return "no length prefix (each frame read by its layout)"
    counts = "msg_type and body" if wire.length_counts_type else "body only"
    return (
        f"{wire.length_prefix_bytes}-byte {wire.length_byteorder}-endian length "
        f"counting the {counts}"
    )


def framings(first: WireFormat) -> list[WireFormat]:
    """Every framing to try, each once: ``first``'s, the contract's, then the rest.
    Each keeps ``first``'s other choices (password mode, text encoding, ...)."""
    options = [
        (first.length_prefix_bytes, first.length_byteorder, first.length_counts_type),
        (4, "little", True),
        *itertools.product((4, 2), ("little", "big"), (True, False)),
        (0, first.length_byteorder, True),
    ]
    found: list[WireFormat] = []
    for prefix, order, counts in options:
        # with no length its counting means nothing; its byte order still reads datetimes
        wire = dataclasses.replace(
            first,
            length_prefix_bytes=prefix,  # type: ignore[arg-type]
            length_byteorder=order if prefix else first.length_byteorder,  # type: ignore[arg-type]
            length_counts_type=counts if prefix else True,
        )
        if all(_framing_key(w) != _framing_key(wire) for w in found):
            found.append(wire)
    return found


def _framing_key(wire: WireFormat) -> tuple[object, ...]:
    if not wire.length_prefix_bytes:
        return (0,)
    return tuple(getattr(wire, n) for n in FRAMING_FIELDS)


# ---- one try -------------------------------------------------------------------


@dataclass
class Attempt:
    """One connection: what was sent, what came back and what it means."""

    number: int
    wire: WireFormat
    what: str
    outcome: Outcome = "timeout"
    return_value: int | None = None
    detail: str = ""
    sent: str = ""  # hex, secrets masked
    received: bytes = b""
    received_hex: str = ""  # as shown: secrets masked (a service could echo one)
    payloads: list[bytes] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return self.outcome == "answered"


class _Tap:
    """The connection's bytes as they arrive, kept for the record and the report."""

    def __init__(self, source: asyncio.StreamReader, on_data: Callable[[bytes], None]) -> None:
        self.reader = asyncio.StreamReader()
        self._source = source
        self._on_data = on_data
        self.data = bytearray()
        self.task = asyncio.get_running_loop().create_task(self._pump())

    async def _pump(self) -> None:
        try:
            while chunk := await self._source.read(65536):
                self.data += chunk
                self._on_data(chunk)
                self.reader.feed_data(chunk)
        except OSError:
            pass
        finally:
            self.reader.feed_eof()


@dataclass
class Prober:
    """Talks to one service; each public call is one or more connections."""

    host: str
    port: int
    username: str
    password: Secret = field(repr=False)
    timeout_s: float = 3.0
    pause_s: float = 1.0
    recorder: Recorder | None = None
    on_attempt: Callable[[Attempt], Awaitable[None] | None] | None = None
    attempts: list[Attempt] = field(default_factory=list)

    def secrets(self) -> list[bytes]:
        """Every form the password may take on the wire, to mask wherever it shows."""
        text = self.password.get_secret_value()
        forms: list[bytes] = []
        for encoding in ENCODINGS:
            for mode in PASSWORD_MODES:
                with contextlib.suppress(UnicodeError):
                    value = wire_password(
                        text, WireFormat(text_encoding=encoding, password_mode=mode)
                    )
                    forms += [value.encode(encoding), value.upper().encode(encoding)]
        return [f for f in forms if f]

    async def converse(
        self, wire: WireFormat, what: str, requests: Sequence[ProbeRequest]
    ) -> Attempt:
        """One connection in ``wire``: send each request, read its reply."""
        if self.attempts:
            await asyncio.sleep(self.pause_s)
        attempt = Attempt(len(self.attempts) + 1, wire, what)
        self.attempts.append(attempt)
        if self.recorder is not None:
            self.recorder.connection(
                {n.removeprefix("sarft_"): v for n, v in wire.setting_values().items()}
            )
        try:
            await self._converse(attempt, requests)
        finally:
            if self.recorder is not None:
                self.recorder.end(attempt.outcome)
            if self.on_attempt is not None:
                result = self.on_attempt(attempt)
                if result is not None:
                    await result
        return attempt

    async def _converse(self, attempt: Attempt, requests: Sequence[ProbeRequest]) -> None:
        recorder = self.recorder
        try:
            async with asyncio.timeout(self.timeout_s):
                source, writer = await asyncio.open_connection(self.host, self.port)
        except (OSError, TimeoutError) as exc:
            attempt.outcome = "refused"
            attempt.detail = f"cannot connect to {self.host}:{self.port}: {_reason(exc)}"
            return
        tap = _Tap(source, lambda chunk: recorder.frame("<", chunk) if recorder else None)
        try:
            for request in requests:
                data = _send(request, attempt.wire)
                hidden = mask_secrets(data, self.secrets())
                if isinstance(request, AuthRequest):
                    hidden |= auth_password_positions(data, attempt.wire.length_prefix_bytes)
                attempt.sent += ("" if not attempt.sent else " ") + hex_dump(data, hidden)
                if recorder is not None:
                    recorder.frame(">", data, hidden)
                writer.write(data)
                await writer.drain()
                try:
                    async with asyncio.timeout(self.timeout_s):
                        payload = await read_payload(tap.reader, attempt.wire)
                except TimeoutError:
                    attempt.outcome, attempt.detail = (
                        "timeout",
                        f"no reply within {self.timeout_s:g} s",
                    )
                    return
                except SarftProtocolError as exc:
                    attempt.outcome, attempt.detail = "malformed", str(exc)
                    return
                if payload is None:
                    attempt.outcome, attempt.detail = "closed", "the service closed the connection"
                    return
                attempt.payloads.append(payload)
                problem = _reply_problem(request, payload, attempt.wire)
                if problem:
                    attempt.outcome, attempt.detail = "malformed", problem
                    return
                attempt.return_value = payload[1]
            trailing = await _trailing(tap.reader)
            if trailing:
                attempt.outcome = "malformed"
                attempt.detail = f"{len(trailing)} more byte(s) after the reply"
                return
            attempt.outcome = "answered"
        except OSError as exc:
            attempt.outcome, attempt.detail = "closed", f"connection failed: {_reason(exc)}"
        finally:
            writer.transport.abort()
            await asyncio.gather(tap.task, return_exceptions=True)
            attempt.received = bytes(tap.data)
            hidden = mask_secrets(attempt.received, self.secrets())
            attempt.received_hex = hex_dump(attempt.received, hidden)


def _send(request: ProbeRequest, wire: WireFormat) -> bytes:
    """The frame of an auth or query request; anything else is refused, because the
    probe must never change a booking (no 0x05, no 0x07)."""
    if not isinstance(request, AuthRequest | QueryRequest):
        raise TypeError(f"the probe sends 0x01 and 0x03 only, not {type(request).__name__}")
    data = codec.encode_frame(request, wire)
    assert data[wire.length_prefix_bytes] in (codec.AUTH_REQUEST, codec.QUERY_REQUEST)
    return data


def _reply_problem(request: ProbeRequest, payload: bytes, wire: WireFormat) -> str:
    """Why a payload is not a well-formed answer to ``request`` ("" when it is one)."""
    expected = codec.AUTH_REPLY if isinstance(request, AuthRequest) else codec.QUERY_REPLY
    if payload[0] != expected:
        return f"msg_type 0x{payload[0]:02x} where 0x{expected:02x} was due"
    if len(payload) < 2 or (expected == codec.QUERY_REPLY and len(payload) < 3):
        return f"0x{expected:02x} of {len(payload)} bytes is too short"
    if expected == codec.QUERY_REPLY:
        # the records may not decode in these settings yet: check only the layout
        head, item = 2, codec.RECORD_SIZE
        if len(payload) != 1 + head + item * payload[2]:
            return f"0x04 of {len(payload)} bytes does not hold {payload[2]} record(s)"
        return ""
    try:
        codec.decode_payload(payload, wire)
    except SarftProtocolError as exc:
        return str(exc)
    return ""


async def _trailing(reader: asyncio.StreamReader) -> bytes:
    try:
        async with asyncio.timeout(TRAILING_GRACE_S):
            return await reader.read(65536)
    except TimeoutError:
        return b""


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "no answer"
    return getattr(exc, "strerror", None) or type(exc).__name__


# ---- the search ------------------------------------------------------------------


@dataclass
class Finding:
    """What one setting turned out to be, or why it could not be told."""

    value: str
    known: bool
    why: str


@dataclass
class ProbeReport:
    attempts: list[Attempt]
    wire: WireFormat | None = None  # the framing (and what else was found) that answered
    auth_code: int | None = None
    findings: dict[str, Finding] = field(default_factory=dict)  # setting name -> finding
    query_code: int | None = None
    records: list[TicketRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unreachable: str = ""

    @property
    def authenticated(self) -> bool:
        return self.auth_code == ReturnCode.OK


async def probe(prober: Prober, configured: WireFormat, print_no: str | None = None) -> ProbeReport:
    """Find the framing, then the password mode and text encoding, then (with a
    print_no) what the records say about floats, datetimes and text. The record, if
    one is kept, ends with the verdict: the settings that read the replies."""
    report = await _search(prober, configured, print_no)
    if prober.recorder is not None:
        found = report.wire.setting_values() if report.wire else {}
        prober.recorder.verdict({n.removeprefix("sarft_"): v for n, v in found.items()})
    return report


async def _search(prober: Prober, configured: WireFormat, print_no: str | None) -> ProbeReport:
    report = ProbeReport(prober.attempts)
    password = prober.password.get_secret_value()
    auth = _auth_request(prober.username, password, configured)
    if auth is None:
        report.problems.append(
            "the username or password cannot be sent: longer than 32 bytes, or not "
            f"writable in {configured.text_encoding} (sarft_text_encoding)"
        )
        return report
    # A service that cannot read the login in its encoding may hang up rather than
    # answer 7: a login that is not ASCII is tried in each encoding before giving up.
    encodings = [configured.text_encoding]
    if not (prober.username + password).isascii():
        encodings += [e for e in ENCODINGS if e != configured.text_encoding]
    for encoding in encodings:
        report.wire = await _framing(prober, report, configured, encoding)
        if report.wire is not None or report.unreachable:
            break
    if report.unreachable:
        return report
    if report.wire is None:
        report.problems.append("no framing got a well-formed 0x02 reply")
        return report
    report.findings.update(_framing_findings(report.wire))
    if report.auth_code == ReturnCode.BAD_CREDENTIALS:
        await _credentials(prober, report, password)
    if not report.authenticated:
        report.problems.append(
            f"authentication answered {report.auth_code}"
            + (" (bad username or password)" if report.auth_code == 7 else "")
        )
        return report
    ascii_login = (prober.username + password).isascii()
    report.findings.setdefault(
        "sarft_password_mode", Finding(report.wire.password_mode, True, "the service accepted it")
    )
    if "sarft_text_encoding" not in report.findings:
        report.findings["sarft_text_encoding"] = (
            Finding(report.wire.text_encoding, False, "kept: ASCII credentials read the same")
            if ascii_login
            else Finding(report.wire.text_encoding, True, "the login was accepted in it")
        )
    if print_no is not None:
        await _query(prober, report, print_no)
    return report


async def _framing(
    prober: Prober, report: ProbeReport, configured: WireFormat, encoding: str
) -> WireFormat | None:
    """The first framing that gets a well-formed 0x02, the login sent in ``encoding``."""
    for wire in framings(dataclasses.replace(configured, text_encoding=encoding)):
        auth = _auth_request(prober.username, prober.password.get_secret_value(), wire)
        if auth is None:
            return None
        attempt = await prober.converse(wire, f"0x01 in {describe_framing(wire)}", [auth])
        if attempt.outcome == "refused":
            report.unreachable = attempt.detail
            return None
        if attempt.answered:
            report.auth_code = attempt.return_value
            return wire
    return None


def _auth_request(username: str, password: str, wire: WireFormat) -> AuthRequest | None:
    try:
        wire_form = wire_password(password, wire)
        codec.encode_frame(AuthRequest(username, wire_form), wire)
    except (SarftValueError, UnicodeError):
        return None
    return AuthRequest(username, wire_form)


def _framing_findings(wire: WireFormat) -> dict[str, Finding]:
    why = "the service answered 0x01 in this framing"
    found = {
        "sarft_length_prefix_bytes": Finding(str(wire.length_prefix_bytes), True, why),
        "sarft_length_counts_type": Finding(str(wire.length_counts_type).lower(), True, why),
        "sarft_length_byteorder": Finding(wire.length_byteorder, True, why),
    }
    if not wire.length_prefix_bytes:
        found["sarft_length_byteorder"] = Finding(
            wire.length_byteorder, False, "kept: no length; the datetimes tell (--print-no)"
        )
        found["sarft_length_counts_type"] = Finding("true", False, "no length: means nothing")
    return found


async def _credentials(prober: Prober, report: ProbeReport, password: str) -> None:
    """The framing answered 7: try the other password modes and text encodings on it."""
    assert report.wire is not None
    login = prober.username + password
    encodings = ENCODINGS if not login.isascii() else (report.wire.text_encoding,)
    tried = {(report.wire.password_mode, report.wire.text_encoding)}
    for mode, encoding in itertools.product(PASSWORD_MODES, encodings):
        if (mode, encoding) in tried:
            continue
        tried.add((mode, encoding))
        wire = dataclasses.replace(report.wire, password_mode=mode, text_encoding=encoding)
        auth = _auth_request(prober.username, password, wire)
        if auth is None:
            continue
        attempt = await prober.converse(wire, "0x01 in the framing found", [auth])
        if attempt.answered and attempt.return_value == ReturnCode.OK:
            report.wire, report.auth_code = wire, ReturnCode.OK
            report.findings["sarft_password_mode"] = Finding(mode, True, "the service accepted it")
            if not login.isascii():
                report.findings["sarft_text_encoding"] = Finding(
                    encoding, True, "the login was accepted in it"
                )
            return


async def _query(prober: Prober, report: ProbeReport, print_no: str) -> None:
    wire = report.wire
    assert wire is not None
    login = _auth_request(prober.username, prober.password.get_secret_value(), wire)
    if login is None:
        return
    attempt = await prober.converse(
        wire, f"0x01 then 0x03 for {print_no}", [login, QueryRequest((print_no,))]
    )
    if not attempt.answered or len(attempt.payloads) < 2:
        report.problems.append(f"the query got no well-formed 0x04: {attempt.detail}")
        return
    payload = attempt.payloads[1]
    report.query_code = payload[1]
    if payload[1] != ReturnCode.OK:
        report.problems.append(f"the query answered {payload[1]}: no records to read")
        return
    records = [payload[3 + i * codec.RECORD_SIZE :][: codec.RECORD_SIZE] for i in range(payload[2])]
    read = _read_records(records, wire)
    login_said = report.findings.get("sarft_text_encoding")
    names_say = read["sarft_text_encoding"]
    if login_said and login_said.known and not names_say.known:
        read["sarft_text_encoding"] = login_said
    elif login_said and login_said.known and login_said.value != names_say.value:
        report.problems.append(
            f"the login was accepted in {login_said.value} but the names read as "
            f"{names_say.value} (send the --record file)"
        )
    report.findings.update(read)
    chosen = dataclasses.replace(
        wire,
        float_byteorder=report.findings["sarft_float_byteorder"].value,  # type: ignore[arg-type]
        datetime_form=report.findings["sarft_datetime_form"].value,  # type: ignore[arg-type]
        text_encoding=report.findings["sarft_text_encoding"].value,
        length_byteorder=report.findings["sarft_length_byteorder"].value,  # type: ignore[arg-type]
    )
    report.wire = chosen
    try:
        decoded = codec.decode_payload(payload, chosen)
    except SarftProtocolError as exc:
        report.problems.append(f"the records do not decode in the settings found: {exc}")
        return
    assert isinstance(decoded, QueryReply)
    report.records = list(decoded.records)


def _read_records(records: list[bytes], wire: WireFormat) -> dict[str, Finding]:
    """Which float order, datetime form and text encoding make sense of every record."""
    found: dict[str, Finding] = {}
    prices = [r[_PRICE_AT + i * 4 :][:4] for r in records for i in (0, 1)]
    orders = [o for o in ("little", "big") if all(_plausible_yuan(p, o) for p in prices)]
    if all(p == bytes(4) for p in prices):
        found["sarft_float_byteorder"] = Finding(
            wire.float_byteorder, False, "kept: every price is 0"
        )
    elif len(orders) == 1:
        found["sarft_float_byteorder"] = Finding(orders[0], True, "prices read as whole fen")
    else:
        found["sarft_float_byteorder"] = Finding(
            wire.float_byteorder, False, f"kept: {len(orders)} byte orders give whole fen"
        )
    moments = [r[_DATETIME_AT:][:8] for r in records]
    forms = [
        (order, form)
        for order in ("little", "big")
        for form in ("unix_seconds", "unix_millis")
        if all(_plausible_moment(m, order, form) for m in moments)
    ]
    if len(forms) == 1:
        order, form = forms[0]
        shown = _moment(moments[0], order, form)
        found["sarft_datetime_form"] = Finding(
            form, True, f"show time {shown:%Y-%m-%d %H:%M} China time"
        )
        if wire.length_prefix_bytes and order != wire.length_byteorder:
            found["sarft_length_byteorder"] = Finding(
                wire.length_byteorder,
                False,
                f"the length is {wire.length_byteorder}-endian but the datetimes are "
                f"{order}-endian: one setting covers both (send the --record file)",
            )
        elif not wire.length_prefix_bytes:
            found["sarft_length_byteorder"] = Finding(order, True, "the datetimes' byte order")
    else:
        found["sarft_datetime_form"] = Finding(
            wire.datetime_form, False, f"kept: {len(forms)} readings give a plausible year"
        )
    names = [r[at:][:width] for r in records for at, width in _NAME_FIELDS]
    readable = [e for e in ENCODINGS if all(_decodes(n, e) for n in names)]
    if all(n.split(b"\0", 1)[0].isascii() for n in names):
        found["sarft_text_encoding"] = Finding(wire.text_encoding, False, "kept: names are ASCII")
    elif len(readable) == 1:
        found["sarft_text_encoding"] = Finding(readable[0], True, f"names read as {readable[0]}")
    else:
        found["sarft_text_encoding"] = Finding(
            wire.text_encoding, False, f"kept: names read in {len(readable)} encodings"
        )
    return found


def _plausible_yuan(data: bytes, order: str) -> bool:
    (yuan,) = struct.unpack("<f" if order == "little" else ">f", data)
    if yuan == 0:
        return True
    fen = yuan * 100
    return (
        math.isfinite(yuan) and 0.01 <= yuan <= MAX_PLAUSIBLE_YUAN and abs(fen - round(fen)) < 0.01
    )


def _moment(data: bytes, order: str, form: str) -> dt.datetime:
    count = int.from_bytes(data, "little" if order == "little" else "big", signed=True)
    unit = dt.timedelta(milliseconds=1) if form == "unix_millis" else dt.timedelta(seconds=1)
    return (dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + count * unit).astimezone(CHINA_TIME)


def _plausible_moment(data: bytes, order: str, form: str) -> bool:
    try:
        return _moment(data, order, form).year in PLAUSIBLE_YEARS
    except (OverflowError, ValueError):
        return False


def _decodes(field_bytes: bytes, encoding: str) -> bool:
    try:
        field_bytes.split(b"\0", 1)[0].decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


async def auth_round_trip(wire: WireFormat, prober: Prober) -> Attempt:
    """One 0x01 with exactly these settings (``kiosk doctor``)."""
    auth = _auth_request(prober.username, prober.password.get_secret_value(), wire)
    return await prober.converse(wire, "0x01 with the settings in force", [auth] if auth else [])
