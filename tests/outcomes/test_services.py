"""record_outcome: an append-only history, the rules of dates, the placement status."""

from datetime import date

import pytest

from badges.services import badge_issue, stand_outcome_set, stand_scan
from fair.enums import PlacementStatus
from fair.exceptions import InvalidInput
from fair.privacy import EXPORTERS
from outcomes.enums import OutcomeKind
from outcomes.models import Outcome
from outcomes.services import outcome_current, record_outcome
from tests.badges.conftest import company_make, student_make

pytestmark = pytest.mark.django_db


def report(student, company, kind, by, role="student", **extra):
    return record_outcome(
        student=student,
        company=company,
        kind=kind,
        reported_by=by,
        reporter_role=role,
        source="page",
        **extra,
    )


def test_record_outcome_keeps_every_report_and_the_latest_is_current(meeting):
    aya, company, interview = meeting
    first = report(aya, company, OutcomeKind.TRIAL_DAYS, aya.user, start_date=date(2027, 3, 1))
    second = report(
        aya, company, OutcomeKind.TRAINING_AGREEMENT, aya.user, start_date=date(2027, 8, 1)
    )

    history = list(Outcome.objects.filter(student=aya, company=company).order_by("pk"))
    assert [(o.kind, o.start_date) for o in history] == [
        ("trial_days", date(2027, 3, 1)),
        ("training_agreement", date(2027, 8, 1)),
    ]
    assert outcome_current(student=aya, company=company) == second
    first.refresh_from_db()
    assert first.kind == "trial_days"  # never overwritten
    assert (second.interview, second.reporter_role) == (interview, "student")


def test_record_outcome_same_report_twice_is_one_row(meeting):
    aya, company, _interview = meeting
    one = report(aya, company, OutcomeKind.NOTHING, aya.user)
    two = report(aya, company, OutcomeKind.NOTHING, aya.user)
    assert one == two
    assert Outcome.objects.count() == 1


@pytest.mark.parametrize(
    ("kind", "dates", "field"),
    [
        (OutcomeKind.TRIAL_DAYS, {}, "start_date"),
        (OutcomeKind.TRAINING_AGREEMENT, {"end_date": date(2027, 1, 1)}, "start_date"),
        (OutcomeKind.NOTHING, {"start_date": date(2027, 1, 1)}, "start_date"),
        (
            OutcomeKind.TRIAL_DAYS,
            {"start_date": date(2027, 2, 2), "end_date": date(2027, 2, 1)},
            "end_date",
        ),
        ("hired", {}, "kind"),
    ],
)
def test_record_outcome_refuses_bad_dates_and_kinds(meeting, kind, dates, field):
    aya, company, _interview = meeting
    with pytest.raises(InvalidInput) as caught:
        report(aya, company, kind, aya.user, **dates)
    assert list(caught.value.errors) == [field]
    assert Outcome.objects.count() == 0


def test_record_outcome_refuses_a_company_of_another_fair(meeting):
    from tests.conftest import fair_make

    aya, _company, _interview = meeting
    other = company_make(fair_make("other2027"), email="x@other.example.org")
    with pytest.raises(InvalidInput) as caught:
        report(aya, other, OutcomeKind.NOTHING, aya.user)
    assert list(caught.value.errors) == ["company"]


def test_training_agreement_gives_the_student_a_placement(meeting):
    aya, company, _interview = meeting
    report(aya, company, OutcomeKind.TRIAL_DAYS, aya.user, start_date=date(2027, 3, 1))
    aya.refresh_from_db()
    assert aya.placement_status == PlacementStatus.SEEKING
    report(aya, company, OutcomeKind.TRAINING_AGREEMENT, aya.user, start_date=date(2027, 8, 1))
    aya.refresh_from_db()
    assert aya.placement_status == PlacementStatus.HAS_PLACEMENT


def test_stand_quick_mark_stays_on_the_meeting_and_is_added_to_the_history(fair):
    from django.utils import timezone

    fair.date = timezone.localdate()  # scans count on the fair's day
    fair.save()
    company = company_make(fair)
    bo = student_make(fair, name="Bo Ørsted", email="bo@example.org")
    badge = badge_issue(fair=fair, user=bo.user)
    per = company.users.get()
    talk = stand_scan(company=company, token=badge.token, by=per)

    stand_outcome_set(company=company, kind=talk.kind, pk=talk.pk, outcome="trial", by=per)
    stand_outcome_set(company=company, kind=talk.kind, pk=talk.pk, outcome="follow_up", by=per)
    stand_outcome_set(company=company, kind=talk.kind, pk=talk.pk, outcome="contract", by=per)

    assert company.stand_conversations.get().outcome == "contract"
    rows = Outcome.objects.order_by("pk")
    assert [(o.kind, o.source, o.reporter_role, o.reported_by) for o in rows] == [
        ("trial_days", "stand", "company", per),
        ("training_agreement", "stand", "company", per),
    ]
    assert rows[0].conversation == company.stand_conversations.get()
    bo.refresh_from_db()
    assert bo.placement_status == PlacementStatus.HAS_PLACEMENT


def test_person_export_holds_the_outcomes_of_the_student(meeting):
    aya, company, _interview = meeting
    report(aya, company, OutcomeKind.TRIAL_DAYS, aya.user, start_date=date(2027, 3, 1))
    exported = EXPORTERS["outcomes"](aya.user)
    assert [(r["company"], r["outcome"], r["start"], r["reported_by_you"]) for r in exported] == [
        ("Glostrup El ApS", "trial_days", "2027-03-01", True)
    ]


def test_erasing_the_student_removes_their_outcomes_and_keeps_others_reports(meeting):
    from fair.account_services import person_delete

    aya, company, _interview = meeting
    per = company.users.get()
    report(aya, company, OutcomeKind.NOTHING, per, role="company")
    person_delete(user=per)
    assert Outcome.objects.get().reported_by is None
    person_delete(user=aya.user)
    assert Outcome.objects.count() == 0


def test_outcomes_update_the_mapping_register_of_the_student(meeting):
    from partners.models import MappedStudent
    from tests.outcomes.conftest import partner_staff_make, register_link

    aya, company, _interview = meeting
    partner, staff = partner_staff_make()
    person = MappedStudent.objects.filter(student=aya).first() or register_link(aya, partner)
    report(aya, company, OutcomeKind.TRIAL_DAYS, aya.user, start_date=date(2026, 11, 20))
    person.refresh_from_db()
    assert (person.status, person.status_since) == ("trial_days", date(2026, 11, 20))
    report(
        aya,
        company,
        OutcomeKind.TRAINING_AGREEMENT,
        staff,
        role="partner",
        start_date=date(2099, 8, 1),
    )
    person.refresh_from_db()
    last = person.status_changes.order_by("-pk").first()
    assert (person.status, last.partner, last.recorded_by) == (
        "training_agreement",
        partner,
        staff,
    )
    assert last.effective <= date.today()  # the register takes no future dates
