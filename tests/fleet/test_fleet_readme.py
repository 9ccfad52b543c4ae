"""The README's "Running a fleet" says what every metric and every shipped alert
means, and it and the console page name every out-of-service reason: one added to
kiosk/metrics.py, deploy/prometheus/kiosk-rules.yml or kiosk.availability without its
words there fails here."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.availability import REASONS
from kiosk.metrics import KioskMetrics

ROOT = Path(__file__).resolve().parents[2]


def _fleet_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Running a fleet\n", 1)[1].split("\n## ", 1)[0]


def _table_names(section: str) -> set[str]:
    """The names in the first column of every table: `name` or `name{labels}`."""
    return set(re.findall(r"^\| `([a-zA-Z_:]+)[{`]", section, re.MULTILINE))


def test_every_metric_has_a_line_in_the_readme() -> None:
    registry = KioskMetrics(version="1", commit="x", provider="sim").registry
    # a counter is exposed with _total (and a _created beside it, which is not ours)
    names = {f.name + ("_total" if f.type == "counter" else "") for f in registry.collect()}
    assert len(names) == 14  # the list: a new one must be added here and there
    missing = names - _table_names(_fleet_section())
    assert not missing, f"README, Running a fleet: no line for {sorted(missing)}"


def test_every_shipped_alert_has_a_line_in_the_readme() -> None:
    rules = (ROOT / "deploy" / "prometheus" / "kiosk-rules.yml").read_text()
    alerts = set(re.findall(r"^\s*- alert: (\w+)", rules, re.MULTILINE))
    assert alerts, "no alert read from the rules: the check below would prove nothing"
    missing = alerts - _table_names(_fleet_section())
    assert not missing, f"README, Running a fleet: no line for {sorted(missing)}"


def test_every_reason_is_listed_in_the_readme_and_in_words_on_the_console() -> None:
    section = _fleet_section()
    library = (ROOT / "deploy" / "prometheus" / "console_libraries" / "kiosk.lib").read_text()
    words = library.split('{{ define "kiosk_reason_words" -}}', 1)[1].split("{{- end }}")[0]
    for reason in REASONS:
        assert f"`{reason.value}`" in section, f"README, Running a fleet: no {reason.value}"
        assert f'eq . "{reason.value}"' in words, f"kiosk.lib: no words for {reason.value}"
