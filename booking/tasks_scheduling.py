"""The scheduler run as a background task: a fair of 10,000 students (with fairness first,
docs/scheduler.md) takes longer than a web request may."""

from django_tasks import task

from booking.interviews import scheduling
from fair.exceptions import FairError
from fair.models import Fair, User


@task()
def schedule_generate_task(fair_id: int, user_id: int | None = None) -> dict:
    """Solve the fair's schedule into a new draft run; a refusal comes back as {"code": ...}."""
    fair = Fair.objects.filter(pk=fair_id).first()
    if fair is None:
        return {"code": "not_found"}
    try:
        run = scheduling.interview_schedule_generate(
            fair=fair, user=User.objects.filter(pk=user_id).first()
        )
    except FairError as exc:
        return {"code": exc.code, "message": str(exc.message)}
    return {"run": run.pk, "interviews": run.proposals.count()}
