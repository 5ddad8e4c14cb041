"""gunicorn settings, read from the working directory when gunicorn starts (README, "Security").

The access log must not keep secrets: log-in links, calendar feed addresses and invitation
tokens are in paths or query strings. The format logs the path without its query string and
no Referer, and the logger redacts secret path segments with the project's own `redact()`.
"""

from gunicorn.glogging import Logger

from fair.log_filters import redact

# Method, path without query string, protocol; no Referer (it may hold a secret address).
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s"'


class RedactingLogger(Logger):
    """gunicorn's logger, with secrets in the request path replaced before writing."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q", "f", "{raw_uri}e"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms


logger_class = RedactingLogger
