"""The fair of a request, resolved once from its slug (pages and API alike).

Pages decorate their view with ``@fair_view`` (or ``@fair_view(public=False)`` for
organizer pages, which also show fairs that are not public yet) and read ``request.fair``.
API endpoints call ``request_fair(request, slug)``. Both raise ``Http404`` for an unknown
slug, and for a fair that is not public when only public fairs count: a page answers its
404 page, the API its ``{"code": "not_found", "detail": ...}`` body (fair/api_root.py).
Who may see a fair that is not public stays the caller's permission check, as before.
"""

from functools import wraps

from django.http import Http404, HttpRequest

from fair.models import Fair


def fair_find(*, slug: str, public: bool = True) -> Fair | None:
    """The fair with this slug (public ones only unless ``public=False``), or None."""
    filters = {"slug": slug, "is_public": True} if public else {"slug": slug}
    return Fair.objects.filter(**filters).first()


def request_fair(request: HttpRequest, slug: str, *, public: bool = True) -> Fair:
    """The fair with this slug, set on ``request.fair`` (one query per request), or 404.

    ``public=True`` finds public fairs only (what students, companies and visitors see);
    ``public=False`` finds any fair (organizer pages and endpoints, whose permission check
    decides who may see it).
    """
    found = getattr(request, "fair", None)
    if isinstance(found, Fair) and found.slug == slug and (found.is_public or not public):
        return found
    fair = fair_find(slug=slug, public=public)
    if fair is None:
        raise Http404("No fair matches the given query.")
    request.fair = fair
    return fair


def fair_view(view=None, *, public: bool = True):
    """Resolve the view's ``slug`` argument to ``request.fair`` before the view runs."""

    def decorate(func):
        @wraps(func)
        def wrapper(request: HttpRequest, *args, **kwargs):
            request_fair(request, kwargs["slug"], public=public)
            return func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate
