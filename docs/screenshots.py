"""Take the README's screenshots of a running demo (`make demo`) with Debian's Chromium.

Usage (with the demo server running on the same database):
    DEBUG=1 .venv/bin/python docs/screenshots.py [BASE_URL [NAME ...]]   (default
    http://localhost:8000; with names, only those shots, e.g. `mapping-partner outcomes`)
"""

import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fair.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from fair.models import User  # noqa: E402

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8000"
ONLY = set(sys.argv[2:])
OUT = Path(__file__).resolve().parent / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1200, "height": 900}
SHOTS = [  # (file name, who is logged in, path, viewport)
    ("fair", None, "/fairs/demo/", DESKTOP),
    ("student-signup-phone", None, "/fairs/demo/students/signup/", PHONE),
    ("stands-company", "company001@demo.example.org", "/fairs/demo/stands/", DESKTOP),
    ("wishes-student-phone", "student0001@demo.example.org", "/fairs/demo/wishes/", PHONE),
    ("schedule-student-phone", "student0001@demo.example.org", "/fairs/demo/schedule/", PHONE),
    ("organizer", "organizer@demo.example.org", "/organizer/fairs/demo/schedule/", DESKTOP),
    ("door", "door@demo.example.org", "/fairs/demo/door/", PHONE),
    ("overview", "organizer@demo.example.org", "/organizer/fairs/demo/", DESKTOP),
    ("chances-phone", None, "/gode-muligheder/", PHONE),
    ("trends", "organizer@demo.example.org", "/organizer/trends/", DESKTOP),
    ("mapping-partner", "partner1@demo.example.org", "/partners/?group_by=trade", DESKTOP),
    ("outreach-funnel", "organizer@demo.example.org", "campaign", DESKTOP),
    ("outcomes", "organizer@demo.example.org", "/fairs/demo-earlier-1/outcomes/", DESKTOP),
]
FULL_PAGE = {"mapping-partner"}  # the counts table is below the filters
if ONLY:
    SHOTS = [shot for shot in SHOTS if shot[0] in ONLY]


def session_cookie(email: str) -> dict:
    client = Client()
    client.force_login(User.objects.get(email=email))
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": BASE}


def first_campaign_path() -> str:
    """The demo campaign's funnel page (its id changes with every --reset)."""
    from outreach.models import Campaign

    campaign = Campaign.objects.order_by("pk").first()
    return f"/outreach/campaigns/{campaign.pk}/" if campaign else "/outreach/campaigns/"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    # Sessions first: Playwright's sync API runs an event loop, where the ORM may not run.
    cookies = {email: session_cookie(email) for _name, email, _path, _vp in SHOTS if email}
    paths = {"campaign": first_campaign_path()}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for name, email, path, viewport in SHOTS:
            context = browser.new_context(viewport=viewport)
            if email:
                context.add_cookies([cookies[email]])
            page = context.new_page()
            page.goto(BASE + paths.get(path, path))
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=name in FULL_PAGE)
            context.close()
            print(f"docs/screenshots/{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
