import json

import pytest
from django.test import Client

from fair import account_services
from fair.models import ApiToken, Company, Student, User
from tests.conftest import bearer


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def patch(client, url, body):
    return client.patch(url, data=json.dumps(body), content_type="application/json")


def company_body(**overrides):
    body = {
        "name": "Glostrup Smedie ApS",
        "cvr": "13585628",
        "address": "Industrivej 4",
        "postcode": "2600",
        "city": "Glostrup",
        "municipality": "0161",
        "contact_name": "Per Holm",
        "contact_email": "per@smedie.example.org",
        "offers": [{"programme": "smed", "approved": True, "placements": 2}],
    }
    return {**body, **overrides}


def student_body(**overrides):
    body = {
        "name": "Aya Hussein",
        "email": "aya@example.org",
        "programmes": ["elektriker"],
        "consent_profile": True,
    }
    return {**body, **overrides}


def test_company_register_api_creates_company(fair, client):
    response = post(client, f"/api/v1/fairs/{fair.slug}/companies", company_body())
    assert response.status_code == 201
    data = response.json()
    assert {k: data[k] for k in ("fair", "name", "cvr", "municipality")} == {
        "fair": fair.slug,
        "name": "Glostrup Smedie ApS",
        "cvr": "13585628",
        "municipality": "0161",
    }
    assert data["offers"] == [{"programme": "smed", "approved": True, "placements": 2}]


@pytest.mark.parametrize(
    ("override", "status", "code", "field"),
    [
        ({"cvr": "13585629"}, 422, "invalid_input", "cvr"),
        ({"cvr": "12"}, 422, "invalid_input", "cvr"),
        ({"contact_email": "per(at)smedie"}, 422, "invalid_input", "email"),
        ({"offers": [{"programme": "astronaut"}]}, 422, "invalid_input", "offers"),
        ({"offers": []}, 422, "invalid_input", "offers"),
        ({"postcode": "DK-2600"}, 422, "invalid_input", "postcode"),
        ({"municipality": "9999"}, 422, "invalid_input", "municipality"),
    ],
)
def test_company_register_api_refuses_bad_input(fair, client, override, status, code, field):
    response = post(client, f"/api/v1/fairs/{fair.slug}/companies", company_body(**override))
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert field in [error["field"] for error in body["errors"]]
    assert isinstance(body["detail"], str) and body["detail"]
    assert (Company.objects.count(), User.objects.count()) == (0, 0)


def test_company_register_api_refuses_duplicate_cvr_with_409(fair, client):
    post(client, f"/api/v1/fairs/{fair.slug}/companies", company_body())
    response = post(
        client,
        f"/api/v1/fairs/{fair.slug}/companies",
        company_body(contact_email="ny@smedie.example.org"),
    )
    assert response.status_code == 409
    assert response.json()["code"] == "cvr_taken"
    assert Company.objects.count() == 1


def test_company_register_api_closed_fair_is_403(closed_fair, client):
    response = post(client, f"/api/v1/fairs/{closed_fair.slug}/companies", company_body())
    assert response.status_code == 403
    assert response.json()["code"] == "registration_closed"
    assert Company.objects.count() == 0


def test_register_api_error_messages_are_danish_by_default(fair, client):
    response = post(client, f"/api/v1/fairs/{fair.slug}/companies", company_body(cvr="13585629"))
    assert response.json()["detail"] == (
        "Dette er ikke et gyldigt CVR-nummer (kontrolcifferet passer ikke)."
    )


def test_register_api_error_messages_in_english_when_chosen(fair, client):
    client.cookies["praktikmesse_language"] = "en"
    response = post(client, f"/api/v1/fairs/{fair.slug}/companies", company_body(cvr="13585629"))
    assert response.json()["detail"] == (
        "This is not a valid CVR number (the check digit does not match)."
    )


def test_student_register_api_creates_student(fair, client, school):
    response = post(
        client,
        f"/api/v1/fairs/{fair.slug}/students",
        student_body(school=school.pk, phone="21345678", school_class="GF2-A"),
    )
    assert response.status_code == 201
    data = response.json()
    assert data["programmes"] == ["elektriker"]
    assert (data["phone"], data["school"], data["consent_profile"]) == (
        "+4521345678",
        school.name,
        True,
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (student_body(email="aya.example.org"), "email"),
        (student_body(programmes=["astronaut"]), "programmes"),
        (student_body(programmes=[]), "programmes"),
        (student_body(school=999999), "school"),
        (student_body(phone="12"), "phone"),
        ({"name": "Aya"}, "email"),
        ({**student_body(), "consent_profile": "maybe"}, "consent_profile"),
        ({**student_body(), "placement_status": "astronaut"}, "placement_status"),
    ],
)
def test_student_register_api_refuses_bad_input(fair, client, body, field):
    response = post(client, f"/api/v1/fairs/{fair.slug}/students", body)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    assert Student.objects.count() == 0


def test_student_register_api_known_email_answers_exactly_like_a_new_one(
    fair, client, mailoutbox, committed
):
    with committed():
        new = post(client, f"/api/v1/fairs/{fair.slug}/students", student_body())
    with committed():
        known = post(client, f"/api/v1/fairs/{fair.slug}/students", student_body())
    assert (new.status_code, known.status_code) == (201, 201)
    assert new.json() == known.json()
    assert new.json()["id"] is None and new.json()["email"] == "aya@example.org"
    assert Student.objects.count() == 1 and User.objects.count() == 1
    # The new person gets their first log-in link, the known one a link to the account.
    assert ["aya@example.org" in m.to[0] for m in mailoutbox] == [True, True]


def test_student_register_api_closed_is_403(closed_fair, client):
    response = post(client, f"/api/v1/fairs/{closed_fair.slug}/students", student_body())
    assert (response.status_code, response.json()["code"]) == (403, "registration_closed")


def test_api_refuses_malformed_json_with_400(fair, client):
    response = client.post(
        f"/api/v1/fairs/{fair.slug}/students", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_json"


def test_api_refuses_a_list_where_an_object_is_expected(fair, client):
    response = post(client, f"/api/v1/fairs/{fair.slug}/students", [student_body()])
    assert response.status_code == 422
    assert Student.objects.count() == 0


def test_api_unknown_fair_is_404(client, db):
    response = client.get("/api/v1/fairs/nope/companies")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_programmes_api_lists_the_shipped_programmes(client, db):
    data = client.get("/api/v1/programmes").json()
    assert len(data) == 103
    assert {"code": "tjener", "name_da": "Tjener", "name_en": "Waiter", "main_area": "food"} in data


def test_me_requires_authentication(client, db):
    response = client.get("/api/v1/me")
    assert (response.status_code, response.json()["code"]) == (401, "unauthorized")


def test_me_with_bearer_token_shows_only_own_profile(fair, client):
    post(client, f"/api/v1/fairs/{fair.slug}/students", student_body())
    post(client, f"/api/v1/fairs/{fair.slug}/students", student_body(email="b@example.org"))
    aya = User.objects.get(email="aya@example.org")
    data = bearer(aya).get("/api/v1/me").json()
    assert (data["email"], data["role"], data["student"]["email"]) == (
        "aya@example.org",
        "student",
        "aya@example.org",
    )
    assert data["company"] is None


def test_revoked_token_is_refused(fair, db):
    user = User.objects.create_user(email="a@example.org", name="A")
    token, key = account_services.api_token_create(user=user)
    client = Client(headers={"Authorization": f"Bearer {key}"})
    assert client.get("/api/v1/me").status_code == 200
    account_services.api_token_revoke(token=token)
    assert client.get("/api/v1/me").status_code == 401
    assert ApiToken.objects.get().revoked_at is not None


def test_student_update_api_changes_own_profile(fair, client):
    post(client, f"/api/v1/fairs/{fair.slug}/students", student_body())
    api = bearer(User.objects.get(email="aya@example.org"))
    response = patch(api, "/api/v1/me/student", {"programmes": ["murer"], "consent_profile": False})
    assert response.status_code == 200
    assert (response.json()["programmes"], response.json()["consent_profile"]) == (["murer"], False)


def test_student_update_api_refuses_bad_input_and_changes_nothing(fair, client):
    post(client, f"/api/v1/fairs/{fair.slug}/students", student_body())
    api = bearer(User.objects.get(email="aya@example.org"))
    response = patch(api, "/api/v1/me/student", {"phone": "12", "programmes": ["murer"]})
    assert response.status_code == 422
    student = Student.objects.get()
    assert (student.phone, [p.code for p in student.programmes.all()]) == ("", ["elektriker"])


def test_company_update_api_changes_own_company(fair, client):
    post(client, f"/api/v1/fairs/{fair.slug}/companies", company_body())
    api = bearer(User.objects.get(email="per@smedie.example.org"))
    response = patch(
        api, "/api/v1/me/company", {"city": "Ballerup", "offers": [{"programme": "elektriker"}]}
    )
    assert response.status_code == 200
    assert response.json()["city"] == "Ballerup"
    assert response.json()["offers"] == [
        {"programme": "elektriker", "approved": False, "placements": 1}
    ]


def test_company_update_api_for_a_student_is_404(fair, client):
    post(client, f"/api/v1/fairs/{fair.slug}/students", student_body())
    api = bearer(User.objects.get(email="aya@example.org"))
    response = patch(api, "/api/v1/me/company", {"city": "Ballerup"})
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_login_link_api_answers_the_same_for_unknown_addresses(fair, client, mailoutbox, committed):
    with committed():
        post(client, f"/api/v1/fairs/{fair.slug}/students", student_body())
        known = post(client, "/api/v1/auth/login-link", {"email": "aya@example.org"})
        unknown = post(client, "/api/v1/auth/login-link", {"email": "nobody@example.org"})
    assert (known.status_code, unknown.status_code) == (202, 202)
    assert known.json() == unknown.json()
    assert len(mailoutbox) == 2  # the sign-up's link and the requested one


def test_openapi_document_has_the_registration_schemas(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"StudentRegisterIn", "CompanyRegisterIn", "ErrorOut", "ExhibitorOut"} <= set(
        schema["components"]["schemas"]
    )
    assert "post" in schema["paths"]["/api/v1/fairs/{fair}/students"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/fairs/{fair}/students", {"name": "X\u0000y"}),
        ("/api/v1/fairs/{fair}/students", {"email": "a\u0000@example.org"}),
        ("/api/v1/auth/login-link", {"email": "a\u0000@example.org"}),
    ],
)
def test_nul_characters_are_refused_with_400_and_nothing_saved(fair, client, path, body):
    payload = {**student_body(), **body} if "students" in path else body
    response = post(client, path.format(fair=fair.slug), payload)
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Forespørgslen indeholder et NUL-tegn, som intet felt accepterer."
    )
    assert User.objects.count() == 0


def test_nul_characters_in_the_address_are_refused(fair, client):
    assert client.get(f"/api/v1/fairs/{fair.slug}%00/companies").status_code == 400
    assert client.get(f"/fairs/{fair.slug}/?q=a%00b").status_code == 400
    # A multipart form reaches the form, whose fields refuse NUL characters themselves.
    response = client.post(f"/fairs/{fair.slug}/students/signup/", {"name": "A\u0000"})
    assert response.status_code == 422
    assert "Null-tegn er ikke tilladte." in response.content.decode()
    assert User.objects.count() == 0


def test_validation_messages_are_danish(fair, client):
    response = post(
        client, f"/api/v1/fairs/{fair.slug}/students", {**student_body(), "consent_profile": "x"}
    )
    assert response.json()["errors"] == [
        {"field": "consent_profile", "problem": "Angiv true eller false."}
    ]
    response = post(client, f"/api/v1/fairs/{fair.slug}/students", {"name": "Aya"})
    assert {"field": "email", "problem": "Dette felt er påkrævet."} in response.json()["errors"]
    response = post(
        client, f"/api/v1/fairs/{fair.slug}/students", {**student_body(), "school_class": "x" * 51}
    )
    assert response.json()["errors"] == [
        {"field": "school_class", "problem": "Angiv højst 50 tegn."}
    ]


def test_token_users_get_their_own_language(fair, client):
    post(client, f"/api/v1/fairs/{fair.slug}/students", student_body(language="en"))
    api = bearer(User.objects.get(email="aya@example.org"))
    response = patch(api, "/api/v1/me/student", {"phone": "12"})
    assert response.json()["detail"] == "Enter a valid phone number, e.g. +45 12 34 56 78."
