"""Money and ids: named so a signature says which text it wants.

Aliases, not ``NewType``s: every id comes from the backend as text and goes back
to it unchanged, so a distinct type would only add casts at each adapter.
"""

from __future__ import annotations

import uuid
from typing import TypeAlias

Fen: TypeAlias = int
"""Money, in fen (分): integer everywhere, never a float of yuan."""

CinemaId: TypeAlias = str
FilmId: TypeAlias = str
SessionId: TypeAlias = str
TicketTypeCode: TypeAlias = str
AreaCategoryCode: TypeAlias = str
"""The seat area a ticket type sells (a ticket type and its seat share one)."""
UserSessionId: TypeAlias = str
"""The order's id, made by the kiosk: the purchase transaction's id too."""
BookingId: TypeAlias = str
"""The booking's 取票码 (pickup code)."""
BookingNumber: TypeAlias = int


def new_user_session_id() -> UserSessionId:
    """A fresh order id: 32 hex characters, the longest VISTA's UserSessionId takes."""
    return uuid.uuid4().hex
