import json
import re

import pytest

from fair import account_services, services
from fair.models import ApiToken, Student, User


@pytest.fixture
def organizer(db):
    return User.objects.create_superuser(email="org@example.org", name="Org", password="x")


@pytest.fixture
def admin_client(client, organizer):
    client.force_login(organizer)
    return client


@pytest.fixture
def student(fair, electrician):
    return services.student_register(
        fair=fair,
        name="Ida Lund",
        email="ida@example.org",
        programmes=[electrician],
        consent_profile=True,
        school_class="GF2-A",
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/fair/fair/",
        "/admin/fair/company/?q=smed",
        "/admin/fair/student/?placement_status__exact=seeking",
        "/admin/fair/programme/?main_area__exact=tech&q=el",
        "/admin/fair/user/?role__exact=student",
        "/admin/fair/apitoken/",
        "/admin/fair/school/",
    ],
)
def test_admin_lists_load_with_search_and_filters(admin_client, student, url):
    response = admin_client.get(url)
    assert response.status_code == 200


def test_admin_student_search_finds_by_name_and_shows_columns(admin_client, student):
    page = admin_client.get("/admin/fair/student/?q=Ida").content.decode()
    assert "Ida Lund" in page and "ida@example.org" in page and "GF2-A" in page


def test_admin_creates_api_token_and_shows_the_key_once(admin_client, student):
    response = admin_client.post(
        "/admin/fair/apitoken/add/", {"user": student.user.pk, "name": "integration"}, follow=True
    )
    token = ApiToken.objects.get()
    messages = [str(m) for m in response.context["messages"]]
    key = re.search(r"pm_[\w-]+", " ".join(messages)).group(0)
    assert ApiToken.hash_key(key) == token.key_hash
    assert key not in admin_client.get(f"/admin/fair/apitoken/{token.pk}/change/").content.decode()


def test_admin_revokes_tokens(admin_client, student):
    token, _key = account_services.api_token_create(user=student.user)
    admin_client.post(
        "/admin/fair/apitoken/",
        {"action": "revoke_tokens", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_admin_exports_a_persons_data(admin_client, student):
    response = admin_client.post(
        "/admin/fair/user/", {"action": "export_people", "_selected_action": [student.user.pk]}
    )
    data = json.loads(response.content)
    assert data[0]["user"]["email"] == "ida@example.org"
    assert data[0]["students"][0]["programmes"] == ["elektriker"]
    assert data[0]["students"][0]["class"] == "GF2-A"


def test_admin_deletes_a_person_with_their_data(admin_client, student):
    admin_client.post(f"/admin/fair/user/{student.user.pk}/delete/", {"post": "yes"})
    assert not User.objects.filter(email="ida@example.org").exists()
    assert Student.objects.count() == 0


def test_admin_is_closed_to_students(client, student):
    client.force_login(student.user)
    assert client.get("/admin/fair/student/").status_code == 302
