"""Helpers shared by the interview tests, and the schedule pages of students and companies."""

from datetime import timedelta

import pytest
from django.utils import timezone

from booking.enums import InterviewStatus
from booking.interviews.slots import slots_generate
from booking.models import Interview, ScheduleRun, Slot, Stand, StandBooking
from fair.models import Company, Fair, Student, User


def company_make(
    fair: Fair, name: str, *, tables: int = 1, stand: str | None = "auto", programme=None
) -> Company:
    """A company with a contact user and (unless stand=None) an active stand booking."""
    n = Company.objects.count() + 1
    company = Company.objects.create(
        fair=fair,
        name=name,
        cvr=f"{10000000 + n}",
        address="Telegrafvej 9",
        postcode="2750",
        city="Ballerup",
    )
    user = User.objects.create_user(
        email=f"company{n}@example.org", name=f"HR {name}", role="company"
    )
    company.users.add(user)
    if programme is not None:
        company.offers.create(programme=programme)
    if stand is not None:
        code = f"A{n}" if stand == "auto" else stand
        place = Stand.objects.create(fair=fair, code=code, x=n, y=0, width=2, height=2, size_m2=4)
        StandBooking.objects.create(
            fair=fair, stand=place, company=company, tables=tables, status="confirmed"
        )
    return company


def student_make(
    fair: Fair, name: str, *, consent: bool = True, programme=None, school=None
) -> Student:
    n = User.objects.count() + 1
    user = User.objects.create_user(email=f"student{n}@example.org", name=name, role="student")
    student = Student.objects.create(fair=fair, user=user, consent_profile=consent, school=school)
    if programme is not None:
        student.programmes.add(programme)
    return student


def organizer_make() -> User:
    return User.objects.create_user(
        email="org@example.org", name="Olga Organizer", role="organizer", is_staff=True
    )


def publish_mark(fair: Fair) -> ScheduleRun:
    """Mark the fair's schedule as published (opens self-booking)."""
    return ScheduleRun.objects.create(fair=fair, published_at=timezone.now())


def slots_make(fair: Fair) -> list[Slot]:
    return slots_generate(fair=fair)


def slot_begin(slot: Slot, minutes_ago: int = 5) -> Slot:
    """Move the slot so that it began `minutes_ago` minutes ago (the fair itself is ahead)."""
    start = timezone.now() - timedelta(minutes=minutes_ago)
    Slot.objects.filter(pk=slot.pk).update(start=start, end=start + timedelta(minutes=12))
    slot.refresh_from_db()
    return slot


def book(fair, slot, student, company, table=1) -> Interview:
    return Interview.objects.create(
        fair=fair, slot=slot, student=student, company=company, table=table
    )


@pytest.fixture
def setup(fair, electrician, school):
    slots = slots_make(fair)
    return {
        "slots": slots,
        "el": company_make(fair, "Ballerup El ApS", tables=2, programme=electrician),
        "vvs": company_make(fair, "Rødovre VVS ApS"),
        "clara": student_make(fair, "Clara Østergaard", programme=electrician, school=school),
    }


def test_schedule_page_lists_student_interviews_in_time_order_with_stand_and_table(
    client, fair, setup
):
    s, el, vvs, clara = setup["slots"], setup["el"], setup["vvs"], setup["clara"]
    book(fair, s[3], clara, vvs)
    book(fair, s[1], clara, el, table=2)
    client.force_login(clara.user)
    page = client.get(f"/fairs/{fair.slug}/schedule/").content.decode()
    rows = page[page.index("<tbody>") : page.index("</tbody>")]
    assert rows.index("10:15–10:27") < rows.index("10:45–10:57")
    cells = '</td>\n      <td data-label="Stand">{}</td>\n      <td data-label="Bord">{}</td>'
    assert "Ballerup El ApS" + cells.format("A1", 2) in rows
    assert "Rødovre VVS ApS" + cells.format("A2", 1) in rows


def test_schedule_page_of_company_shows_student_names(client, fair, setup):
    book(fair, setup["slots"][0], setup["clara"], setup["el"])
    client.force_login(setup["el"].users.get())
    page = client.get(f"/fairs/{fair.slug}/schedule/").content.decode()
    assert '<td data-label="Elev">Clara Østergaard</td>' in page
    assert 'aria-label="Annuller samtalen med Clara Østergaard kl. 10:00"' in page
    assert "Udeblev" not in page  # not before the interview has begun


def test_after_the_start_the_company_can_mark_a_no_show_but_no_longer_cancel(client, fair, setup):
    slot = slot_begin(setup["slots"][0])
    book(fair, slot, setup["clara"], setup["el"])
    at = timezone.localtime(slot.start).strftime("%H:%M")
    client.force_login(setup["el"].users.get())
    page = client.get(f"/fairs/{fair.slug}/schedule/").content.decode()
    assert f'aria-label="Udeblev: Clara Østergaard kl. {at}"' in page
    assert "Annuller samtalen" not in page
    client.force_login(setup["clara"].user)
    page = client.get(f"/fairs/{fair.slug}/schedule/").content.decode()
    assert '<td data-label="Virksomhed">Ballerup El ApS</td>' in page
    assert "Annuller samtalen" not in page


@pytest.mark.parametrize("count", [1, 3])
def test_schedule_page_runs_constant_queries(client, fair, setup, count, django_assert_num_queries):
    for i in range(count):
        company = company_make(fair, f"Firma {i}")
        book(fair, setup["slots"][i], setup["clara"], company)
    client.force_login(setup["clara"].user)
    with django_assert_num_queries(8):
        response = client.get(f"/fairs/{fair.slug}/schedule/")
    assert response.content.decode().count("<tr>") == count + 1


def test_schedule_page_says_not_yet_published(client, fair, setup):
    client.force_login(setup["clara"].user)
    page = client.get(f"/fairs/{fair.slug}/schedule/").content.decode()
    assert "Samtaleplanen er ikke offentliggjort endnu." in page


def test_me_page_links_to_wishes_and_schedule(client, fair, setup):
    client.force_login(setup["clara"].user)
    page = client.get("/me/").content.decode()
    assert f'href="/fairs/{fair.slug}/wishes/"' in page
    assert f'href="/fairs/{fair.slug}/schedule/"' in page


def test_cancelled_interviews_are_not_listed(client, fair, setup):
    interview = book(fair, setup["slots"][0], setup["clara"], setup["el"])
    Interview.objects.filter(pk=interview.pk).update(status=InterviewStatus.CANCELLED)
    client.force_login(setup["clara"].user)
    page = client.get(f"/fairs/{fair.slug}/schedule/").content.decode()
    assert "Ballerup El ApS" not in page
