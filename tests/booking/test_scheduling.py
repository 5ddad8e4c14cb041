"""The adapter: a fair becomes a scheduler instance; runs are previewed, published, re-run."""

import json
from datetime import time

import pytest
from django.core.management import CommandError, call_command

from booking.enums import InterviewSource, InterviewStatus
from booking.interviews import wishes
from booking.interviews.scheduling import (
    instance_build,
    interview_schedule_generate,
    schedule_publish,
)
from booking.interviews.services import interview_book
from booking.interviews.slots import slots_generate
from booking.models import (
    Availability,
    FairSchedulingSettings,
    Interest,
    Interview,
    ScheduleRun,
    StandBooking,
)
from booking.scheduler import InvalidInstance, violations
from fair.exceptions import FairError
from tests.booking.test_interviews import company_make, organizer_make, student_make


@pytest.fixture
def small(fair):
    fair.interviews_end = time(10, 30)  # two slots: 10:00 and 10:15
    fair.save()
    slots = slots_generate(fair=fair)
    el = company_make(fair, "Ballerup El", tables=1)
    vvs = company_make(fair, "Rødovre VVS", tables=1)
    gone = company_make(fair, "Uden Stand", stand=None)
    aya, ben, cem = (student_make(fair, n) for n in ("Aya", "Ben", "Cem"))
    for student, companies in ((aya, [el, vvs, gone]), (ben, [el]), (cem, [el, vvs])):
        for company in companies:
            wishes.wish_add(student=student, company=company)
    Interest.objects.create(company=el, student=cem)
    return {"slots": slots, "el": el, "vvs": vvs, "gone": gone, "aya": aya, "ben": ben, "cem": cem}


def pairs():
    return sorted(
        Interview.objects.filter(status="booked").values_list(
            "student__user__name", "company__name", "table"
        )
    )


def test_instance_uses_prefixed_ids_rank_weights_mutual_bonus_and_leaves_out_standless(fair, small):
    Availability.objects.create(
        fair=fair, student=small["ben"], available_from=time(10, 15), available_until=time(14)
    )
    instance = instance_build(fair=fair).instance
    t1, t2 = (f"t{s.pk}" for s in small["slots"])
    assert [s.id for s in instance.slots] == [t1, t2]
    assert [(c.id, c.tables) for c in instance.companies] == [
        (f"c{small['el'].pk}", 1),
        (f"c{small['vvs'].pk}", 1),
    ]
    ben = next(s for s in instance.students if s.id == f"s{small['ben'].pk}")
    assert (ben.max_interviews, ben.available) == (3, frozenset({t2}))
    weights = {(w.student, w.company): w.weight for w in instance.wishes}
    a, c = f"s{small['aya'].pk}", f"s{small['cem'].pk}"
    assert weights == {
        (a, f"c{small['el'].pk}"): 10,
        (a, f"c{small['vvs'].pk}"): 8,
        (f"s{small['ben'].pk}", f"c{small['el'].pk}"): 10,
        (c, f"c{small['el'].pk}"): 15,  # rank 1 and the company flagged Cem
        (c, f"c{small['vvs'].pk}"): 8,
    }
    # Fairness first (the default): the bonus 10,4 raised by steps of 16 (largest weight 15
    # plus 1) for the two meetings a student can have in two slots.
    assert instance.coverage_bonus == (10.0 + 2 * 16, 4.0 + 16)
    FairSchedulingSettings.objects.create(fair=fair, fairness=False)
    assert instance_build(fair=fair).instance.coverage_bonus == (10.0, 4.0)


def test_run_previews_then_publish_books_valid_interviews(fair, small):
    run = interview_schedule_generate(fair=fair)
    built = instance_build(fair=fair)
    assert run.score == run.bound
    assert run.stats["by_rank"] == [
        {"rank": 1, "wishes": 3, "served": 2},
        {"rank": 2, "wishes": 2, "served": 2},
    ]
    assert run.stats["students_by_count"] == [
        {"count": 0, "students": 0},
        {"count": 1, "students": 2},
        {"count": 2, "students": 1},
        {"count": 3, "students": 0},
    ]
    assert run.stats["unplaced_total"] == 1
    assert Interview.objects.count() == 0
    done = schedule_publish(run=run)
    assert len(done.booked) == 4 and done.moved == done.cancelled == []
    assert Interview.objects.filter(source=InterviewSource.SCHEDULER).count() == 4
    result_pairs = {(i.student_id, i.company_id) for i in Interview.objects.all()}
    assert len(result_pairs) == 4
    assert violations(built.instance, _result_of(built)) == []


def _result_of(built):
    from booking.scheduler import Result
    from booking.scheduler.checks import score_of
    from booking.scheduler.types import Meeting

    meetings = tuple(
        Meeting(f"s{i.student_id}", f"c{i.company_id}", f"t{i.slot_id}", i.table)
        for i in Interview.objects.filter(status="booked")
    )
    score = score_of(built.instance, meetings)
    return Result(meetings, score, score)


def test_rerun_keeps_published_interviews_and_cancels_the_impossible(fair, small):
    schedule_publish(run=interview_schedule_generate(fair=fair))
    before = {
        (i.student_id, i.company_id): (i.pk, i.slot_id, i.table) for i in Interview.objects.all()
    }
    StandBooking.objects.filter(company=small["vvs"]).update(status="cancelled")
    run = interview_schedule_generate(fair=fair)
    assert run.stats["kept"] == len([k for k in before if k[1] != small["vvs"].pk])
    done = schedule_publish(run=run)
    after = {
        (i.student_id, i.company_id): (i.pk, i.slot_id, i.table)
        for i in Interview.objects.filter(status="booked")
    }
    assert all(after[k] == v for k, v in before.items() if k[1] != small["vvs"].pk)
    assert sorted(done.cancelled) == sorted(
        v[0] for k, v in before.items() if k[1] == small["vvs"].pk
    )
    assert Interview.objects.get(pk=done.cancelled[0]).sequence == 1


def test_only_the_latest_run_can_be_published(fair, small):
    old = interview_schedule_generate(fair=fair)
    interview_schedule_generate(fair=fair)
    with pytest.raises(FairError) as error:
        schedule_publish(run=ScheduleRun(pk=old.pk, fair=fair))
    assert error.value.code == "stale_run"
    assert Interview.objects.count() == 0


def test_export_instance_writes_published_interviews_as_fixed(fair, small, tmp_path, capsys):
    schedule_publish(run=interview_schedule_generate(fair=fair))
    out = tmp_path / "instance.json"
    call_command("export_instance", "--fair", fair.slug, "--out", str(out))
    data = json.loads(out.read_text())
    assert sorted((f["student"], f["company"], f["slot"]) for f in data["fixed"]) == sorted(
        (f"s{i.student_id}", f"c{i.company_id}", f"t{i.slot_id}") for i in Interview.objects.all()
    )
    assert data["coverage_bonus"] == [42, 20]  # 10,4 with fairness first
    assert "2 slots, 2 companies, 3 students, 5 wishes, 4 fixed" in capsys.readouterr().err


def test_schedule_interviews_command_prints_score_bound_coverage_and_publishes(fair, small, capsys):
    call_command("schedule_interviews", "--fair", fair.slug, "--publish")
    lines = capsys.readouterr().out.splitlines()
    run = ScheduleRun.objects.get()
    assert lines == [
        f"score {run.score:g}, bound {run.score:g} (gap 0.000%), 4 interviews; coverage: 3 of 3 "
        "students with wishes get an interview, 4 of 5 wishes served",
        "published: 4 booked, 0 moved, 0 cancelled",
        # Sent in the command's own process, whatever the task backend.
        "invites: 5 written, 5 sent, 0 failed, 0 waiting",
    ]
    assert Interview.objects.count() == 4 and run.published_at is not None


def test_organizer_runs_previews_and_publishes_from_the_web(client, fair, small):
    client.force_login(organizer_make())
    url = f"/organizer/fairs/{fair.slug}/schedule/"
    page = client.post(url + "run/", follow=True).content.decode()
    assert "Planlæggeren fandt 4 samtaler." in page
    run = ScheduleRun.objects.get()
    assert (
        f'<dd id="score">{run.score:.0f}</dd>' in page
        and f'<dd id="bound">{run.bound:.0f}</dd>' in page
    )
    assert '<dd id="served">4 / 5</dd>' in page
    page = client.post(url + f"runs/{run.pk}/publish/", {"confirm": "yes"}, follow=True)
    assert "Offentliggjort: 4 nye, 0 flyttede og 0 aflyste samtaler." in page.content.decode()
    assert Interview.objects.filter(status=InterviewStatus.BOOKED).count() == 4


def test_organizer_page_is_for_staff_only(client, fair, small):
    client.force_login(small["aya"].user)
    response = client.post(f"/organizer/fairs/{fair.slug}/schedule/run/")
    assert response.status_code == 302 and "/login/staff/" in response.headers["Location"]
    assert ScheduleRun.objects.count() == 0


def test_organizer_settings_form_shows_errors_and_saves(client, fair):
    client.force_login(organizer_make())
    url = f"/organizer/fairs/{fair.slug}/schedule/"
    data = {"rank_weights": "10,8,x", "mutual_bonus": "5", "coverage_bonus": "10,4", "breaks": ""}
    page = client.post(url, data).content.decode()
    assert "Skriv hele tal adskilt med komma, fx 10,8,6." in page
    client.post(url, {**data, "rank_weights": "12, 9, 7", "breaks": "12:00-12:30"})
    assert (fair.scheduling.rank_weights, fair.scheduling.breaks) == ("12,9,7", "12:00-12:30")


def test_an_older_draft_is_not_published_over_a_later_self_booking(fair, small):
    schedule_publish(run=interview_schedule_generate(fair=fair))
    interview_schedule_generate(fair=fair)  # a new draft, left for later
    # After the draft was made, Ben books a second interview himself.
    free = next(
        s
        for s in small["slots"]
        if not Interview.objects.filter(student=small["ben"], slot=s).exists()
    )
    mine = interview_book(
        student=small["ben"], company=company_make(fair, "Herlev Tømrer"), slot=free
    )
    with pytest.raises(FairError) as error:
        schedule_publish(run=ScheduleRun.objects.filter(published_at__isnull=True).get())
    assert (error.value.code, error.value.status, str(error.value.message)) == (
        "schedule_changed",
        409,
        "Samtaleplanen er ændret, siden kørslen blev lavet. Kør planlæggeren igen.",
    )
    assert Interview.objects.get(pk=mine.pk).status == InterviewStatus.BOOKED
    # A fresh run keeps the self-booked interview and can be published.
    done = schedule_publish(run=interview_schedule_generate(fair=fair))
    assert mine.pk not in done.cancelled
    assert Interview.objects.get(pk=mine.pk).status == InterviewStatus.BOOKED


def test_organizer_sees_the_stale_draft_refusal_on_the_page(client, fair, small):
    schedule_publish(run=interview_schedule_generate(fair=fair))
    run = interview_schedule_generate(fair=fair)
    Interview.objects.filter(student=small["aya"]).first().save()  # changed after the run
    client.force_login(organizer_make())
    url = f"/organizer/fairs/{fair.slug}/schedule/"
    page = client.post(url + f"runs/{run.pk}/publish/", {"confirm": "yes"}, follow=True)
    page = page.content.decode()
    assert "Samtaleplanen er ændret, siden kørslen blev lavet. Kør planlæggeren igen." in page
    assert ScheduleRun.objects.get(pk=run.pk).published_at is None


def test_weights_saved_before_the_cap_give_a_message_not_a_crash(client, fair, small, capsys):
    FairSchedulingSettings.objects.create(fair=fair, rank_weights="10000000000000000,8")
    client.force_login(organizer_make())
    page = client.post(f"/organizer/fairs/{fair.slug}/schedule/run/", follow=True).content.decode()
    assert "Hvert tal må højst være 1.000.000." in page
    with pytest.raises(CommandError) as error:
        call_command("schedule_interviews", "--fair", fair.slug)
    assert str(error.value) == "Hvert tal må højst være 1.000.000."
    assert ScheduleRun.objects.count() == 0


def test_a_solver_refusal_becomes_a_fair_error(fair, small, monkeypatch):
    def refuse(instance, **kwargs):
        raise InvalidInstance("wishes[0]: weight too large (at most 1e15)")

    monkeypatch.setattr("booking.interviews.scheduling.solve", refuse)
    with pytest.raises(FairError) as error:
        interview_schedule_generate(fair=fair)
    assert (error.value.status, str(error.value.message)) == (
        422,
        "Planlæggeren kan ikke bruge disse indstillinger: "
        "wishes[0]: weight too large (at most 1e15)",
    )
    assert ScheduleRun.objects.count() == 0


@pytest.mark.parametrize("missing", ["slots", "tables"])
def test_a_fair_without_slots_or_tables_cannot_be_scheduled(client, fair, missing):
    message = (
        "Messen har ingen samtaletidspunkter eller ingen virksomhed med samtaleborde. "
        "Lav tidspunkterne, og tjek standbookingerne først."
    )
    if missing == "tables":
        slots_generate(fair=fair)
        company_make(fair, "Uden Stand", stand=None)
    else:
        company_make(fair, "Ballerup El")
    with pytest.raises(FairError) as error:
        interview_schedule_generate(fair=fair)
    assert (error.value.code, error.value.status, str(error.value.message)) == (
        "nothing_to_schedule",
        409,
        message,
    )
    with pytest.raises(CommandError) as failed:
        call_command("schedule_interviews", "--fair", fair.slug, "--publish")
    assert str(failed.value) == message
    client.force_login(organizer_make())
    page = client.post(f"/organizer/fairs/{fair.slug}/schedule/run/", follow=True).content.decode()
    assert message in page and "Planlæggeren fandt" not in page
    assert ScheduleRun.objects.count() == 0
