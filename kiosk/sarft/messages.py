"""The eight SARFT messages (0x01-0x08) as plain values; ``codec`` puts them on the wire.

Field names follow docs/sarft-protocol.md. Counts (``ticket_count``) are not
stored: they are the length of the tuples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.domain import TicketRecord


@dataclass(frozen=True)
class AuthRequest:
    """0x01 认证请求. ``password`` is the wire form (plain or MD5, see ``codec``)."""

    username: str
    password: str = field(repr=False)  # kept out of reprs, so never in a log or traceback


@dataclass(frozen=True)
class AuthReply:
    """0x02."""

    return_value: int


@dataclass(frozen=True)
class QueryRequest:
    """0x03 电影票信息查询."""

    print_nos: tuple[str, ...]


@dataclass(frozen=True)
class QueryReply:
    """0x04: one record per seat."""

    return_value: int
    records: tuple[TicketRecord, ...]


@dataclass(frozen=True)
class ApplyEntry:
    print_no: str
    verify_code_md5: str = field(repr=False)  # proves the patron holds the 取票码


@dataclass(frozen=True)
class ApplyRequest:
    """0x05 电影票出票."""

    entries: tuple[ApplyEntry, ...]


@dataclass(frozen=True)
class ApplyResult:
    print_no: str
    return_value: int


@dataclass(frozen=True)
class ApplyReply:
    """0x06: one result per requested print_no."""

    results: tuple[ApplyResult, ...]


@dataclass(frozen=True)
class ConfirmRequest:
    """0x07 电影票出票结果."""

    print_nos: tuple[str, ...]


@dataclass(frozen=True)
class ConfirmReply:
    """0x08."""

    return_value: int


Request = AuthRequest | QueryRequest | ApplyRequest | ConfirmRequest
Reply = AuthReply | QueryReply | ApplyReply | ConfirmReply
Message = Request | Reply
