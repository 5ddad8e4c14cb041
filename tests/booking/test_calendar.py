"""Calendar feeds: the private subscription URL, its reset, the API file and the fair's .ics."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from booking.calendar.services import calendar_feed_ensure
from booking.enums import InterviewStatus
from booking.models import CalendarFeed, Interview
from fair.models import User
from tests.booking.ics_readers import read_libical, read_vobject
from tests.booking.notification_helpers import (
    calendar_parts,
    company_make,
    interview_make,
    notify,
    user_make,
    world_make,
)
from tests.conftest import bearer


def feed_url(user, fair) -> str:
    token = calendar_feed_ensure(user=user, fair=fair).token
    return reverse("booking:calendar-feed", kwargs={"token": token})


def clean(data: bytes) -> dict:
    lib = read_libical(data)
    assert (lib["parse_errors"], lib["errors"], lib["restrictions_ok"]) == ([], [], True)
    return lib


@pytest.mark.django_db
def test_feed_is_the_persons_interviews_and_the_fair_with_times_across_summer_time(client):
    w = world_make(students=2)
    response = client.get(feed_url(w.students[0].user, w.fair))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["X-Robots-Tag"] == "noindex"
    lib = clean(response.content)
    assert lib["cal_props"]["METHOD"] == ["PUBLISH"]
    assert [tz["TZID"] for tz in lib["timezones"]] == [["Europe/Copenhagen"]]
    events = read_vobject(response.content)["events"]
    assert [
        (e["uid"], e["summary"], e["start_utc"], e["end_utc"], e["start_tzid"]) for e in events
    ] == [
        (
            "fair-dst2027@localhost",
            "Praktikpladsmessen dst2027",
            datetime(2027, 3, 28, 7, 0, tzinfo=UTC),  # 09:00 CEST, the first day of summer time
            datetime(2027, 3, 28, 13, 0, tzinfo=UTC),
            "Europe/Copenhagen",
        ),
        (
            f"interview-{w.interviews[0].pk}@localhost",
            "Samtale med Novo Nordisk",
            datetime(2027, 3, 28, 8, 0, tzinfo=UTC),
            datetime(2027, 3, 28, 8, 12, tzinfo=UTC),
            "Europe/Copenhagen",
        ),
    ]
    interview = events[1]
    assert interview["location"] == "Stand A12, bord 1, TEC Ballerup, Telegrafvej 9, 2750 Ballerup"
    assert interview["description"] == (
        "Samtale med Novo Nordisk\n"
        "Stand A12, bord 1, TEC Ballerup, Telegrafvej 9, 2750 Ballerup\n"
        "Medbring: Dit CV, dine seneste karakterer og spørgsmål til virksomheden."
    )
    assert interview["organizer"] == "mailto:noreply@praktikmesse.local"
    assert [a["trigger"].total_seconds() for a in interview["alarms"]] == [-1800.0]
    # libical agrees on the UTC times through the calendar's own VTIMEZONE.
    assert [e["start"]["utc"] for e in lib["events"]] == [
        datetime(2027, 3, 28, 7, 0, tzinfo=UTC),
        datetime(2027, 3, 28, 8, 0, tzinfo=UTC),
    ]


@pytest.mark.django_db
def test_company_feed_lists_its_students_and_keeps_uids_when_an_interview_moves(client):
    w = world_make(students=2)
    url = feed_url(w.company_user, w.fair)
    before = read_vobject(client.get(url).content)["events"]
    Interview.objects.filter(pk=w.interviews[0].pk).update(
        slot=w.slots[3], sequence=F("sequence") + 1
    )
    Interview.objects.filter(pk=w.interviews[1].pk).update(
        status=InterviewStatus.CANCELLED, sequence=F("sequence") + 1
    )

    after = read_vobject(client.get(url).content)["events"]

    assert [(e["uid"], e["summary"], e["sequence"]) for e in before[1:]] == [
        (f"interview-{w.interviews[0].pk}@localhost", "Samtale med Åse Ølgaard", 0),
        (f"interview-{w.interviews[1].pk}@localhost", "Samtale med Bo Jensen", 0),
    ]
    assert [
        (e["uid"], e["summary"], e["sequence"], e["status"], e["start_utc"]) for e in after[1:]
    ] == [
        (
            f"interview-{w.interviews[1].pk}@localhost",
            "Aflyst: Samtale med Bo Jensen",
            1,
            "CANCELLED",
            datetime(2027, 3, 28, 8, 15, tzinfo=UTC),
        ),
        (
            f"interview-{w.interviews[0].pk}@localhost",
            "Samtale med Åse Ølgaard",
            1,
            "CONFIRMED",
            datetime(2027, 3, 28, 8, 45, tzinfo=UTC),
        ),
    ]


@pytest.mark.django_db
def test_feed_uid_is_the_uid_of_the_emailed_invite(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    w = world_make(students=1)
    notify(django_capture_on_commit_callbacks, [w.interviews[0].pk], "booked")
    [student_mail] = [m for m in mailoutbox if "elev0" in m.to[0]]
    [invite] = read_vobject(calendar_parts(student_mail)[0][2])["events"]

    feed = read_vobject(client.get(feed_url(w.students[0].user, w.fair)).content)["events"]

    assert feed[1]["uid"] == invite["uid"] == f"interview-{w.interviews[0].pk}@localhost"


@pytest.mark.django_db
def test_reset_token_stops_the_old_address(client):
    w = world_make(students=1)
    user = w.students[0].user
    old = feed_url(user, w.fair)
    client.force_login(user)

    response = client.post(reverse("booking:calendar-reset"), follow=True)

    assert response.status_code == 200
    assert "Din kalender har fået en ny adresse." in response.content.decode()
    new = feed_url(user, w.fair)
    assert new != old
    anonymous = Client()
    gone = anonymous.get(old)
    assert (gone.status_code, gone["Content-Type"]) == (404, "text/html; charset=utf-8")
    assert anonymous.get(new).status_code == 200
    assert CalendarFeed.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_reset_needs_a_post_and_a_login(client):
    w = world_make(students=1)
    old = feed_url(w.students[0].user, w.fair)
    assert client.post(reverse("booking:calendar-reset")).status_code == 302  # to log in
    client.force_login(w.students[0].user)
    assert client.get(reverse("booking:calendar-reset")).status_code == 405
    assert feed_url(w.students[0].user, w.fair) == old


@pytest.mark.django_db
def test_another_persons_calendar_is_never_readable(client):
    w = world_make(students=2)
    aase, bo = (s.user for s in w.students)
    aase_feed = read_vobject(client.get(feed_url(aase, w.fair)).content)["events"]
    bo_feed = read_vobject(client.get(feed_url(bo, w.fair)).content)["events"]

    assert [e["uid"] for e in aase_feed[1:]] == [f"interview-{w.interviews[0].pk}@localhost"]
    assert [e["uid"] for e in bo_feed[1:]] == [f"interview-{w.interviews[1].pk}@localhost"]
    # A guessed, truncated or over-long token opens nothing.
    token = calendar_feed_ensure(user=aase, fair=w.fair).token
    for guess in ("x", token[:-1], token + "a", "a" * 200, token.upper()):
        response = client.get(f"/calendar/{guess}.ics")
        assert (guess, response.status_code) == (guess, 404)
    # The API gives each person only their own calendar.
    api = bearer(bo).get("/api/v1/me/calendar.ics")
    events = read_vobject(api.content)["events"]
    assert [e["uid"] for e in events[1:]] == [f"interview-{w.interviews[1].pk}@localhost"]


@pytest.mark.django_db
def test_api_calendar_for_student_and_company(client):
    w = world_make(students=2)
    response = bearer(w.company_user).get("/api/v1/me/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    clean(response.content)
    events = read_vobject(response.content)["events"]
    assert [e["summary"] for e in events] == [
        "Praktikpladsmessen dst2027",
        "Samtale med Åse Ølgaard",
        "Samtale med Bo Jensen",
    ]


@pytest.mark.django_db
def test_api_calendar_refuses_people_without_a_fair_and_anonymous_callers(client):
    organizer = User.objects.create_user(email="org@example.dk", name="Org", role="organizer")
    response = bearer(organizer).get("/api/v1/me/calendar.ics")
    text = "Du har ingen kalender: du er ikke tilmeldt en messe som elev eller virksomhed."
    assert (response.status_code, response.json()) == (
        404,
        {"code": "no_calendar", "detail": text, "message": text},
    )
    anonymous = client.get("/api/v1/me/calendar.ics")
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "unauthorized")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_feed_queries_do_not_grow_with_interviews(client, django_assert_num_queries, count):
    w = world_make(students=1)
    student = w.students[0]
    for n in range(1, count):
        company = company_make(w.fair, f"Firma {n}", f"1234567{n}", f"hr{n}@firma.dk", f"B{n}")
        interview_make(w.fair, w.slots[n], student, company)
    url = feed_url(student.user, w.fair)
    CalendarFeed.objects.update(last_read_at=datetime.now(UTC))
    # The feed by token (with its user and fair) and the interviews with stands: two queries.
    with django_assert_num_queries(2):
        response = client.get(url)
    assert len(read_vobject(response.content)["events"]) == 1 + count


@pytest.mark.django_db
def test_fair_ics_is_public_and_linked_from_the_fair_page(client, fair):
    page = client.get(reverse("fair:fair-detail", kwargs={"slug": fair.slug}))
    link = reverse("booking:fair-ics", kwargs={"slug": fair.slug})
    assert f'href="{link}"' in page.content.decode()

    response = client.get(link)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    clean(response.content)
    [event] = read_vobject(response.content)["events"]
    assert (event["uid"], event["summary"], event["location"]) == (
        "fair-test2027@localhost",
        "Praktikpladsmessen test2027",
        "TEC Ballerup, Telegrafvej 9, 2750 Ballerup",
    )
    assert client.get("/fairs/nope/fair.ics").status_code == 404


@pytest.mark.django_db
def test_calendar_page_shows_the_webcal_address_and_is_linked_from_my_page(client):
    w = world_make(students=1)
    user = w.students[0].user
    client.force_login(user)
    me = client.get(reverse("fair:me")).content.decode()
    assert f'href="{reverse("booking:calendar-me")}"' in me

    page = client.get(reverse("booking:calendar-me")).content.decode()

    token = CalendarFeed.objects.get(user=user).token
    assert f'href="webcal://testserver/calendar/{token}.ics"' in page
    assert f'value="http://testserver/calendar/{token}.ics"' in page
    assert "Abonnér på kalenderen" in page


@pytest.mark.django_db
def test_calendar_page_without_a_fair_says_so(client):
    user = user_make("x@example.dk", "X", role="company")
    client.force_login(user)
    page = client.get(reverse("booking:calendar-me")).content.decode()
    assert "Din kalender kommer her, når du er tilmeldt en messe som elev eller virksomhed." in page
    assert CalendarFeed.objects.count() == 0


@pytest.mark.django_db
def test_openapi_documents_the_calendar_file(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/me/calendar.ics"]["get"]
    assert sorted(operation["responses"]) == ["200", "404"]
    assert operation["responses"]["200"]["content"] == {"text/calendar": {}}
