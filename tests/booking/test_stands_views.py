import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from booking.models import Stand, StandBooking
from booking.stands import csv_import, services
from tests.booking.stands_helpers import HEADER, company_make, stands_make, user_of


@pytest.fixture
def organizer(django_user_model):
    return django_user_model.objects.create_user(
        email="org@example.org", name="Org", is_staff=True, role="organizer"
    )


def bookings():
    return list(
        StandBooking.objects.values_list("stand__code", "company__name", "status", "tables")
    )


def stand_labels(html: str) -> list[str]:
    return re.findall(r'<a href="[^"]+" class="stand[^"]*" aria-label="([^"]+)"', html)


def test_plan_page_labels_every_stand_in_words_and_marks_the_own_stand(fair, client):
    stands_make(fair, 3)
    company = company_make(fair, 1)
    services.stand_book(fair=fair, company=company, code="A1", tables=2)
    services.stand_book(fair=fair, company=company_make(fair, 2), code="A2")
    client.force_login(user_of(company))
    html = client.get(f"/fairs/{fair.slug}/stands/").content.decode()
    assert stand_labels(html) == [
        "Stand A1, zone A, 6 m², booket af Firma 1 ApS (jeres stand)",
        "Stand A2, zone A, 6 m², booket af Firma 2 ApS",
        "Stand A3, zone A, 6 m², ledig",
    ]
    assert 'viewBox="-20 -20 260 80"' in html
    assert "Signaturforklaring" in html and "Reserveret: venter på godkendelse (skraveret)" in html
    assert 'class="stand stand-booked stand-own"' in html
    assert "css/floorplan.css" in html
    assert "<script" not in html and "style=" not in html


def test_plan_page_for_200_stands_runs_constant_queries(fair, client, django_assert_num_queries):
    stands_make(fair, 1, prefix="A")
    company = company_make(fair, 1)
    services.stand_book(fair=fair, company=company, code="A1")
    client.force_login(user_of(company))
    url = f"/fairs/{fair.slug}/stands/"
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
    stands_make(fair, 199, prefix="B", zone="B")
    for n in range(2, 12):
        services.stand_book(fair=fair, company=company_make(fair, n), code=f"B{n}")
    with django_assert_num_queries(8) as ctx:
        response = client.get(url)
    assert len(stand_labels(response.content.decode())) == 200
    assert len(ctx.captured_queries) == 8


def test_company_books_a_stand_on_its_page_with_two_tables(
    fair, client, mailoutbox, django_capture_on_commit_callbacks
):
    stands_make(fair, 2)
    company = company_make(fair)
    client.force_login(user_of(company))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/fairs/{fair.slug}/stands/A2/",
            {"tables": "2", "needs_power": "on", "needs_note": "Et stik til skærm"},
            follow=True,
        )
    assert "Stand A2 er jeres." in response.content.decode()
    assert bookings() == [("A2", "Firma 0 ApS", "confirmed", 2)]
    assert [m.subject for m in mailoutbox] == ["Din stand A2 er booket"]
    me = client.get("/me/").content.decode()
    assert "Stand A2 (Bekræftet), 2 borde" in me


def test_booking_a_taken_stand_on_the_page_says_taken_and_changes_nothing(fair, client):
    stands_make(fair, 2)
    services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    company = company_make(fair, 2)
    client.force_login(user_of(company))
    response = client.post(f"/fairs/{fair.slug}/stands/A1/", {"tables": "1"})
    assert response.status_code == 422
    assert "Beklager, standen er lige blevet taget. Vælg en anden." in response.content.decode()
    assert bookings() == [("A1", "Firma 1 ApS", "confirmed", 1)]


def test_unknown_stand_page_is_404(fair, client):
    stands_make(fair, 1)
    assert client.get(f"/fairs/{fair.slug}/stands/ZZ9/").status_code == 404


def test_company_changes_tables_and_cancels_on_the_booking_page(fair, client):
    stands_make(fair, 1)
    company = company_make(fair)
    booking = services.stand_book(fair=fair, company=company, code="A1")
    client.force_login(user_of(company))
    url = f"/fairs/{fair.slug}/stands/bookings/{booking.pk}/"
    assert client.post(url, {"tables": "4"}).status_code == 302
    assert bookings() == [("A1", "Firma 0 ApS", "confirmed", 4)]
    response = client.post(url + "cancel/", follow=True)
    assert "Jeres booking af stand A1 er annulleret." in response.content.decode()
    assert bookings() == [("A1", "Firma 0 ApS", "cancelled", 4)]


def test_another_companys_booking_page_is_404(fair, client):
    stands_make(fair, 1)
    booking = services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    client.force_login(user_of(company_make(fair, 2)))
    assert client.get(f"/fairs/{fair.slug}/stands/bookings/{booking.pk}/").status_code == 404
    assert (
        client.post(f"/fairs/{fair.slug}/stands/bookings/{booking.pk}/cancel/").status_code == 404
    )
    assert bookings() == [("A1", "Firma 1 ApS", "confirmed", 1)]


def test_organizer_pages_need_staff(fair, client):
    client.force_login(user_of(company_make(fair)))
    response = client.get(f"/organizer/fairs/{fair.slug}/stands/")
    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/login/staff/")


def test_organizer_confirms_rejects_and_moves_on_the_page(fair, client, organizer, mailoutbox):
    fair.stand_booking_requires_approval = True
    fair.save()
    stands_make(fair, 3)
    one = services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    two = services.stand_book(fair=fair, company=company_make(fair, 2), code="A2")
    client.force_login(organizer)
    base = f"/organizer/fairs/{fair.slug}/stands/"
    page = client.get(base).content.decode()
    assert "Afventer godkendelse (2)" in page
    assert "Stand A1, zone A, 6 m², reserveret, venter på godkendelse af Firma 1 ApS" in page
    response = client.post(f"{base}bookings/{one.pk}/confirm/", follow=True)
    assert "Firma 1 ApS er bekræftet på stand A1." in response.content.decode()
    empty = client.post(f"{base}bookings/{two.pk}/reject/", {"reason": ""})
    assert (empty.status_code, "Dette felt er påkrævet." in empty.content.decode()) == (422, True)
    client.post(f"{base}bookings/{two.pk}/reject/", {"reason": "Zonen er til byggefag"})
    response = client.post(f"{base}bookings/{one.pk}/move/", {"stand": "A3"}, follow=True)
    assert "Firma 1 ApS er flyttet til stand A3." in response.content.decode()
    assert sorted(bookings()) == [
        ("A2", "Firma 2 ApS", "rejected", 1),
        ("A3", "Firma 1 ApS", "confirmed", 1),
    ]


def test_organizer_reject_and_move_pages_answer_422_on_errors_and_change_nothing(
    fair, client, organizer, mailoutbox
):
    fair.stand_booking_requires_approval = True
    fair.save()
    stands_make(fair, 3)
    one = services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    services.stand_book(fair=fair, company=company_make(fair, 2), code="A2")
    client.force_login(organizer)
    base = f"/organizer/fairs/{fair.slug}/stands/bookings/{one.pk}/"
    long = client.post(f"{base}reject/", {"reason": "z" * 301})
    assert long.status_code == 422
    assert "Denne værdi må højst have 300 tegn (den har 301)." in (long.content.decode())
    taken = client.post(f"{base}move/", {"stand": "A2"})
    assert taken.status_code == 422
    assert "Marker en gyldig valgmulighed. A2 er ikke en af de tilgængelige valgmuligheder." in (
        taken.content.decode()
    )
    assert sorted(bookings()) == [
        ("A1", "Firma 1 ApS", "pending", 1),
        ("A2", "Firma 2 ApS", "pending", 1),
    ]
    assert len(mailoutbox) == 0


def test_organizer_export_csv_lists_company_cvr_stand_tables_needs_status(
    fair, client, organizer, django_assert_num_queries
):
    stands_make(fair, 2)
    one = company_make(fair, 1)
    services.stand_book(
        fair=fair, company=one, code="A1", tables=3, needs_power=True, needs_wall=True
    )
    client.force_login(organizer)
    url = f"/organizer/fairs/{fair.slug}/stands/export.csv"
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8-sig").splitlines() == [
        "Virksomhed;CVR-nummer;Stand;Zone;Borde;Behov;Status",
        f'Firma 1 ApS;{one.cvr};A1;A;3;"strøm; væg";Bekræftet',
    ]
    services.stand_book(fair=fair, company=company_make(fair, 2), code="A2")
    with django_assert_num_queries(4):
        assert len(client.get(url).content.decode("utf-8-sig").splitlines()) == 3


def upload(text: str, name: str = "stande.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_organizer_imports_stands_by_upload(fair, client, organizer):
    client.force_login(organizer)
    text = HEADER + "A1,A,0,0,3,2,6,ja,2400,Ved indgangen\nA2,A,4,0,3,2,6,nej,2400,\n"
    response = client.post(
        f"/organizer/fairs/{fair.slug}/stands/import/", {"file": upload(text)}, follow=True
    )
    assert "2 stande importeret." in response.content.decode()
    assert list(Stand.objects.values_list("code", "power", "note")) == [
        ("A1", True, "Ved indgangen"),
        ("A2", False, ""),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            HEADER + "A1,A,0,0,3,2,6,ja,0,\nA2,A,4,0,3,2,6,ja,0,\nA1,A,8,0,3,2,6,ja,0,\n",
            "Linje 4: Standkoden A1 står der to gange (også på linje 2). Intet blev importeret.",
        ),
        (
            HEADER + "A1,A,0,0,3,2,6,ja,0,\nA2,A,4,0,3,-2,6,ja,0,\n",
            "Linje 3: “height” skal være større end 0, ikke -2. Intet blev importeret.",
        ),
        (
            "code,zone,x,y,width,size_m2,power,price_dkk,note\nA1,A,0,0,3,6,ja,0,\n",
            "Linje 1: Mangler kolonne(r): height. Intet blev importeret.",
        ),
        (
            HEADER + "A1,A,0,0,3,2,6,ja,0,\nA2,A,x,0,3,2,6,ja,0,\n",
            "Linje 3: “x” skal være et tal, ikke “x”. Intet blev importeret.",
        ),
    ],
)
def test_organizer_import_refuses_bad_csv_with_the_line_and_imports_nothing(
    fair, client, organizer, text, message
):
    client.force_login(organizer)
    response = client.post(f"/organizer/fairs/{fair.slug}/stands/import/", {"file": upload(text)})
    assert response.status_code == 422
    errors = re.findall(
        r'<p class="error" id="id_file_error"><strong>Fejl:</strong> ([^<]+)</p>',
        response.content.decode(),
    )
    assert errors == [message]
    assert Stand.objects.count() == 0


def test_import_refuses_codes_that_exist_already(fair):
    stands_make(fair, 1)
    with pytest.raises(Exception) as exc:
        csv_import.stands_import(
            fair=fair, text=HEADER + "A2,A,0,9,3,2,6,,0,\nA1,A,4,9,3,2,6,,0,\n"
        )
    assert exc.value.code == "invalid_input"
    assert exc.value.errors == {
        "file": ["Linje 3: Stand A1 findes allerede på denne messe. Intet blev importeret."]
    }
    assert list(Stand.objects.values_list("code", flat=True)) == ["A1"]


def test_organizer_page_runs_constant_queries(fair, client, organizer, django_assert_num_queries):
    stands_make(fair, 3)
    services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    client.force_login(organizer)
    url = f"/organizer/fairs/{fair.slug}/stands/"
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
    services.stand_book(fair=fair, company=company_make(fair, 2), code="A2")
    services.stand_book(fair=fair, company=company_make(fair, 3), code="A3")
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


def test_organizer_raises_a_company_allowance_in_the_admin(fair, client, organizer):
    organizer.is_superuser = True
    organizer.save()
    company = company_make(fair)
    client.force_login(organizer)
    response = client.post(
        "/admin/booking/standallowance/add/", {"company": company.pk, "stands": "2"}
    )
    assert response.status_code == 302
    allowance = company.stand_allowance
    assert (allowance.stands, allowance.granted_by) == (2, organizer)
    stands_make(fair, 2)
    services.stand_book(fair=fair, company=company, code="A1")
    services.stand_book(fair=fair, company=company, code="A2")
    assert sorted(r[0] for r in bookings()) == ["A1", "A2"]
    changelist = client.get("/admin/booking/standbooking/")
    assert changelist.status_code == 200 and "Firma 0 ApS" in changelist.content.decode()


def test_openapi_lists_the_stand_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/fairs/{fair}/companies"]) == {"get", "post"}
    assert set(paths["/api/v1/fairs/{fair}/stand-bookings"]) == {"get", "post"}
    assert set(paths["/api/v1/fairs/{fair}/stand-bookings/{booking_id}"]) == {"patch", "delete"}
    assert set(paths["/api/v1/fairs/{fair}/stands"]) == {"get"}


def test_company_without_a_stand_joins_a_full_zones_waiting_list_on_the_plan(fair, client):
    stands_make(fair, 1)
    services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    company = company_make(fair, 2)
    client.force_login(user_of(company))
    page = client.get(f"/fairs/{fair.slug}/stands/").content.decode()
    assert "Disse zoner er fulde." in page
    response = client.post(f"/fairs/{fair.slug}/stands/waitlist/", {"zone": "A"}, follow=True)
    assert "I står på ventelisten til zone A." in response.content.decode()
    assert list(company.stand_waitlist_entries.values_list("zone", flat=True)) == ["A"]
