"""What can go wrong in a collection, each in words the patron is shown (Chinese, English).

Part of the collect flow's public face, kept apart so :mod:`kiosk.flows.collect`
holds only the flow; the keypad's own refusals (a malformed code, the lock) are
in :mod:`kiosk.flows.pickup_code`, and every one is a :class:`CollectError`.
"""

from __future__ import annotations

from typing import ClassVar

from kiosk.printing import status as printer_status
from kiosk.sarft import errors as sarft_errors


class CollectError(Exception):
    """Every refusal the patron sees; ``message_zh``/``message_en`` say what to do."""

    text_zh: ClassVar[str] = "无法取票，请到服务台办理"
    text_en: ClassVar[str] = "The tickets cannot be collected here; please ask at the counter"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.text_en)
        self.message_zh: str = self.text_zh
        self.message_en: str = self.text_en


class WrongCode(CollectError):
    """The code did not prove itself (counts towards the keypad lock): ``tries_left``
    before the lock (None: not counted here), ``wait_s`` before the next try."""

    text_zh = "取票码或订单号不正确，请核对后重新输入"
    text_en = "The pickup code or booking number is not correct; please check it"

    def __init__(self, detail: str = "", *, tries_left: int | None = None, wait_s: float = 0.0):
        super().__init__(detail)
        self.tries_left = tries_left
        self.wait_s = wait_s


class AlreadyCollected(CollectError):
    text_zh = "该订单的票已取出"
    text_en = "The tickets of this booking have already been collected"


class BookingRefunded(CollectError):
    text_zh = "该订单已退票或取消，无法取票"
    text_en = "This booking was refunded or cancelled; there are no tickets to collect"


class BookingShowEnded(CollectError):
    text_zh = "该场次已结束，无法取票"
    text_en = "This show has ended; its tickets can no longer be collected"


class BookingNotFound(CollectError):
    text_zh = "影院系统中未找到该订单，请到服务台办理"
    text_en = "The cinema system has no such booking; please ask at the counter"


class CollectServiceUnavailable(CollectError):
    text_zh = "影院系统暂时无法连接，请稍后再试或联系工作人员"
    text_en = "The cinema system cannot be reached right now; try again or ask staff"


class NumberNeeded(CollectServiceUnavailable):
    """Connect cannot be reached to check the code: with the booking number as well,
    the cinema's own ticket service can. Not a wrong code: nothing was counted."""

    text_zh = "暂时无法联网核对取票码，请同时输入取票短信中的订单号（取票序号）"
    text_en = (
        "The code cannot be checked online right now; please also enter the booking "
        "number from your ticket message"
    )


class CollectNeedsStaff(CollectError):
    """Part of this booking already came out here, or may have: only staff may finish it."""

    text_zh = "该订单的部分票已出，请联系工作人员处理"
    text_en = "Some tickets of this booking were already printed here; please ask staff"


class CollectPrinterNotReady(CollectError):
    """Refused before 0x05: nothing was applied, the booking is untouched."""

    text_zh = "打印机暂不可用，已通知工作人员，请稍后再试或到服务台取票"
    text_en = "The printer is not ready; staff have been told. Try later or ask at the counter"

    def __init__(self, status: printer_status.PrinterStatus) -> None:
        super().__init__(f"printer not ready: {status.describe()}")
        self.status = status


class CannotPrint(CollectError):
    """A SARFT record cannot make a valid ticket: refused before 0x05, nothing applied."""

    text_zh = "该订单的票面信息不完整，本机无法出票，请到服务台办理"
    text_en = "This booking's ticket details are incomplete; please ask at the counter"


class PartialPrint(CollectError):
    """``printed`` of ``total`` tickets came out; the rest wait in the journal for staff.
    ``in_doubt`` of the rest were started but never proven on paper: perhaps part-printed,
    staff look in the tray."""

    def __init__(self, printed: int, total: int, in_doubt: int = 0) -> None:
        super().__init__(
            f"{printed} of {total} tickets printed" + (f", {in_doubt} in doubt" if in_doubt else "")
        )
        self.printed = printed
        self.total = total
        self.in_doubt = in_doubt
        self.message_zh = f"已出票 {printed} 张（共 {total} 张），请联系工作人员补打其余的票"
        self.message_en = f"{printed} of {total} tickets printed; please ask staff for the rest"


class _SarftRefusal(CollectError):
    """Any other definite SARFT refusal, shown with SARFT's own words."""

    def __init__(self, error: sarft_errors.SarftError) -> None:
        super().__init__(str(error))
        self.message_zh = error.message_zh
        self.message_en = error.message_en


_REFUSALS: dict[type[sarft_errors.SarftReturnCodeError], type[CollectError]] = {
    sarft_errors.AlreadyPrinted: AlreadyCollected,
    sarft_errors.Refunded: BookingRefunded,
    sarft_errors.ShowEnded: BookingShowEnded,
    sarft_errors.NotFound: BookingNotFound,
    sarft_errors.VerifyCodeMismatch: WrongCode,
}


def patron_error(error: sarft_errors.SarftError) -> CollectError:
    """The patron's message for a SARFT error."""
    if isinstance(error, sarft_errors.SarftCommunicationError):
        return CollectServiceUnavailable(str(error))
    for sarft_type, collect_type in _REFUSALS.items():
        if isinstance(error, sarft_type):
            return collect_type(str(error))
    return _SarftRefusal(error)
