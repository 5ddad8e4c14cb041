"""Registration and stand booking by an invited company move its outreach status."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from booking.models import StandBooking
from fair.models import Company


@receiver(post_save, sender=Company, dispatch_uid="outreach_company_registered")
def company_saved(sender, instance: Company, created=False, raw=False, **kwargs) -> None:
    if created and not raw and instance.organisation_id:
        from outreach.services import participation_registered

        transaction.on_commit(lambda: participation_registered(company_id=instance.pk), robust=True)


@receiver(post_save, sender=StandBooking, dispatch_uid="outreach_stand_booked")
def stand_booking_saved(sender, instance: StandBooking, raw=False, **kwargs) -> None:
    if not raw:
        from outreach.services import stand_booked

        transaction.on_commit(lambda: stand_booked(booking_id=instance.pk), robust=True)
