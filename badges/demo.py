"""Demo data of badges and door devices, called by `seed_demo`."""

from fair.models import Fair


def door_devices_seed(*, fair: Fair) -> list[tuple[str, str]]:
    """Create the demo door device; returns (name, token) pairs for the API token CSV."""
    return []
