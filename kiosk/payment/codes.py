"""Payment codes (付款码): which wallet a scanned code belongs to, and how it is shown.

A code on the patron's phone is a bearer credential valid for a minute: whoever holds
it can take the patron's money. It goes from the scanner to its provider and nowhere
else. Routing is by the prefixes both wallets publish: WeChat Pay codes are 18 digits
starting 10-15; Alipay codes are 16-24 digits starting 25-30.
"""

from __future__ import annotations

from kiosk.domain.payment import ALIPAY, WECHATPAY, wallet_for_code

__all__ = ["ALIPAY", "WECHATPAY", "scrub", "wallet_for_code"]


def scrub(text: str, code: str) -> str:
    """``text`` with every copy of ``code`` replaced, for a provider's message that
    might echo it."""
    code = code.strip()
    return text.replace(code, "[payment code]") if code else text
