"""What every simulator of one process shares: the store and the fault rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from kiosk.sim.faults import FaultBook
from kiosk.sim.store import SimStore


@dataclass
class SimWorld:
    store: SimStore
    faults: FaultBook = field(default_factory=FaultBook)


class RunningService(Protocol):
    """A simulator listening on loopback; ``info()`` is its entry in the --info file."""

    name: str
    host: str
    port: int

    def info(self) -> dict[str, Any]: ...

    async def close(self) -> None: ...
