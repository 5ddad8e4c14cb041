"""Demo wishes, interest and a published interview schedule."""

import random
from datetime import time

from booking.interviews.scheduling import interview_schedule_generate, schedule_publish
from booking.interviews.slots import scheduling_settings_update, slots_generate
from booking.models import Availability, Interest, Wish
from fair.models import Company, Fair, Student


def _popularity(companies: list[Company], rng: random.Random) -> dict[int, float]:
    # A few companies are far more popular than the rest (Zipf-like, in a random order).
    order = companies[:]
    rng.shuffle(order)
    return {c.pk: 1.0 / (i + 1) ** 0.9 for i, c in enumerate(order)}


def _draw(pool: list[Company], weights: dict[int, float], k: int, rng: random.Random) -> list:
    chosen: list[Company] = []
    pool = pool[:]
    while pool and len(chosen) < k:
        pick = rng.choices(pool, weights=[weights[c.pk] for c in pool])[0]
        pool.remove(pick)
        chosen.append(pick)
    return chosen


def interviews_seed(*, fair: Fair, rng: random.Random) -> None:
    """Give students wishes and companies interest, then run and publish the schedule.

    Some school classes arrive late and some companies leave early; companies without an
    active stand booking get no interviews (the scheduler leaves them out).
    """
    scheduling_settings_update(
        fair=fair, rank_weights="10,8,6,5,4", mutual_bonus=5, coverage_bonus="10,4", breaks=""
    )
    slots_generate(fair=fair)
    companies = list(Company.objects.filter(fair=fair).prefetch_related("offers").order_by("pk"))
    students = list(Student.objects.filter(fair=fair).prefetch_related("programmes").order_by("pk"))
    if not companies or not students:
        return
    by_programme: dict[int, list[Company]] = {}
    for company in companies:
        for offer in company.offers.all():
            by_programme.setdefault(offer.programme_id, []).append(company)
    weights = _popularity(companies, rng)

    wishes = []
    for student in students:
        if rng.random() < 0.08:  # some students never get round to wishing
            continue
        trade = sorted(
            {c for p in student.programmes.all() for c in by_programme.get(p.pk, [])},
            key=lambda c: c.pk,
        )
        k = rng.randint(2, fair.max_wishes)
        in_trade = _draw(trade, weights, min(k, max(1, round(k * 0.8))), rng)
        rest = [c for c in companies if c not in in_trade]
        chosen = in_trade + _draw(rest, weights, k - len(in_trade), rng)
        wishes += [
            Wish(student=student, company=c, rank=rank) for rank, c in enumerate(chosen, start=1)
        ]
    Wish.objects.bulk_create(wishes)

    wishers: dict[int, list[Student]] = {}
    consented = {s.pk: s for s in students if s.consent_profile}
    for wish in wishes:
        if wish.student_id in consented:
            wishers.setdefault(wish.company_id, []).append(consented[wish.student_id])
    Interest.objects.bulk_create(
        Interest(company_id=company_id, student=student)
        for company_id, group in sorted(wishers.items())
        for student in group
        if rng.random() < 0.3
    )

    classes = sorted({s.school_class for s in students if s.school_class})
    late = set(rng.sample(classes, max(1, len(classes) // 8))) if classes else set()
    availabilities = [
        Availability(fair=fair, student=s, available_from=time(11), available_until=time(14))
        for s in students
        if s.school_class in late
    ]
    availabilities += [
        Availability(fair=fair, company=c, available_from=time(10), available_until=time(13))
        for c in companies
        if rng.random() < 0.1
    ]
    Availability.objects.bulk_create(availabilities)

    run = interview_schedule_generate(fair=fair, time_limit=30)
    schedule_publish(run=run)
