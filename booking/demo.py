"""Demo data of stands and interviews, called by `seed_demo` after the fair and people exist."""

from booking.interviews.demo import interviews_seed
from booking.stands.demo import stands_seed

__all__ = ["interviews_seed", "stands_seed"]
