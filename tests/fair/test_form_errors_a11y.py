"""A screen reader hears the error of a checkbox or radio group when it enters the group."""

import re

from tests.fair.test_views import company_form, student_form


def _fieldset_opening(html: str, legend: str) -> str:
    """The <fieldset …> tag whose legend starts with `legend`."""
    return re.search(rf"(<fieldset[^>]*>)\s*<legend>{legend}", html).group(1)


def test_student_signup_groups_carry_their_error(client, fair):
    response = client.post(
        f"/fairs/{fair.slug}/students/signup/", student_form(programmes=[], placement_status="")
    )
    html = response.content.decode()
    assert response.status_code == 422
    programmes = _fieldset_opening(html, "Uddannelser")
    assert 'aria-invalid="true"' in programmes
    assert 'aria-describedby="id_programmes_error id_programmes_helptext"' in programmes
    assert 'id="id_programmes_error"' in html and 'id="id_programmes_helptext"' in html
    situation = _fieldset_opening(html, "Din situation")
    assert situation == (
        '<fieldset aria-invalid="true" aria-describedby="id_placement_status_error">'
    )
    assert 'id="id_placement_status_error"' in html


def test_student_signup_groups_without_errors_are_not_invalid(client, fair):
    html = client.get(f"/fairs/{fair.slug}/students/signup/").content.decode()
    assert "aria-invalid" not in html
    assert _fieldset_opening(html, "Din situation") == "<fieldset>"


def test_company_signup_offers_fieldset_names_its_error(client, fair):
    response = client.post(
        f"/fairs/{fair.slug}/companies/signup/", company_form(**{"offers-0-programme": ""})
    )
    html = response.content.decode()
    offers = re.search(r'<fieldset class="offers"[^>]*>', html).group(0)
    assert offers == (
        '<fieldset class="offers" aria-describedby="offers_error offers_helptext"'
        ' aria-invalid="true">'
    )
    error = re.search(r'<div id="offers_error" role="alert">(.*?)</div>', html, re.S).group(1)
    assert "Vælg mindst én uddannelse." in error
    assert '<h2 class="offer-heading">Uddannelse 1</h2>' in html
