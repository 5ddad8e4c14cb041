"""Floor-plan CSV: files over 2,000,000 bytes, bad stand codes, absurd sizes, NUL and huge
cells are refused whole (nothing imported); old bad codes never break the public plan; the
CSV export never hands a spreadsheet a live formula."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from booking.models import Stand
from booking.stands import csv_import, services
from booking.stands.floorplan import MAX_CSV_BYTES
from fair.models import Company
from tests.booking.stands_helpers import HEADER, company_make, stands_make


@pytest.fixture
def organizer(django_user_model):
    return django_user_model.objects.create_user(
        email="org@example.org", name="Org", is_staff=True, role="organizer"
    )


def upload(data: bytes, name: str = "stande.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def import_errors(client, fair, data: bytes) -> tuple[int, list[str]]:
    response = client.post(f"/organizer/fairs/{fair.slug}/stands/import/", {"file": upload(data)})
    errors = re.findall(
        r'<p class="error" id="id_file_error"><strong>Fejl:</strong> ([^<]+)</p>',
        response.content.decode(),
    )
    return response.status_code, errors


def big_plan(rows: int) -> bytes:
    note = "Hjørnestand ved indgangen, tæt på caféen og garderoben. " * 3
    lines = [
        f"S{i:05d},Hal {i % 7},{i % 100 * 4},{i // 100 * 3},3,2,6,ja,2400,{note[:150]}"
        for i in range(1, rows + 1)
    ]
    return (HEADER + "\n".join(lines) + "\n").encode()


def test_upload_over_two_million_bytes_is_refused_whole(fair, client, organizer):
    data = big_plan(14_000)
    assert len(data) > MAX_CSV_BYTES
    client.force_login(organizer)

    status, errors = import_errors(client, fair, data)

    assert (status, errors) == (
        422,
        [
            "Filen er større end 2.000.000 byte (2 MB). Del den op i mindre filer. "
            "Intet blev importeret."
        ],
    )
    assert Stand.objects.count() == 0


def test_upload_just_under_the_limit_imports_every_line(fair, client, organizer):
    data = big_plan(2_000)
    assert len(data) < MAX_CSV_BYTES
    client.force_login(organizer)
    response = client.post(
        f"/organizer/fairs/{fair.slug}/stands/import/", {"file": upload(data)}, follow=True
    )
    assert "2000 stande importeret." in response.content.decode()
    assert Stand.objects.count() == 2_000


def test_service_refuses_text_over_the_limit_too(fair):
    with pytest.raises(Exception) as exc:
        csv_import.stands_import(fair=fair, text=big_plan(14_000).decode())
    assert exc.value.errors == {
        "file": [
            "Filen er større end 2.000.000 byte (2 MB). Del den op i mindre filer. "
            "Intet blev importeret."
        ]
    }
    assert Stand.objects.count() == 0


CODE_PROBLEM = (
    "Standkoden skal være 1 til 10 bogstaver, cifre, “-” eller “.” og begynde med et bogstav "
    "eller ciffer (f.eks. A12 eller B-3)."
)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("A/1,A,0,0,3,2,6,ja,0,", f"Linje 3: {CODE_PROBLEM} Intet blev importeret."),
        ("A?1,A,0,0,3,2,6,ja,0,", f"Linje 3: {CODE_PROBLEM} Intet blev importeret."),
        ("-A1,A,0,0,3,2,6,ja,0,", f"Linje 3: {CODE_PROBLEM} Intet blev importeret."),
        ("A 1,A,0,0,3,2,6,ja,0,", f"Linje 3: {CODE_PROBLEM} Intet blev importeret."),
        (
            "A2,A,0,0,0.001,2,6,ja,0,",
            "Linje 3: “width” skal være mellem 0,5 og 100, ikke 0.001. Intet blev importeret.",
        ),
        (
            "A2,A,0,0,3,5000,6,ja,0,",
            "Linje 3: “height” skal være mellem 0,5 og 100, ikke 5000. Intet blev importeret.",
        ),
        (
            "A2,A,0,0,3,2,0.01,ja,0,",
            "Linje 3: “size_m2” skal være mellem 0,25 og 10000, ikke 0.01. Intet blev importeret.",
        ),
        (
            "A2,A,0,0,3,2,6,ja,0," + "x" * (128 * 1024 + 1),
            "Linje 3: En celle er længere end 1000 tegn. Intet blev importeret.",
        ),
        (
            'A2,A,0,0,3,2,6,ja,0,"' + "x" * (140 * 1024) + '"',
            "Linje 3: En celle er længere end 1000 tegn. Intet blev importeret.",
        ),
        (
            "A2,A,0,0,3,2,6,ja,0,Ved\x00indgangen",
            "Filen er ikke en tekstfil (CSV).",
        ),
    ],
)
def test_upload_with_a_bad_line_is_refused_whole(fair, client, organizer, line, message):
    client.force_login(organizer)
    data = (HEADER + "A1,A,0,0,3,2,6,ja,0,\n" + line + "\n").encode()
    assert import_errors(client, fair, data) == (422, [message])
    assert Stand.objects.count() == 0


def test_service_refuses_nul_and_a_cell_over_the_csv_module_limit(fair):
    for text, message in (
        (
            HEADER + "A1,A,0,0,3,2,6,ja,0,Ved\x00indgangen\n",
            "Filen indeholder et NUL-tegn: den er ikke en tekstfil (CSV). Intet blev importeret.",
        ),
        (
            HEADER + 'A1,A,0,0,3,2,6,ja,0,"' + "x" * (200 * 1024) + '"\n',
            "Linje 2: En celle er længere end 1000 tegn. Intet blev importeret.",
        ),
    ):
        with pytest.raises(Exception) as exc:
            csv_import.stands_import(fair=fair, text=text)
        assert exc.value.errors == {"file": [message]}
    assert Stand.objects.count() == 0


def test_letters_digits_dash_and_dot_are_good_codes(fair):
    text = HEADER + "A12,A,0,0,3,2,6,ja,0,\nb-3,A,4,0,3,2,6,ja,0,\nHAL2.4,A,8,0,3,2,6,ja,0,\n"
    stands = csv_import.stands_import(fair=fair, text=text)
    assert [s.code for s in stands] == ["A12", "B-3", "HAL2.4"]


def test_the_stand_form_refuses_a_code_with_a_slash_and_absurd_sizes(fair):
    stand = Stand(fair=fair, code="a/1", x=0, y=0, width=Decimal("0.01"), height=2, size_m2=6)
    with pytest.raises(ValidationError) as exc:
        stand.full_clean()
    assert exc.value.message_dict == {
        "code": [CODE_PROBLEM],
        "width": ["Mellem 0,5 og 100 meter."],
    }
    Stand(fair=fair, code="b-2", x=0, y=0, width=3, height=2, size_m2=6).full_clean()


def test_admin_add_stand_form_shows_the_code_problem(fair, client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        email="root@example.org", password="x", name="Root"
    )
    client.force_login(admin)
    response = client.post(
        "/admin/booking/stand/add/",
        {
            "fair": fair.pk,
            "code": "A/1",
            "zone": "A",
            "x": "0",
            "y": "0",
            "width": "3",
            "height": "2",
            "size_m2": "6",
            "price_dkk": "0",
        },
    )
    assert response.status_code == 200
    assert CODE_PROBLEM in response.content.decode()
    assert Stand.objects.count() == 0


def test_public_floor_plan_survives_an_old_stand_code_with_a_slash(fair, client):
    stands_make(fair, 1)
    Stand.objects.create(fair=fair, code="B/2", x=8, y=0, width=3, height=2, size_m2=6)

    response = client.get(f"/fairs/{fair.slug}/stands/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="/fairs/{fair.slug}/stands/A1/"' in page
    assert "B/2" in page and "/stands/B/2/" not in page


def test_csv_export_neutralises_formulas(fair, client, organizer):
    stands_make(fair, 2)
    company = company_make(fair, 1)
    Company.objects.filter(pk=company.pk).update(name='=HYPERLINK("http://evil","Klik")')
    company.refresh_from_db()
    services.stand_book(fair=fair, company=company, code="A1", needs_note="@SUM(1+1)")
    client.force_login(organizer)

    response = client.get(f"/organizer/fairs/{fair.slug}/stands/export.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == '\'=HYPERLINK("http://evil","Klik")'
    assert rows[1][5] == "'@SUM(1+1)"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
