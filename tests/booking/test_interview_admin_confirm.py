"""The admin's bulk cancel and no-show actions ask first, saying who gets an e-mail."""

import pytest

from booking.models import Interview
from fair.models import User
from tests.badges.conftest import company_make, interview_make, student_make

pytestmark = pytest.mark.django_db

URL = "/admin/booking/interview/"


@pytest.fixture
def organizer_client(client):
    user = User.objects.create_user(
        "org@example.org", password="x", name="Org", role="organizer", is_staff=True
    )
    user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


def test_admin_cancel_asks_first_and_cancels_only_after_yes(fair, organizer_client, mailoutbox):
    company = company_make(fair)
    interview = interview_make(fair, student=student_make(fair), company=company)
    chosen = {"action": "cancel", "_selected_action": [interview.pk]}

    asked = organizer_client.post(URL, chosen)

    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Aflys disse samtaler?" in page and "får en e-mail" in page
    assert interview.student.user.name in page and company.name in page
    assert Interview.objects.get(pk=interview.pk).status == "booked"  # nothing yet

    done = organizer_client.post(URL, {**chosen, "post": "yes"})

    assert done.status_code == 302
    assert Interview.objects.get(pk=interview.pk).status == "cancelled"


def test_admin_no_show_asks_first(fair, organizer_client):
    interview = interview_make(fair, student=student_make(fair), company=company_make(fair))
    asked = organizer_client.post(URL, {"action": "no_show", "_selected_action": [interview.pk]})
    assert "Markér disse samtaler som udeblevet?" in asked.content.decode()
    assert Interview.objects.get(pk=interview.pk).status == "booked"
