"""The organizers' and partners' outcome pages: who sees what, recording, 422 on bad input."""

import pytest
from django.test import Client

from outcomes.models import Outcome
from tests.badges.conftest import interview_make, student_make
from tests.outcomes.conftest import partner_staff_make, register_link

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_outcomes_page_needs_an_organizer_or_partner(meeting):
    aya, company, _interview = meeting
    path = f"/fairs/{aya.fair.slug}/outcomes/"
    assert Client().get(path)["Location"].startswith("/login/staff/")
    assert logged_in(aya.user).get(path).status_code == 403
    assert logged_in(company.users.get()).get(path).status_code == 403
    detail = f"{path}{aya.pk}/{company.pk}/"
    assert logged_in(aya.user).post(detail, {"kind": "nothing"}).status_code == 403
    assert Outcome.objects.count() == 0


def test_organizer_sees_every_meeting_and_records_an_outcome_kept_in_history(meeting, organizer):
    aya, company, _interview = meeting
    client = logged_in(organizer)
    page = client.get(f"/fairs/{aya.fair.slug}/outcomes/").content.decode()
    assert "Aya Hussein" in page and "Intet svar endnu" in page
    detail = f"/fairs/{aya.fair.slug}/outcomes/{aya.pk}/{company.pk}/"
    client.post(detail, {"kind": "trial_days", "start_date": "01.03.2027"})
    response = client.post(detail, {"kind": "nothing", "note": "Ringede 12.03."})
    assert response.status_code == 302
    rows = list(Outcome.objects.order_by("pk").values_list("kind", "reporter_role", "source"))
    assert rows == [("trial_days", "organizer", "page"), ("nothing", "organizer", "page")]
    history = client.get(detail).content.decode()
    assert history.index("Intet kom ud af det") < history.index("Snuse- eller praktikdage")
    assert "Ringede 12.03." in history


def test_meeting_form_with_missing_start_date_answers_422_with_the_error(meeting, organizer):
    aya, company, _interview = meeting
    detail = f"/fairs/{aya.fair.slug}/outcomes/{aya.pk}/{company.pk}/"
    response = logged_in(organizer).post(detail, {"kind": "training_agreement"})
    assert response.status_code == 422
    assert "Skriv datoen, hvor det begynder." in response.content.decode()
    assert Outcome.objects.count() == 0


def test_partner_staff_see_and_record_only_their_own_students(meeting):
    aya, company, _interview = meeting
    bo = student_make(aya.fair, name="Bo Ørsted", email="bo@example.org")
    interview_make(aya.fair, student=bo, company=company, hour=11)
    partner, staff = partner_staff_make()
    other, _other_staff = partner_staff_make("UU Vestegnen", "uu@example.org")
    register_link(aya, partner)
    register_link(bo, other)
    client = logged_in(staff)
    page = client.get(f"/fairs/{aya.fair.slug}/outcomes/").content.decode()
    assert "Aya Hussein" in page and "Bo Ørsted" not in page
    base = f"/fairs/{aya.fair.slug}/outcomes/"
    assert client.get(f"{base}{bo.pk}/{company.pk}/").status_code == 404
    assert client.post(f"{base}{bo.pk}/{company.pk}/", {"kind": "nothing"}).status_code == 404
    client.post(f"{base}{aya.pk}/{company.pk}/", {"kind": "nothing"})
    assert list(Outcome.objects.values_list("student__user__name", "reporter_role")) == [
        ("Aya Hussein", "partner")
    ]


def test_organizer_records_a_meeting_at_the_fair_without_interview(fair, organizer):
    from tests.badges.conftest import company_make

    company = company_make(fair)
    cy = student_make(fair, name="Cy Jensen", email="cy@example.org")
    detail = f"/fairs/{fair.slug}/outcomes/{cy.pk}/{company.pk}/"
    client = logged_in(organizer)
    assert "Et møde på messen." in client.get(detail).content.decode()
    client.post(detail, {"kind": "training_agreement", "start_date": "2027-08-01"})
    outcome = Outcome.objects.get()
    assert (outcome.interview, outcome.conversation, outcome.kind) == (
        None,
        None,
        "training_agreement",
    )
    assert "Cy Jensen" in client.get(f"/fairs/{fair.slug}/outcomes/").content.decode()


def test_partner_pages_link_to_the_outcomes_of_the_latest_fair(meeting):
    """The mapping's menu leads partner staff to the outcomes page of the fair held last."""
    from datetime import timedelta

    from django.utils import timezone

    from fair.models import Fair
    from tests.conftest import fair_make

    aya, _company, _interview = meeting
    Fair.objects.filter(pk=aya.fair.pk).update(date=timezone.localdate() - timedelta(days=20))
    fair_make("naeste")  # the next fair, 60 days ahead
    client = Client()
    client.force_login(partner_staff_make()[1])
    page = client.get("/partners/").content.decode()
    assert 'href="/outcomes/"' in page and "Resultater af messen" in page
    assert 'href="/organizer/trends/"' in page
    response = client.get("/outcomes/")
    assert response["Location"] == f"/fairs/{aya.fair.slug}/outcomes/"
    assert client.get(response["Location"]).status_code == 200


def test_organizer_home_links_to_the_year_round_work(organizer):
    client = Client()
    client.force_login(organizer)
    page = client.get("/organizer/").content.decode()
    assert "Partnernes arbejde året rundt" in page
    for href in ("/partners/", "/outreach/", "/organizer/trends/"):
        assert f'href="{href}"' in page
    assert client.get("/outcomes/").status_code == 404  # no fair yet
