"""Shared fixtures: fairs with open or closed registration, programmes, API clients."""

from datetime import time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fair.account_services import api_token_create
from fair.data.load import load_reference_data
from fair.models import Fair, Municipality, Programme, School


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic; tests serve static files from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _reference_data(request):
    # Transactional tests flush every table afterwards, migrations' data included: reload it.
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("_django_db_helper")
        load_reference_data(Programme, Municipality, School)


def fair_make(slug: str = "test2027", *, days_ahead: int = 60, open_: bool = True) -> Fair:
    now = timezone.now()
    date = timezone.localdate() + timedelta(days=days_ahead)
    deadline = now + timedelta(days=30) if open_ else now - timedelta(days=1)
    return Fair.objects.create(
        slug=slug,
        name=f"Praktikpladsmessen {slug}",
        date=date,
        venue_name="TEC Ballerup",
        venue_address="Telegrafvej 9, 2750 Ballerup",
        opens_at=time(9),
        closes_at=time(15),
        interviews_start=time(10),
        interviews_end=time(14),
        company_registration_deadline=deadline,
        student_registration_deadline=deadline,
        stand_booking_deadline=deadline,
        wish_deadline=deadline,
        schedule_publication_at=deadline,
    )


def fair_day_make(slug: str = "test2027", **kwargs) -> Fair:
    """A fair whose day is now: check-in and stand scans are accepted (badges/fairday.py)."""
    from badges.fairday import fair_day_of

    days_ahead = (fair_day_of() - timezone.localdate()).days  # 0, or -1 before 06:00
    return fair_make(slug, days_ahead=days_ahead, **kwargs)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the block as if its transaction committed at the end: e-mails
    leave only after commit (fair.emails.email_enqueue_on_commit), as in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def fair(db) -> Fair:
    return fair_make()


@pytest.fixture
def closed_fair(db) -> Fair:
    return fair_make("closed2027", open_=False)


@pytest.fixture
def electrician(db) -> Programme:
    return Programme.objects.get(code="elektriker")


@pytest.fixture
def carpenter(db) -> Programme:
    return Programme.objects.get(code="bygningsmaler")


@pytest.fixture
def school(db) -> School:
    return School.objects.get(short_name="TEC")


def bearer(user) -> Client:
    """A test client that authenticates with a fresh API token of the user."""
    _token, key = api_token_create(user=user)
    return Client(headers={"Authorization": f"Bearer {key}"})
