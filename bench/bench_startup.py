"""Start-up: ``kiosk run --windowed`` from process spawn to its first painted home
screen, against a bare PySide6 window spawned the same way.

Both are child processes of this one, launched alternately ROUNDS times under the
offscreen platform, given one 1920x1080 screen (the landscape panel ``kiosk run
--windowed`` opens at, ``kiosk.app.WINDOWED_PANEL``) through the offscreen plugin's
own screen configuration file. The time is from ``Popen`` to the child's line on
stdout, written by a zero-timer queued from the first Paint event (it runs once that
paint pass has finished). The ratio is kiosk/bare in the same run, so the machine's
speed cancels out.

Both children run with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` removed from
their environment): an installed kiosk has its ``.pyc`` files, written by pip at
install or by the first start, and the untimed warm-up launch writes them here.

The kiosk child is the real start. kiosk/ offers no way to report its first paint
(no env var, no hook), so the child (``child_kiosk``) is a wrapper that:

1. imports ``kiosk.cli.run`` and ``kiosk.app``, the two modules ``kiosk run``
   imports anyway before it creates its QApplication, and wraps the
   ``kiosk.app.make_application`` run_qt makes its QApplication with (fitted to the
   screen, kiosk/qt/screen_fit.py: at scale 1 on the bench's 1920x1080 screen) so that
   the application it returns gets an application-wide event filter that only watches
   Paint events; PySide6 is thus imported no earlier than ``kiosk run`` imports it
   (PySide6's import hook reads the source of every module imported after it);
2. calls ``kiosk.__main__.main(["run", "--windowed"])``: exactly ``python -m kiosk
   run --windowed``: parser, settings (KIOSK_* from the environment, pointing at the
   simulators), daily log file, ``run_qt`` (fonts, stylesheet, qasync loop, signal
   handlers), ``serve`` -> ``start_kiosk`` (journal, adapters, flows, MainWindow,
   controllers, admin screen, shown) and the background recovery.

Its first line ("painted") follows the first paint of the main window: the home
screen under the "getting ready" overlay while start-up recovery runs
(kiosk/assembly.py, ``recover_then_open``). Its second line ("ready") follows the
first paint once the doors are open: tickets owed by the last run printed, the
cinema name in from Connect, the overlay gone, Buy and Collect enabled (purchases
the last run left open would settle after that; this journal has none). The
simulators (no injected latency) run in a separate process, started once for the
whole run; the journal and data folder are reused from launch to launch, as on a
kiosk that has run before.
"""

from __future__ import annotations

import importlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import row, save_section

ROUNDS = 7
TARGET_RATIO = 2.0
DOORS_TARGET_RATIO = 3.0
PANEL = (1920, 1080)  # kiosk.app.WINDOWED_PANEL
LAUNCH_TIMEOUT_S = 60.0
PAINTED_MARK = "=== first paint ==="


def screen_config(path: Path) -> str:
    """QT_QPA_PLATFORM for an offscreen screen the size of the panel (the default
    offscreen screen is 800x800, and ``kiosk run --windowed`` fits itself to it)."""
    screen = {"name": "panel", "x": 0, "y": 0, "width": PANEL[0], "height": PANEL[1],
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip
    path.write_text(json.dumps({"windowFrameMargins": False, "screens": [screen]}))
    return f"offscreen:configfile={path}"


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def child_bare() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, done)
            return False

    def done() -> None:
        _say(f"painted {window.width()}x{window.height()}")
        os._exit(0)  # the figure is to first paint; tearing Qt down is not part of it

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(*PANEL)
    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    app.exec()


def child_kiosk() -> None:
    """``python -m kiosk run --windowed``, watched from outside for its paints."""
    # The order matters (see the module doc): what `kiosk run` imports first, then
    # kiosk.app (which imports PySide6), and only then PySide6 for the watcher.
    kiosk_main = importlib.import_module("kiosk.__main__").main
    importlib.import_module("kiosk.cli.run")
    kiosk_app = importlib.import_module("kiosk.app")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    class Paints(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.painted = False
            self.ready = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint or self.ready:
                return False
            if not isinstance(watched, QWidget):
                return False
            window: Any = watched.window()
            if type(window).__name__ != "MainWindow":
                return False
            if not self.painted:
                self.painted = True
                size = f"{window.width()}x{window.height()}"
                QTimer.singleShot(0, lambda: painted(size))
            if (
                window.home.buy_button.isEnabled()
                and not window.busy.isVisible()
                and window.current_screen() is window.home
            ):
                self.ready = True
                name = window.home._cinema.text()  # read only, to show it arrived
                QTimer.singleShot(0, lambda: ready(name))
            return False

    def painted(size: str) -> None:
        _say(f"painted {size}")
        sys.stderr.write(f"{PAINTED_MARK}\n")  # splits a -X importtime trace
        sys.stderr.flush()

    def ready(name: object) -> None:
        _say(f"ready {name!s}".strip())
        os._exit(0)  # tearing Qt down and closing adapters are not part of start-up

    make_application = kiosk_app.make_application
    spy = Paints()

    def made_watched(*args: Any, **kwargs: Any) -> Any:
        app = make_application(*args, **kwargs)
        app.installEventFilter(spy)
        return app

    kiosk_app.make_application = made_watched  # run_qt looks it up when it runs
    sys.exit(kiosk_main(["run", "--windowed"]))


def launch(
    kind: str, env: dict[str, str], log: Path, python_flags: tuple[str, ...] = ()
) -> dict[str, Any]:
    started = time.perf_counter()
    with log.open("ab") as errors:
        process = subprocess.Popen(
            [sys.executable, *python_flags, str(Path(__file__).resolve()), kind],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
        )
        assert process.stdout is not None
        seen: dict[str, Any] = {}
        try:
            for raw in process.stdout:
                word, _, rest = raw.decode().strip().partition(" ")
                seen[word] = (time.perf_counter() - started) * 1000
                seen[word + "_detail"] = rest
                if word == "ready" or (kind == "bare" and word == "painted"):
                    break
        finally:
            if process.poll() is None:
                try:
                    process.wait(timeout=LAUNCH_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    if "painted" not in seen or (kind == "kiosk" and "ready" not in seen):
        raise RuntimeError(f"the {kind} child never painted; see {log}")
    return seen


# Where the kiosk child's import time goes, from one extra launch under ``python -X
# importtime``: each module's own (self) time, summed by the group of its top package,
# for the imports before the first paint and for those after it (until ready).
IMPORT_GROUPS = {
    "escpos": "python-escpos + PyYAML",
    "yaml": "python-escpos + PyYAML",
    "kiosk": "kiosk's own modules",
    "PySide6": "PySide6 + shiboken6",
    "shiboken6": "PySide6 + shiboken6",
    "shibokensupport": "PySide6 + shiboken6",
    "pydantic": "pydantic + pydantic_core (Connect's reply models)",
    "pydantic_core": "pydantic + pydantic_core (Connect's reply models)",
}
OTHER_IMPORTS = "everything else (stdlib incl. asyncio, qasync, platformdirs, ...)"


def import_times(env: dict[str, str], log: Path) -> tuple[dict[str, float], float]:
    """Self import time of the kiosk child before its first paint, by group, in ms,
    with the total under "all"; and the total imported after it, until ready
    (importtime's own overhead included: a few per cent)."""
    trace = log.with_name("importtime.log")
    trace.write_bytes(b"")
    launch("kiosk", env, trace, ("-X", "importtime"))
    before: dict[str, float] = {"all": 0.0}
    after = 0.0
    painted = False
    for line in trace.read_text().splitlines():
        if line.strip() == PAINTED_MARK:
            painted = True
        if not line.startswith("import time:") or line.count("|") != 2:
            continue
        own, _, name = line.removeprefix("import time:").split("|")
        if not own.strip().isdigit():
            continue  # the header
        ms = int(own) / 1000
        if painted:
            after += ms
            continue
        group = IMPORT_GROUPS.get(name.strip().split(".")[0], OTHER_IMPORTS)
        before[group] = before.get(group, 0.0) + ms
        before["all"] += ms
    if not painted:
        raise RuntimeError(f"no first-paint mark in {trace}")
    return before, after


def child_env(**extra: str) -> dict[str, str]:
    """The children's environment: this one without KIOSK_* and with bytecode caching
    on (see the module doc), plus ``extra``."""
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("KIOSK_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    return {**keep, **extra}


def main() -> None:
    from bench.bench_pickup import SimProcess, workdir

    with workdir("startup") as work, SimProcess(work) as sim:
        data = work / "kiosk"
        platform = screen_config(work / "screen.json")
        bare_env = child_env(QT_QPA_PLATFORM=platform)
        kiosk_env = child_env(**sim.env(data), QT_QPA_PLATFORM=platform)
        log = work / "children.log"
        # Untimed: warm the file cache for both, as a kiosk that has booted before,
        # write any missing bytecode, and create the kiosk's journal and log folder.
        launch("bare", bare_env, log)
        launch("kiosk", kiosk_env, log)
        bare, kiosk = [], []
        for _ in range(ROUNDS):
            bare.append(launch("bare", bare_env, log))
            kiosk.append(launch("kiosk", kiosk_env, log))
        imports, imported_after = import_times(kiosk_env, log)
    bare_ms = statistics.median(b["painted"] for b in bare)
    painted_ms = statistics.median(k["painted"] for k in kiosk)
    ready_ms = statistics.median(k["ready"] for k in kiosk)
    size = kiosk[-1]["painted_detail"]
    ratio = painted_ms / bare_ms
    rows = [
        row(f"kiosk run --windowed: spawn -> home screen first painted ({size})", painted_ms,
            reference=bare_ms, ratio=ratio, target=f"<= {TARGET_RATIO:.0f}x bare window",
            met=ratio <= TARGET_RATIO, unit=" ms"),
        row(f"bare PySide6 QWidget ({bare[-1]['painted_detail']}): spawn -> painted",
            bare_ms, unit=" ms"),
        row("kiosk: spawn -> doors open (owed tickets printed, cinema name shown, Buy/Collect "
            "enabled), painted",
            ready_ms, reference=bare_ms, ratio=ready_ms / bare_ms,
            target=f"<= {DOORS_TARGET_RATIO:.0f}x bare window",
            met=ready_ms / bare_ms <= DOORS_TARGET_RATIO, unit=" ms"),
        row("  kiosk imports before the first paint (python -X importtime, one extra launch)",
            imports["all"], reference=painted_ms, ratio=imports["all"] / painted_ms,
            unit=" ms"),
        *(row(f"    {group}", ms, reference=painted_ms, ratio=ms / painted_ms, unit=" ms")
          for group, ms in sorted(imports.items(), key=lambda kv: -kv[1]) if group != "all"),
        row("  kiosk imports after the first paint, until ready (flows, adapters, screens)",
            imported_after, unit=" ms"),
    ]  # fmt: skip
    save_section(
        "startup",
        rows,
        notes=f"offscreen {PANEL[0]}x{PANEL[1]} screen; median of {ROUNDS} alternating "
        "launches after one untimed launch of each; bytecode caching on; kiosk = "
        "kiosk.__main__.main(['run', '--windowed']) with a paint-watching event filter "
        "on the QApplication run_qt makes; simulators (no latency) in another process",
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["bare"]:
        child_bare()
    elif sys.argv[1:2] == ["kiosk"]:
        child_kiosk()
    else:
        main()
