"""The fair of a request is resolved once, and an unknown slug is the same 404 everywhere."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from fair.resolve import request_fair


@pytest.fixture
def organizer(django_user_model):
    return django_user_model.objects.create_user(
        email="org@example.org", name="Org", is_staff=True, role="organizer"
    )


def fair_lookups(queries) -> int:
    return sum(
        1 for q in queries if 'FROM "fair_fair"' in q["sql"] and '"fair_fair"."slug" =' in q["sql"]
    )


def test_resolving_twice_in_one_request_asks_the_database_once(fair, django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        assert request_fair(request, fair.slug) == fair
        assert request_fair(request, fair.slug) is request.fair


@pytest.mark.parametrize(
    "path",
    ["/fairs/{slug}/", "/fairs/{slug}/stands/", "/api/v1/fairs/{slug}/stands"],
)
def test_a_page_and_an_endpoint_look_the_fair_up_by_its_slug_once(fair, client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path.format(slug=fair.slug))
    assert response.status_code == 200
    assert fair_lookups(queries.captured_queries) == 1


def test_an_organizer_page_looks_the_fair_up_once(fair, client, organizer):
    client.force_login(organizer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/organizer/fairs/{fair.slug}/stands/")
    assert response.status_code == 200
    assert fair_lookups(queries.captured_queries) == 1


@pytest.mark.parametrize(
    "path", ["/fairs/nope/", "/fairs/nope/stands/", "/fairs/nope/signup/done/"]
)
def test_an_unknown_slug_is_the_not_found_page(db, client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]


def test_an_unknown_slug_is_the_not_found_page_for_organizers_too(db, client, organizer):
    client.force_login(organizer)
    assert client.get("/organizer/fairs/nope/stands/").status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/fairs/nope", "/api/v1/fairs/nope/stands"])
def test_an_unknown_slug_is_the_same_json_404_on_the_api(db, client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert response.json()["detail"] == "Ikke fundet."


def test_a_hidden_fair_is_not_found_for_the_public_but_shown_to_organizers(fair, client, organizer):
    fair.is_public = False
    fair.save()
    assert client.get(f"/fairs/{fair.slug}/").status_code == 404
    assert client.get(f"/fairs/{fair.slug}/stands/").status_code == 404
    assert client.get(f"/api/v1/fairs/{fair.slug}").status_code == 404
    client.force_login(organizer)
    assert client.get(f"/fairs/{fair.slug}/").status_code == 404
    assert client.get(f"/organizer/fairs/{fair.slug}/stands/").status_code == 200
