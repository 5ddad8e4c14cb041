"""Demo data of stands and interviews, called by `seed_demo` after the fair and people exist."""

import random

from fair.models import Fair


def stands_seed(*, fair: Fair, rng: random.Random) -> None:
    """Lay out the floor plan and book stands for about nine in ten companies."""


def interviews_seed(*, fair: Fair, rng: random.Random) -> None:
    """Give students wishes and companies interest, then run and publish the schedule."""
