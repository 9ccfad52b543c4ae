"""The fleet console page (deploy/prometheus/consoles/kiosk-fleet.html), drawn by a
real Prometheus (Debian's package, with --web.console.templates/libraries) from two
real kiosks: K01 in service with the tickets its start-up recovery printed, K02 out
of service with its paper out and a collection waiting for staff, and K03 down. The
Grafana dashboard (deploy/grafana/kiosk-fleet.json) cannot be drawn here (Grafana is
not installable), so each of its panels' queries is asked of the same Prometheus."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.sim.cluster import SimCluster
from tests.fleet.console_fleet import console_fleet, page_rows, settled

GRAFANA = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "kiosk-fleet.json"


def _grafana_queries() -> dict[str, str]:
    """Each panel's title and its query (each panel of this dashboard has one)."""
    panels = json.loads(GRAFANA.read_text())["panels"]
    return {p["title"]: t["expr"] for p in panels for t in p.get("targets", [])}


def _summary(html: str) -> str:
    """The line above the table, as read."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.split("<table")[0]).split())


def _value(result: list[dict[str, Any]]) -> float:
    [sample] = result
    return float(sample["value"][1])


@pytest.mark.e2e
@pytest.mark.timeout(240)  # two kiosks' start-ups, then up to 90 s for the page to settle
async def test_the_console_page_and_the_grafana_queries_show_each_kiosk_in_its_state(
    sim: SimCluster, tmp_path: Path
) -> None:
    async with console_fleet(sim, tmp_path) as fleet:
        html, rows = await fleet.read_page()
        grafana = {title: await fleet.query(expr) for title, expr in _grafana_queries().items()}
        # one cinema's kiosks of a chain's hundreds: the rows and the sums are theirs
        async with httpx.AsyncClient(timeout=10.0) as client:
            some = (await client.get(fleet.page, params={"instance": "K0[23]"})).text
    assert settled(rows), rows
    assert set(rows) == {"K01", "K02", "K03"}
    k01, k02, k03 = rows["K01"], rows["K02"], rows["K03"]

    assert (k01["scrape"], k01["in_service"], k01["reason"]) == ("up", "yes", "")
    assert k01["paper"] == "ok" and k01["paths.up"] == "buy collect" and "paths.down" not in k01
    assert k01["services.up"] == "connect payment printer sarft" and "services.down" not in k01
    assert (k01["needing_staff"], k01["needing_staff.class"]) == ("0", "number")
    assert k01["alerts"] == ""

    assert (k02["scrape"], k02["in_service"]) == ("up", "NO")
    assert k02["reason"] == "paper out printer_paper_out"
    assert k02["paper"] == "out" and "bad" in k02["paper.class"]
    assert k02["services.down"] == "printer"
    assert k02["paths.down"] == "buy collect"  # both need the printer
    assert "bad" in k02["needing_staff.class"]
    assert k02["oldest_open"] not in ("none", "-")  # the collection left for staff
    assert k02["tickets_printed"] == "0"  # its one ticket came out before this start
    assert "KioskOutOfService" in k02["alerts"].split()

    assert k03["in_service"] == "unknown" and k03["tickets_printed"] == "-"
    assert "1 of 3 kiosks in service; 1 transaction(s) waiting for staff" in _summary(html)
    assert set(page_rows(some)) == {"K02", "K03"}
    assert "0 of 2 kiosks in service; 1 transaction(s) waiting for staff" in _summary(some)

    # the Grafana panels' queries, over the same fleet
    assert len(grafana) == 11, sorted(grafana)
    assert _value(grafana["Kiosks in service"]) == 1
    assert _value(grafana["Kiosks out of service"]) == 1
    assert _value(grafana["Transactions needing staff"]) == 1
    assert _value(grafana["Oldest open transaction"]) > 0
    why = grafana["Why kiosks are out of service"]
    assert [(r["metric"]["instance"], r["metric"]["reason"]) for r in why] == [
        ("K02", "printer_paper_out")
    ]
    assert {r["metric"]["instance"] for r in grafana["Paper nearly out"]} == {"K02"}
    assert len(grafana["Services up"]) == 8  # 4 services of each kiosk that answers
    assert {r["metric"]["service"] for r in grafana["Service latency p95"]} == {
        "connect", "sarft", "payment", "printer"
    }  # fmt: skip

    for name, err in fleet.stderr.items():
        assert b"Traceback" not in err, f"{name}: {err.decode()[-2000:]}"
