"""The scheduler respects people's decisions and is fair by default.

A cancellation by the student or the company is remembered: a later run never books the pair
again. With the default settings a student's third interview never beats another student's
first (fairness first, booking/scheduler/fairness.py).
"""

from datetime import time

import pytest

from booking.enums import EndedBy, InterviewStatus
from booking.interviews import wishes
from booking.interviews.scheduling import interview_schedule_generate, schedule_publish
from booking.interviews.services import interview_cancel, interview_no_show
from booking.interviews.slots import slots_generate
from booking.models import Availability, FairSchedulingSettings, Interest, Interview
from tests.booking.test_interviews import company_make, organizer_make, slot_begin, student_make


def active_pairs(fair):
    return sorted(
        Interview.objects.filter(fair=fair, status=InterviewStatus.BOOKED).values_list(
            "student__user__name", "company__name"
        )
    )


@pytest.fixture
def two_by_two(fair):
    fair.interviews_end = time(10, 30)  # two slots
    fair.save()
    slots_generate(fair=fair)
    el = company_make(fair, "Ballerup El", tables=1)
    vvs = company_make(fair, "Rødovre VVS", tables=1)
    aya, ben = student_make(fair, "Aya"), student_make(fair, "Ben")
    for student in (aya, ben):
        for company in (el, vvs):
            wishes.wish_add(student=student, company=company)
    return {"el": el, "vvs": vvs, "aya": aya, "ben": ben}


@pytest.mark.parametrize("who", ["company", "student", "organizer"])
def test_a_cancelled_interview_is_not_booked_again_by_the_next_run(fair, two_by_two, who):
    schedule_publish(run=interview_schedule_generate(fair=fair))
    assert active_pairs(fair) == [
        ("Aya", "Ballerup El"),
        ("Aya", "Rødovre VVS"),
        ("Ben", "Ballerup El"),
        ("Ben", "Rødovre VVS"),
    ]
    interview = Interview.objects.get(student=two_by_two["aya"], company=two_by_two["el"])
    user = {
        "company": two_by_two["el"].users.get(),
        "student": two_by_two["aya"].user,
        "organizer": organizer_make(),
    }[who]
    interview_cancel(interview=interview, user=user)

    done = schedule_publish(run=interview_schedule_generate(fair=fair))

    assert done.booked == [] and done.cancelled == []
    assert active_pairs(fair) == [
        ("Aya", "Rødovre VVS"),
        ("Ben", "Ballerup El"),
        ("Ben", "Rødovre VVS"),
    ]
    interview.refresh_from_db()
    assert (interview.status, interview.ended_by) == (InterviewStatus.CANCELLED, who)


def test_a_no_show_is_not_booked_again_either(fair, two_by_two):
    schedule_publish(run=interview_schedule_generate(fair=fair))
    interview = Interview.objects.get(student=two_by_two["ben"], company=two_by_two["vvs"])
    slot_begin(interview.slot)
    interview_no_show(interview=interview, user=two_by_two["vvs"].users.get())
    run = interview_schedule_generate(fair=fair)
    assert ("Ben", "Rødovre VVS") not in [
        (p.student.user.name, p.company.name) for p in run.proposals.all()
    ]


def test_interviews_the_scheduler_drops_may_come_back(fair, two_by_two):
    """Only people's decisions are remembered: a pair the scheduler itself cancelled (its
    company lost the stand) is proposed again when the company is back."""
    schedule_publish(run=interview_schedule_generate(fair=fair))
    booking = two_by_two["vvs"].stand_bookings.get()
    booking.status = "cancelled"
    booking.save()
    done = schedule_publish(run=interview_schedule_generate(fair=fair))
    assert len(done.cancelled) == 2
    assert set(
        Interview.objects.filter(pk__in=done.cancelled).values_list("ended_by", flat=True)
    ) == {EndedBy.SCHEDULER}
    booking.status = "confirmed"
    booking.save()
    schedule_publish(run=interview_schedule_generate(fair=fair))
    assert len(active_pairs(fair)) == 4


@pytest.fixture
def third_or_first(fair):
    """Ali: Strong El (rank 1, flagged back: 15), A (8), B (6). Bo: only Strong El, at rank 5
    (4). Strong El has one table, in the first of three slots only."""
    fair.interviews_end = time(10, 45)  # three slots
    fair.save()
    slots_generate(fair=fair)
    strong = company_make(fair, "Strong El", tables=1)
    Availability.objects.create(
        fair=fair, company=strong, available_from=time(10), available_until=time(10, 15)
    )
    a, b = company_make(fair, "A Tømrer"), company_make(fair, "B Maler")
    ali, bo = student_make(fair, "Ali"), student_make(fair, "Bo")
    for company in (strong, a, b):
        wishes.wish_add(student=ali, company=company)
    Interest.objects.create(company=strong, student=ali)
    for n in range(4):  # Bo's first four wishes have no stand: nothing to schedule there
        wishes.wish_add(student=bo, company=company_make(fair, f"Uden Stand {n}", stand=None))
    wishes.wish_add(student=bo, company=strong)
    return fair


def test_default_settings_give_bo_a_first_interview_before_ali_a_third(third_or_first):
    fair = third_or_first
    schedule_publish(run=interview_schedule_generate(fair=fair))
    assert active_pairs(fair) == [("Ali", "A Tømrer"), ("Ali", "B Maler"), ("Bo", "Strong El")]


def test_without_fairness_ali_gets_a_third_and_bo_nothing(third_or_first):
    """The old default (coverage bonus 10,4 alone): 15 + 0 for Ali's third beats 4 + 10."""
    fair = third_or_first
    FairSchedulingSettings.objects.create(fair=fair, fairness=False)
    schedule_publish(run=interview_schedule_generate(fair=fair))
    assert active_pairs(fair) == [("Ali", "A Tømrer"), ("Ali", "B Maler"), ("Ali", "Strong El")]


# --- confirmation before publishing and cancelling (HTML pages; the API is unchanged) -------


def test_publish_asks_first_and_says_how_many_emails_go_out(client, fair, two_by_two):
    run = interview_schedule_generate(fair=fair)
    client.force_login(organizer_make())
    url = f"/organizer/fairs/{fair.slug}/schedule/runs/{run.pk}/publish/"
    page = client.get(url).content.decode()
    assert "Offentliggør planen?" in page
    assert '<dd id="preview-booked">4</dd>' in page
    # Aya and Ben, and the one contact of each company: 4 e-mails, 8 invites (one per
    # interview for the student and for the company's contact).
    assert "4 e-mails sendes til 4 personer (2 elever, 2 kontaktpersoner i virksomheder)." in page
    assert "De indeholder 8 kalenderinvitationer." in page
    assert client.post(url).status_code == 200  # no confirmation: nothing happens
    assert Interview.objects.count() == 0
    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert "Offentliggjort: 4 nye, 0 flyttede og 0 aflyste samtaler." in response.content.decode()
    assert Interview.objects.filter(status=InterviewStatus.BOOKED).count() == 4


def test_publish_preview_counts_moves_and_only_told_cancellations(fair, two_by_two):
    from booking.interviews.publishing import publish_preview

    schedule_publish(run=interview_schedule_generate(fair=fair))
    booking = two_by_two["vvs"].stand_bookings.get()
    booking.status = "cancelled"
    booking.save()
    preview = publish_preview(run=interview_schedule_generate(fair=fair))
    # Both VVS interviews are cancelled; each was sent to its student and the VVS contact.
    assert (preview.booked, preview.moved, preview.cancelled) == (0, 0, 2)
    assert (preview.emails, preview.students, preview.contacts, preview.invites) == (3, 2, 1, 4)


def test_cancel_asks_are_you_sure_and_only_a_confirmed_post_cancels(client, fair, two_by_two):
    schedule_publish(run=interview_schedule_generate(fair=fair))
    interview = Interview.objects.get(student=two_by_two["aya"], company=two_by_two["el"])
    client.force_login(two_by_two["el"].users.get())
    url = f"/fairs/{fair.slug}/interviews/{interview.pk}/cancel/"
    schedule = client.get(f"/fairs/{fair.slug}/schedule/").content.decode()
    assert f'href="{url}"' in schedule  # a link to the question, no form that cancels at once
    page = client.get(url).content.decode()
    assert "Vil du aflyse samtalen?" in page and "Aya" in page
    assert "Ja, aflys samtalen" in page
    client.post(url)
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.BOOKED
    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert "Samtalen er aflyst." in response.content.decode()
    interview.refresh_from_db()
    assert (interview.status, interview.ended_by) == (InterviewStatus.CANCELLED, "company")


def test_nobody_else_sees_the_cancel_question(client, fair, two_by_two):
    schedule_publish(run=interview_schedule_generate(fair=fair))
    interview = Interview.objects.get(student=two_by_two["aya"], company=two_by_two["el"])
    client.force_login(two_by_two["ben"].user)
    url = f"/fairs/{fair.slug}/interviews/{interview.pk}/cancel/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"confirm": "yes"}).status_code == 404
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.BOOKED


def test_a_cancel_through_the_api_is_remembered_too(fair, two_by_two):
    from tests.conftest import bearer

    schedule_publish(run=interview_schedule_generate(fair=fair))
    interview = Interview.objects.get(student=two_by_two["ben"], company=two_by_two["vvs"])
    url = f"/api/v1/fairs/{fair.slug}/interviews/{interview.pk}"
    assert bearer(two_by_two["vvs"].users.get()).delete(url).status_code == 204
    schedule_publish(run=interview_schedule_generate(fair=fair))
    assert ("Ben", "Rødovre VVS") not in active_pairs(fair)
    assert len(active_pairs(fair)) == 3


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_runs_on_the_worker_when_there_is_one(client, fair, two_by_two, settings):
    """A large fair takes longer than a request may: the page only enqueues the run."""
    from django.core.management import call_command

    from booking.models import ScheduleRun

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(organizer_make())
    page = client.post(f"/organizer/fairs/{fair.slug}/schedule/run/", follow=True)
    assert "Planlæggeren kører i baggrunden." in page.content.decode()
    assert ScheduleRun.objects.count() == 0
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert ScheduleRun.objects.get().proposals.count() == 4
    page = client.get(f"/organizer/fairs/{fair.slug}/schedule/").content.decode()
    assert '<dd id="served">4 / 4</dd>' in page
