"""Demo wishes, interest and a published interview schedule."""

import random

from fair.models import Fair


def interviews_seed(*, fair: Fair, rng: random.Random) -> None:
    """Give students wishes and companies interest, then run and publish the schedule."""
