"""Race tests need real row locks and concurrent transactions: PostgreSQL only."""

import pytest
from django.db import connection


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(
                pytest.mark.skipif(
                    connection.vendor != "postgresql", reason="races are tested on PostgreSQL"
                )
            )
