"""Issue 10.8c: only organizers (and the interview's own student and company) may cancel."""

import pytest

from booking.enums import InterviewStatus
from fair.models import User
from tests.booking.test_interviews import book, organizer_make, setup  # noqa: F401, F811
from tests.conftest import bearer


@pytest.mark.parametrize("role", ["door", "partner", "company", "student"])
def test_a_staff_account_that_is_not_an_organizer_cannot_cancel_an_interview(fair, setup, role):  # noqa: F811
    interview = book(fair, setup["slots"][2], setup["clara"], setup["el"])
    stranger = User.objects.create_user(
        email=f"{role}@example.org", name="Staff", role=role, is_staff=True
    )
    response = bearer(stranger).delete(f"/api/v1/fairs/{fair.slug}/interviews/{interview.pk}")
    assert (response.status_code, response.json()["code"]) == (403, "not_your_interview")
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.BOOKED


def test_an_organizer_cancels_any_interview(fair, setup):  # noqa: F811
    interview = book(fair, setup["slots"][2], setup["clara"], setup["el"])
    response = bearer(organizer_make()).delete(
        f"/api/v1/fairs/{fair.slug}/interviews/{interview.pk}"
    )
    assert response.status_code == 204
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.CANCELLED
