"""``kiosk sim``: the simulators for integrators and tests (interface: docs/simulators.md)."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from kiosk.cli.common import EXIT_CONFIG, run_until_signal
from kiosk.logs import setup_logging
from kiosk.settings import ENV_PREFIX, Settings
from kiosk.sim.cluster import (
    ALL_SERVICES,
    DEFAULT_SARFT_PASSWORD,
    DEFAULT_SARFT_USERNAME,
    DEFAULT_TOKEN,
    SimCluster,
    SimOptions,
    write_info,
)
from kiosk.sim.faults import (
    HTTP_ONLY,
    KINDS_WITH_INT_ARG,
    KINDS_WITHOUT_ARG,
    OPERATIONS,
    PAYMENT_ONLY,
    PRINTER_ONLY,
    FaultRuleError,
)
from kiosk.sim.printer_profile import DEFAULT_PROFILE, profile_names
from kiosk.sim.sarft_wire import SimWire, WireSpecError
from kiosk.sim.world import SimWorld

log = logging.getLogger("kiosk.sim")


def add_sim_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``kiosk sim`` and ``kiosk demo`` share."""
    parser.add_argument("--info", type=Path, help="write service addresses here as JSON")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="RULE",
        help=f"SERVICE.OPERATION=KIND[:ARG][:times:K], repeatable; {fault_kinds_help()}",
    )


# what the number of a kind counts (docs/simulators.md); N where it is a count or a code
_FAULT_ARG = {"latency": "MS", "paper_out_after_mm": "MM", "slow": "MM_S"}


def fault_kinds_help() -> str:
    """The fault kinds in words for --help, from the rules' own lists (never apart)."""
    with_arg = ", ".join(f"{kind}:{_FAULT_ARG.get(kind, 'N')}" for kind in KINDS_WITH_INT_ARG)
    services = "; ".join(f"{name}: {', '.join(ops)}" for name, ops in OPERATIONS.items())
    return (
        f"KIND is one of {with_arg}, {', '.join(KINDS_WITHOUT_ARG)} (printer only: "
        f"{', '.join(PRINTER_ONLY)}; payment only: {', '.join(PAYMENT_ONLY)}; connect "
        f"and payment only: {', '.join(HTTP_ONLY)}); "
        f"SERVICE.OPERATION is * or one of {services} (e.g. printer.print=paper_out_after:1)"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("service", nargs="?", choices=ALL_SERVICES, help="run only this one")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to listen on")
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        help="port of the named service, or of the control API when running all (0: free)",
    )
    add_sim_arguments(parser)
    parser.add_argument("--out", type=Path, help="printer PNG folder (default: data dir printed/)")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="Connect token to require")
    parser.add_argument("--username", default=DEFAULT_SARFT_USERNAME, help="SARFT username")
    parser.add_argument("--password", default=DEFAULT_SARFT_PASSWORD, help="SARFT password")
    parser.add_argument(
        "--password-mode",
        choices=("plain", "md5"),
        help="how kiosks send the SARFT password (their sarft_password_mode setting; "
        "default plain)",
    )
    parser.add_argument(
        "--wire",
        default="",
        metavar="NAME=VALUE,...",
        help="the SARFT variant to speak, by the kiosk's sarft_* setting names: "
        "length_prefix_bytes=0|2|4, length_byteorder=little|big, "
        "length_counts_type=true|false, float_byteorder=little|big, "
        "datetime_form=unix_seconds|unix_millis, text_encoding=gb18030|utf-8, "
        "password_mode=plain|md5 (default: the contract's)",
    )
    parser.add_argument(
        "--seat-hold-s", type=float, default=600.0, help="Connect seat lock lifetime (seconds)"
    )
    parser.add_argument("--seed", type=int, help="random seed for the demo data")
    parser.add_argument(
        "--profile",
        default=DEFAULT_PROFILE,
        choices=profile_names(),
        help="the printer model the virtual printer plays (printers/NAME.toml): paper "
        "width, print speed, Chinese font and mode, QR module limit",
    )
    parser.add_argument(
        "--idle-close-s",
        type=_positive_seconds,
        default=300.0,
        metavar="N",
        help="the printer closes a connection silent this long (Epson UB-E02: 300)",
    )


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return value


def default_out_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """``printed/`` under the data dir (docs/simulators.md): the one KIOSK_DATA_DIR names,
    else the kiosk's own default. Never one folder for every simulator: two side by
    side would overwrite each other's job-NNNN.png."""
    given = environ.get(f"{ENV_PREFIX}DATA_DIR")
    data_dir = Path(given) if given else kiosk_default_data_dir()
    return data_dir / "printed"


def kiosk_default_data_dir() -> Path:
    """Read from the kiosk's own setting, so the two cannot drift apart."""
    default = next(f.default for f in dataclasses.fields(Settings) if f.name == "data_dir")
    assert isinstance(default, Path)
    return default


def _usable_out_dir(out_dir: Path) -> bool:
    """Make the printer's folder now, so a bad one is named as such (not as a port
    that cannot listen) before anything starts."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        print(
            f"kiosk sim: cannot write printed tickets to {out_dir}: {reason}; "
            "give --out DIR or set KIOSK_DATA_DIR to a folder that can be written",
            file=sys.stderr,
        )
        return False
    return True


def _sarft_wire(spec: str, password_mode: Literal["plain", "md5"] | None) -> SimWire:
    """``--wire``, with ``--password-mode`` (older, kept) as one more of its choices."""
    wire = SimWire.parse(spec)
    if password_mode is not None:
        named = "password_mode" in spec.replace("sarft_", "")
        if named and wire.password_mode != password_mode:
            raise WireSpecError(
                f"--password-mode {password_mode} and --wire password_mode="
                f"{wire.password_mode} disagree; give one"
            )
        wire = dataclasses.replace(wire, password_mode=password_mode)
    return wire


def make_world(
    seat_hold_s: float = 600.0, seed: int | None = None, faults: Sequence[str] = ()
) -> SimWorld:
    """The demo world every simulator of the process shares, with the given faults."""
    from kiosk.sim.demo_data import build_demo_store

    store = build_demo_store(seed=seed)
    store.seat_hold_s = seat_hold_s
    world = SimWorld(store)
    world.faults.add(list(faults))
    return world


def run(args: argparse.Namespace) -> int:
    setup_logging(None, (args.token, args.password))
    names = (args.service,) if args.service else ALL_SERVICES
    ports = {args.service if args.service else "control": args.port}
    out_dir = (args.out or default_out_dir()).resolve()
    try:
        world = make_world(args.seat_hold_s, args.seed, args.fault)
    except FaultRuleError as exc:
        print(f"kiosk sim: {exc}", file=sys.stderr)
        return 2
    if "printer" in names and not _usable_out_dir(out_dir):
        return EXIT_CONFIG
    try:
        wire = _sarft_wire(args.wire, args.password_mode)
    except WireSpecError as exc:
        print(f"kiosk sim: {exc}", file=sys.stderr)
        return 2
    options = SimOptions(
        host=args.host,
        ports=ports,
        token=args.token,
        username=args.username,
        password=args.password,
        password_mode=wire.password_mode,
        sarft_wire=wire,
        out_dir=out_dir,
        printer_profile=args.profile,
        printer_idle_close_s=args.idle_close_s,
        # beside the printed tickets: the key files a merchant would be handed
        payment_keys_dir=out_dir.parent / "payment-keys",
    )

    async def main(stop: asyncio.Event) -> int:
        cluster = SimCluster(world, options)
        try:
            info = await cluster.start(names)
        except OSError as exc:
            print(f"kiosk sim: cannot listen: {exc}", file=sys.stderr)
            return 1
        try:
            if args.info:
                write_info(args.info, info)
            for name, service in cluster.services.items():
                log.info("%s simulator on %s:%d", name, service.host, service.port)
            await stop.wait()
        finally:
            await cluster.close()
        return 0

    return run_until_signal(main)
