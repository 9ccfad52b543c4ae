"""Logging: a file per day under the data dir plus stderr, correlation ids, redaction.

Every line carries the correlation id of the patron transaction it belongs to
(set with :func:`correlation`), so one grep follows a sale across the kiosk,
Connect's logs (we send the same id as the ``correlationId`` header) and the
journal. The redaction filter is the last line of defence for secrets and
personal data: code should never log them, and if it does, the filter blanks
secrets and payment codes and masks phone numbers (:mod:`kiosk.privacy`).

Daily files are kept ``log_retention_days`` (PIPL art. 47: kept no longer than
their purpose needs): older ones are deleted at start and as each day begins.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from kiosk.privacy import mask_phone, redact_payment_codes

_correlation_id: contextvars.ContextVar[str] = contextvars.ContextVar("correlation_id", default="-")

LOG_FORMAT = "%(asctime)s %(levelname)-7s [%(correlation_id)s] %(name)s: %(message)s"
REDACTED = "***"

# key=value or "key": "value" pairs whose key names a secret, whatever the value.
# (A blanket "32 hex digits" rule would also eat UserSessionIds, which staff need.)
_SECRET_FIELD = re.compile(
    r"(?i)((?:password|passwd|token|connectapitoken|verify_code(?:_md5)?|verify_md5|pin|pin_hash)"
    r"[\"']?\s*[:=]\s*[\"']?)([^\s\"',;}]+)"
)


def current_correlation_id() -> str:
    return _correlation_id.get()


@contextlib.contextmanager
def correlation(correlation_id: str) -> Iterator[None]:
    """Tag every log line written inside this block (and tasks it starts) with the id."""
    token = _correlation_id.set(correlation_id)
    try:
        yield
    finally:
        _correlation_id.reset(token)


def set_correlation(correlation_id: str) -> None:
    """Tag the rest of the current task's log lines (for flows that own their task)."""
    _correlation_id.set(correlation_id)


class RedactingFilter(logging.Filter):
    """Blanks known secret values and secret-looking fields out of every record."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        for secret in secrets:
            self.add_secret(secret)

    def add_secret(self, secret: str) -> None:
        if secret and len(secret) >= 3:
            self._secrets.add(secret)

    def redact(self, text: str) -> str:
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, REDACTED)
        text = _SECRET_FIELD.sub(lambda m: m.group(1) + REDACTED, text)
        return mask_phone(redact_payment_codes(text))

    def filter(self, record: logging.LogRecord) -> bool:
        record.correlation_id = _correlation_id.get()
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = self.redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


_DAILY = re.compile(r"kiosk-(\d{4}-\d{2}-\d{2})\.log")


class DailyFileHandler(logging.Handler):
    """Appends to ``kiosk-YYYY-MM-DD.log``, switching file when the local date changes;
    with ``keep_days``, a file older than that many days is deleted as a day begins."""

    def __init__(self, directory: Path, keep_days: int | None = None) -> None:
        super().__init__()
        # Set before the mkdir: logging closes every handler it registered at exit,
        # this one too if the mkdir below fails, and close() reads them.
        self._date: dt.date | None = None
        self._stream: TextIO | None = None
        self.directory = directory
        self.keep_days = keep_days
        self.directory.mkdir(parents=True, exist_ok=True)
        self.prune(dt.date.today())

    def path_for(self, day: dt.date) -> Path:
        return self.directory / f"kiosk-{day.isoformat()}.log"

    def prune(self, today: dt.date) -> list[Path]:
        """Delete the daily files older than ``keep_days`` (today's is day 1)."""
        if self.keep_days is None:
            return []
        oldest = today - dt.timedelta(days=self.keep_days - 1)
        gone: list[Path] = []
        try:
            names = list(self.directory.iterdir())
        except OSError:
            return gone
        for path in names:
            found = _DAILY.fullmatch(path.name)
            if found is None:
                continue
            try:
                day = dt.date.fromisoformat(found.group(1))
            except ValueError:
                continue
            if day < oldest:
                with contextlib.suppress(OSError):
                    path.unlink()
                    gone.append(path)
        return gone

    def emit(self, record: logging.LogRecord) -> None:
        try:
            day = dt.date.today()
            if day != self._date or self._stream is None:
                if self._stream is not None:
                    self._stream.close()
                self._stream = self.path_for(day).open("a", encoding="utf-8")
                if self._date is not None:
                    self.prune(day)  # a kiosk runs for weeks: each new day, not just at start
                self._date = day
            self._stream.write(self.format(record) + "\n")
            self._stream.flush()
        except Exception:
            self.handleError(record)

    def close(self) -> None:
        self.acquire()
        try:
            if self._stream is not None:
                self._stream.close()
                self._stream = None
        finally:
            self.release()
        super().close()


_redactor = RedactingFilter()


def redactor() -> RedactingFilter:
    """The process-wide filter; add secrets learnt after start-up to it."""
    return _redactor


def setup_logging(
    log_dir: Path | None,
    secrets: Iterable[str] = (),
    level: int = logging.INFO,
    stderr_level: int | None = None,
    keep_days: int | None = None,
) -> None:
    """Install stderr and (if ``log_dir``) daily-file handlers on the root logger.

    Every other root handler goes: some libraries (python-escpos among them) call
    ``logging.basicConfig`` on import, which would print each line twice and
    bypass the redaction filter. ``stderr_level`` lets terminal tools keep their
    own output readable while the file still gets everything."""
    for secret in secrets:
        _redactor.add_secret(secret)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    formatter = logging.Formatter(LOG_FORMAT)
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(level if stderr_level is None else stderr_level)
    handlers: list[logging.Handler] = [stderr]
    if log_dir is not None:
        handlers.append(DailyFileHandler(log_dir, keep_days))
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(_redactor)
        root.addHandler(handler)
    root.setLevel(level)
    # httpx logs full request URLs at INFO; keep them at WARNING so nothing sensitive leaks
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
