"""E-mail and calendar notices about interviews (issue 6 fills these in).

Callers use these after their transaction commits (`transaction.on_commit`).
"""


def interviews_notify(*, interview_ids: list[int], reason: str) -> None:
    """Tell the students and companies of these interviews that they were booked or changed.

    `reason` is one of "published", "booked", "moved", "cancelled".
    """
