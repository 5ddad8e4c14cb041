"""Every form that comes back invalid starts with an error summary (templates/includes/
error_summary.html, in the shared form_fields.html): announced, focused, linking to the fields."""

import re

from tests.booking.test_interviews import organizer_make
from tests.fair.test_views import student_form


def _summary(html: str) -> str:
    return re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)


def test_invalid_student_signup_starts_with_a_summary_linking_to_each_field(client, fair):
    response = client.post(
        f"/fairs/{fair.slug}/students/signup/",
        student_form(name="", email="ikke-en-adresse", placement_status=""),
    )
    assert response.status_code == 422
    html = response.content.decode()
    summary = _summary(html)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    assert "Ret venligst 3 ting:" in summary
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert [target for target, _text in links] == ["id_name", "id_email", "id_placement_status_0"]
    assert links[0][1] == "Dit navn: Dette felt er påkrævet."
    # Each target exists on the page, so the link moves the focus to the field.
    for target, _text in links:
        assert f'id="{target}"' in html
    assert html.index('class="error-summary"') < html.index('id="id_name"')


def test_a_valid_form_has_no_summary(client, fair):
    html = client.get(f"/fairs/{fair.slug}/students/signup/").content.decode()
    assert "error-summary" not in html


def test_form_errors_without_a_field_are_in_the_summary_too(client, fair):
    client.force_login(organizer_make())
    response = client.post(
        f"/organizer/fairs/{fair.slug}/schedule/",
        {"rank_weights": "10,8,x", "mutual_bonus": "5", "coverage_bonus": "", "breaks": ""},
    )
    summary = _summary(response.content.decode())
    assert "Ret venligst 1 ting:" in summary
    assert '<a href="#id_rank_weights">Vægt pr. placering: ' in summary
