from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _cache_table_create(sender, using="default", **kwargs) -> None:
    # The abuse counters live in the database cache (fair.throttle): `migrate` makes its table.
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class FairConfig(AppConfig):
    name = "fair"

    def ready(self) -> None:
        post_migrate.connect(_cache_table_create, sender=self, dispatch_uid="fair.cache_table")
