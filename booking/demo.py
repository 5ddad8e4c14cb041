"""Demo data of stands and interviews, called by `seed_demo` after the fair and people exist."""

from booking.demo_interviews import interviews_seed
from booking.demo_stands import stands_seed

__all__ = ["interviews_seed", "stands_seed"]
