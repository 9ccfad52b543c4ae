"""``kiosk collect`` as installers run it: a subprocess configured by KIOSK_* only."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.sim.cluster import SimCluster
from tests.flows.helpers_collect import env_for, kiosk_command, settings_for
from tests.helpers.printed import printed_pngs

pytestmark = pytest.mark.e2e


async def _kiosk_collect(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    return await kiosk_command(env, "collect", *args)


async def test_collect_prints_confirms_and_exits_0(sim: SimCluster, tmp_path: Path) -> None:
    config = settings_for(sim.info(), tmp_path / "kiosk")
    booking = next(b for b in sim.world.store.bookings.values() if b.booking_id == "WQNX8JL")
    code, out, err = await _kiosk_collect(env_for(config), "wqnx-8jl")
    assert code == 0, err
    assert f"booking {booking.booking_number}: 2 of 2 ticket(s) printed, confirmed" in out
    assert booking.print_state == "printed"
    assert len(printed_pngs(sim, tmp_path / "printed")) == 2
    assert config.sarft_password.get_secret_value() not in out + err

    code, out, err = await _kiosk_collect(env_for(config), "WQNX8JL")
    assert code == 1 and "已取票" not in out and "already been collected" in err


async def test_collect_exits_3_after_a_paper_out(sim: SimCluster, tmp_path: Path) -> None:
    config = settings_for(sim.info(), tmp_path / "kiosk")
    booking = next(b for b in sim.world.store.bookings.values() if len(b.tickets) == 3)
    sim.world.faults.add(["printer.print=paper_out_after:1"])
    code, _, err = await _kiosk_collect(env_for(config), booking.booking_id)
    assert code == 3 and "1 of 3" in err


async def test_a_malformed_code_exits_1_with_the_reason(sim: SimCluster, tmp_path: Path) -> None:
    config = settings_for(sim.info(), tmp_path / "kiosk")
    code, _, err = await _kiosk_collect(env_for(config), "AB!")
    assert code == 1 and "letters or digits" in err
