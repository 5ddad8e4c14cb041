"""One-click answer links: signed (django.core.signing), expiring, bound to person and meeting.

The token holds the user, the student, the company and the answer. Opening the link only shows
a confirm page; the answer is recorded by the page's POST.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from fair.models import Company, Student, User
from fair.site import site_url
from outcomes.enums import OutcomeKind, ReporterRole

SALT = "outcomes.answer"


def link_max_age() -> int:
    """Seconds an answer link works (FAIR_OUTCOME_LINK_DAYS, default 60 days)."""
    return int(getattr(settings, "FAIR_OUTCOME_LINK_DAYS", 60)) * 24 * 3600


def answer_token_make(*, user: User, student: Student, company: Company, kind: str) -> str:
    return signing.dumps(
        {"u": user.pk, "s": student.pk, "c": company.pk, "k": kind}, salt=SALT, compress=True
    )


def answer_url(*, user: User, student: Student, company: Company, kind: str) -> str:
    token = answer_token_make(user=user, student=student, company=company, kind=kind)
    base = site_url()
    return base + reverse("outcomes:answer", kwargs={"token": token})


@dataclass(frozen=True)
class Answer:
    user: User
    student: Student
    company: Company
    kind: str
    role: str


def answer_from_token(*, token: str) -> Answer | None:
    """What a link says, or None when it is expired, altered or no longer fits the person."""
    try:
        data = signing.loads(token[:2000], salt=SALT, max_age=link_max_age())
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    if not isinstance(data, dict) or data.get("k") not in OutcomeKind.values:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    student = Student.objects.select_related("user", "fair").filter(pk=data.get("s")).first()
    company = Company.objects.filter(pk=data.get("c")).first()
    if user is None or student is None or company is None:
        return None
    if student.fair_id != company.fair_id:
        return None
    if student.user_id == user.pk:
        role = ReporterRole.STUDENT
    elif company.users.filter(pk=user.pk).exists():
        role = ReporterRole.COMPANY
    else:  # the person was removed from the company since
        return None
    return Answer(user=user, student=student, company=company, kind=data["k"], role=role)
