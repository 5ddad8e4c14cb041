import re

from fair import services
from fair.models import Company, Student, User


def student_form(**overrides):
    data = {
        "name": "Clara Østergaard",
        "email": "clara@example.org",
        "phone": "",
        "school": "",
        "school_class": "GF2-B",
        "programmes": ["elektriker"],
        "placement_status": "seeking",
        "referred_by": "school",
        "consent_profile": "on",
        "language": "da",
    }
    return {**data, **overrides}


def company_form(**overrides):
    data = {
        "name": "Rødovre VVS ApS",
        "cvr": "13585628",
        "contact_name": "Jonas Dahl",
        "contact_email": "jonas@vvs.example.org",
        "address": "Roskildevej 10",
        "postcode": "2610",
        "city": "Rødovre",
        "municipality": "",
        "phone": "",
        "website": "",
        "description": "",
        "language": "da",
        "offers-TOTAL_FORMS": "3",
        "offers-INITIAL_FORMS": "0",  # a new sign-up has no saved rows
        "offers-MIN_NUM_FORMS": "0",
        "offers-MAX_NUM_FORMS": "30",
        "offers-0-programme": "vvs-energiuddannelsen",
        "offers-0-approved": "on",
        "offers-0-placements": "2",
        "offers-1-programme": "",
        "offers-1-placements": "1",
        "offers-2-programme": "",
        "offers-2-placements": "1",
    }
    return {**data, **overrides}


def test_landing_page_shows_date_venue_exhibitors_and_programmes(client, fair, electrician):
    services.company_register(
        fair=fair,
        name="Ballerup El ApS",
        cvr="13585628",
        address="x",
        postcode="2750",
        city="Ballerup",
        contact_name="M",
        contact_email="m@example.org",
        offers=[services.Offer(programme=electrician)],
    )
    page = client.get(f"/fairs/{fair.slug}/").content.decode()
    assert fair.date.strftime("%d.%m.%Y") in page
    assert "TEC Ballerup" in page and "Ballerup El ApS" in page and "Elektriker" in page
    assert 'lang="da"' in page


def test_home_redirects_to_the_current_fair(client, fair):
    response = client.get("/")
    assert response.headers["Location"] == f"/fairs/{fair.slug}/"


def test_student_signup_creates_student_and_mails_login_link(client, fair, mailoutbox, committed):
    with committed():
        response = client.post(f"/fairs/{fair.slug}/students/signup/", student_form())
    assert response.status_code == 302
    student = Student.objects.get()
    assert (student.user.email, student.consent_profile) == ("clara@example.org", True)
    assert len(mailoutbox) == 1
    assert re.search(r"http://testserver/login/link/\S+/", mailoutbox[0].body)


def test_student_signup_shows_danish_errors_and_saves_nothing(client, fair):
    response = client.post(
        f"/fairs/{fair.slug}/students/signup/",
        student_form(email="clara(at)example", programmes=["astronaut"]),
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Indtast en gyldig e-mail-adresse." in page
    assert "Marker en gyldig valgmulighed. astronaut er ikke en af de tilgængelige" in page
    assert Student.objects.count() == 0 and User.objects.count() == 0


def test_student_signup_known_email_answers_like_a_new_one_and_mails_a_login_link(
    client, fair, mailoutbox, committed
):
    with committed():
        first = client.post(f"/fairs/{fair.slug}/students/signup/", student_form())
    with committed():
        again = client.post(
            f"/fairs/{fair.slug}/students/signup/", student_form(name="Someone Else")
        )
    assert (again.status_code, again.headers["Location"]) == (
        first.status_code,
        first.headers["Location"],
    )
    assert Student.objects.count() == 1
    assert Student.objects.get().user.name == "Clara Østergaard"  # not taken over
    assert ["clara@example.org" in m.to[0] for m in mailoutbox] == [True, True]
    assert "/login/link/" in mailoutbox[1].body


def test_student_signup_closed_after_deadline(client, closed_fair):
    response = client.get(f"/fairs/{closed_fair.slug}/students/signup/")
    assert response.status_code == 403
    assert "Tilmeldingen er lukket" in response.content.decode()
    response = client.post(f"/fairs/{closed_fair.slug}/students/signup/", student_form())
    assert response.status_code == 403 and Student.objects.count() == 0


def test_company_signup_accepts_cvr_written_with_dk_and_spaces(client, fair):
    response = client.post(
        f"/fairs/{fair.slug}/companies/signup/", company_form(cvr="DK 13 58 56 28")
    )
    assert response.status_code == 302
    assert Company.objects.get().cvr == "13585628"


def test_company_signup_creates_company(client, fair, mailoutbox, committed):
    with committed():
        response = client.post(f"/fairs/{fair.slug}/companies/signup/", company_form())
    assert response.status_code == 302
    company = Company.objects.get()
    assert [(o.programme.code, o.approved, o.placements) for o in company.offers.all()] == [
        ("vvs-energiuddannelsen", True, 2)
    ]
    assert mailoutbox[0].to == ["Jonas Dahl <jonas@vvs.example.org>"]


def test_company_signup_invalid_cvr_in_danish(client, fair):
    response = client.post(f"/fairs/{fair.slug}/companies/signup/", company_form(cvr="13585629"))
    assert response.status_code == 422
    assert "Dette er ikke et gyldigt CVR-nummer" in response.content.decode()
    assert Company.objects.count() == 0


def test_company_signup_without_programme_is_refused(client, fair):
    response = client.post(
        f"/fairs/{fair.slug}/companies/signup/", company_form(**{"offers-0-programme": ""})
    )
    assert "Vælg mindst én uddannelse." in response.content.decode()
    assert Company.objects.count() == 0


def test_company_signup_in_english_when_chosen(client, fair):
    client.cookies["praktikmesse_language"] = "en"
    response = client.post(f"/fairs/{fair.slug}/companies/signup/", company_form(cvr="1"))
    page = response.content.decode()
    assert 'lang="en"' in page and "A CVR number has 8 digits." in page


def test_login_link_logs_in_once(client, fair, mailoutbox, committed):
    with committed():
        client.post(f"/fairs/{fair.slug}/students/signup/", student_form())
    link = re.search(r"http://testserver(/login/link/\S+/)", mailoutbox[0].body).group(1)
    opened = client.get(link)
    assert opened.headers["Location"] == "/login/link/"  # the token leaves the address bar
    assert "Log ind som Clara Østergaard?" in client.get("/login/link/").content.decode()
    assert client.post("/login/link/").headers["Location"] == "/me/"
    assert "Clara Østergaard" in client.get("/me/").content.decode()
    client.post("/logout/")
    assert client.post(link).status_code == 400


def test_login_request_does_not_reveal_unknown_addresses(client, db, mailoutbox):
    response = client.post("/login/", {"email": "nobody@example.org"})
    assert response.status_code == 200 and mailoutbox == []
    assert "nobody@example.org" in response.content.decode()


def test_me_requires_login(client, db):
    assert client.get("/me/").headers["Location"].startswith("/login/")


def test_student_edits_own_profile(client, fair, electrician):
    student = services.student_register(
        fair=fair, name="A", email="a@example.org", programmes=[electrician], consent_profile=True
    )
    client.force_login(student.user)
    response = client.post(
        "/me/edit/",
        student_form(
            name="Anna", programmes=["murer", "smed"], consent_profile="", phone="21345678"
        ),
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert (student.user.name, student.consent_profile, student.phone) == (
        "Anna",
        False,
        "+4521345678",
    )
    assert sorted(p.code for p in student.programmes.all()) == ["murer", "smed"]


def test_company_edits_own_profile(client, fair):
    client.post(f"/fairs/{fair.slug}/companies/signup/", company_form())
    company = Company.objects.get()
    client.force_login(company.users.get())
    data = company_form(
        city="Glostrup",
        **{"offers-INITIAL_FORMS": "1", "offers-1-programme": "smed", "offers-1-placements": "4"},
    )
    data = {k: v for k, v in data.items() if k not in ("cvr", "contact_name", "contact_email")}
    assert client.post("/me/edit/", data).status_code == 302
    company.refresh_from_db()
    assert company.city == "Glostrup"
    assert sorted((o.programme.code, o.placements) for o in company.offers.all()) == [
        ("smed", 4),
        ("vvs-energiuddannelsen", 2),
    ]


def test_me_shows_only_own_data(client, fair, electrician):
    a = services.student_register(
        fair=fair,
        name="Anna A",
        email="a@example.org",
        programmes=[electrician],
        consent_profile=True,
    )
    services.student_register(
        fair=fair,
        name="Bo B",
        email="b@example.org",
        programmes=[electrician],
        consent_profile=True,
    )
    client.force_login(a.user)
    page = client.get("/me/").content.decode()
    assert "a@example.org" in page and "b@example.org" not in page and "Bo B" not in page


def test_language_switch_to_english(client, fair):
    response = client.post("/i18n/setlang/", {"language": "en", "next": f"/fairs/{fair.slug}/"})
    assert response.status_code == 302
    assert "Sign up as a student" in client.get(f"/fairs/{fair.slug}/").content.decode()


def test_browser_language_does_not_override_danish_default(client, fair):
    page = client.get(f"/fairs/{fair.slug}/", headers={"Accept-Language": "en-US"})
    assert 'lang="da"' in page.content.decode()
