"""``kiosk demo``: the kiosk in a window against every simulator, in one process.

Connect, SARFT, payment and printer simulators start on free loopback ports on
the same qasync loop as the UI, the kiosk is pointed at them, and a small demo
panel stands in for the patron's phone and the ticket tray. The terminal says
what a newcomer needs: the pickup codes to try, where tickets are printed, the
admin PIN (a fresh one each run, since the admin screen opens only with one) and,
with no display, where a picture of the windows is saved every few seconds.
Every other film gets a poster drawn at the start (the rest show their cards).

The journal goes to a temporary folder (removed at the end) unless KIOSK_DATA_DIR
names one; the printed tickets are kept, in ``--out`` or a folder of their own
under the data dir. Closing the kiosk window, SIGINT or SIGTERM stops everything
and closes every port.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import secrets
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kiosk.admin.pin import hash_pin
from kiosk.admin.pin_choice import why_guessable
from kiosk.chinatime import CHINA_TIME
from kiosk.cli.common import settings_from, start_logging
from kiosk.cli.sim import add_sim_arguments, kiosk_default_data_dir, make_world
from kiosk.settings import ENV_PREFIX, Settings
from kiosk.sim.cluster import SimCluster, SimOptions, kiosk_env, write_info
from kiosk.sim.faults import FaultRuleError
from kiosk.sim.world import SimWorld

EXIT_USAGE = 2
DEMO_PIN_DIGITS = 6
# Qt platforms that draw where nobody can see: the demo then saves a picture.
_INVISIBLE_PLATFORMS = ("offscreen", "minimal")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_sim_arguments(parser)
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="folder for the printed tickets (one PNG each), kept after the demo "
        "(default: demo/tickets-TIME under the data dir)",
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        nargs="?",
        const=Path(""),
        metavar="FILE",
        help="save a picture of the windows to FILE every few seconds, for a machine "
        "with no display (default FILE: demo/screen.png under the data dir; on by "
        "itself when Qt draws offscreen)",
    )


# Both wallets side by side, signed and checked as with a real merchant.
DEMO_PROVIDERS = "wechatpay,alipay"


def sim_overrides(info: dict[str, Any]) -> dict[str, str]:
    """The settings that point the kiosk at the simulators, as load_settings overrides."""
    return {key.removeprefix("KIOSK_").lower(): value for key, value in kiosk_env(info).items()}


def demo_pin() -> str:
    """A fresh PIN for this run's admin screen, printed in the terminal: one fixed in
    the code would open every demo anyone left running."""
    while True:
        pin = "".join(secrets.choice("0123456789") for _ in range(DEMO_PIN_DIGITS))
        if why_guessable(pin) is None:
            return pin


def demo_settings(
    args: argparse.Namespace,
    info: dict[str, Any],
    data_dir: Path,
    pin: str,
    poster_dir: Path | None = None,
) -> Settings:
    """The kiosk's settings: pointed at the simulators, windowed, opened by ``pin``,
    with the posters of ``poster_dir``, paying through WeChat Pay and Alipay's real
    protocols with the simulator's own keys (when its ``info`` has them) unless
    KIOSK_PAYMENT_PROVIDERS says otherwise."""
    wallets = info.get("payment", {})
    chosen: dict[str, str] = {}
    if f"{ENV_PREFIX}PAYMENT_PROVIDERS" not in os.environ and all(
        name in wallets for name in DEMO_PROVIDERS.split(",")
    ):
        chosen["payment_providers"] = DEMO_PROVIDERS
    return settings_from(
        args,
        **sim_overrides(info),
        **chosen,
        data_dir=data_dir,
        kiosk_mode=False,
        hide_cursor=False,
        admin_pin_hash=hash_pin(pin),
        poster_dir=str(poster_dir or ""),
    )


def poster_films(world: SimWorld) -> list[tuple[str, str, str]]:
    """Every other film of the demo: the rest show the cards a film without a poster
    gets, so the demo shows both."""
    films = sorted(world.store.films.values(), key=lambda f: f.film_id)
    return [(f.short_code, f.title, f.title_en) for f in films[::2]]


def data_root(environ: Mapping[str, str] = os.environ) -> Path:
    """The data dir the demo keeps things under: KIOSK_DATA_DIR, else the kiosk's own."""
    given = environ.get(f"{ENV_PREFIX}DATA_DIR")
    return Path(given) if given else kiosk_default_data_dir()


def tickets_dir(out: Path | None, root: Path, now: dt.datetime) -> Path:
    """``--out``, else a folder of this run's own: the virtual printer numbers its jobs
    from 1, so a second demo in the same folder would print over the first's."""
    if out is not None:
        return out.resolve()
    return root / "demo" / f"tickets-{now.astimezone(CHINA_TIME):%Y%m%d-%H%M%S}"


def newcomer_notes(
    bookings: Sequence[Mapping[str, Any]],
    printed: Path,
    pin: str,
    picture: Path | None,
) -> list[str]:
    """What the terminal says once the kiosk is up (stdout, never the log: the PIN)."""
    lines = ["kiosk demo: the kiosk is running against simulated Connect, SARFT, payment"]
    lines.append("  and printer, with a demo panel beside it for the patron's phone.")
    lines.append("  Pickup codes to try (取票码), bought online before the demo began:")
    for booking in bookings:
        lines.append(
            f"    {booking['booking_id']:<10} booking number {booking['booking_number']}, "
            f"{booking['tickets']} ticket(s)"
        )
    if not bookings:
        lines.append("    (none)")
    lines.append(f"  Printed tickets (one PNG each, kept after the demo): {printed}")
    lines.append(f"  Admin screen: five taps in the top-left corner of the home screen, PIN {pin}")
    if picture is not None:
        lines.append("  No display here: the windows are drawn on a screen nobody sees. A picture")
        lines.append(f"  of them is saved every few seconds to {picture}")
        lines.append("  (an image viewer reloads it), or run the demo where there is a display.")
    lines.append("  Stop: Ctrl-C here, or close the kiosk window.")
    return lines


def run(args: argparse.Namespace) -> int:
    try:
        world = make_world(faults=args.fault)
    except FaultRuleError as exc:
        print(f"kiosk demo: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from kiosk.app import run_qt

    root = data_root()
    printed = tickets_dir(args.out, root, dt.datetime.now(dt.UTC))
    try:
        printed.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(
            f"kiosk demo: cannot write printed tickets to {printed}: "
            f"{exc.strerror or type(exc).__name__}; give --out DIR",
            file=sys.stderr,
        )
        return EXIT_USAGE
    demo = _Demo(args, world, root, printed)
    given = os.environ.get("KIOSK_DATA_DIR")
    if given:
        return run_qt(lambda stop: demo.run(Path(given), stop))
    with tempfile.TemporaryDirectory(prefix="kiosk-demo-") as scratch:
        return run_qt(lambda stop: demo.run(Path(scratch), stop))


class _Demo:
    def __init__(self, args: argparse.Namespace, world: SimWorld, root: Path, printed: Path):
        self.args = args
        self.world = world
        self.root = root
        self.printed = printed

    def _picture_path(self) -> Path | None:
        from kiosk.qt import QGuiApplication

        chosen: Path | None = self.args.screenshot
        if chosen is None and QGuiApplication.platformName() not in _INVISIBLE_PLATFORMS:
            return None
        if chosen is None or chosen == Path(""):
            return self.root / "demo" / "screen.png"
        return chosen.resolve()

    async def run(self, data_dir: Path, stop: asyncio.Event) -> int:
        from kiosk.app import start_kiosk
        from kiosk.ui.demo_panel import GAP, DemoPanel, place_beside
        from kiosk.ui.demo_posters import write_posters
        from kiosk.ui.window_picture import keep_picture, remove_picture

        cluster = SimCluster(self.world, SimOptions(out_dir=self.printed))
        try:
            info = await cluster.start()
        except OSError as exc:
            print(f"kiosk demo: cannot listen: {exc}", file=sys.stderr)
            return 1
        pin = demo_pin()
        posters = self.root / "demo" / "posters"
        try:  # some 60 ms, before the window opens
            write_posters(poster_films(self.world), posters)
        except OSError as exc:  # the demo goes on with cards
            print(f"kiosk demo: no posters ({exc.strerror}): films show cards", file=sys.stderr)
        try:
            settings = demo_settings(self.args, info, data_dir, pin, posters)
            start_logging(self.args, settings, quiet_stderr=True)
            kiosk = await start_kiosk(settings, stop)
            panel = DemoPanel(
                kiosk.purchase, settings.payment_url, Path(info["printer"]["out"]), info["bookings"]
            )
            picture = self._picture_path()
            painting: asyncio.Task[None] | None = None
            try:
                place_beside(kiosk.window, panel)
                panel.show()
                if picture is not None:
                    painting = asyncio.ensure_future(
                        keep_picture((kiosk.window, panel), picture, GAP)
                    )
                print("\n".join(newcomer_notes(info["bookings"], self.printed, pin, picture)))
                sys.stdout.flush()
                if self.args.info:
                    write_info(self.args.info, info)
                await stop.wait()
            finally:
                if painting is not None:
                    painting.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await painting
                    assert picture is not None
                    remove_picture(picture)
                panel.close()
                await kiosk.close()
        finally:
            await cluster.close()
        print(f"kiosk demo: stopped; the printed tickets are still in {self.printed}")
        return 0
