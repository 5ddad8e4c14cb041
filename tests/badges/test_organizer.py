"""The organizers' badge desk: list and search, re-issue with a reason, reprint; all logged."""

import json

import pytest
from django.test import Client

from badges import services
from badges.models import Badge, BadgeEvent, CheckIn
from tests.badges.conftest import company_make, device_client, student_make


@pytest.fixture
def organizer(django_user_model):
    return django_user_model.objects.create_user(
        email="org@example.org", name="Olga Arrangør", is_staff=True, role="organizer"
    )


@pytest.fixture
def org_client(organizer):
    client = Client()
    client.force_login(organizer)
    return client


def url(fair, rest=""):
    return f"/organizer/fairs/{fair.slug}/badges/{rest}"


def checkin(client, token):
    response = client.post(
        "/api/v1/checkin", data=json.dumps({"token": token}), content_type="application/json"
    )
    return response.status_code, response.json()["result"]


def test_badge_desk_is_for_organizers_only(fair, client):
    aya = student_make(fair)
    badge = services.badge_issue(fair=fair, user=aya.user)
    login = f"/login/staff/?next={url(fair)}"
    assert (client.get(url(fair)).status_code, client.get(url(fair)).url) == (302, login)
    client.force_login(aya.user)
    assert client.get(url(fair)).url == login
    response = client.post(url(fair, f"{aya.user.pk}/reissue/"), {f"r{aya.user.pk}-reason": "lost"})
    assert response.status_code == 302 and response.url.startswith("/login/staff/")
    assert list(Badge.objects.values_list("pk", "revoked_at")) == [(badge.pk, None)]


def test_badge_desk_lists_state_and_searches_by_name(fair, org_client):
    aya = student_make(fair)
    student_make(fair, name="Bo Ørsted", email="bo@example.org")
    services.badge_issue(fair=fair, user=aya.user)
    page = org_client.get(url(fair)).content.decode()
    assert "Alle på messen" in page
    assert "Aya Hussein" in page and "Bo Ørsted" in page and "Olga Arrangør" in page
    assert "Navneskilt version 1, udstedt" in page and "Intet navneskilt endnu" in page
    found = org_client.get(url(fair), {"q": "  rsted "}).content.decode()
    assert "1 person fundet" in found
    assert "Bo Ørsted" in found and "Aya Hussein" not in found


def test_reissue_revokes_old_token_logs_who_and_why_and_offers_the_pdf(
    fair, org_client, organizer, decode_qr, tmp_path
):
    aya = student_make(fair)
    old = services.badge_issue(fair=fair, user=aya.user)
    pk = aya.user.pk
    response = org_client.post(
        url(fair, f"{pk}/reissue/"), {f"r{pk}-reason": "name_corrected", f"r{pk}-note": ""}
    )
    assert (response.status_code, response.url) == (
        302,
        url(fair, f"?q=Aya+Hussein&reissued={pk}"),
    )
    new = Badge.objects.get(revoked_at__isnull=True)
    assert new.version == 2 and new.token != old.token
    _device, door = device_client(fair)
    assert checkin(door, old.token) == (422, "revoked")
    assert checkin(door, new.token) == (200, "ok")
    page = org_client.get(response.url).content.decode()
    assert (
        "Aya Hussein har fået et nyt navneskilt (version 2); det gamle åbner ikke længere døren."
        in page
    )
    assert "Nyt navneskilt til Aya Hussein (version 2)" in page
    assert f'name="p{pk}-reason" value="new"' in page

    pdf = org_client.post(url(fair, f"{pk}/print/"), {f"p{pk}-reason": "new"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == f'attachment; filename="badge-{fair.slug}-{pk}-v2.pdf"'
    assert decode_qr(pdf.content, tmp_path) == [new.token]
    assert list(
        BadgeEvent.objects.order_by("pk").values_list("badge__version", "kind", "by", "reason")
    ) == [
        (1, "issue", None, ""),
        (2, "reissue", organizer.pk, "Navnet er rettet"),
        (2, "print", organizer.pk, "Nyt eller genudstedt navneskilt"),
    ]
    assert list(CheckIn.objects.values_list("badge__version", flat=True)) == [2]


def test_reissue_needs_a_reason_and_other_needs_a_note(fair, org_client):
    aya = student_make(fair)
    badge = services.badge_issue(fair=fair, user=aya.user)
    pk = aya.user.pk
    missing = org_client.post(url(fair, f"{pk}/reissue/"), {})
    assert missing.status_code == 422
    assert "<strong>Fejl:</strong> Dette felt er påkrævet." in missing.content.decode()
    other = org_client.post(url(fair, f"{pk}/reissue/"), {f"r{pk}-reason": "other"})
    assert other.status_code == 422
    assert "<strong>Fejl:</strong> Skriv hvorfor." in other.content.decode()
    assert list(Badge.objects.values_list("pk", "revoked_at")) == [(badge.pk, None)]
    assert list(BadgeEvent.objects.values_list("kind", flat=True)) == ["issue"]

    done = org_client.post(
        url(fair, f"{pk}/reissue/"), {f"r{pk}-reason": "other", f"r{pk}-note": "  Dobbelt  op "}
    )
    assert done.status_code == 302
    assert BadgeEvent.objects.get(kind="reissue").reason == "Andet: Dobbelt op"


def test_reprint_logs_why_and_never_checks_in(fair, org_client, organizer, decode_qr, tmp_path):
    company = company_make(fair)
    user = company.users.get()
    pdf = org_client.post(url(fair, f"{user.pk}/print/"), {f"p{user.pk}-reason": "damaged"})
    badge = Badge.objects.get()
    assert decode_qr(pdf.content, tmp_path) == [badge.token]
    assert list(BadgeEvent.objects.order_by("pk").values_list("kind", "by", "reason")) == [
        ("issue", organizer.pk, ""),
        ("print", organizer.pk, "Navneskiltet er beskadiget eller ulæseligt"),
    ]
    no_reason = org_client.post(url(fair, f"{user.pk}/print/"), {})
    assert no_reason.status_code == 422 and BadgeEvent.objects.count() == 2
    assert CheckIn.objects.count() == 0


def test_reissue_of_someone_not_at_the_fair_is_404(fair, org_client):
    from tests.conftest import fair_make

    other = student_make(fair_make("andet-aar"))
    response = org_client.post(url(fair, f"{other.user.pk}/reissue/"), {})
    assert response.status_code == 404


@pytest.mark.parametrize("people", [1, 3])
def test_badge_desk_queries_do_not_grow_with_people(
    fair, org_client, django_assert_num_queries, people
):
    for n in range(people):
        student = student_make(fair, name=f"Elev {n}", email=f"e{n}@example.org")
        badge = services.badge_issue(fair=fair, user=student.user)
        services.badge_print_log(badges=[badge], by=None, reason="test")
    # session, user, fair; students, company contacts, staff; badges, check-ins, log
    with django_assert_num_queries(9):
        response = org_client.get(url(fair))
    assert response.content.decode().count("Navneskilt version 1, udstedt") == people


def test_organizer_prints_a_group_of_badges_from_the_web(
    fair, org_client, organizer, decode_qr, tmp_path
):
    aya = student_make(fair, name="Aya Hussein", email="aya@example.org")
    ben = student_make(fair, name="Ben Østergaard", email="ben@example.org")
    company = company_make(fair)
    response = org_client.post(
        url(fair, "print/"), {"bulk-group": "student", "bulk-layout": "a4-8"}
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="badges-{fair.slug}-student-a4-8.pdf"'
    )
    pdf = b"".join(response.streaming_content)
    tokens = set(
        Badge.objects.filter(user__in=[aya.user, ben.user]).values_list("token", flat=True)
    )
    assert set(decode_qr(pdf, tmp_path)) == tokens and len(tokens) == 2
    assert not Badge.objects.filter(user__in=company.users.all()).exists()
    assert sorted(BadgeEvent.objects.filter(kind="print").values_list("by", "reason")) == [
        (organizer.pk, "web: student, a4-8"),
        (organizer.pk, "web: student, a4-8"),
    ]
    assert CheckIn.objects.count() == 0


def test_bulk_print_with_an_unknown_group_is_422_and_prints_nothing(fair, org_client):
    student_make(fair)
    response = org_client.post(url(fair, "print/"), {"bulk-group": "all-of-them"})
    assert response.status_code == 422
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert Badge.objects.count() == 0


def test_bulk_print_is_for_organizers_only(fair, client):
    aya = student_make(fair)
    client.force_login(aya.user)
    response = client.post(url(fair, "print/"), {"bulk-group": "all", "bulk-layout": "a4-8"})
    assert response.status_code == 302
    assert Badge.objects.count() == 0
