"""Name search that folds case the same way on SQLite and PostgreSQL.

SQLite's LIKE (Django's `icontains` there) folds only ASCII letters, so "ærø" would not find
"Ærø". The door and the badge desk search the people of one fair, a few thousand names at
most, so they compare in Python instead: one query for the (id, name) pairs of the fair's
people, then the rows by id.
"""

import unicodedata

from django.db.models import QuerySet


def name_fold(text: str) -> str:
    """Text for comparing names: NFC (so a composed and a decomposed "å" are equal), casefold
    (so "Æ" == "æ" and "ß" == "ss"), and runs of white space as one space."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def user_ids_named(users: QuerySet, q: str) -> set[int]:
    """Ids of these users whose name contains `q`, both case-folded (one query)."""
    needle = name_fold(q)
    return {pk for pk, name in users.values_list("pk", "name") if needle in name_fold(name)}
