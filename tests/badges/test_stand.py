"""Stand scanning: a company scans a student's badge, marks the interview held, records outcome."""

import json

from badges import services
from badges.models import StandConversation
from booking.models import Interview
from tests.badges.conftest import company_make, interview_make, student_make


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _login(client, company):
    client.force_login(company.users.get())
    return client


def test_stand_scan_marks_booked_interview_held_then_outcome(fair, client):
    aya = student_make(fair)
    company = company_make(fair)
    interview = interview_make(fair, student=aya, company=company)
    badge = services.badge_issue(fair=fair, user=aya.user)
    _login(client, company)
    url = f"/api/v1/fairs/{fair.slug}/stand-scans"
    first = post(client, url, {"token": badge.token})
    assert (first.status_code, first.json()) == (
        201,
        {
            "kind": "interview",
            "id": interview.pk,
            "student": "Aya Hussein",
            "outcome": "none",
            "new": True,
        },
    )
    again = post(client, url, {"token": badge.token})
    assert (again.status_code, again.json()["new"]) == (200, False)
    done = post(client, f"{url}/interview/{interview.pk}/outcome", {"outcome": "trial"})
    assert done.status_code == 204
    interview.refresh_from_db()
    assert (interview.status, interview.outcome) == ("held", "trial")


def test_stand_scan_without_interview_records_walk_up_conversation(fair, client):
    bo = student_make(fair, name="Bo Ørsted", email="bo@example.org")
    company = company_make(fair)
    badge = services.badge_issue(fair=fair, user=bo.user)
    _login(client, company)
    response = post(client, f"/api/v1/fairs/{fair.slug}/stand-scans", {"token": badge.token})
    talk = StandConversation.objects.get()
    assert (response.status_code, response.json()["kind"], response.json()["id"]) == (
        201,
        "conversation",
        talk.pk,
    )
    url = f"/api/v1/fairs/{fair.slug}/stand-scans/conversation/{talk.pk}/outcome"
    bad = post(client, url, {"outcome": "married"})
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_input")
    assert post(client, url, {"outcome": "contract"}).status_code == 204
    talk.refresh_from_db()
    assert talk.outcome == "contract"
    assert Interview.objects.count() == 0


def test_stand_scan_refuses_a_company_badge_and_strangers(fair, client):
    company = company_make(fair)
    own = services.badge_issue(fair=fair, user=company.users.get())
    _login(client, company)
    response = post(client, f"/api/v1/fairs/{fair.slug}/stand-scans", {"token": own.token})
    assert (response.status_code, response.json()["code"]) == (422, "not_student_badge")
    client.force_login(student_make(fair).user)
    refused = post(client, f"/api/v1/fairs/{fair.slug}/stand-scans", {"token": own.token})
    assert (refused.status_code, refused.json()["code"]) == (403, "not_company")


def test_stand_page_scan_form_and_outcome_form(fair, client, django_assert_max_num_queries):
    aya = student_make(fair)
    company = company_make(fair)
    interview = interview_make(fair, student=aya, company=company)
    badge = services.badge_issue(fair=fair, user=aya.user)
    _login(client, company)
    page = client.post(f"/fairs/{fair.slug}/stand/", {"token": badge.token.lower()}, follow=True)
    assert "Samtalen med Aya Hussein er markeret som gennemført." in page.content.decode()
    response = client.post(
        f"/fairs/{fair.slug}/stand/interview/{interview.pk}/outcome/", {"outcome": "follow_up"}
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.outcome == "follow_up"
    wrong = client.post(f"/fairs/{fair.slug}/stand/", {"token": "NOPE"})
    assert wrong.status_code == 422
    assert "Det er ikke et gyldigt elev-navneskilt til denne messe." in wrong.content.decode()
    empty = client.post(f"/fairs/{fair.slug}/stand/", {"token": ""})
    assert (empty.status_code, "Dette felt er påkrævet." in empty.content.decode()) == (422, True)


def test_stand_page_bad_outcome_is_422_with_the_error_and_nothing_saved(fair, client):
    aya = student_make(fair)
    company = company_make(fair)
    interview = interview_make(fair, student=aya, company=company)
    services.stand_scan(company=company, token=services.badge_issue(fair=fair, user=aya.user).token)
    _login(client, company)
    url = f"/fairs/{fair.slug}/stand/interview/{interview.pk}/outcome/"
    bad = client.post(url, {"outcome": "married"})
    assert bad.status_code == 422
    assert "<strong>Fejl:</strong> Vælg et af resultaterne." in bad.content.decode()
    missing = client.post(
        f"/fairs/{fair.slug}/stand/interview/{interview.pk + 99}/outcome/", {"outcome": "trial"}
    )
    assert missing.status_code == 422
    assert "<strong>Fejl:</strong> Den samtale findes ikke ved jeres stand." in (
        missing.content.decode()
    )
    interview.refresh_from_db()
    assert (interview.status, interview.outcome) == ("held", "none")
