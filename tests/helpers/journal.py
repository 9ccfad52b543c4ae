"""Reading a live journal from outside the kiosk, the way staff tools do."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def open_intents(journal: Path) -> list[str]:
    """Steps begun and not answered yet, oldest first; none before the schema exists."""
    if not journal.exists():
        return []
    conn = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT step FROM steps i WHERE phase = 'intent' AND NOT EXISTS"
            " (SELECT 1 FROM steps r WHERE r.intent_id = i.id) ORDER BY seq"
        ).fetchall()
    except sqlite3.OperationalError:  # the schema is not written yet
        return []
    finally:
        conn.close()
    return [str(row[0]) for row in rows]
