import pytest
from django.utils import timezone

from fair import account_services, services
from fair.exceptions import AlreadyExists, Closed, InvalidInput, NotAllowed
from fair.models import Company, Student, User
from tests.conftest import fair_make


def company_kwargs(programme, **overrides):
    data = {
        "name": "Ballerup El ApS",
        "cvr": "13585628",
        "address": "Hovedgaden 1",
        "postcode": "2750",
        "city": "Ballerup",
        "contact_name": "Mette Hansen",
        "contact_email": "mette@ballerup-el.example.org",
        "offers": [services.Offer(programme=programme, approved=True, placements=2)],
    }
    return {**data, **overrides}


def student_kwargs(programme, **overrides):
    data = {
        "name": "Søren Ærø",
        "email": "soeren@example.org",
        "programmes": [programme],
        "consent_profile": True,
    }
    return {**data, **overrides}


def test_company_register_creates_company_contact_and_offers(fair, electrician):
    company = services.company_register(fair=fair, **company_kwargs(electrician, cvr="1358 5628"))
    assert company.cvr == "13585628"
    assert [u.email for u in company.users.all()] == ["mette@ballerup-el.example.org"]
    assert company.users.get().role == "company"
    assert [(o.programme.code, o.approved, o.placements) for o in company.offers.all()] == [
        ("elektriker", True, 2)
    ]


def test_company_register_refuses_invalid_cvr_and_saves_nothing(fair, electrician):
    with pytest.raises(InvalidInput) as info:
        services.company_register(fair=fair, **company_kwargs(electrician, cvr="13585629"))
    assert list(info.value.errors) == ["cvr"]
    assert (Company.objects.count(), User.objects.count()) == (0, 0)


def test_company_register_refuses_duplicate_cvr(fair, electrician):
    services.company_register(fair=fair, **company_kwargs(electrician))
    with pytest.raises(AlreadyExists) as info:
        services.company_register(
            fair=fair, **company_kwargs(electrician, contact_email="other@example.org")
        )
    assert (info.value.code, info.value.field) == ("cvr_taken", "cvr")
    assert User.objects.filter(email="other@example.org").exists() is False


def test_company_register_refuses_email_of_a_student(fair, electrician):
    services.student_register(fair=fair, **student_kwargs(electrician, email="x@example.org"))
    with pytest.raises(AlreadyExists) as info:
        services.company_register(
            fair=fair, **company_kwargs(electrician, contact_email="X@example.org")
        )
    assert info.value.code == "email_taken"
    assert Company.objects.count() == 0


def test_company_register_refuses_without_programmes(fair):
    with pytest.raises(InvalidInput) as info:
        services.company_register(fair=fair, **company_kwargs(None, offers=[]))
    assert list(info.value.errors) == ["programmes"]


def test_company_register_refuses_repeated_programme(fair, electrician):
    offers = [services.Offer(programme=electrician), services.Offer(programme=electrician)]
    with pytest.raises(InvalidInput):
        services.company_register(fair=fair, **company_kwargs(electrician, offers=offers))
    assert Company.objects.count() == 0


def test_company_register_closed_after_deadline(closed_fair, electrician):
    with pytest.raises(Closed) as info:
        services.company_register(fair=closed_fair, **company_kwargs(electrician))
    assert info.value.code == "registration_closed"
    assert Company.objects.count() == 0


def test_company_register_reuses_the_logged_in_contact_from_last_years_fair(fair, electrician):
    last_year = fair_make("last2026")
    first = services.company_register(fair=last_year, **company_kwargs(electrician))
    contact = first.users.get()
    again = services.company_register(fair=fair, acting=contact, **company_kwargs(electrician))
    assert again.users.get() == contact
    assert User.objects.count() == 1


def test_sign_up_cannot_take_over_someone_elses_address(fair, electrician):
    last_year = fair_make("last2026")
    student = services.student_register(fair=last_year, **student_kwargs(electrician))
    with pytest.raises(AlreadyExists) as info:
        services.student_register(
            fair=fair, **student_kwargs(electrician, name="Hacked Name", language="en")
        )
    assert info.value.code == "email_taken"
    student.user.refresh_from_db()
    assert (student.user.name, student.user.language) == ("Søren Ærø", "da")
    assert Student.objects.filter(fair=fair).count() == 0


def test_company_update_changes_profile_and_programmes(fair, electrician, carpenter):
    company = services.company_register(fair=fair, **company_kwargs(electrician))
    services.company_update(
        company=company,
        name="Ballerup El & VVS ApS",
        phone="21345678",
        offers=[services.Offer(programme=carpenter, placements=3)],
    )
    company.refresh_from_db()
    assert (company.name, company.phone) == ("Ballerup El & VVS ApS", "+4521345678")
    assert [(o.programme.code, o.placements) for o in company.offers.all()] == [
        ("bygningsmaler", 3)
    ]


def test_company_update_refuses_changing_cvr(fair, electrician):
    company = services.company_register(fair=fair, **company_kwargs(electrician))
    with pytest.raises(NotAllowed):
        services.company_update(company=company, cvr="12345674")
    assert Company.objects.get().cvr == "13585628"


def test_student_register_records_consent_time(fair, electrician, school):
    student = services.student_register(
        fair=fair, school=school, phone="21 34 56 78", **student_kwargs(electrician)
    )
    assert student.user.role == "student"
    assert student.phone == "+4521345678"
    assert student.consent_at is not None
    assert [p.code for p in student.programmes.all()] == ["elektriker"]


def test_student_register_without_consent_has_no_consent_time(fair, electrician):
    student = services.student_register(
        fair=fair, **student_kwargs(electrician, consent_profile=False)
    )
    assert (student.consent_profile, student.consent_at) == (False, None)


def test_student_register_refuses_duplicate_email_case_insensitive(fair, electrician):
    services.student_register(fair=fair, **student_kwargs(electrician))
    with pytest.raises(AlreadyExists) as info:
        services.student_register(
            fair=fair, **student_kwargs(electrician, email="SOEREN@example.org")
        )
    assert (info.value.code, info.value.field) == ("email_taken", "email")
    assert Student.objects.count() == 1


def test_student_register_refuses_malformed_email(fair, electrician):
    with pytest.raises(InvalidInput) as info:
        services.student_register(fair=fair, **student_kwargs(electrician, email="not-an-email"))
    assert list(info.value.errors) == ["email"]
    assert User.objects.count() == 0


def test_student_register_refuses_more_than_three_programmes(fair):
    from fair.models import Programme

    four = list(Programme.objects.order_by("code")[:4])
    with pytest.raises(InvalidInput):
        services.student_register(fair=fair, **student_kwargs(None, programmes=four))
    assert User.objects.count() == 0


def test_student_register_closed_after_deadline(closed_fair, electrician):
    with pytest.raises(Closed):
        services.student_register(fair=closed_fair, **student_kwargs(electrician))
    assert Student.objects.count() == 0


def test_student_update_withdrawing_consent_clears_consent_time(fair, electrician):
    student = services.student_register(fair=fair, **student_kwargs(electrician))
    services.student_update(student=student, consent_profile=False, name="Søren Å")
    student.refresh_from_db()
    assert (student.consent_profile, student.consent_at, student.user.name) == (
        False,
        None,
        "Søren Å",
    )


def test_login_token_works_once(fair, electrician):
    student = services.student_register(fair=fair, **student_kwargs(electrician))
    token = account_services.login_token_make(user=student.user)
    user = account_services.login_token_user(token=token, max_age=600)
    assert user == student.user
    user.last_login = timezone.now()
    user.save()
    assert account_services.login_token_user(token=token, max_age=600) is None


def test_login_token_refuses_altered_or_expired(fair, electrician):
    student = services.student_register(fair=fair, **student_kwargs(electrician))
    token = account_services.login_token_make(user=student.user)
    assert account_services.login_token_user(token=token[:-2] + "xx", max_age=600) is None
    assert account_services.login_token_user(token=token, max_age=-1) is None


def test_login_link_send_only_to_students_and_companies(fair, electrician, mailoutbox, committed):
    services.student_register(fair=fair, **student_kwargs(electrician))
    User.objects.create_user(email="org@example.org", name="Org", role="organizer", password="x")
    with committed():
        assert account_services.login_link_send(email="soeren@example.org") is True
    assert account_services.login_link_send(email="org@example.org") is False
    assert account_services.login_link_send(email="nobody@example.org") is False
    assert [m.to for m in mailoutbox] == [["Søren Ærø <soeren@example.org>"]]
    assert "/login/link/" in mailoutbox[0].body


def test_api_token_revoke_stops_the_token(fair):
    user = User.objects.create_user(email="a@example.org", name="A")
    token, key = account_services.api_token_create(user=user)
    assert token.key_hash != key and key.startswith("pm_")
    account_services.api_token_revoke(token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_person_delete_removes_user_and_student(fair, electrician):
    student = services.student_register(fair=fair, **student_kwargs(electrician))
    account_services.person_delete(user=student.user)
    assert (User.objects.count(), Student.objects.count()) == (0, 0)
