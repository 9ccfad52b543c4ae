"""An intent committed before a crash is there after it: kill -9 a writer, then reopen."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from kiosk.journal import Journal

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kiosk.journal import Journal

    journal = Journal.open(Path(sys.argv[1]))
    journal.begin("purchase", "f" * 32, "paying", {"amount_fen": 6000})
    journal.intent("f" * 32, "complete_order", {"amount_fen": 6000})
    print("written", flush=True)
    time.sleep(60)  # stands for the outside call the kiosk dies during
    """
)


def test_intent_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "written"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()

    with Journal.open(path) as journal:
        [txn] = journal.open_transactions()
        assert (txn.id, txn.state) == ("f" * 32, "paying")
        [pending] = journal.unanswered(txn.id)
        assert (pending.step, pending.details) == ("complete_order", {"amount_fen": 6000})
