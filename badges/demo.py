"""Demo data of badges and door devices, called by `seed_demo`."""

from badges.services import door_device_create
from fair.models import Fair


def door_devices_seed(*, fair: Fair) -> list[tuple[str, str]]:
    """Create the demo door device; returns (name, token) pairs for the API token CSV."""
    device, key = door_device_create(fair=fair, name="Indgang 1")
    return [(device.name, key)]
