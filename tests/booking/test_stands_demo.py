import random

from booking.models import Stand, StandBooking
from booking.stands.demo import stands_seed
from fair.demo import demo_fair_create
from fair.phases import stand_booking_open


def seeded(seed: int = 1, slug: str = "demo"):
    fair = demo_fair_create(slug=slug, students=0, companies=40, seed=seed).fair
    stands_seed(fair=fair, rng=random.Random(f"{seed}-stands"))
    return fair


def test_stands_seed_books_nine_in_ten_companies_and_leaves_stands_free(db):
    fair = seeded()
    bookings = StandBooking.objects.filter(fair=fair)
    assert bookings.count() == 36
    assert set(bookings.values_list("status", flat=True)) == {"confirmed"}
    assert set(bookings.values_list("tables", flat=True)) <= {1, 2, 3}
    assert bookings.values("company").distinct().count() == 36
    stands = Stand.objects.filter(fair=fair)
    assert stands.count() == 41
    assert stands.filter(bookings__isnull=True).count() == 5
    assert set(stands.values_list("zone", flat=True)) == {"A", "B", "C", "D"}
    assert stand_booking_open(fair) is True
    assert fair.stand_booking_requires_approval is False


def test_stands_seed_is_deterministic_for_a_seed(db):
    def picture(fair):
        return list(
            StandBooking.objects.filter(fair=fair)
            .order_by("stand__code")
            .values_list("stand__code", "company__name", "tables")
        )

    first, second = seeded(1, "demo"), seeded(1, "demo-again")
    assert picture(first) == picture(second)
    assert [(s.code, s.x, s.y) for s in first.stands.order_by("code")] == [
        (s.code, s.x, s.y) for s in second.stands.order_by("code")
    ]
