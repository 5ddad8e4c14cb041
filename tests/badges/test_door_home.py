"""Door staff land on the door page of the fair they work (not on an empty /me/)."""

from badges.models import DoorAssignment
from fair.enums import Role
from fair.models import User


def test_me_leads_door_staff_to_their_fairs_door_page(client, fair):
    dorte = User.objects.create_user("door@example.org", name="Dorte", role=Role.DOOR)
    DoorAssignment.objects.create(fair=fair, user=dorte)
    client.force_login(dorte)
    response = client.get("/me/", follow=True)
    assert response.redirect_chain == [("/door/", 302), (f"/fairs/{fair.slug}/door/", 302)]
    assert "Indtjekning ved døren" in response.content.decode()


def test_door_staff_without_a_fair_are_told_whom_to_ask(client, fair):
    client.force_login(User.objects.create_user("d@example.org", name="Dan", role=Role.DOOR))
    response = client.get("/me/", follow=True)
    assert response.status_code == 404
    assert "Bed en arrangør om at føje dig til messens dørpersonale." in response.content.decode()


def test_organizers_land_on_the_organizer_pages(client, fair):
    olga = User.objects.create_user(
        "o@example.org", name="Olga", role=Role.ORGANIZER, is_staff=True
    )
    client.force_login(olga)
    assert client.get("/me/").url == "/organizer/"
