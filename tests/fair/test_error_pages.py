"""The error pages a person meets are Danish pages of the site with a way back."""

import re

from fair.models import Programme
from fair.services import student_register


def _student_client(client, fair):
    student = student_register(
        fair=fair,
        name="Aya Hussein",
        email="aya@example.org",
        programmes=[Programme.objects.get(code="elektriker")],
        consent_profile=True,
    )
    client.force_login(student.user)
    return client


def _text(html: str, tag: str) -> str:
    return re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.S).group(1).strip()


def test_student_opening_the_door_page_gets_a_danish_403_with_a_link_to_my_page(client, fair):
    response = _student_client(client, fair).get(f"/fairs/{fair.slug}/door/")
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="da">' in html
    assert _text(html, "h1") == "Du har ikke adgang til denne side"
    assert '<a href="/me/">Gå til Min side</a>' in html


def test_unknown_fair_gives_a_danish_404_with_a_link_to_the_front_page(client, db):
    response = client.get("/fairs/nope/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="da">' in html
    assert _text(html, "h1") == "Siden findes ikke"
    assert '<a href="/">Gå til forsiden</a>' in html


def test_the_500_page_stands_alone_in_danish(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/me/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="da">' in html
    assert _text(html, "h1") == "Der skete en fejl"
    assert "{%" not in html and "Gå til Min side" in html
    assert '<div lang="en">' in html and "Something went wrong" in html
