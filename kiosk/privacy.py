"""Personal data (PIPL): what counts as it, how it is shown, and how long it is kept.

- A phone number shown or logged is masked as PIPL practice asks: the first 3 and
  the last 4 digits (``138****5678``). The log filter (:mod:`kiosk.logs`) masks any
  mainland mobile number in a line as the last line of defence.
- A payment code (付款码, WeChat's 18 digits from 10-15, Alipay's 16-24 from 25-30)
  is a bearer credential: it never reaches a log line; the filter blanks it.
- A pickup code (取票码) is never logged whole: :func:`mask_code` keeps its last 3
  characters, enough to tell two apart, far too few to collect with.
- In the journal, personal data (phone numbers, e-mail, names of people from
  VISTA) may be kept only in a transaction's summary under :data:`PERSONAL`, which
  :mod:`kiosk.journal.retention` drops after ``personal_data_days``; the journal's
  guard refuses a personal key anywhere else (steps are append-only evidence and
  could never be cleaned).
"""

from __future__ import annotations

import re

PERSONAL = "personal"
"""The one summary key under which the journal may keep a patron's personal data."""

MASK = "****"
_MOBILE = re.compile(r"(?<!\d)((?:\+?86[- ]?)?1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
_PAYMENT_CODE = re.compile(r"(?<!\d)(?:1[0-5]\d{16}|(?:2[5-9]|30)\d{14,22})(?!\d)")
PAYMENT_CODE_SHOWN = "[payment code]"

# Keys naming a person's data, as whole words of a key ("customer_phone",
# "PickupName", "buyer_logon_id"): alone, or a name word with a person word.
_PERSONAL_WORDS = frozenset({"phone", "mobile", "email", "openid", "nickname", "tel"})
_NAME_WORDS = frozenset({"name", "logon"})
_PERSON_WORDS = frozenset(
    {"customer", "pickup", "patron", "member", "full", "first", "last", "buyer", "payer", "holder"}
)
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def mask_phone(text: str) -> str:
    """Every mainland mobile number in ``text`` as ``138****5678``."""
    return _MOBILE.sub(lambda m: f"{m.group(1)}{MASK}{m.group(3)}", text)


def mask_code(code: str) -> str:
    """A pickup code as the log may name it: its last 3 characters only."""
    code = code.strip()
    return MASK + code[-3:] if len(code) > 4 else MASK


def redact_payment_codes(text: str) -> str:
    return _PAYMENT_CODE.sub(PAYMENT_CODE_SHOWN, text)


def personal_key(key: str) -> bool:
    """Whether a dict key names a person's data (phone, e-mail, a person's name)."""
    words = {w.lower() for w in _WORD.findall(key)}
    if words & _PERSONAL_WORDS:
        return True
    return bool(words & _NAME_WORDS and words & _PERSON_WORDS)
