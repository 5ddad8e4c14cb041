"""The one way a page shows a refused action on its form, and the status it answers with.

Services raise `FairError` (or `InvalidInput` with errors per field); a view catches it and
calls `form_error_show`, then renders with `form_status(...)`: 422 when a form shows errors,
so browsers, tests and assistive tools all see that the post did not go through.
"""

from django import forms

from fair.exceptions import FairError, InvalidInput


def form_error_show(form: forms.BaseForm, exc: FairError) -> None:
    """Put a domain error on the field it concerns, or on the whole form."""
    if isinstance(exc, InvalidInput):
        for name, problems in exc.errors.items():
            for problem in problems:
                form.add_error(name if name in form.fields else None, problem)
        return
    form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))


def form_status(*forms_shown: forms.BaseForm | None) -> int:
    """422 when any of the page's forms shows errors (bound and invalid, or refused), else 200."""
    return 422 if any(form is not None and form.errors for form in forms_shown) else 200
