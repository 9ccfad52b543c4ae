"""How pytest-xdist hands out the tests (scripts/test.sh runs ``--dist load``): one test
at a time, the longest first, so that no worker is left with a long file at the end.

The controller keeps each test's time of the last run in pytest's cache; the next run
sends the tests in that order, longest first (a test it has no time for goes first, as
it may be long). With no times yet (a fresh clone) the workers' own order stands, the
``slow`` and ``e2e`` tests first (``slow_first`` below).

A file in ``WHOLE_FILES`` goes to one worker as one piece: its module fixture is
costly and must not run in two workers at once (test_install's build of the kiosk
writes build/ in the source tree, and a test installs again over the first install).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from xdist.workermanage import WorkerController

WHOLE_FILES = frozenset(
    {
        "tests/fleet/test_install.py",  # a build and install of the kiosk
        "tests/sim/test_sim_hardening.py",  # a simulator process for the whole module
        "tests/qt/test_qt_fonts.py",  # the fonts loaded once
    }
)
CACHE_KEY = "kiosk/durations"


def slow_first(items: list[pytest.Item]) -> None:
    """The ``slow`` and ``e2e`` tests first, each group in collection order (every
    worker sorts the same way, so the collections still match)."""
    items.sort(
        key=lambda item: not any(item.iter_markers("slow")) and not any(item.iter_markers("e2e"))
    )


class DurationRecorder:
    """In the controller: add up each test's setup, call and teardown, and keep them in
    the cache for the next run (times of tests not run this time are kept)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.durations: dict[str, float] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.durations[report.nodeid] = self.durations.get(report.nodeid, 0.0) + report.duration

    def pytest_sessionfinish(self) -> None:
        # with ``-p no:cacheprovider`` the config has no cache attribute at all
        cache = getattr(self.config, "cache", None)
        if cache is None or not self.durations:
            return
        known = cache.get(CACHE_KEY, {})
        if not isinstance(known, dict):
            known = {}
        known.update({k: round(v, 3) for k, v in self.durations.items()})
        cache.set(CACHE_KEY, known)


def make_scheduler(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling

    cache = getattr(config, "cache", None)  # none under ``-p no:cacheprovider``
    durations = cache.get(CACHE_KEY, {}) if cache is not None else {}
    if not isinstance(durations, dict):
        durations = {}

    def cost(unit: dict[str, bool]) -> float:
        times = [durations.get(nodeid) for nodeid in unit]
        if any(not isinstance(t, (int, float)) for t in times):
            return float("inf")  # not run before: it may be long
        return float(sum(times))

    class LongestFirst(LoadScopeScheduling):  # type: ignore[misc]
        """LoadScopeScheduling with a scope of one test (or one of ``WHOLE_FILES``)
        and its work queue sorted by the last run's times."""

        _sorted = not durations  # nothing known: the workers' order stands

        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path in WHOLE_FILES else nodeid

        def _assign_work_unit(self, node: WorkerController) -> None:
            if not self._sorted:
                # once, before the first test is sent: the whole queue, longest first
                self._sorted = True
                units = sorted(self.workqueue.items(), key=lambda unit: -cost(unit[1]))
                self.workqueue.clear()
                self.workqueue.update(units)
            super()._assign_work_unit(node)

    return LongestFirst(config, log)
