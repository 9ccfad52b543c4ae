"""Start-up: a fresh process to the first painted home screen, against a bare PySide6 window.

Both are child processes of this one, launched alternately ROUNDS times under
QT_QPA_PLATFORM=offscreen; the time is from ``Popen`` to the child's line on stdout,
which it writes right after the first paint of its window (a zero-timer queued from
the first Paint event runs once that paint has finished). The ratio is kiosk/bare
in the same run, so the machine's speed cancels out.

The kiosk child does what ``kiosk`` does before its window: the command parser
(which imports every subcommand: flows, clients, journal), the settings, then the
UI as the UI package builds it (fonts, stylesheet, translator, MainWindow showing
the home screen). ``kiosk run`` and kiosk/app.py do not exist yet; when they land,
the child should call the composition root instead (see bench/README.md).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import row, save_section

ROUNDS = 7
TARGET_RATIO = 2.0
PANEL = (1080, 1920)


def _report_first_paint(widget: object) -> None:
    from kiosk.qt import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.property("seen"):
                self.setProperty("seen", True)
                QTimer.singleShot(0, _painted)
            return False

    def _painted() -> None:
        print("painted", flush=True)
        os._exit(0)  # the figure is to first paint; tearing Qt down is not part of it

    spy = FirstPaint()
    widget.installEventFilter(spy)  # type: ignore[attr-defined]
    globals()["_spy"] = spy  # keep it alive


def child_bare() -> None:
    from kiosk.qt import QApplication, QWidget

    app = QApplication(sys.argv)
    window = QWidget()
    window.resize(*PANEL)
    _report_first_paint(window)
    window.show()
    app.exec()


def child_kiosk() -> None:
    from kiosk.__main__ import build_parser

    build_parser()  # what `kiosk` does first: every subcommand module is imported
    from kiosk.qt import QApplication
    from kiosk.qt.fonts import load_fonts
    from kiosk.qt.i18n import Translations
    from kiosk.settings import load_settings
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.theme import STYLESHEET

    settings = load_settings(environ={}, kiosk_mode=False)
    app = QApplication(sys.argv)
    load_fonts(app)
    app.setStyleSheet(STYLESHEET)
    translations = Translations()
    translations.switch(settings.language)
    window = MainWindow(settings, translations)
    window.resize(*PANEL)
    _report_first_paint(window.home)
    window.show()
    app.exec()


def launch(kind: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), kind],
        stdout=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    taken = (time.perf_counter() - started) * 1000
    process.wait(timeout=30)
    if line.strip() != b"painted":
        raise RuntimeError(f"the {kind} child never painted")
    return taken


def main() -> None:
    launch("bare")  # warm the file cache for both, as a kiosk that has booted before
    launch("kiosk")
    bare, kiosk = [], []
    for _ in range(ROUNDS):
        bare.append(launch("bare"))
        kiosk.append(launch("kiosk"))
    bare_ms, kiosk_ms = statistics.median(bare), statistics.median(kiosk)
    rows = [
        row("kiosk: process start -> home screen painted", kiosk_ms, reference=bare_ms,
            ratio=kiosk_ms / bare_ms, target=f"<= {TARGET_RATIO:.0f}x bare window",
            met=kiosk_ms / bare_ms <= TARGET_RATIO, unit=" ms"),
        row("bare PySide6 QWidget: process start -> painted", bare_ms, unit=" ms"),
    ]  # fmt: skip
    save_section(
        "startup",
        rows,
        notes=f"offscreen, {PANEL[0]}x{PANEL[1]}, median of {ROUNDS} alternating launches; "
        "kiosk = `kiosk` parser + settings + MainWindow as the UI package builds it "
        "(no `kiosk run` / kiosk/app.py yet)",
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["bare"]:
        child_bare()
    elif sys.argv[1:2] == ["kiosk"]:
        child_kiosk()
    else:
        main()
