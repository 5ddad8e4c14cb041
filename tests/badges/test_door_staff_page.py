"""The organizers' door-staff page (/organizer/fairs/<slug>/door-staff/): assign door staff
by e-mail, remove them, create new door staff; nobody but organizers; bad input changes
nothing; the door lets in exactly who is on the list."""

import re

import pytest
from django.test import Client

from badges.models import DoorAssignment
from badges.services import door_device_create
from fair.enums import Role
from fair.models import User
from partners.models import Partner, PartnerStaff
from tests.badges.conftest import company_make, student_make
from tests.conftest import fair_make

PASSWORD = "Dørvagt-ved-indgangen-7"


@pytest.fixture
def organizer(db) -> User:
    return User.objects.create_user(
        "org@example.org", name="Olga Arrangør", role=Role.ORGANIZER, is_staff=True
    )


@pytest.fixture
def org(organizer) -> Client:
    client = Client()
    client.force_login(organizer)
    return client


def door_user(email="dorte@example.org", name="Dorte Dørvagt", **extra) -> User:
    return User.objects.create_user(email, password=PASSWORD, name=name, role=Role.DOOR, **extra)


def url(fair, tail="") -> str:
    return f"/organizer/fairs/{fair.slug}/door-staff/{tail}"


def text(response) -> str:
    """The page's words without tags, spaces folded (what a reader sees)."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def assigned(fair) -> list[tuple[str, str | None]]:
    return list(
        DoorAssignment.objects.filter(fair=fair)
        .order_by("user__email")
        .values_list("user__email", "assigned_by__email")
    )


# --- the list -------------------------------------------------------------------------


def test_page_lists_the_fairs_door_staff_and_devices_by_name_never_their_token(org, fair):
    other = fair_make("other2027")
    dorte = door_user()
    DoorAssignment.objects.create(fair=fair, user=dorte)
    DoorAssignment.objects.create(fair=other, user=door_user("bo@example.org", "Bo Anden"))
    _device, key = door_device_create(fair=fair, name="Indgang Nord")
    door_device_create(fair=other, name="Indgang Syd")
    response = org.get(url(fair))
    assert response.status_code == 200
    page = text(response)
    assert f"Dørpersonale ved {fair.name}" in page
    row = re.search(r"Dorte Dørvagt dorte@example.org (\d\d\.\d\d\.\d{4} \d\d:\d\d) Fjern", page)
    assert row is not None
    assert "Bo Anden" not in page and "Indgang Syd" not in page
    assert "Indgang Nord · oprettet" in page and "· aktiv" in page
    assert key not in response.content.decode() and key[4:10] not in page


def test_the_organizer_home_links_each_fairs_door_staff_page(org, fair):
    html = org.get("/organizer/").content.decode()
    door = html.index(f'href="/fairs/{fair.slug}/door/"')
    staff = html.index(f'href="{url(fair)}"')
    assert 0 < staff - door < 200  # right after the door link
    assert ">Dørpersonale</a>" in html


@pytest.mark.parametrize("count", [1, 3])
def test_page_reads_the_list_in_a_fixed_number_of_queries(
    org, fair, count, django_assert_num_queries
):
    for i in range(count):
        DoorAssignment.objects.create(fair=fair, user=door_user(f"d{i}@example.org", f"D{i}"))
        door_device_create(fair=fair, name=f"Indgang {i}")
    # session, user, fair, door staff, devices
    with django_assert_num_queries(5):
        assert org.get(url(fair)).status_code == 200


# --- assign and remove ----------------------------------------------------------------


def test_organizer_assigns_door_staff_by_e_mail_in_any_case(org, organizer, fair):
    door_user()
    response = org.post(url(fair, "assign/"), {"assign-email": "  Dorte@Example.ORG "})
    assert (response.status_code, response["Location"]) == (302, url(fair))
    assert assigned(fair) == [("dorte@example.org", "org@example.org")]
    page = text(org.get(url(fair)))
    assert "Dorte Dørvagt er nu dørvagt ved messen." in page


def test_organizer_removes_door_staff_and_the_account_stays(org, fair):
    dorte = door_user()
    other = fair_make("other2027")
    DoorAssignment.objects.create(fair=fair, user=dorte)
    DoorAssignment.objects.create(fair=other, user=dorte)
    response = org.post(url(fair, f"{dorte.pk}/remove/"))
    assert (response.status_code, response["Location"]) == (302, url(fair))
    assert assigned(fair) == []
    assert assigned(other) == [("dorte@example.org", None)]
    assert User.objects.filter(pk=dorte.pk, is_active=True).exists()
    page = text(org.get(url(fair)))
    assert "Dorte Dørvagt er ikke længere dørvagt ved messen." in page
    assert "Ingen er dørvagt ved denne messe endnu." in page


def test_removing_someone_not_on_the_door_says_so_and_changes_nothing(org, fair):
    dorte = door_user()
    response = org.post(url(fair, f"{dorte.pk}/remove/"), follow=True)
    assert "Dorte Dørvagt var ikke dørvagt ved messen." in text(response)
    assert assigned(fair) == []


def test_remove_is_post_only(org, fair):
    dorte = door_user()
    DoorAssignment.objects.create(fair=fair, user=dorte)
    assert org.get(url(fair, f"{dorte.pk}/remove/")).status_code == 405
    assert assigned(fair) == [("dorte@example.org", None)]


def test_remove_needs_the_csrf_token(organizer, fair):
    dorte = door_user()
    DoorAssignment.objects.create(fair=fair, user=dorte)
    client = Client(enforce_csrf_checks=True)
    client.force_login(organizer)
    assert client.post(url(fair, f"{dorte.pk}/remove/")).status_code == 403
    assert assigned(fair) == [("dorte@example.org", None)]


# --- create -----------------------------------------------------------------------------


def create_body(**changes) -> dict:
    body = {"name": "Karl Kontrol", "email": "karl@example.org"}
    body |= {"password1": PASSWORD, "password2": PASSWORD} | changes
    return {f"create-{k}": v for k, v in body.items()}


def test_organizer_creates_door_staff_who_logs_in_with_the_password_and_opens_the_door(org, fair):
    response = org.post(url(fair, "create/"), create_body(email="Karl@Example.org"))
    assert (response.status_code, response["Location"]) == (302, url(fair))
    karl = User.objects.get(email="karl@example.org")
    assert (karl.name, karl.role, karl.is_staff, karl.is_superuser) == (
        "Karl Kontrol",
        Role.DOOR,
        False,
        False,
    )
    assert assigned(fair) == [("karl@example.org", "org@example.org")]
    assert "Karl Kontrol kan nu logge ind" in text(org.get(url(fair)))

    karls = Client()
    login = karls.post("/login/staff/", {"username": "karl@example.org", "password": PASSWORD})
    assert login.status_code == 302
    assert karls.get(f"/fairs/{fair.slug}/door/").status_code == 200
    assert karls.get(url(fair)).status_code == 302  # door staff do not manage the door


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"name": "   "}, "name", "Dette felt er påkrævet."),
        ({"email": "karl-at-example"}, "email", "Indtast en gyldig e-mail-adresse."),
        ({"password1": "kort7", "password2": "kort7"}, "password1", "for kort"),
        ({"password1": "12345678901", "password2": "12345678901"}, "password1", "numerisk"),
        ({"password1": "password123", "password2": "password123"}, "password1", "almindelig"),
        ({"password2": PASSWORD + "x"}, "password2", "De to adgangskoder er ikke ens."),
    ],
    ids=["no-name", "bad-email", "short", "numeric", "common", "mismatch"],
)
def test_create_with_bad_input_shows_the_error_in_the_form_and_creates_nobody(
    org, fair, changes, field, error
):
    response = org.post(url(fair, "create/"), create_body(**changes))
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="create-error-summary"' in html
    assert f'id="id_create-{field}_error"' in html
    assert error in text(response)
    assert not User.objects.filter(email="karl@example.org").exists()
    assert assigned(fair) == []


def test_create_with_an_existing_address_points_to_assigning_and_changes_nothing(org, fair):
    aya = student_make(fair)
    response = org.post(url(fair, "create/"), create_body(email="AYA@example.org"))
    assert response.status_code == 422
    assert "Der findes allerede en konto med denne e-mailadresse: tilknyt den ovenfor." in (
        text(response)
    )
    aya.user.refresh_from_db()
    assert (aya.user.role, aya.user.has_usable_password()) == (Role.STUDENT, False)
    assert assigned(fair) == []


def test_create_refuses_a_password_like_the_persons_e_mail(org, fair):
    body = create_body(email="karlkontrol@example.org")
    body |= {"create-password1": "karlkontrol", "create-password2": "karlkontrol"}
    response = org.post(url(fair, "create/"), body)
    assert response.status_code == 422
    assert "minder for meget om" in text(response)
    assert not User.objects.filter(email="karlkontrol@example.org").exists()


# --- assign: bad input ------------------------------------------------------------------


def test_assign_an_unknown_e_mail_gives_a_form_error_and_changes_nothing(org, fair):
    response = org.post(url(fair, "assign/"), {"assign-email": "ukendt@example.org"})
    assert response.status_code == 422
    assert 'id="assign-error-summary"' in response.content.decode()
    assert "Ingen konto har denne e-mailadresse. Opret personen nedenfor." in text(response)
    assert DoorAssignment.objects.count() == 0


@pytest.mark.parametrize("who", ["student", "company", "organizer", "partner", "inactive"])
def test_assign_an_account_that_is_not_active_door_staff_gives_a_form_error(org, fair, who):
    if who == "student":
        email = student_make(fair).user.email
    elif who == "company":
        email = company_make(fair).users.get().email
    elif who == "organizer":
        email = "org@example.org"
    elif who == "partner":
        email = "jc@example.org"
        jens = User.objects.create_user(email, name="Jens", role=Role.PARTNER)
        partner = Partner.objects.create(name="Jobcenter Ballerup", kind="jobcenter")
        PartnerStaff.objects.create(user=jens, partner=partner)
    else:
        email = door_user(is_active=False).email
    response = org.post(url(fair, "assign/"), {"assign-email": email})
    assert response.status_code == 422
    assert "Kontoen er ikke en aktiv dørvagt-konto" in text(response)
    assert DoorAssignment.objects.count() == 0


def test_assign_someone_already_on_the_door_gives_a_form_error(org, fair):
    dorte = door_user()
    DoorAssignment.objects.create(fair=fair, user=dorte)
    response = org.post(url(fair, "assign/"), {"assign-email": dorte.email})
    assert response.status_code == 422
    assert "Dorte Dørvagt er allerede dørvagt ved denne messe." in text(response)
    assert assigned(fair) == [("dorte@example.org", None)]


def test_assign_an_empty_or_malformed_address_gives_a_form_error(org, fair):
    door_user()
    for value, error in [("", "Dette felt er påkrævet."), ("dorte", "gyldig e-mail")]:
        response = org.post(url(fair, "assign/"), {"assign-email": value})
        assert response.status_code == 422
        assert error in text(response)
    assert DoorAssignment.objects.count() == 0


# --- who may ----------------------------------------------------------------------------


@pytest.fixture
def others(fair) -> dict[str, User | None]:
    """Everyone but an organizer: anonymous, a student, a company, door staff, a partner."""
    dorte = door_user()
    DoorAssignment.objects.create(fair=fair, user=dorte)
    jens = User.objects.create_user("jc@example.org", name="Jens", role=Role.PARTNER)
    partner = Partner.objects.create(name="Jobcenter Ballerup", kind="jobcenter")
    PartnerStaff.objects.create(user=jens, partner=partner)
    return {
        "anonymous": None,
        "student": student_make(fair).user,
        "company": company_make(fair).users.get(),
        "door": dorte,
        "partner": jens,
    }


@pytest.mark.parametrize("role", ["anonymous", "student", "company", "door", "partner"])
def test_only_organizers_see_or_change_the_door_staff(fair, others, role):
    client = Client()
    if others[role] is not None:
        client.force_login(others[role])
    karl = door_user("karl@example.org", "Karl")
    dorte = others["door"]
    for response in [
        client.get(url(fair)),
        client.post(url(fair, "assign/"), {"assign-email": karl.email}),
        client.post(url(fair, "create/"), create_body(email="ny@example.org")),
        client.post(url(fair, f"{dorte.pk}/remove/")),
    ]:
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"].startswith("/login/staff/?next=")
    assert assigned(fair) == [("dorte@example.org", None)]
    assert not User.objects.filter(email="ny@example.org").exists()


def test_an_unknown_fair_answers_404(org, db):
    assert org.get("/organizer/fairs/no-such-fair/door-staff/").status_code == 404


# --- the door follows the list ----------------------------------------------------------


def test_assigned_door_staff_open_the_door_and_removed_ones_get_403(org, fair):
    dorte = door_user()
    door = Client()
    door.force_login(dorte)
    assert door.get(f"/fairs/{fair.slug}/door/").status_code == 403
    org.post(url(fair, "assign/"), {"assign-email": dorte.email})
    assert door.get(f"/fairs/{fair.slug}/door/").status_code == 200
    org.post(url(fair, f"{dorte.pk}/remove/"))
    assert door.get(f"/fairs/{fair.slug}/door/").status_code == 403
