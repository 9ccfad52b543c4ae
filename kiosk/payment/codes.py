"""Payment codes (付款码): which wallet a scanned code belongs to, and how it is shown.

A code on the patron's phone is a bearer credential valid for a minute: whoever holds
it can take the patron's money. It goes from the scanner to its provider and nowhere
else. Routing is by the prefixes both wallets publish: WeChat Pay codes are 18 digits
starting 10-15; Alipay codes are 16-24 digits starting 25-30.
"""

from __future__ import annotations

WECHATPAY, ALIPAY = "wechatpay", "alipay"


def wallet_for_code(text: str) -> str | None:
    """``wechatpay`` or ``alipay`` for a well-formed code, None for anything else."""
    code = text.strip()
    if not code.isascii() or not code.isdigit():
        return None
    prefix = int(code[:2]) if len(code) >= 2 else -1
    if len(code) == 18 and 10 <= prefix <= 15:
        return WECHATPAY
    if 16 <= len(code) <= 24 and 25 <= prefix <= 30:
        return ALIPAY
    return None


def scrub(text: str, code: str) -> str:
    """``text`` with every copy of ``code`` replaced, for a provider's message that
    might echo it."""
    code = code.strip()
    return text.replace(code, "[payment code]") if code else text
