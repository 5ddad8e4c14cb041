"""Stand scanning in a real Chromium: a company types badge codes with a keyboard-wedge
scanner, sees the interview held (or a walk-up conversation), and records outcomes."""

import pytest
from playwright.sync_api import expect

from badges import services
from badges.models import StandConversation
from booking.models import Interview
from tests.badges.conftest import company_make, interview_make, student_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def scan(page, token: str) -> None:
    """A hand-held scanner types the code into the focused field and presses Enter."""
    field = page.locator("#id_token")
    field.click()
    field.press_sequentially(token, delay=0)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def row(page, name: str):
    return page.locator(".stand-table tbody tr", has_text=name)


def test_company_scans_badges_marks_interview_held_records_walk_up_and_outcomes(phone):
    from tests.conftest import fair_day_make

    fair = fair_day_make()  # the door and stand scans work on the fair's day
    company = company_make(fair)
    aya = student_make(fair, name="Aya Hussein", email="aya@example.org")
    bo = student_make(fair, name="Bo Ørsted", email="bo@example.org")
    interview = interview_make(fair, student=aya, company=company, hour=10, table=2)
    aya_badge = services.badge_issue(fair=fair, user=aya.user)
    bo_badge = services.badge_issue(fair=fair, user=bo.user)
    phone.log_in(company.users.get())

    page = phone.goto(f"/fairs/{fair.slug}/stand/")
    assert row(page, "Aya Hussein").locator("td").all_inner_texts() == [
        "10:00, bord 2",
        "Aya Hussein",
        "Booket",
        "—",
    ]

    # The scanner sends lower case (Caps Lock on): the code still counts.
    scan(page, aya_badge.token.lower())
    phone.check()
    expect(page.locator(".messages")).to_have_text(
        "Samtalen med Aya Hussein er markeret som gennemført."
    )
    aya_row = row(page, "Aya Hussein")
    assert aya_row.locator("td").nth(2).inner_text() == "Gennemført"
    aya_row.get_by_label("Resultat for Aya Hussein").select_option("trial")
    with page.expect_navigation():
        aya_row.get_by_role("button", name="Gem").click()
    phone.check()
    expect(page.locator(".messages")).to_have_text("Resultatet er gemt.")
    interview.refresh_from_db()
    assert (interview.status, interview.outcome) == ("held", "trial")

    # Bo has no interview with the company: the scan records a walk-up conversation.
    scan(page, bo_badge.token)
    phone.check()
    expect(page.locator(".messages")).to_have_text("Samtalen med Bo Ørsted er registreret.")
    bo_row = row(page, "Bo Ørsted")
    assert bo_row.locator("td").nth(2).inner_text() == "Spontan samtale"
    bo_row.get_by_label("Resultat for Bo Ørsted").select_option("follow_up")
    with page.expect_navigation():
        bo_row.get_by_role("button", name="Gem").click()
    phone.check()
    talk = StandConversation.objects.get()
    assert (talk.student, talk.company, talk.outcome, talk.by) == (
        bo,
        company,
        "follow_up",
        company.users.get(),
    )

    # A mistyped code: a clear message, nothing recorded.
    scan(page, bo_badge.token[:-3] + "AAA")
    phone.check()
    expect(page.locator("#id_token_error")).to_have_text(
        "Fejl: Det er ikke et gyldigt elev-navneskilt til denne messe."
    )
    assert StandConversation.objects.count() == 1
    assert list(Interview.objects.values_list("student__user__name", "status", "outcome")) == [
        ("Aya Hussein", "held", "trial")
    ]
