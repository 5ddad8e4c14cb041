"""The rules of fair/rules.py for templates: `{% load rules_tags %}{% if user|is_organizer %}`.

Templates show a link only to those the page behind it lets in; they ask the same rules.
"""

from django import template

from fair import rules

register = template.Library()


@register.filter
def is_organizer(user) -> bool:
    """`fair.rules.is_organizer`."""
    return rules.is_organizer(user)


@register.filter
def is_partner_staff(user) -> bool:
    """`fair.rules.is_partner_staff`."""
    return rules.is_partner_staff(user)
