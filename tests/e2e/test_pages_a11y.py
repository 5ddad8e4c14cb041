"""Every page of a small demo fair, at 320 px (reflow) and on a desktop, through axe-core."""

import io

import pytest
from django.core.management import call_command

from booking.models import Stand
from fair.enums import Role
from fair.models import Company, Fair, Student, User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

NARROW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
WIDE = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def demo():
    call_command(
        "seed_demo", "--fair", "a11y", "--students", "12", "--companies", "4", stdout=io.StringIO()
    )
    fair = Fair.objects.get(slug="a11y")
    company = Company.objects.filter(fair=fair, stand_bookings__isnull=False).order_by("pk").first()
    return {
        "fair": fair,
        "student": Student.objects.filter(fair=fair).order_by("pk").first().user,
        "company": company.users.get(),
        "organizer": User.objects.get(email="organizer@a11y.example.org"),
        "door": User.objects.get(role=Role.DOOR, email="door@a11y.example.org"),
        "stand": Stand.objects.filter(fair=fair).order_by("code").first().code,
    }


def _pages(demo) -> dict[str, list[str]]:
    s = demo["fair"].slug
    return {
        "student": [
            "/me/edit/",
            "/me/calendar/",
            f"/fairs/{s}/book/",
            f"/fairs/{s}/availability/",
            f"/fairs/{s}/signup/done/",
        ],
        "company": [
            "/me/",
            "/me/edit/",
            f"/fairs/{s}/availability/",
            f"/fairs/{s}/company/students/",
            f"/fairs/{s}/stands/",
            f"/fairs/{s}/stands/{demo['stand']}/",
            f"/fairs/{s}/stand/",
        ],
        "organizer": [
            "/organizer/",
            f"/organizer/fairs/{s}/",
            f"/organizer/fairs/{s}/schedule/",
            f"/organizer/fairs/{s}/stands/",
            f"/organizer/fairs/{s}/badges/",
        ],
        "door": [f"/fairs/{s}/door/"],
    }


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["320px", "1280px"])
def test_every_page_passes_axe_and_reflows(browser, live_server, demo, size):
    from tests.e2e.conftest import Pages

    visited = []
    for who, paths in _pages(demo).items():
        context = browser.new_context(**size)
        pages = Pages(context.new_page(), live_server.url)
        pages.log_in(demo[who])
        for path in paths:
            response = pages.page.goto(live_server.url + path)
            assert (who, path, response.status) == (who, path, 200)
            pages.check()
            visited.append(path)
        context.close()
    assert len(visited) == 18


def test_a_focused_stand_on_the_floor_plan_has_a_yellow_ring_in_a_dark_outline(desktop, demo):
    desktop.log_in(demo["company"])
    page = desktop.goto(f"/fairs/{demo['fair'].slug}/stands/")
    stand = page.locator(f"svg.floorplan a[href$='/stands/{demo['stand']}/']")
    page.keyboard.press("Tab")  # keyboard use, so :focus-visible applies
    stand.focus()
    ring = stand.locator("rect").first.evaluate(
        "r => { const s = getComputedStyle(r);"
        " return [s.stroke, s.strokeWidth, s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    assert ring == ["rgb(255, 191, 71)", "4px", "solid", "3px", "rgb(26, 26, 26)"]
