"""Demo floor plan and stand bookings."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from booking.enums import StandBookingStatus
from booking.models import Stand, StandBooking
from fair.models import Fair

ZONES = ("A", "B", "C", "D")
ZONE_WIDTH = Decimal(13)  # metres: two rows of stands across a 5 m aisle, plus a gangway


def _layout(*, fair: Fair, count: int, rng: random.Random) -> list[Stand]:
    """Stands in zones side by side; each zone has two rows facing each other."""
    stands = []
    per_zone = -(-count // len(ZONES))
    for z, zone in enumerate(ZONES):
        left = ZONE_WIDTH * z
        number = 0
        for column in (0, 1):
            y = Decimal(1)
            for _row in range((per_zone + 1 - column) // 2):
                number += 1
                width = Decimal(rng.choice([3, 3, 4]))
                depth = Decimal(rng.choice([2, 2, 3]))
                x = left + (Decimal(8) if column else Decimal(0))
                code = f"{zone}{number}"
                stands.append(
                    Stand(
                        fair=fair,
                        code=code,
                        zone=zone,
                        x=x,
                        y=y,
                        width=width,
                        height=depth,
                        size_m2=width * depth,
                        power=rng.random() < 0.6,
                        price_dkk=int(width * depth) * 400,
                        note="Ved indgangen" if zone == "A" and number == 1 else "",
                    )
                )
                y += depth + Decimal("0.5")
                if len(stands) >= count:
                    return stands
    return stands


def stands_seed(*, fair: Fair, rng: random.Random) -> None:
    """Lay out the floor plan and book stands for about nine in ten companies."""
    companies = list(fair.companies.order_by("pk"))
    booked = round(len(companies) * 0.9)
    count = max(12, booked + max(4, len(companies) // 8))
    stands = Stand.objects.bulk_create(_layout(fair=fair, count=count, rng=rng))
    free = list(stands)
    rng.shuffle(free)
    chosen = rng.sample(companies, booked)
    StandBooking.objects.bulk_create(
        StandBooking(
            fair=fair,
            stand=free.pop(),
            company=company,
            tables=rng.choice([1, 1, 2, 2, 3]),
            needs_power=rng.random() < 0.4,
            needs_wall=rng.random() < 0.2,
            status=StandBookingStatus.CONFIRMED,
        )
        for company in sorted(chosen, key=lambda c: c.pk)
    )
    fair.stand_booking_requires_approval = False
    if fair.stand_booking_deadline <= timezone.now():
        fair.stand_booking_deadline = timezone.now() + timedelta(days=14)
    fair.save(update_fields=["stand_booking_requires_approval", "stand_booking_deadline"])
