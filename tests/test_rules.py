"""Who may do what (fair/rules.py), per role: what each role sees on the pages and the API,
and the rules on objects (interviews, student profiles, register entries, notes)."""

import pytest
from django.test import Client

from badges.models import DoorAssignment
from booking.models import Wish
from fair import rules
from fair.enums import Role
from fair.models import User
from outreach.models import Activity
from partners.models import Partner, PartnerStaff
from tests.booking.test_interviews import book, company_make, slots_make, student_make
from tests.conftest import bearer

ROLES = ["anonymous", "student", "company", "organizer", "door", "partner"]


@pytest.fixture
def people(fair):
    """One account per role; the door account is assigned to the fair."""
    student = student_make(fair, "Sofie Student")
    company = company_make(fair, "Elektro A/S")
    organizer = User.objects.create_user(
        "org@example.org", name="Olga", role=Role.ORGANIZER, is_staff=True
    )
    door = User.objects.create_user("door@example.org", name="Dorte", role=Role.DOOR)
    DoorAssignment.objects.create(fair=fair, user=door)
    partner = Partner.objects.create(name="Jobcenter Ballerup", kind="jobcenter")
    staff = User.objects.create_user("jc@example.org", name="Jens", role=Role.PARTNER)
    PartnerStaff.objects.create(user=staff, partner=partner)
    return {
        "anonymous": None,
        "student": student.user,
        "company": company.users.get(),
        "organizer": organizer,
        "door": door,
        "partner": staff,
        "_student": student,
        "_company": company,
        "_partner": partner,
    }


def page_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def api_client(user) -> Client:
    return Client() if user is None else bearer(user)


LOGIN = 302  # sent to the (staff) log-in page
# Pages: the status each role gets (order of ROLES).
PAGES = {
    "/organizer/": [LOGIN, LOGIN, LOGIN, 200, LOGIN, LOGIN],
    "/organizer/trends/": [LOGIN, 403, 403, 200, 403, 200],
    "/partners/": [LOGIN, 403, 403, 200, 403, 200],
    "/partners/duplicates/": [LOGIN, 403, 403, 200, 403, 403],
    "/outreach/": [LOGIN, 403, 403, 200, 403, 200],
    "/fairs/{fair}/outcomes/": [LOGIN, 403, 403, 200, 403, 200],
    # The door page opens without a log-in for a device link; accounts must work the door.
    "/fairs/{fair}/door/": [200, 403, 403, 200, 200, 403],
}
# API: organizers and partner staff read; no credentials at all is 401.
API = {
    "/api/v1/outreach/funnel?fair={fair}": [401, 403, 403, 200, 403, 200],
    "/api/v1/mapping/counts": [401, 403, 403, 200, 403, 200],
    "/api/v1/outcomes?fair={fair}": [401, 403, 403, 200, 403, 200],
    # Only door staff and organizers authenticate at the door API at all.
    "/api/v1/fairs/{fair}/door/counts": [401, 401, 401, 200, 200, 401],
}


def _cases(table):
    return [
        pytest.param(url, role, codes[i], id=f"{url}-{role}")
        for url, codes in table.items()
        for i, role in enumerate(ROLES)
    ]


@pytest.mark.parametrize(("url", "role", "status"), _cases(PAGES))
def test_pages_per_role(fair, people, url, role, status):
    response = page_client(people[role]).get(url.format(fair=fair.slug))
    assert response.status_code == status
    if status == LOGIN:
        assert "/login" in response["Location"]


@pytest.mark.parametrize(("url", "role", "status"), _cases(API))
def test_api_per_role(fair, people, url, role, status):
    response = api_client(people[role]).get(url.format(fair=fair.slug))
    assert response.status_code == status


# Cancelling an interview: (role, may see the "are you sure" page, cancelling answers).
CANCEL = [
    ("anonymous", LOGIN, 401),
    ("student", 200, 204),
    ("company", 200, 204),
    ("organizer", 200, 204),
    ("door", 404, 403),
    ("partner", 404, 403),
]


@pytest.mark.parametrize(("role", "page", "api"), CANCEL)
def test_only_organizers_and_the_interview_s_own_people_cancel_it(fair, people, role, page, api):
    interview = book(fair, slots_make(fair)[2], people["_student"], people["_company"])
    user = people[role]
    url = f"/fairs/{fair.slug}/interviews/{interview.pk}/cancel/"
    assert page_client(user).get(url).status_code == page
    path = f"/api/v1/fairs/{fair.slug}/interviews/{interview.pk}"
    assert api_client(user).delete(path).status_code == api
    interview.refresh_from_db()
    assert (interview.status == "cancelled") == (api == 204)


def test_only_organizers_and_the_company_mark_a_no_show(fair, people):
    interview = book(fair, slots_make(fair)[2], people["_student"], people["_company"])
    allowed = {r for r in ROLES[1:] if rules.may_mark_no_show(people[r], interview)}
    assert allowed == {"company", "organizer"}


def test_staff_status_alone_makes_nobody_an_organizer(db):
    door = User.objects.create_user("d@example.org", role=Role.DOOR, is_staff=True)
    inactive = User.objects.create_user(
        "o@example.org", role=Role.ORGANIZER, is_staff=True, is_active=False
    )
    assert not rules.is_organizer(door)
    assert not rules.is_organizer(inactive)
    assert not rules.may_use_door(inactive, None)


def test_door_staff_work_only_the_doors_they_are_assigned_to(fair, people):
    from tests.conftest import fair_make

    other = fair_make("other2027")
    assert rules.may_use_door(people["door"], fair)
    assert not rules.may_use_door(people["door"], other)
    assert rules.may_use_door(people["organizer"], other)
    response = page_client(people["door"]).get(f"/fairs/{other.slug}/door/")
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("wished", "consent", "visible"),
    [(True, True, True), (True, False, False), (False, True, False), (False, False, False)],
)
def test_a_company_sees_a_student_only_if_wished_and_consented(
    fair, people, wished, consent, visible
):
    student, company = people["_student"], people["_company"]
    student.consent_profile = consent
    student.save(update_fields=["consent_profile"])
    if wished:
        Wish.objects.create(student=student, company=company, rank=1)
    assert rules.may_see_student_profile(company, student) is visible
    page = page_client(people["company"]).get(f"/fairs/{fair.slug}/company/students/")
    assert (student.user.name in page.content.decode()) is visible


def test_a_partner_whose_partner_is_inactive_may_do_nothing_of_a_partner(fair, people):
    staff, partner = people["partner"], people["_partner"]
    assert rules.partner_of(staff) == partner
    Partner.objects.filter(pk=partner.pk).update(is_active=False)
    staff = User.objects.get(pk=staff.pk)
    assert rules.partner_of(staff) is None
    assert not rules.may_read_register(staff)
    assert page_client(staff).get("/partners/").status_code == 403


def test_partners_read_their_own_notes_and_organizers_notes_only(fair, people):
    other = Partner.objects.create(name="UU", kind="youth_guidance")
    staff = people["partner"]
    notes = {
        "own": Activity(partner=people["_partner"]),
        "organizers'": Activity(partner=None),
        "another partner's": Activity(partner=other),
    }
    readable = {name for name, note in notes.items() if rules.may_read_outreach_note(staff, note)}
    assert readable == {"own", "organizers'"}
    assert all(rules.may_read_outreach_note(people["organizer"], n) for n in notes.values())


def test_outcomes_and_register_scope_per_role(fair, people):
    for role in ROLES[1:]:
        user = people[role]
        outcome_students = rules.outcome_students(user=user, fair=fair)
        mapping = rules.mapping_visible_to(user=user)
        if role == "organizer":
            assert list(outcome_students) == [people["_student"]]
        else:  # partners: only their own people, and they added none
            assert not outcome_students.exists()
            assert not mapping.exists()
        assert rules.sees_exact_counts(user) is (role == "organizer")


@pytest.mark.parametrize(
    ("role", "links"),
    [
        ("organizer", {'"/organizer/"', '"/partners/duplicates/"'}),
        ("partner", {'"/partners/import/"'}),
    ],
)
def test_links_show_only_where_the_page_lets_one_in(fair, people, role, links):
    page = page_client(people[role]).get("/partners/").content.decode()
    hrefs = ('"/organizer/"', '"/partners/duplicates/"', '"/partners/import/"')
    shown = {href for href in hrefs if "href=" + href in page}
    assert shown == links


def test_staff_status_without_the_organizer_role_shows_no_organizer_link(fair, people):
    door = people["door"]
    User.objects.filter(pk=door.pk).update(is_staff=True)
    page = page_client(door).get(f"/fairs/{fair.slug}/door/").content.decode()
    assert 'href="/organizer/"' not in page
