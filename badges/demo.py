"""Demo data of badges and door devices, called by `seed_demo`."""

from badges.models import DoorAssignment
from badges.services import door_device_create
from fair.enums import Role
from fair.models import Fair, User


def door_devices_seed(*, fair: Fair) -> list[tuple[str, str]]:
    """Create the demo door device and put the demo door staff on this fair's door; returns
    (name, token) pairs for the API token CSV."""
    device, key = door_device_create(fair=fair, name="Indgang 1")
    for user in User.objects.filter(role=Role.DOOR, is_active=True):
        DoorAssignment.objects.get_or_create(fair=fair, user=user)
    return [(device.name, key)]
