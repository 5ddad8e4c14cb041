"""The mapping register in a real Chromium at 320 px, in Danish: a partner logs in, adds a
student, imports a file with a bad line, sees counts; an organizer merges duplicates."""

from datetime import date

import pytest

from fair.models import User
from partners.models import MappedStudent, Partner
from tests.partners.conftest import add, staff_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NARROW = {"width": 320, "height": 640}


def test_partner_adds_imports_and_reads_counts_at_320_px(phone, tmp_path):
    partner = Partner.objects.create(name="Jobcenter Ballerup", kind="jobcenter")
    staff_make(partner, "jc@example.dk")
    phone.page.set_viewport_size(NARROW)
    page = phone.goto("/login/staff/")
    page.fill("#id_username", "jc@example.dk")
    page.fill("#id_password", "pw-partner")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/partners/")
    phone.check()
    assert "Du arbejder for Jobcenter Ballerup." in page.inner_text("main")
    assert "Hver elev tælles én gang pr. række" in page.inner_text("#rule")

    page = phone.goto("/partners/students/add/")
    page.fill("#id_name", "Sara Hansen")
    page.fill("#id_email", "sara@example.dk")
    page.click("summary >> text=Teknologi, byggeri og transport")
    page.check("input[value=elektriker]")
    page.fill("#id_seeking_since", "2026-09-01")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/partners/students/*/")
    phone.check()
    assert page.inner_text("#status").startswith("Søger læreplads")

    bad = tmp_path / "elever.csv"
    bad.write_text("navn;uddannelse;søger_siden\nBo;smed;01.08.2026\n=1+1;smed;01.08.2026\n")
    page = phone.goto("/partners/import/")
    page.set_input_files("#id_file", str(bad))
    page.click("main form button[type=submit]")
    page.wait_for_selector("#problems")
    phone.check()
    assert "Linje 3" in page.inner_text("#problems")
    assert MappedStudent.objects.count() == 1  # nothing of the file

    page = phone.goto("/partners/students/")
    assert "Sara Hansen" in page.inner_text("#people")
    page = phone.goto("/partners/?group_by=trade")
    assert page.inner_text("#total-lacking") == "<5"


def test_organizer_merges_a_possible_duplicate_and_reads_the_overview_at_320_px(phone, fair):
    jobcenter = Partner.objects.create(name="Jobcenter Ballerup", kind="jobcenter")
    guidance = Partner.objects.create(name="UU Vestegnen", kind="youth_guidance")
    a = add(jobcenter, "Ida Holm", birth_date=date(2008, 1, 2))
    add(guidance, "ida holm", birth_date=date(2008, 1, 2))
    organizer = User.objects.create_superuser(email="org@example.dk", name="Org", password="x")
    phone.page.set_viewport_size(NARROW)
    phone.log_in(organizer)
    page = phone.goto("/partners/duplicates/")
    page.click("button[value=merge]")
    page.wait_for_selector("#no-duplicates")
    phone.check()
    assert list(MappedStudent.objects.values_list("pk", flat=True)) == [a.pk]
    page = phone.goto(f"/partners/students/{a.pk}/")
    assert "UU Vestegnen" in page.inner_text("main")
    page = phone.goto("/partners/")
    assert page.inner_text("#total-lacking") == "1"
    page = phone.goto(f"/organizer/fairs/{fair.slug}/")
    assert "Sådan tælles der" in page.inner_text("#trades-rule")
