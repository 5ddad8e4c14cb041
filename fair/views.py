"""Public pages, registration, log-in and each person's own profile."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fair import account_services, selectors, services, throttle
from fair.enums import Role
from fair.exceptions import FairError
from fair.form_errors import form_error_show, form_status
from fair.forms import (
    CompanyProfileForm,
    CompanySignupForm,
    LoginForm,
    OfferFormSet,
    StudentProfileForm,
    StudentSignupForm,
)
from fair.models import Programme
from fair.phases import company_registration_open, student_registration_open
from fair.resolve import fair_view
from fair.signup import signup_run


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _offers_from_codes(rows) -> list[services.Offer]:
    by_code = Programme.objects.in_bulk([code for code, _a, _p in rows], field_name="code")
    return [
        services.Offer(programme=by_code[code], approved=approved, placements=placements)
        for code, approved, placements in rows
        if code in by_code
    ]


def home(request: HttpRequest) -> HttpResponse:
    fair = selectors.fair_current()
    if fair is not None:
        return redirect("fair:fair-detail", slug=fair.slug)
    return render(request, "fair/no_fair.html")


@fair_view
def fair_detail(request: HttpRequest, slug: str) -> HttpResponse:
    fair = request.fair
    return render(
        request,
        "fair/fair_detail.html",
        {
            "fair": fair,
            "exhibitors": selectors.exhibitor_list(fair=fair),
            "programmes": selectors.fair_programme_list(fair=fair),
            "student_open": student_registration_open(fair),
            "company_open": company_registration_open(fair),
        },
    )


@require_http_methods(["GET", "POST"])
@fair_view
def student_signup(request: HttpRequest, slug: str) -> HttpResponse:
    fair = request.fair
    if not student_registration_open(fair):
        return render(request, "fair/signup_closed.html", {"fair": fair}, status=403)
    form = StudentSignupForm(
        request.POST or None, initial={"language": request.LANGUAGE_CODE, "referred_by": "school"}
    )
    limited = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            throttle.signup_check(request=request)
            signup_run(
                register=services.student_register,
                email_field="email",
                base_url=_base_url(request),
                fair=fair,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                school=data["school"],
                school_class=data["school_class"],
                municipality=data["municipality"],
                programmes=data["programmes"],
                placement_status=data["placement_status"],
                referred_by=data["referred_by"],
                consent_profile=data["consent_profile"],
                language=data["language"],
                acting=request.user,
            )
        except FairError as exc:
            form_error_show(form, exc)
            limited = exc.status == 429
        else:
            # A known address lands here too (it gets a log-in link): nothing tells them apart.
            return redirect("fair:signup-done", slug=fair.slug)
    status = 429 if limited else form_status(form)
    return render(request, "fair/student_signup.html", {"fair": fair, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
@fair_view
def company_signup(request: HttpRequest, slug: str) -> HttpResponse:
    fair = request.fair
    if not company_registration_open(fair):
        return render(request, "fair/signup_closed.html", {"fair": fair}, status=403)
    # A personal invitation link (outreach) leaves what it knows here to fill in the form.
    prefill = request.session.get("company_signup_prefill") or {}
    known = prefill.get("fields", {}) if prefill.get("fair") == fair.slug else {}
    form = CompanySignupForm(
        request.POST or None, initial={"language": request.LANGUAGE_CODE, **known}
    )
    offers = OfferFormSet(request.POST or None, prefix="offers")
    limited = False
    if request.method == "POST" and form.is_valid() and offers.is_valid():
        data = form.cleaned_data
        try:
            throttle.signup_check(request=request)
            signup_run(
                register=services.company_register,
                email_field="contact_email",
                base_url=_base_url(request),
                fair=fair,
                offers=_offers_from_codes(offers.offers()),
                acting=request.user,
                **data,
            )
        except FairError as exc:
            form_error_show(form, exc)
            limited = exc.status == 429
        else:
            # A known address lands here too (it gets a log-in link): nothing tells them apart.
            return redirect("fair:signup-done", slug=fair.slug)
    return render(
        request,
        "fair/company_signup.html",
        {"fair": fair, "form": form, "offers": offers},
        status=429 if limited else form_status(form, offers),
    )


@fair_view
def signup_done(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "fair/signup_done.html", {"fair": request.fair})


@require_http_methods(["GET", "POST"])
def login_request(request: HttpRequest) -> HttpResponse:
    """Ask for a log-in link; the answer is the same whether the address is known or not."""
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        # Past the limits the page answers the same, but nothing is sent.
        if throttle.login_mail_allowed(email=email, ip=throttle.client_ip(request)):
            account_services.login_link_send(email=email, base_url=_base_url(request))
        return render(request, "fair/login_sent.html", {"email": email})
    return render(request, "fair/login.html", {"form": form}, status=form_status(form))


LOGIN_TOKEN_KEY = "fair.login_link_token"


@require_http_methods(["GET", "POST"])
def login_link(request: HttpRequest, token: str) -> HttpResponse:
    """Open a log-in link: the token moves into the session and the browser goes on to a
    clean address, so the token stays out of history, Referer headers and later log lines."""
    if request.method == "POST":  # a confirmation page opened before this change
        return _login_link_answer(request, token)
    request.session[LOGIN_TOKEN_KEY] = token
    return redirect("fair:login-link-open")


@require_http_methods(["GET", "POST"])
def login_link_open(request: HttpRequest) -> HttpResponse:
    """Confirm the log-in of the link just opened. GET asks for a click so that mail
    scanners do not use it up; POST exchanges the token for a session."""
    return _login_link_answer(request, request.session.get(LOGIN_TOKEN_KEY, ""))


def _login_link_answer(request: HttpRequest, token: str) -> HttpResponse:
    user = account_services.login_token_user(token=token, max_age=settings.FAIR_MAGIC_LINK_MAX_AGE)
    if user is None:
        return render(request, "fair/login_link_invalid.html", status=400)
    if request.method == "POST":
        request.session.pop(LOGIN_TOKEN_KEY, None)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("You are logged in."))
        response = redirect("fair:me")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
        return response
    return render(request, "fair/login_link.html", {"person": user})


@login_required
def me(request: HttpRequest) -> HttpResponse:
    """The person's own page: their profile (students and companies)."""
    user = request.user
    student = selectors.student_for(user=user)
    company = selectors.company_for(user=user)
    if student is None and company is None and user.role == "partner":
        return redirect("partners:home")  # partner staff land on the mapping
    if student is None and company is None and user.role == Role.DOOR:
        return redirect("badges:door-home")  # door staff land on their fair's door page
    if student is None and company is None and user.is_staff:
        return redirect("dashboard:home")
    history = selectors.student_history_for(user=user) if student is not None else []
    return render(
        request, "fair/me.html", {"student": student, "company": company, "history": history}
    )


@login_required
@require_http_methods(["GET", "POST"])
def me_edit(request: HttpRequest) -> HttpResponse:
    student = selectors.student_for(user=request.user)
    if student is not None:
        return _student_edit(request, student)
    company = selectors.company_for(user=request.user)
    if company is not None:
        return _company_edit(request, company)
    raise PermissionDenied


def _student_edit(request, student) -> HttpResponse:
    initial = {
        "name": student.user.name,
        "phone": student.phone,
        "school": student.school,
        "school_class": student.school_class,
        "municipality": student.municipality,
        "programmes": [p.code for p in student.programmes.all()],
        "placement_status": student.placement_status,
        "referred_by": student.referred_by,
        "consent_profile": student.consent_profile,
        "language": student.user.language,
    }
    form = StudentProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.student_update(student=student, **form.cleaned_data)
        except FairError as exc:
            form_error_show(form, exc)
        else:
            return _saved(request, form.cleaned_data["language"])
    return render(
        request, "fair/me_edit.html", {"form": form, "student": student}, status=form_status(form)
    )


def _company_edit(request, company) -> HttpResponse:
    fields = ["name", "address", "postcode", "city", "municipality", "phone", "website"]
    initial = {name: getattr(company, name) for name in fields + ["description"]}
    form = CompanyProfileForm(request.POST or None, initial=initial)
    offer_initial = [
        {"programme": o.programme.code, "approved": o.approved, "placements": o.placements}
        for o in company.offers.all()
    ]
    offers = OfferFormSet(request.POST or None, prefix="offers", initial=offer_initial)
    if request.method == "POST" and form.is_valid() and offers.is_valid():
        try:
            services.company_update(
                company=company,
                offers=_offers_from_codes(offers.offers()),
                acting=request.user,
                **form.cleaned_data,
            )
        except FairError as exc:
            form_error_show(form, exc)
        else:
            return _saved(request, None)
    return render(
        request,
        "fair/me_edit.html",
        {"form": form, "offers": offers, "company": company},
        status=form_status(form, offers),
    )


def _saved(request, language: str | None) -> HttpResponse:
    messages.success(request, _("Your changes are saved."))
    response = redirect("fair:me")
    if language:
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response
