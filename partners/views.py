"""Pages of the mapping register for partner staff and organizers."""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fair.exceptions import FairError
from fair.form_errors import form_error_show, form_status
from fair.rules import is_organizer, may_read_register, partner_of, sees_exact_counts, staff_page
from partners import counting, selectors, services
from partners.csv_import import MAX_BYTES, ImportRefused, register_import, too_big
from partners.forms import CountsForm, EntryForm, ImportForm, StatusForm
from partners.models import MappedStudent


@staff_page(may_read_register)
def home(request: HttpRequest) -> HttpResponse:
    """The start page: the mapping's counts (suppressed below five for partners) and links."""
    form = CountsForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    group_by = (data.get("group_by") or "trade,municipality").split(",")
    month = date.fromisoformat(data["month"] + "-01") if data.get("month") else None
    exact = sees_exact_counts(request.user)
    table = counting.register_counts(group_by=group_by, month=month, partner=data.get("partner"))
    partner = partner_of(request.user)
    views, total = table.views(exact=exact)
    context = {
        "form": form,
        "table": table,
        "rows": [(row.labels, view) for row, view in zip(table.rows, views, strict=True)],
        "total": total,
        "exact": exact,
        "partner": partner,
        "summary": selectors.partner_summary(partner=partner) if partner else None,
        "rule": counting.RULE,
        "suppression_rule": counting.SUPPRESSION_RULE,
    }
    return render(request, "partners/home.html", context)


@staff_page(may_read_register)
def register_list(request: HttpRequest) -> HttpResponse:
    """The students whose details the user may see (a partner: the ones it reported)."""
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.register_list_for(user=request.user, query=query), 50)
    people = page.get_page(request.GET.get("page"))
    return render(request, "partners/list.html", {"people": people, "query": query})


@staff_page(may_read_register)
@require_http_methods(["GET", "POST"])
def entry_add(request: HttpRequest) -> HttpResponse:
    """Add one student by hand; a known e-mail adds to the student already there."""
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person, created = services.register_entry_add(
                entry=services.EntryIn(**form.cleaned_data),
                partner=partner_of(request.user),
                user=request.user,
            )
        except FairError as exc:
            form_error_show(form, exc)
        else:
            if created:
                messages.success(request, _("The student is in the register."))
            else:
                messages.success(
                    request,
                    _("The student was already in the register; your details were added."),
                )
            return redirect("partners:detail", pk=person.pk)
    status = form_status(form)
    return render(request, "partners/add.html", {"form": form}, status=status)


@staff_page(may_read_register)
@require_http_methods(["GET", "POST"])
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One student: details, the partners that reported them, the status history."""
    person = selectors.register_person_for(user=request.user, pk=pk)
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_status_change(
                person=person,
                status=form.cleaned_data["status"],
                effective=form.cleaned_data["effective"],
                user=request.user,
                partner=partner_of(request.user),
            )
        except FairError as exc:
            form_error_show(form, exc)
        else:
            messages.success(request, _("The status is saved."))
            return redirect("partners:detail", pk=person.pk)
    status = form_status(form)
    return render(request, "partners/detail.html", {"person": person, "form": form}, status=status)


@staff_page(may_read_register)
@require_http_methods(["GET", "POST"])
def register_import_page(request: HttpRequest) -> HttpResponse:
    """CSV import: partner staff as their own partner, organizers on behalf of a partner
    they choose. Every line or none, problems listed by line."""
    partner = partner_of(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, choose_partner=partner is None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        partner = partner or form.cleaned_data["partner"]
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_BYTES:
                raise too_big(upload.size)
            result = register_import(data=upload.read(), partner=partner, user=request.user)
        except ImportRefused as exc:
            problems = exc.errors
        else:
            messages.success(
                request,
                _("Imported: %(created)d new students, %(merged)d already in the register.")
                % {"created": result.created, "merged": result.merged},
            )
            return redirect("partners:list")
    status = 422 if problems else form_status(form)
    context = {"form": form, "problems": problems, "partner": partner}
    return render(request, "partners/import.html", context, status=status)


@staff_page(is_organizer)
def duplicates(request: HttpRequest) -> HttpResponse:
    """Organizers: people with the same name and birth date, to merge or keep apart."""
    return render(request, "partners/duplicates.html", {"pairs": selectors.possible_duplicates()})


@staff_page(is_organizer)
@require_POST
def duplicate_settle(request: HttpRequest) -> HttpResponse:
    """Merge the second into the first, or record that they are different people."""
    ids = [request.POST.get(name, "") for name in ("first", "second")]
    if not all(i.isdigit() for i in ids):
        raise Http404
    first = get_object_or_404(MappedStudent, pk=ids[0])
    second = get_object_or_404(MappedStudent, pk=ids[1])
    if request.POST.get("action") == "merge":
        try:
            services.register_merge(keep=first, other=second)
        except FairError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Merged: the two are now one student."))
    else:
        services.register_not_duplicate(first=first, second=second)
        messages.success(request, _("Kept apart: they will not be shown as duplicates again."))
    return redirect("partners:duplicates")
