"""Fair sign-ups feed the mapping register (a decoupled hook: fair knows nothing of partners)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from fair.models import Student


def _feed(student_id: int) -> None:
    from partners.services import register_from_student

    register_from_student(student_id=student_id)


@receiver(post_save, sender=Student, dispatch_uid="partners_register_from_student")
def student_saved(sender, instance: Student, raw=False, **kwargs) -> None:
    if not raw:
        # After commit, so that the sign-up's programmes are there; a failure is logged and
        # never undoes or fails the sign-up itself.
        transaction.on_commit(lambda: _feed(instance.pk), robust=True)


@receiver(
    m2m_changed, sender=Student.programmes.through, dispatch_uid="partners_register_programmes"
)
def student_programmes_changed(sender, instance, action: str, reverse=False, **kwargs) -> None:
    if action == "post_add" and not reverse:
        transaction.on_commit(lambda: _feed(instance.pk), robust=True)
