"""Background work of booking (django-tasks): thin wrappers that take ids."""

from django_tasks import task

from booking.interviews import scheduling
from booking.models import ScheduleRun
from fair.exceptions import FairError
from fair.models import User


@task()
def schedule_publish_task(run_id: int, user_id: int | None = None) -> dict:
    """Publish a draft schedule: book its interviews and write their invites in one
    transaction; the invites are sent after commit (one more task on the worker).

    Running it again is safe: a run already published is left as it is (its invites are in
    the outbox). A refusal comes back as {"code": ...} for the progress page.
    """
    run = ScheduleRun.objects.filter(pk=run_id).first()
    if run is None:
        return {"code": "not_found"}
    if run.published_at is not None:
        return {"code": "already_published"}
    try:
        done = scheduling.schedule_publish(run=run, user=User.objects.filter(pk=user_id).first())
    except FairError as exc:
        return {"code": exc.code, "message": str(exc.message)}
    return {"booked": len(done.booked), "moved": len(done.moved), "cancelled": len(done.cancelled)}
