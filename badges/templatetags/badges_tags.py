"""Template tags of badges for other apps' pages (the person's own page)."""

from django import template

from badges.models import StandConversation

register = template.Library()


@register.inclusion_tag("badges/me_conversations.html")
def stand_conversations_of(student):
    """The companies that scanned this student's badge at their stand (shown to the student)."""
    if student is None:
        return {"conversations": []}
    rows = StandConversation.objects.filter(student=student).select_related("company")
    return {"conversations": list(rows.order_by("created_at"))}
