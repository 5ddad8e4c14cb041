"""The dashboard across years: exact numbers for organizers, "<5" for partners, 403 for others."""

import csv
import io
import re
from datetime import date, time

import openpyxl
import pytest
from django.apps import apps

from booking.enums import InterviewStatus
from booking.models import Interview
from fair.models import Fair, Municipality, Programme, Student, User
from partners.models import Partner, PartnerStaff
from tests.booking.test_interviews import company_make, slots_make
from tests.conftest import fair_make


def old_fair(year: int) -> Fair:
    fair = fair_make(f"messe{year}", open_=False)
    Fair.objects.filter(pk=fair.pk).update(date=date(year, 11, 20))
    fair.refresh_from_db()
    return fair


def students(fair, n, programmes, *, status="seeking", municipality=None, start=0):
    made = []
    for k in range(start, start + n):
        user = User.objects.create_user(email=f"e{fair.pk}-{k}@example.org", name=f"Elev {k}")
        s = Student.objects.create(
            fair=fair, user=user, placement_status=status, municipality=municipality
        )
        s.programmes.set(programmes)
        made.append(s)
    return made


def offer(fair, name, programme, placements, *, approved):
    company = company_make(fair, name, stand=None)
    company.offers.create(programme=programme, placements=placements, approved=approved)
    return company


@pytest.fixture
def organizer(db):
    return User.objects.create_superuser(email="org@example.org", name="Org", password="x")


@pytest.fixture
def partner_user(db):
    user = User.objects.create_user(email="uu@example.org", name="UU", role="partner")
    partner = Partner.objects.create(name="UU Vestegn", kind="youth_guidance")
    PartnerStaff.objects.create(user=user, partner=partner)
    return user


@pytest.fixture
def two_years(db):
    """2025: 3 seeking electricians; 2026 (the fixture fair): 7 seeking, 1 with a placement."""
    electrician = Programme.objects.get(code="elektriker")
    ballerup = Municipality.objects.get(name="Ballerup")
    past = old_fair(2025)
    students(past, 3, [electrician], municipality=ballerup)
    offer(past, "Gammel El", electrician, 6, approved=True)
    now = fair_make("messe2026", days_ahead=0)
    Fair.objects.filter(pk=now.pk).update(date=date(2026, 11, 19), opens_at=time(9))
    now.refresh_from_db()
    seekers = students(now, 7, [electrician], municipality=ballerup)
    students(now, 1, [electrician], status="has_placement", start=100)
    offer(now, "Ny El", electrician, 12, approved=True)
    offer(now, "Ikke godkendt El", electrician, 40, approved=False)  # not supply
    company = offer(now, "Held El", electrician, 0, approved=False)
    Interview.objects.create(
        fair=now,
        slot=slots_make(now)[0],
        student=seekers[0],
        company=company,
        table=1,
        status=InterviewStatus.HELD,
    )
    return past, now


def table(page: str, key: str) -> list[list[str]]:
    html = page.split(f'id="table-{key}"')[1].split("</table>")[0]
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
    ]


def test_trends_organizer_sees_exact_numbers_per_fair(client, organizer, two_years):
    client.force_login(organizer)
    page = client.get("/organizer/trends/").content.decode()
    rows = table(page, "fairs")
    assert rows[0][:6] == [
        "Messe",
        "Elever tilmeldt",
        "Søger læreplads",
        "Godkendte virksomheder",
        "Pladser udbudt af godkendte virksomheder",
        "Gennemførte samtaler",
    ]
    assert [r[:6] for r in rows[1:]] == [
        ["2025", "3", "3", "1", "6", "0"],
        ["2026", "8", "7", "1", "12", "1"],
    ]
    assert 'role="img"' in page and "<title" in page
    assert 'id="suppression-note"' not in page


def test_trends_partner_sees_small_numbers_suppressed(client, partner_user, two_years):
    client.force_login(partner_user)
    page = client.get("/organizer/trends/").content.decode()
    rows = table(page, "fairs")
    assert [r[:6] for r in rows[1:]] == [
        ["2025", "&lt;5", "&lt;5", "&lt;5", "6", "0"],
        ["2026", "8", "7", "&lt;5", "12", "&lt;5"],
    ]
    assert 'id="suppression-note"' in page
    municipalities = table(page, "municipalities")
    assert municipalities[1] == ["Ballerup", "&lt;5", "7"]


@pytest.mark.parametrize("role", ["student", "company", "door"])
def test_trends_forbidden_for_other_roles(client, db, role):
    user = User.objects.create_user(email=f"{role}@example.org", name=role, role=role)
    client.force_login(user)
    assert client.get("/organizer/trends/").status_code == 403
    assert client.get("/organizer/trends/fairs.csv").status_code == 403


def test_trends_anonymous_goes_to_staff_login(client, db):
    response = client.get("/organizer/trends/fairs.xlsx")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/staff/?next=")


def test_trends_partner_of_an_inactive_partner_is_forbidden(client, partner_user):
    Partner.objects.update(is_active=False)
    client.force_login(partner_user)
    assert client.get("/organizer/trends/").status_code == 403


def test_trends_trade_group_counts_a_student_with_two_programmes_once(client, organizer, db):
    electrician = Programme.objects.get(code="elektriker")
    painter = Programme.objects.get(code="bygningsmaler")
    assert electrician.main_area == painter.main_area
    fair = old_fair(2026)
    students(fair, 2, [electrician, painter])
    client.force_login(organizer)
    rows = table(client.get("/organizer/trends/").content.decode(), "trades")
    tech = next(r for r in rows if r[0] == "Teknologi, byggeri og transport")
    assert tech == ["Teknologi, byggeri og transport", "2", "0"]


def test_trends_csv_export_has_danish_headers_and_the_readers_numbers(
    client, organizer, partner_user, two_years
):
    client.force_login(organizer)
    response = client.get("/organizer/trends/fairs.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="praktikmesse-fairs-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Messe", "Elever tilmeldt", "Søger læreplads"]
    assert [r[:6] for r in rows[1:]] == [
        ["2025", "3", "3", "1", "6", "0"],
        ["2026", "8", "7", "1", "12", "1"],
    ]
    client.force_login(partner_user)
    response = client.get("/organizer/trends/fairs.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[:3] for r in rows[1:]] == [["2025", "<5", "<5"], ["2026", "8", "7"]]


def test_trends_xlsx_export_reads_back_with_numbers(client, organizer, two_years):
    client.force_login(organizer)
    response = client.get("/organizer/trends/municipalities.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["Kommune", "2025", "2026"],
        ["Ballerup", 3, 7],
    ]


def test_trends_export_of_an_unknown_table_is_404(client, organizer, db):
    client.force_login(organizer)
    assert client.get("/organizer/trends/nothing.csv").status_code == 404
    assert client.get("/organizer/trends/fairs.pdf").status_code == 404


@pytest.mark.skipif(not apps.is_installed("outcomes"), reason="the outcomes app is not installed")
def test_trends_counts_students_with_outcomes_once_per_fair(client, organizer, two_years):
    from outcomes.models import Outcome

    _past, now = two_years
    interview = Interview.objects.get()
    for kind in ("trial_days", "trial_days", "training_agreement"):
        Outcome.objects.create(
            fair=now,
            student=interview.student,
            company=interview.company,
            interview=interview,
            kind=kind,
            reporter_role="organizer",
            source="page",
        )
    client.force_login(organizer)
    rows = table(client.get("/organizer/trends/").content.decode(), "fairs")
    assert rows[0][6:] == ["Elever med snusedage", "Elever med uddannelsesaftale"]
    assert [r[6:] for r in rows[1:]] == [["0", "0"], ["1", "1"]]
