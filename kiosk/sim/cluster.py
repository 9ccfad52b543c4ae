"""Start any set of simulators on one world, write the --info file, stop them all.

Used by ``kiosk sim``, ``kiosk demo`` and the test fixtures, so all three run the
simulators the same way.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kiosk.sim.control import ControlServer
from kiosk.sim.sarft_wire import SimWire
from kiosk.sim.world import RunningService, SimWorld

log = logging.getLogger(__name__)

ALL_SERVICES = ("connect", "sarft", "payment", "printer")
DEFAULT_TOKEN = "sim-connect-token"
DEFAULT_SARFT_USERNAME = "kiosk"
DEFAULT_SARFT_PASSWORD = "sim-sarft-password"


@dataclass
class SimOptions:
    host: str = "127.0.0.1"
    ports: dict[str, int] = field(default_factory=dict)  # service name or "control" -> port
    token: str = DEFAULT_TOKEN
    username: str = DEFAULT_SARFT_USERNAME
    password: str = DEFAULT_SARFT_PASSWORD
    password_mode: Literal["plain", "md5"] = "plain"  # how kiosks send it in 0x01
    # the SARFT variant spoken (kiosk sim --wire); password_mode "md5" above overrides its own
    sarft_wire: SimWire = field(default_factory=SimWire)
    out_dir: Path = Path("printed")
    cinema_id: str = "0200"
    sarft_idle_timeout_s: float = 60.0  # a SARFT connection silent this long is closed
    printer_profile: str = "virtual"  # printers/NAME.toml: width, speed, font, QR limits
    printer_idle_close_s: float = 300.0  # a printer connection silent this long is closed
    # where the payment simulator writes the key files a merchant would be handed
    # (None: a fresh temporary folder)
    payment_keys_dir: Path | None = None


@dataclass
class SimCluster:
    world: SimWorld
    options: SimOptions
    services: dict[str, RunningService] = field(default_factory=dict)
    control: ControlServer | None = None

    async def start(self, names: tuple[str, ...] | list[str] = ALL_SERVICES) -> dict[str, Any]:
        try:
            for name in names:
                self.services[name] = await self._start_one(name)
            port = self.options.ports.get("control", 0)
            self.control = await ControlServer(self.world, self.options.host, port).start()
        except BaseException:
            await self.close()
            raise
        return self.info()

    async def _start_one(self, name: str) -> RunningService:
        # Imported here so a process that runs one simulator loads only that one.
        host, port = self.options.host, self.options.ports.get(name, 0)
        if name == "connect":
            from kiosk.sim.connect_server import start_connect

            return await start_connect(self.world, host, port, token=self.options.token)
        if name == "sarft":
            from kiosk.sim.sarft_server import start_sarft

            wire = self.options.sarft_wire
            if self.options.password_mode != "plain":
                wire = dataclasses.replace(wire, password_mode=self.options.password_mode)
            return await start_sarft(
                self.world,
                host,
                port,
                username=self.options.username,
                password=self.options.password,
                wire=wire,
                idle_timeout_s=self.options.sarft_idle_timeout_s,
            )
        if name == "payment":
            from kiosk.sim.payment_server import start_payment

            return await start_payment(self.world, host, port, self.options.payment_keys_dir)
        if name == "printer":
            from kiosk.sim.printer_server import start_printer

            return await start_printer(
                self.world,
                host,
                port,
                out_dir=self.options.out_dir,
                profile=self.options.printer_profile,
                idle_close_s=self.options.printer_idle_close_s,
            )
        raise ValueError(f"unknown simulator {name!r}")

    def info(self) -> dict[str, Any]:
        info: dict[str, Any] = {}
        for name, service in self.services.items():
            info[name] = service.info()
        if "connect" in info:
            info["connect"].setdefault("cinema_id", self.options.cinema_id)
        if self.control is not None:
            info.update(self.control.info())
        if "connect" in self.services or "sarft" in self.services:
            info["bookings"] = [
                {
                    "booking_id": b.booking_id,
                    "booking_number": b.booking_number,
                    "tickets": len(b.tickets),
                }
                for b in self.world.store.bookings.values()
                if b.online and not b.refunded and b.print_state == "unprinted"
            ]
        return info

    async def close(self) -> None:
        for name in list(self.services)[::-1]:
            try:
                await self.services.pop(name).close()
            except Exception:
                log.exception("closing the %s simulator failed", name)
        if self.control is not None:
            await self.control.close()
            self.control = None


def write_info(path: Path, info: dict[str, Any]) -> None:
    """Write atomically, so a script polling for the file never reads half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def kiosk_env(info: dict[str, Any]) -> dict[str, str]:
    """The KIOSK_* settings that point a kiosk at the simulators of an --info file."""
    env: dict[str, str] = {}
    if "connect" in info:
        env["KIOSK_CONNECT_URL"] = info["connect"]["url"]
        env["KIOSK_CONNECT_TOKEN"] = info["connect"]["token"]
        env["KIOSK_CINEMA_ID"] = info["connect"]["cinema_id"]
    if "sarft" in info:
        env["KIOSK_SARFT_HOST"] = info["sarft"]["host"]
        env["KIOSK_SARFT_PORT"] = str(info["sarft"]["port"])
        env["KIOSK_SARFT_USERNAME"] = info["sarft"]["username"]
        env["KIOSK_SARFT_PASSWORD"] = info["sarft"]["password"]
        env["KIOSK_SARFT_PASSWORD_MODE"] = info["sarft"].get("password_mode", "plain")
        for name, value in info["sarft"].get("wire", {}).items():
            env[f"KIOSK_SARFT_{name.upper()}"] = value  # the variant it speaks
    if "payment" in info:
        env["KIOSK_PAYMENT_URL"] = info["payment"]["url"]
        # the real protocols' settings; KIOSK_PAYMENT_PROVIDERS still chooses which one
        for provider in ("wechatpay", "alipay"):
            for key, value in info["payment"].get(provider, {}).items():
                env[f"KIOSK_{provider.upper()}_{key.upper()}"] = str(value)
    if "printer" in info:
        env["KIOSK_PRINTER"] = info["printer"]["url"]
        # the kiosk drives the printer the simulator plays
        env["KIOSK_PRINTER_PROFILE"] = info["printer"].get("profile", "virtual")
    return env
