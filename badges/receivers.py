"""Keep erased people's badges refused at the door (offline devices included).

Erasing a person deletes their badges with them (cascade), but a printed badge's signed
token still verifies with the fair's public key. Before the user row goes, every version of
their badges is written to `ErasedBadge`, which the door roster sends as revoked.
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from badges.models import Badge, ErasedBadge
from fair.models import User


@receiver(pre_delete, sender=User, dispatch_uid="badges.erased_badges_keep")
def erased_badges_keep(sender, instance: User, **kwargs) -> None:
    rows = Badge.objects.filter(user=instance).values_list("fair_id", "version")
    ErasedBadge.objects.bulk_create(
        [ErasedBadge(fair_id=f, person_id=instance.pk, version=v) for f, v in rows],
        ignore_conflicts=True,
    )
