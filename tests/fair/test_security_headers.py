"""Issue 10.8f, g, h: Content-Security-Policy, no secrets in log lines, no-store on
personal answers."""

import base64
import hashlib
import logging
import re
from pathlib import Path

from django.conf import settings

from fair.account_services import login_token_make
from fair.log_filters import RedactTokensFilter
from tests.badges.conftest import student_make

ROOT = Path(__file__).resolve().parents[2]


def test_pages_carry_a_strict_content_security_policy(client, fair):
    policy = client.get(f"/fairs/{fair.slug}/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no inline script, no eval
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_500_pages_own_style_is_allowed_by_its_hash():
    page = (ROOT / "templates" / "500.html").read_text()
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    allowed = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert f"'sha256-{digest}'" in allowed


def test_no_page_template_has_inline_script_or_style():
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|<style|\sstyle=")
    found = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if "emails" not in path.parts and path.name != "500.html"
        if inline.search(path.read_text())
    ]
    assert found == []


def test_personal_pages_and_badge_pdf_are_not_stored(client, fair):
    student = student_make(fair)
    client.force_login(student.user)
    for path in ("/me/", "/me/badge.pdf"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response.headers["Cache-Control"], path
    anonymous = client.__class__()
    assert "Cache-Control" not in anonymous.get(f"/fairs/{fair.slug}/").headers


def test_log_in_link_is_exchanged_for_a_clean_address_and_never_stored(client, fair):
    student = student_make(fair)
    opened = client.get(f"/login/link/{login_token_make(user=student.user)}/")
    assert opened.headers["Location"] == "/login/link/"
    assert "no-store" in opened.headers["Cache-Control"]
    assert client.post("/login/link/").headers["Location"] == "/me/"


def test_log_lines_never_hold_log_in_or_calendar_tokens():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /login/link/eyJ1IjoxfQ:1abc:xyz/ HTTP/1.1", "302", "0"),
        None,
    )
    RedactTokensFilter().filter(record)
    assert record.getMessage() == '"GET /login/link/[redacted]/ HTTP/1.1" 302 0'
    feed = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/calendar/Zx9q.ics",),
        None,
    )
    RedactTokensFilter().filter(feed)
    assert feed.getMessage() == "Not Found: /calendar/[redacted]"
    from fair.log_filters import redact

    assert redact("/invitation/abc123/ /outcomes/answer/x.y/") == (
        "/invitation/[redacted]/ /outcomes/answer/[redacted]/"
    )


def test_gunicorn_access_log_leaves_out_query_strings_and_redacts_paths():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gconf", ROOT / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    assert "%(r)s" not in conf.access_log_format and "%(q)s" not in conf.access_log_format
    assert "%(f)s" not in conf.access_log_format  # no Referer
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/login/link/abc:def/?token=x",
        "PATH_INFO": "/login/link/abc:def/",
        "QUERY_STRING": "token=x",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }

    class Response:
        status = "302 Found"
        headers = []
        sent = 0

    from datetime import timedelta

    from gunicorn.config import Config

    logger = conf.RedactingLogger(Config())
    atoms = logger.atoms(Response(), environ, environ, timedelta(0))
    line = conf.access_log_format % atoms
    assert "abc:def" not in line and "/login/link/[redacted]/" in line
