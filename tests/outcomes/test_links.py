"""One-click answer links: valid, expired, tampered, bound to the person; GET changes nothing."""

import time

import pytest
from django.core import signing
from django.test import Client

from fair.enums import PlacementStatus
from outcomes.links import SALT, answer_token_make
from outcomes.models import Outcome

pytestmark = pytest.mark.django_db


class OldSigner(signing.TimestampSigner):
    """Signs as if it were 61 days ago."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 61 * 24 * 3600)


def url(token):
    return f"/outcomes/answer/{token}/"


def test_answer_link_get_shows_the_answer_and_records_nothing(meeting):
    aya, company, _interview = meeting
    token = answer_token_make(user=aya.user, student=aya, company=company, kind="trial_days")
    response = Client().get(url(token))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Snuse- eller praktikdage" in text
    assert "Glostrup El ApS" in text
    assert Outcome.objects.count() == 0


def test_answer_link_post_records_the_answer_with_dates_for_the_student(meeting):
    aya, company, interview = meeting
    token = answer_token_make(user=aya.user, student=aya, company=company, kind="trial_days")
    client = Client()
    response = client.post(url(token), {"start_date": "01.03.2027", "end_date": "2027-03-03"})
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert (outcome.kind, str(outcome.start_date), str(outcome.end_date)) == (
        "trial_days",
        "2027-03-01",
        "2027-03-03",
    )
    assert (outcome.reported_by, outcome.reporter_role, outcome.source) == (
        aya.user,
        "student",
        "follow_up",
    )
    assert outcome.interview == interview
    page = client.get(response["Location"]).content.decode()
    assert "Tak. Dit svar er gemt." in page


def test_answer_link_of_the_company_contact_records_as_company_and_sets_placement(meeting):
    aya, company, _interview = meeting
    per = company.users.get()
    token = answer_token_make(user=per, student=aya, company=company, kind="training_agreement")
    Client().post(url(token), {"start_date": "2027-08-01"})
    assert Outcome.objects.get().reporter_role == "company"
    aya.refresh_from_db()
    assert aya.placement_status == PlacementStatus.HAS_PLACEMENT


def test_answer_link_without_a_start_date_for_an_agreement_is_422(meeting):
    aya, company, _interview = meeting
    token = answer_token_make(
        user=aya.user, student=aya, company=company, kind="training_agreement"
    )
    response = Client().post(url(token), {"start_date": ""})
    assert response.status_code == 422
    assert "Skriv datoen, hvor det begynder." in response.content.decode()
    assert Outcome.objects.count() == 0


def test_answer_link_expired_is_refused_and_records_nothing(meeting, settings):
    aya, company, _interview = meeting
    settings.FAIR_OUTCOME_LINK_DAYS = 60
    token = OldSigner(salt=SALT).sign_object(
        {"u": aya.user.pk, "s": aya.pk, "c": company.pk, "k": "nothing"}, compress=True
    )
    fresh = answer_token_make(user=aya.user, student=aya, company=company, kind="nothing")
    assert Client().get(url(fresh)).status_code == 200
    for response in (Client().get(url(token)), Client().post(url(token))):
        assert response.status_code == 400
        assert "Linket virker ikke" in response.content.decode()
    assert Outcome.objects.count() == 0


def test_answer_link_tampered_is_refused(meeting):
    aya, company, _interview = meeting
    token = answer_token_make(user=aya.user, student=aya, company=company, kind="nothing")
    forged = signing.dumps(
        {"u": aya.user.pk, "s": aya.pk, "c": company.pk, "k": "training_agreement"}, salt="other"
    )
    for bad in (token[:-2] + "xx", forged, "A" + token):
        assert Client().post(url(bad)).status_code == 400
    assert Outcome.objects.count() == 0


def test_answer_link_stops_working_for_a_contact_removed_from_the_company(meeting):
    aya, company, _interview = meeting
    per = company.users.get()
    token = answer_token_make(user=per, student=aya, company=company, kind="nothing")
    company.users.remove(per)
    assert Client().post(url(token)).status_code == 400
    assert Outcome.objects.count() == 0


def test_answer_link_of_another_person_for_this_meeting_is_refused(meeting):
    from tests.badges.conftest import student_make

    aya, company, _interview = meeting
    bo = student_make(aya.fair, name="Bo Ørsted", email="bo@example.org")
    token = signing.dumps(
        {"u": bo.user.pk, "s": aya.pk, "c": company.pk, "k": "nothing"}, salt=SALT, compress=True
    )
    assert Client().post(url(token)).status_code == 400


def test_answer_page_speaks_english_for_an_english_speaking_person(meeting):
    aya, company, _interview = meeting
    aya.user.language = "en"
    aya.user.save()
    token = answer_token_make(user=aya.user, student=aya, company=company, kind="nothing")
    text = Client().get(url(token)).content.decode()
    assert "Nothing came of it" in text
    assert "Confirm the answer" in text
