"""Demo floor plan and stand bookings."""

import random

from fair.models import Fair


def stands_seed(*, fair: Fair, rng: random.Random) -> None:
    """Lay out the floor plan and book stands for about nine in ten companies."""
