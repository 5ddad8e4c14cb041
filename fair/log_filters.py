"""Keep secrets out of log lines: log-in links, calendar feeds and invitation tokens.

Django logs the path of failed requests (django.request) and the development server logs
every request line (django.server); both pass through this filter. gunicorn's access log
is configured in gunicorn.conf.py, which redacts with the same `redact()`.
"""

import logging
import re

REDACTED = "[redacted]"
# Paths whose last segment is a secret, and query parameters that carry one.
SECRET_PATHS = re.compile(
    r"(/login/link/|/calendar/(?=[^/?\s\"]+\.ics)|/invitations?/|/invite/|/outcomes/answer/)[^/?\s\"]+"
)
SECRET_PARAMS = re.compile(r"([?&](?:token|key|t|invite|code)=)[^&\s\"]+", re.IGNORECASE)


def redact(text: str) -> str:
    """`text` with every secret path segment and secret query value replaced."""
    text = SECRET_PATHS.sub(lambda m: m.group(1) + REDACTED, text)
    return SECRET_PARAMS.sub(lambda m: m.group(1) + REDACTED, text)


class RedactTokensFilter(logging.Filter):
    """Rewrite a record's message and arguments with `redact()` (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            args = record.args.items()
            record.args = {k: redact(v) if isinstance(v, str) else v for k, v in args}
        return True
