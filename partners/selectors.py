"""Reads of the mapping register, each shaped by who asks (partners see their own people)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from fair.rules import mapping_visible_to
from partners.models import Contribution, MappedStudent, NotDuplicate, Partner


def register_list_for(*, user, query: str = "") -> QuerySet:
    """The list page: visible people, newest first, with what the rows show."""
    qs = mapping_visible_to(user=user)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(email__icontains=query.lower()))
    return (
        qs.select_related("municipality", "school")
        .prefetch_related("programmes")
        .order_by("-created_at", "-pk")
    )


def register_person_for(*, user, pk: int) -> MappedStudent:
    """One visible person with their history and contributions; 404 for anyone else's."""
    contributions = Contribution.objects.select_related("partner", "fair", "added_by")
    person = (
        mapping_visible_to(user=user)
        .filter(pk=pk)
        .select_related("municipality", "school", "student__fair")
        .prefetch_related(
            "programmes",
            "status_changes__partner",
            Prefetch("contributions", queryset=contributions),
        )
        .first()
    )
    if person is None:
        raise Http404
    return person


def partner_summary(*, partner: Partner) -> dict:
    """How many students a partner has reported, and how many others reported too."""
    mine = MappedStudent.objects.filter(contributions__partner=partner)
    return mine.aggregate(
        total=Count("pk", distinct=True),
        shared=Count(
            "pk",
            distinct=True,
            filter=Q(pk__in=Contribution.objects.exclude(partner=partner).values("person")),
        ),
    )


def possible_duplicates() -> list[tuple[MappedStudent, MappedStudent]]:
    """Pairs of people with the same name and birth date that organizers have not settled."""
    keys = (
        MappedStudent.objects.filter(birth_date__isnull=False)
        .values("name_key", "birth_date")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by()
    )
    match = Q(pk__in=[])
    for key in keys[:200]:
        match |= Q(name_key=key["name_key"], birth_date=key["birth_date"])
    people = list(
        MappedStudent.objects.filter(match)
        .select_related("municipality", "school")
        .prefetch_related("programmes", "contributions__partner")
        .order_by("name_key", "birth_date", "pk")
    )
    settled = set(NotDuplicate.objects.values_list("first_id", "second_id"))
    pairs = []
    for i, first in enumerate(people):
        for second in people[i + 1 :]:
            same = (first.name_key, first.birth_date) == (second.name_key, second.birth_date)
            if same and (first.pk, second.pk) not in settled:
                pairs.append((first, second))
    return pairs
