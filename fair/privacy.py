"""Hooks through which each app adds a person's data to the export (fair imports no app).

An app registers `@exporter("name")` functions in its `privacy` module, loaded by its
AppConfig.ready(); `fair.selectors.person_export` calls them all.
"""

from collections.abc import Callable

EXPORTERS: dict[str, Callable] = {}


def exporter(name: str):
    """Register a function user -> plain data under `name` in the person's export."""

    def register(function: Callable) -> Callable:
        EXPORTERS[name] = function
        return function

    return register


ERASERS: dict[str, Callable] = {}


def eraser(name: str):
    """Register a function user -> None that deletes what an app holds about the person
    beyond the cascade of the user row; `fair.account_services.person_delete` calls them all."""

    def register(function: Callable) -> Callable:
        ERASERS[name] = function
        return function

    return register
