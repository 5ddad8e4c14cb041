import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fair.enums import Role
from fair.models import User
from partners.models import MappedStudent
from tests.conftest import bearer
from tests.partners.conftest import add

PAGES = ["/partners/", "/partners/students/", "/partners/students/add/", "/partners/import/"]


@pytest.fixture
def people(jobcenter, guidance):
    mine = add(jobcenter, "Mine Jensen", email="mine@example.org")
    theirs = add(guidance, "Theirs Hansen", email="theirs@example.org")
    return mine, theirs


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COMPANY, Role.DOOR])
def test_other_roles_get_403_on_pages_and_api(client, db, role):
    user = User.objects.create_user(f"{role}@example.org", password="pw", name="X", role=role)
    client.force_login(user)
    for path in [*PAGES, "/partners/duplicates/"]:
        assert client.get(path).status_code == 403, path
    response = bearer(user).get("/api/v1/mapping/counts")
    assert response.status_code == 403
    assert response.json()["code"] == "not_allowed"


def test_anonymous_is_sent_to_log_in_and_the_api_answers_401(client, db):
    assert client.get("/partners/")["Location"] == "/login/staff/?next=/partners/"
    response = client.get("/api/v1/mapping/counts")
    assert (response.status_code, response.json()["code"]) == (401, "unauthorized")


def test_partner_staff_log_in_with_password_and_land_on_the_mapping(client, jobcenter_staff):
    response = client.post(
        "/login/staff/", {"username": "jc@example.org", "password": "pw-partner"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/partners/"
    assert "Du arbejder for Jobcenter Ballerup." in response.content.decode()


def test_partner_sees_only_the_people_it_reported(client, jobcenter_staff, people):
    mine, theirs = people
    client.force_login(jobcenter_staff)
    page = client.get("/partners/students/").content.decode()
    assert "Mine Jensen" in page and "Theirs Hansen" not in page
    assert client.get(f"/partners/students/{mine.pk}/").status_code == 200
    assert client.get(f"/partners/students/{theirs.pk}/").status_code == 404
    assert client.get("/partners/duplicates/").status_code == 403
    assert "Theirs" not in client.get("/partners/?group_by=partner").content.decode()


def test_organizer_sees_everyone(client, organizer, people):
    client.force_login(organizer)
    page = client.get("/partners/students/").content.decode()
    assert "Mine Jensen" in page and "Theirs Hansen" in page
    assert client.get("/partners/duplicates/").status_code == 200


def test_form_adds_and_refuses_a_cpr_number_with_422(client, jobcenter_staff, electrician):
    client.force_login(jobcenter_staff)
    data = {
        "name": "Ali 0102031234",
        "programmes": ["elektriker"],
        "seeking_since": "01.09.2026",
        "status": "seeking",
    }
    response = client.post("/partners/students/add/", data)
    assert response.status_code == 422
    assert "Det ligner et CPR-nummer." in response.content.decode()
    data["name"] = "Ali Khan"
    response = client.post("/partners/students/add/", data)
    person = MappedStudent.objects.get()
    assert response["Location"] == f"/partners/students/{person.pk}/"
    assert list(person.contributions.values_list("partner__name", flat=True)) == [
        "Jobcenter Ballerup"
    ]


def test_import_page_refuses_by_line_and_imports(client, jobcenter_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(jobcenter_staff)
    bad = SimpleUploadedFile(
        "x.csv", "navn;uddannelse;søger_siden\n=1+1;smed;01.08.2026\n".encode()
    )
    response = client.post("/partners/import/", {"file": bad})
    assert response.status_code == 422
    assert "Linje 2: feltet »name« begynder med" in response.content.decode()
    good = SimpleUploadedFile("x.csv", "navn;uddannelse;søger_siden\nBo;smed;01.08.2026\n".encode())
    assert client.post("/partners/import/", {"file": good})["Location"] == "/partners/students/"
    assert MappedStudent.objects.get().name == "Bo"


def test_api_counts_exact_for_organizers_and_suppressed_for_partners(
    organizer, jobcenter_staff, people
):
    exact = bearer(organizer).get("/api/v1/mapping/counts?group_by=trade,municipality").json()
    assert exact["exact"] is True and exact["suppression"] is None
    assert exact["total"]["lacking"] == 2
    assert exact["rows"][0]["groups"] == [
        {"dimension": "trade", "id": "tech", "name": "Teknologi, byggeri og transport"},
        {"dimension": "municipality", "id": None, "name": "Kommune ikke kendt"},
    ]
    hidden = bearer(jobcenter_staff).get("/api/v1/mapping/counts?group_by=trade").json()
    assert hidden["exact"] is False
    assert hidden["total"]["lacking"] == "<5"
    assert hidden["rows"][0]["lacking"] == "<5" and hidden["rows"][0]["change_month"] is None


def test_api_refuses_unknown_grouping_and_month_with_422(organizer):
    response = bearer(organizer).get("/api/v1/mapping/counts?group_by=cpr&month=2026-13")
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"group_by", "month"}


def test_api_is_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/mapping/counts"]["get"]
    assert set(operation["responses"]) == {"200", "401", "403", "422"}
    assert "MappingCountsOut" in schema["components"]["schemas"]


def test_merge_page_merges_a_possible_duplicate(client, organizer, jobcenter, guidance):
    from datetime import date

    a = add(jobcenter, "Ida Holm", birth_date=date(2008, 1, 2))
    b = add(guidance, "Ida Holm", birth_date=date(2008, 1, 2))
    client.force_login(organizer)
    assert "Flet: én person (Ida Holm)" in client.get("/partners/duplicates/").content.decode()
    client.post("/partners/duplicates/settle/", {"first": a.pk, "second": b.pk, "action": "merge"})
    assert list(MappedStudent.objects.values_list("pk", flat=True)) == [a.pk]
    assert client.post("/partners/duplicates/settle/", {"first": "x"}).status_code == 404


def test_organizer_imports_on_behalf_of_a_chosen_partner(client, organizer, jobcenter, guidance):
    client.force_login(organizer)
    page = client.get("/partners/import/").content.decode()
    assert "På vegne af partner" in page and "Jobcenter Ballerup" in page
    csv_file = "navn;email;uddannelse;søger_siden\nBo;bo@example.org;smed;01.08.2026\n"
    upload = SimpleUploadedFile("x.csv", csv_file.encode())
    refused = client.post("/partners/import/", {"file": upload})  # no partner chosen
    assert refused.status_code == 422 and MappedStudent.objects.count() == 0
    assert "Dette felt er påkrævet" in refused.content.decode()
    upload = SimpleUploadedFile("x.csv", csv_file.encode())
    response = client.post("/partners/import/", {"file": upload, "partner": guidance.pk})
    assert response.status_code == 302
    person = MappedStudent.objects.get()
    assert [c.partner for c in person.contributions.all()] == [guidance]


def test_partner_staff_import_as_their_own_partner_whatever_they_send(
    client, jobcenter_staff, guidance
):
    client.force_login(jobcenter_staff)
    assert "På vegne af partner" not in client.get("/partners/import/").content.decode()
    upload = SimpleUploadedFile(
        "x.csv", "navn;uddannelse;søger_siden\nBo;smed;01.08.2026\n".encode()
    )
    client.post("/partners/import/", {"file": upload, "partner": guidance.pk})
    person = MappedStudent.objects.get()
    assert [c.partner.name for c in person.contributions.all()] == ["Jobcenter Ballerup"]
