"""What the usher reads on a ticket beyond its SARFT record: the ticket type as
VISTA names it for the kiosk (a 学生票 tells them to ask for the student card) and
the session's attributes (3D, IMAX, 国语).

SARFT's 0x04 record knows neither, so the kiosk takes them from Connect when it
proves the booking or sells it, and keeps them in the transaction's journal
summary: a ticket printed by recovery or a staff reprint has the same face as
the one the patron would have got.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

SUMMARY_KEY = "ticket_labels"


@dataclass(frozen=True)
class TicketLabels:
    types: tuple[tuple[int, str], ...] = ()  # (price in fen, ticket type name), per ticket
    attributes: tuple[str, ...] = ()

    @classmethod
    def of(
        cls, types: Iterable[tuple[int, str | None]], attributes: Iterable[str] = ()
    ) -> TicketLabels:
        return cls(
            tuple((int(fen), " ".join((name or "").split())) for fen, name in types),
            tuple(a for a in attributes if a and a.strip()),
        )

    def type_for(self, price_fen: int) -> str:
        """The type of the ticket at this price, when the booking says it plainly: one
        type for every ticket, or one type at this price. Otherwise nothing, never a
        guess (a wrong 学生票 would have an usher ask the wrong patron for a card)."""
        names = {name for _, name in self.types if name}
        if len(names) == 1:
            return next(iter(names))
        at_price = {name for fen, name in self.types if fen == price_fen and name}
        return next(iter(at_price)) if len(at_price) == 1 else ""

    def to_summary(self) -> dict[str, Any]:
        return {
            SUMMARY_KEY: {
                "types": [list(t) for t in self.types],
                "attributes": list(self.attributes),
            }
        }

    @classmethod
    def from_summary(cls, summary: Mapping[str, Any]) -> TicketLabels:
        """Back from the journal; a summary from before labels existed has none."""
        raw = summary.get(SUMMARY_KEY)
        if not isinstance(raw, Mapping):
            return cls()
        try:
            return cls.of(
                ((int(fen), str(name)) for fen, name in raw.get("types") or ()),
                (str(a) for a in raw.get("attributes") or ()),
            )
        except (TypeError, ValueError):
            return cls()
