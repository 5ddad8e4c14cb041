"""Keep erased people's badges refused at the door (offline devices included).

Erasing a person deletes their badges with them (cascade), but a printed badge's signed
token still verifies with the fair's public key. Before the user row goes, every version of
their badges is written to `ErasedBadge`, which the door roster sends as revoked.
"""

from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from badges.fairday import fair_day_window
from badges.models import Badge, CheckIn, ErasedBadge, Scan
from fair.models import Fair, User


@receiver(pre_delete, sender=User, dispatch_uid="badges.erased_badges_keep")
def erased_badges_keep(sender, instance: User, **kwargs) -> None:
    rows = Badge.objects.filter(user=instance).values_list("fair_id", "version")
    ErasedBadge.objects.bulk_create(
        [ErasedBadge(fair_id=f, person_id=instance.pk, version=v) for f, v in rows],
        ignore_conflicts=True,
    )


@receiver(pre_save, sender=Fair, dispatch_uid="badges.door_rehearsal_clear")
def door_rehearsal_clear(sender, instance: Fair, raw=False, update_fields=None, **kwargs) -> None:
    """Turning door rehearsal off removes what the rehearsal recorded before the fair's day,
    so nobody is "already checked in" when the real door opens."""
    if raw or instance.pk is None or instance.door_rehearsal:
        return
    if update_fields is not None and "door_rehearsal" not in update_fields:
        return  # a save that cannot have turned it off: no query
    was = Fair.objects.filter(pk=instance.pk).values_list("door_rehearsal", flat=True).first()
    if not was:
        return
    start, _end = fair_day_window(fair_date=instance.date)
    CheckIn.objects.filter(fair=instance, checked_in_at__lt=start).delete()
    Scan.objects.filter(fair=instance, scanned_at__lt=start).delete()
