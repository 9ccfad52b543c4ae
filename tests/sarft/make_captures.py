"""Record the simulator's own conversations as captures: ``python -m tests.sarft.make_captures``.

Each runs ``kiosk sarft-probe``'s search, with ``--record``, against the SARFT
simulator of the tiny test world (seeded, so its replies are the same every
time) speaking one variant; ``test_sarft_captures`` replays them against the
codec and the simulator. A field capture is added by hand (see the README).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from kiosk.sarft.capture import Recorder
from kiosk.sarft.codec import WireFormat
from kiosk.sarft.probe import Prober, probe
from kiosk.secret import Secret
from kiosk.sim.sarft_server import start_sarft
from kiosk.sim.sarft_wire import SimWire
from tests.sarft.world import build_world

HERE = Path(__file__).parent / "captures"
SEED = 276  # GY/T 276
USERNAME = "kiosk"
PASSWORD = "s3cret-sarft-pw"
PRINT_NO = "0000000000111972"
CAPTURES = {
    "sim-contract.txt": "",
    "sim-2-byte-big-endian-body-only-md5.txt": (
        "length_prefix_bytes=2,length_byteorder=big,length_counts_type=false,password_mode=md5"
    ),
    "sim-no-prefix-utf8-big-endian-millis.txt": (
        "length_prefix_bytes=0,length_byteorder=big,float_byteorder=big,"
        "datetime_form=unix_millis,text_encoding=utf-8"
    ),
}


async def record(name: str, variant: str) -> None:
    world = build_world(seed=SEED)
    sim = await start_sarft(
        world.world, username=USERNAME, password=PASSWORD, wire=SimWire.parse(variant)
    )
    try:
        with (HERE / name).open("w", encoding="utf-8") as out:
            prober = Prober(sim.host, sim.port, USERNAME, Secret(PASSWORD), 0.3, 0.0)
            prober.recorder = Recorder(out, "kiosk sim sarft", prober.secrets())
            prober.recorder.note(
                f"source: simulator, tests/sarft/world.py build_world(seed={SEED}), "
                f"--wire {variant or '(the contract)'}"
            )
            report = await probe(prober, WireFormat(), PRINT_NO)
            assert report.wire is not None and report.records, report.problems
    finally:
        await sim.close()


async def main() -> None:
    for name, variant in CAPTURES.items():
        await record(name, variant)
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    asyncio.run(main())
