"""Personal data: the export holds everything, deletion leaves nothing, secrets stay hidden."""

import json

import pytest
from django.contrib.auth.models import Permission

from badges import checkin_services as badge_checkin_services
from badges import services as badge_services
from badges.models import Badge, CheckIn
from booking.calendar.services import calendar_feed_ensure
from booking.interviews import wishes
from booking.models import Interview, Wish
from fair import account_services, services
from fair.emails import email_send
from fair.models import EmailLog, Student, User
from tests.booking.test_interviews import book, company_make, slots_make, student_make
from tests.conftest import fair_day_make


@pytest.fixture
def fair(db):
    """The world checks a student in and scans at a stand: only on the fair's day."""
    return fair_day_make()


@pytest.fixture
def world(fair, electrician):
    company = company_make(fair, "Ballerup El ApS", programme=electrician)
    student = student_make(fair, "Emma Holm", programme=electrician)
    wishes.wish_add(student=student, company=company)
    interview = book(fair, slots_make(fair)[0], student, company)
    badge = badge_services.badge_issue(fair=fair, user=student.user)
    badge_checkin_services.checkin_scan(token=badge.token, by=student.user, fair=fair)
    calendar_feed_ensure(user=student.user, fair=fair)
    contact = company.users.get()
    email_send(user=student.user, subject="Din samtale", template="login_link", context={})
    email_send(user=contact, subject="Samtale med Emma Holm", template="login_link", context={})
    return {"company": company, "student": student, "interview": interview, "contact": contact}


@pytest.fixture
def organizer(db):
    return User.objects.create_superuser(email="org@example.org", name="Org", password="x")


def export(client, user) -> dict:
    response = client.post(
        "/admin/fair/user/", {"action": "export_people", "_selected_action": [user.pk]}
    )
    return json.loads(response.content)[0]


def test_export_holds_every_kind_of_data_about_the_person(client, organizer, world):
    client.force_login(organizer)
    data = export(client, world["student"].user)
    assert data["wishes"] == [{"fair": "test2027", "company": "Ballerup El ApS", "rank": 1}]
    assert [(i["company"], i["status"]) for i in data["interviews"]] == [
        ("Ballerup El ApS", "booked")
    ]
    assert [(b["role"], b["version"]) for b in data["badges"]] == [("student", 1)]
    assert [c["fair"] for c in data["check_ins"]] == ["test2027"]
    assert [f["fair"] for f in data["calendar_feeds"]] == ["test2027"]
    assert [e["subject"] for e in data["emails"]] == ["Din samtale"]
    assert {"flagged_by_companies", "availability", "stand_conversations"} <= set(data)


def test_deleting_a_person_leaves_nothing_of_them(client, organizer, world):
    user = world["student"].user
    client.force_login(organizer)
    client.post(f"/admin/fair/user/{user.pk}/delete/", {"post": "yes"})
    assert not User.objects.filter(pk=user.pk).exists()
    assert Student.objects.count() == 0
    assert (Wish.objects.count(), Interview.objects.count()) == (0, 0)
    assert (Badge.objects.count(), CheckIn.objects.count()) == (0, 0)
    assert list(EmailLog.objects.values_list("to", flat=True)) == [
        f"{world['contact'].name} <{world['contact'].email}>"
    ]
    other = EmailLog.objects.get()
    assert "Emma Holm" not in other.subject + other.body_text + other.body_html
    assert other.subject == "Samtale med [slettet person]"


def test_login_links_are_never_shown_in_the_email_log(
    client, organizer, fair, electrician, committed
):
    student = services.student_register(
        fair=fair, name="A", email="a@example.org", programmes=[electrician], consent_profile=True
    )
    with committed():
        account_services.login_link_send(email="a@example.org")
    log = EmailLog.objects.get(kind="login_link")
    assert "/login/link/" not in log.body_text + log.body_html  # wiped once sent
    client.force_login(organizer)
    page = client.get(f"/admin/fair/emaillog/{log.pk}/change/").content.decode()
    assert "/login/link/" not in page and "vises ikke" in page
    assert student.user.email in page


def test_view_only_staff_cannot_export_or_resend(client, world):
    helper = User.objects.create_user(
        email="helper@example.org", name="Helper", password="x", is_staff=True
    )
    helper.user_permissions.set(
        Permission.objects.filter(codename__in=["view_user", "view_emaillog"])
    )
    client.force_login(helper)
    response = client.post(
        "/admin/fair/user/",
        {"action": "export_people", "_selected_action": [world["student"].user.pk]},
    )
    assert response["Content-Type"] != "application/json"
    failed = EmailLog.objects.first()
    EmailLog.objects.filter(pk=failed.pk).update(status=EmailLog.Status.FAILED)
    client.post("/admin/fair/emaillog/", {"action": "send_again", "_selected_action": [failed.pk]})
    assert EmailLog.objects.get(pk=failed.pk).status == EmailLog.Status.FAILED


@pytest.mark.parametrize(
    "path",
    [
        "/organizer/",
        "/organizer/fairs/{slug}/",
        "/organizer/fairs/{slug}/messages/",
        "/organizer/fairs/{slug}/badges/",
        "/organizer/fairs/{slug}/stands/",
        "/organizer/fairs/{slug}/stands/export.csv",
        "/organizer/fairs/{slug}/schedule/",
    ],
)
def test_organizer_pages_need_an_organizer_not_just_any_staff(client, fair, path):
    helper = User.objects.create_user(
        email="helper@example.org", name="Helper", password="x", is_staff=True, role="door"
    )
    client.force_login(helper)
    assert client.get(path.format(slug=fair.slug)).status_code == 302
    organizer = User.objects.create_user(
        email="olga@example.org", name="Olga", password="x", is_staff=True, role="organizer"
    )
    client.force_login(organizer)
    assert client.get(path.format(slug=fair.slug)).status_code == 200


def test_a_student_sees_which_companies_scanned_their_badge(client, world):
    other = company_make(world["student"].fair, "Rødovre VVS ApS")
    badge = Badge.objects.get(user=world["student"].user)
    badge_services.stand_scan(company=other, token=badge.token)
    client.force_login(world["student"].user)
    page = client.get("/me/").content.decode()
    assert "Virksomheder, du har talt med ved deres stand" in page
    assert "Rødovre VVS ApS" in page
