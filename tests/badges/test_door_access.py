"""Issue 10.8b, d, e: door staff work only their assigned fairs; a non-public fair's door
page names nothing before log-in; erased people's badges are refused offline."""

import json

from badges import services
from badges.models import DoorAssignment
from fair.account_services import person_delete
from fair.enums import Role
from fair.models import User
from tests.badges.conftest import device_client, student_make
from tests.conftest import bearer, fair_make


def door_user(email="door@example.org") -> User:
    return User.objects.create_user(email, name="Dorte", role=Role.DOOR)


def test_door_staff_read_only_the_rosters_of_their_assigned_fairs(fair):
    other = fair_make("other2027")
    dorte = door_user()
    DoorAssignment.objects.create(fair=fair, user=dorte)
    door = bearer(dorte)
    assert door.get(f"/api/v1/fairs/{fair.slug}/door/roster").status_code == 200
    refused = door.get(f"/api/v1/fairs/{other.slug}/door/roster")
    assert (refused.status_code, refused.json()["code"]) == (403, "not_assigned")


def test_door_staff_print_no_badge_of_another_fair(fair):
    other = fair_make("other2027")
    aya = student_make(other)
    dorte = door_user()
    DoorAssignment.objects.create(fair=fair, user=dorte)
    url = f"/api/v1/fairs/{other.slug}/door/people/{aya.user.pk}/badge.pdf"
    response = bearer(dorte).get(url)
    assert (response.status_code, response.json()["code"]) == (403, "not_assigned")


def test_door_staff_check_in_nothing_at_a_fair_they_are_not_assigned_to(fair):
    aya = student_make(fair)
    badge = services.badge_issue(fair=fair, user=aya.user)
    response = bearer(door_user()).post(
        "/api/v1/checkin",
        json.dumps({"token": badge.token, "fair": fair.slug}),
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (403, "not_assigned")
    assert not badge.checkins.exists()


def test_a_staff_account_that_is_not_door_staff_or_organizer_has_no_door(fair):
    partner = User.objects.create_user("p@example.org", name="P", role="partner", is_staff=True)
    response = bearer(partner).get(f"/api/v1/fairs/{fair.slug}/door/roster")
    assert response.status_code == 401


def test_door_page_of_a_fair_not_public_names_nothing_before_log_in(client, fair):
    fair.is_public = False
    fair.save()
    page = client.get(f"/fairs/{fair.slug}/door/").content.decode()
    assert fair.name not in page and fair.date.strftime("%d.%m.%Y") not in page
    fair.is_public = True
    fair.save()
    assert fair.name in client.get(f"/fairs/{fair.slug}/door/").content.decode()


def test_door_page_refuses_door_staff_of_another_fair(client, fair):
    client.force_login(door_user())
    assert client.get(f"/fairs/{fair.slug}/door/").status_code == 403


def test_roster_lists_an_erased_persons_badges_as_revoked(fair):
    aya = student_make(fair)
    old = services.badge_issue(fair=fair, user=aya.user)
    services.badge_reissue(badge=old, by=None, reason="Lost")
    person = aya.user.pk
    person_delete(user=aya.user)
    _device, door = device_client(fair)
    data = door.get(f"/api/v1/fairs/{fair.slug}/door/roster").json()
    assert sorted(data["revoked"]) == [[person, 1], [person, 2]]
    assert [p for p in data["people"] if p[0] == person] == []
