"""What can go wrong talking to the SARFT kiosk service, in terms a flow can act on.

Two families matter to the flows:

* :class:`SarftReturnCodeError` - the server answered, definitely, with a
  non-zero return code. The patron is told why (``message_zh``/``message_en``).
* :class:`SarftCommunicationError` - the conversation broke (timeout, dropped
  connection, a reply that does not decode). Nothing definite is known. After
  0x05 or 0x07 this is raised as :class:`SarftOutcomeUnknown`, because the
  server may have changed the booking: the flow must reconnect and re-query.

Exception text (``str(exc)``) is for the log and never carries the password or a
verify code; the bilingual ``message_*`` attributes are for the patron.
"""

from __future__ import annotations

from typing import ClassVar


class SarftError(Exception):
    """Base of every SARFT error; ``message_zh``/``message_en`` are shown to the patron."""

    text_zh: ClassVar[str] = "取票服务出现问题，请到服务台办理"
    text_en: ClassVar[str] = "Ticket collection has a problem; please ask at the counter"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.message_zh: str = self.text_zh
        self.message_en: str = self.text_en


class SarftValueError(SarftError, ValueError):
    """A value cannot be sent: a code too long for its field, a booking number out of range.

    Raised before anything goes on the wire, so no request was made."""

    text_zh = "该订单无法在本机取票，请到服务台办理"
    text_en = "This booking cannot be collected here; please ask at the counter"


class SarftCommunicationError(SarftError):
    """The exchange broke before a definite answer arrived; the connection is closed."""

    text_zh = "影院系统暂时无法连接，请稍后再试"
    text_en = "The cinema system cannot be reached right now; please try again"


class SarftTimeout(SarftCommunicationError):
    """No connection or no reply within the configured time."""

    text_zh = "影院系统无响应，请稍后再试"
    text_en = "The cinema system did not answer; please try again"


class SarftConnectionLost(SarftCommunicationError):
    """The connection could not be opened, or closed before the reply was complete."""

    text_zh = "与影院系统的连接中断，请稍后再试"
    text_en = "The connection to the cinema system was lost; please try again"


class SarftProtocolError(SarftCommunicationError):
    """Bytes that do not follow the protocol: bad length, unknown type, wrong body size."""

    text_zh = "影院系统的应答无法识别，请到服务台办理"
    text_en = "The cinema system sent an answer we cannot read; please ask at the counter"


class SarftOutcomeUnknown(SarftCommunicationError):
    """0x05 or 0x07 was sent but its reply never arrived intact: the booking may have
    changed. Not a failure - reconnect, re-query and decide from ``print_flag``.

    ``cause`` is the timeout, drop or protocol error that hid the outcome."""

    text_zh = "正在确认出票状态，请稍候"
    text_en = "Checking the state of your tickets, please wait"

    def __init__(self, detail: str, cause: SarftCommunicationError) -> None:
        super().__init__(detail)
        self.cause = cause


class SarftReturnCodeError(SarftError):
    """The server answered with a non-zero return code; ``code`` is that code.

    Used as is for codes the spec does not name; named codes have subclasses."""

    code: int = -1

    def __init__(self, detail: str, code: int | None = None) -> None:
        super().__init__(detail)
        if code is not None:
            self.code = code
            # The code is a reference for staff, after words the patron can act on.
            self.message_zh = f"影院系统暂时无法出票，请到服务台办理（参考代码 {code}）"
            self.message_en = (
                "The cinema system could not issue these tickets; please ask at the"
                f" service desk (reference code {code})"
            )


class AlreadyPrinted(SarftReturnCodeError):
    code = 1
    text_zh = "已取票"
    text_en = "These tickets have already been collected"


class UnknownError(SarftReturnCodeError):
    code = 2
    text_zh = "影院系统出错，请到服务台办理"
    text_en = "The cinema system reported an error; please ask at the counter"


class NotFound(SarftReturnCodeError):
    code = 3
    text_zh = "未找到该订单，请核对后重试"
    text_en = "No booking was found; please check and try again"


class VerifyCodeMismatch(SarftReturnCodeError):
    code = 4
    text_zh = "取票码不正确"
    text_en = "The collection code is not correct"


class Refunded(SarftReturnCodeError):
    code = 5
    text_zh = "该订单已退票或取消"
    text_en = "This booking has been refunded or cancelled"


class NotAuthenticated(SarftReturnCodeError):
    code = 6
    text_zh = "取票服务暂不可用，请到服务台办理"
    text_en = "Ticket collection is unavailable right now; please ask at the counter"


class BadCredentials(SarftReturnCodeError):
    code = 7
    text_zh = "取票服务暂不可用，请到服务台办理"
    text_en = "Ticket collection is unavailable right now; please ask at the counter"


class ShowEnded(SarftReturnCodeError):
    code = 8
    text_zh = "该场次已结束，无法取票"
    text_en = "This show has ended; its tickets can no longer be collected"


class NotApplied(SarftReturnCodeError):
    code = 9
    text_zh = "出票未完成，请到服务台办理"
    text_en = "Printing was not started properly; please ask at the counter"


_BY_CODE: dict[int, type[SarftReturnCodeError]] = {
    cls.code: cls
    for cls in (
        AlreadyPrinted,
        UnknownError,
        NotFound,
        VerifyCodeMismatch,
        Refunded,
        NotAuthenticated,
        BadCredentials,
        ShowEnded,
        NotApplied,
    )
}


def error_for_code(code: int, detail: str) -> SarftReturnCodeError:
    """The typed error for a non-zero return code; codes the spec does not name stay generic."""
    known = _BY_CODE.get(code)
    if known is not None:
        return known(detail)
    return SarftReturnCodeError(detail, code)
