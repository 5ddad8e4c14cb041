"""Students rank companies; companies see consenting wishers and flag them; availability."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from booking.interviews import wishes
from booking.models import Availability, Interest, Wish
from fair.exceptions import FairError
from tests.booking.test_interviews import company_make, student_make


@pytest.fixture
def four(fair, electrician):
    return [
        company_make(fair, name, programme=electrician if i < 2 else None)
        for i, name in enumerate(["Albertslund El", "Ballerup El", "Glostrup Smedie", "Hede VVS"])
    ]


@pytest.fixture
def clara(fair, electrician, school):
    return student_make(fair, "Clara Østergaard", programme=electrician, school=school)


def ranking(student):
    return list(
        Wish.objects.filter(student=student).order_by("rank").values_list("company__name", "rank")
    )


def test_wish_add_ranks_in_order_and_refuses_more_than_max(fair, four, clara):
    fair.max_wishes = 3
    fair.save()
    for company in four[:3]:
        wishes.wish_add(student=clara, company=company)
    with pytest.raises(FairError) as error:
        wishes.wish_add(student=clara, company=four[3])
    assert error.value.code == "too_many_wishes"
    assert str(error.value.message) == "Du kan højst ønske 3 virksomheder. Fjern en først."
    assert ranking(clara) == [("Albertslund El", 1), ("Ballerup El", 2), ("Glostrup Smedie", 3)]


def test_wish_add_refuses_a_duplicate_and_after_the_deadline(fair, four, clara):
    wishes.wish_add(student=clara, company=four[0])
    with pytest.raises(FairError) as error:
        wishes.wish_add(student=clara, company=four[0])
    assert error.value.code == "already_wished"
    with pytest.raises(FairError) as error:
        wishes.wish_add(student=clara, company=four[1], now=fair.wish_deadline + timedelta(1))
    assert (error.value.code, error.value.status) == ("wishes_closed", 403)
    assert ranking(clara) == [("Albertslund El", 1)]


def test_wish_move_remove_and_reorder_keep_ranks_dense(fair, four, clara):
    for company in four:
        wishes.wish_add(student=clara, company=company)
    wishes.wish_move(student=clara, company=four[2], direction="up")
    assert [n for n, _r in ranking(clara)] == [
        "Albertslund El",
        "Glostrup Smedie",
        "Ballerup El",
        "Hede VVS",
    ]
    wishes.wish_move(student=clara, company=four[3], direction="down")  # already last
    wishes.wish_remove(student=clara, company=four[0])
    assert ranking(clara) == [("Glostrup Smedie", 1), ("Ballerup El", 2), ("Hede VVS", 3)]
    wishes.wishes_reorder(student=clara, company_ids=[four[3].pk, four[1].pk, four[2].pk])
    assert ranking(clara) == [("Hede VVS", 1), ("Ballerup El", 2), ("Glostrup Smedie", 3)]
    with pytest.raises(FairError) as error:
        wishes.wishes_reorder(student=clara, company_ids=[four[3].pk, four[1].pk])
    assert error.value.code == "invalid_input"
    assert ranking(clara) == [("Hede VVS", 1), ("Ballerup El", 2), ("Glostrup Smedie", 3)]


def test_wish_page_adds_and_moves_with_plain_form_posts(client, fair, four, clara):
    client.force_login(clara.user)
    url = f"/fairs/{fair.slug}/wishes/"
    for company in four[:3]:
        response = client.post(url + "add/", {"company": company.pk}, follow=True)
    assert "Glostrup Smedie er nu dit ønske nr. 3." in response.content.decode()
    client.post(url + f"{four[2].pk}/move/", {"direction": "up"})
    client.post(url + f"{four[2].pk}/move/", {"direction": "up"})
    assert [n for n, _r in ranking(clara)] == ["Glostrup Smedie", "Albertslund El", "Ballerup El"]
    client.post(url + "reorder/", {"order": f"{four[0].pk},{four[1].pk},{four[2].pk}"})
    assert [n for n, _r in ranking(clara)] == ["Albertslund El", "Ballerup El", "Glostrup Smedie"]
    page = client.get(url).content.decode()
    assert 'aria-label="Flyt Ballerup El op"' in page and "Din rækkefølge (3/5)" in page


def test_wish_page_filters_exhibitors_by_programme_and_name(client, fair, four, clara):
    client.force_login(clara.user)
    page = client.get(f"/fairs/{fair.slug}/wishes/?programme=elektriker").content.decode()
    assert "<h3>Albertslund El</h3>" in page and "<h3>Ballerup El</h3>" in page
    assert "<h3>Glostrup Smedie</h3>" not in page
    assert 'aria-label="Føj til mine ønsker: Ballerup El">Føj til mine ønsker</button>' in page
    page = client.get(f"/fairs/{fair.slug}/wishes/?q=smed").content.decode()
    assert "<h3>Glostrup Smedie</h3>" in page and "<h3>Ballerup El</h3>" not in page


def test_wish_page_shows_the_deadline_error_in_danish(client, fair, four, clara):
    fair.wish_deadline = timezone.now() - timedelta(hours=1)
    fair.save()
    client.force_login(clara.user)
    response = client.post(f"/fairs/{fair.slug}/wishes/add/", {"company": four[0].pk})
    assert response.status_code == 403
    assert (
        '<p class="message message-error">Fristen for ønsker er overskredet.</p>'
        in response.content.decode()
    )
    assert Wish.objects.count() == 0


def test_wish_page_answers_a_wish_over_the_limit_with_409(client, fair, four, clara):
    fair.max_wishes = 1
    fair.save()
    wishes.wish_add(student=clara, company=four[0])
    client.force_login(clara.user)
    response = client.post(f"/fairs/{fair.slug}/wishes/add/", {"company": four[1].pk})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Du kan højst ønske 1 virksomheder. Fjern en først." in page
    assert page.count('class="wish"') == 1
    assert ranking(clara) == [("Albertslund El", 1)]


def test_wish_move_with_a_bad_direction_is_422(client, fair, four, clara):
    for company in four[:2]:
        wishes.wish_add(student=clara, company=company)
    client.force_login(clara.user)
    url = f"/fairs/{fair.slug}/wishes/{four[1].pk}/move/"
    response = client.post(url, {"direction": "sideways"})
    assert response.status_code == 422
    assert "Flyt et ønske op eller ned." in response.content.decode()
    assert ranking(clara) == [("Albertslund El", 1), ("Ballerup El", 2)]


def test_wish_page_lists_only_companies_with_a_stand(client, fair, four, clara):
    company_make(fair, "Uden Stand ApS", stand=None)
    client.force_login(clara.user)
    page = client.get(f"/fairs/{fair.slug}/wishes/").content.decode()
    assert "Uden Stand ApS" not in page and "<h3>Hede VVS</h3>" in page


@pytest.mark.parametrize("count", [1, 3])
def test_wish_page_runs_constant_queries(
    client, fair, four, clara, count, django_assert_num_queries
):
    for company in four[:count]:
        wishes.wish_add(student=clara, company=company)
    client.force_login(clara.user)
    with django_assert_num_queries(9):
        page = client.get(f"/fairs/{fair.slug}/wishes/").content.decode()
    assert page.count('class="wish"') == count


def test_company_sees_only_consenting_wishers_and_flags_them(
    client, fair, four, electrician, school
):
    aya = student_make(fair, "Aya Hussein", programme=electrician, school=school)
    hidden = student_make(fair, "Jonas Skjult", consent=False)
    other = student_make(fair, "Noah Andet")
    wishes.wish_add(student=aya, company=four[0])
    wishes.wish_add(student=hidden, company=four[0])
    wishes.wish_add(student=other, company=four[1])
    client.force_login(four[0].users.get())
    url = f"/fairs/{fair.slug}/company/students/"
    page = client.get(url).content.decode()
    assert '<td data-label="Navn">Aya Hussein</td>' in page
    assert '<td data-label="Uddannelser">Elektriker</td>' in page
    assert f'<td data-label="Skole">{school.name}</td>' in page
    assert "Jonas Skjult" not in page and "Noah Andet" not in page
    response = client.post(url + f"{aya.pk}/interest/", {"wanted": "1"}, follow=True)
    assert "I vil gerne møde Aya Hussein." in response.content.decode()
    response = client.post(url + f"{hidden.pk}/interest/", {"wanted": "1"}, follow=True)
    assert "Du kan kun markere elever, der ønsker at møde jer." in response.content.decode()
    assert list(Interest.objects.values_list("student__user__name", flat=True)) == ["Aya Hussein"]


@pytest.mark.parametrize("count", [1, 3])
def test_company_student_list_runs_constant_queries(
    client, fair, four, count, django_assert_num_queries
):
    for i in range(count):
        wishes.wish_add(student=student_make(fair, f"Elev {i}"), company=four[0])
    client.force_login(four[0].users.get())
    with django_assert_num_queries(7):
        page = client.get(f"/fairs/{fair.slug}/company/students/").content.decode()
    assert page.count('<td data-label="Navn">Elev ') == count


def test_availability_is_saved_checked_and_cleared(client, fair, clara):
    client.force_login(clara.user)
    url = f"/fairs/{fair.slug}/availability/"
    response = client.post(url, {"available_from": "12:00", "available_until": "11:00"})
    assert response.status_code == 422
    assert "Sluttidspunktet skal ligge efter starttidspunktet." in response.content.decode()
    assert Availability.objects.count() == 0
    client.post(url, {"available_from": "11:00", "available_until": ""})
    saved = Availability.objects.get()
    assert (saved.student, saved.available_from, saved.available_until) == (
        clara,
        time(11),
        time(14),
    )
    client.post(url, {"available_from": "", "available_until": ""})
    assert Availability.objects.count() == 0


@pytest.mark.parametrize(
    ("start", "end"), [("05:00", "06:00"), ("09:00", "12:00"), ("11:00", "15:00")]
)
def test_availability_outside_the_interview_window_is_refused(client, fair, clara, start, end):
    client.force_login(clara.user)
    url = f"/fairs/{fair.slug}/availability/"
    response = client.post(url, {"available_from": start, "available_until": end})
    assert response.status_code == 422
    assert "Vælg tider mellem 10:00 og 14:00, hvor samtalerne foregår." in (
        response.content.decode()
    )
    assert Availability.objects.count() == 0


def test_moving_a_wish_says_its_new_rank_and_returns_to_it(client, fair, four, clara):
    client.force_login(clara.user)
    url = f"/fairs/{fair.slug}/wishes/"
    for company in four[:3]:
        client.post(url + "add/", {"company": company.pk})
    response = client.post(url + f"{four[2].pk}/move/", {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"] == f"{url}#wish-{four[2].pk}"
    page = client.get(response["Location"]).content.decode()
    assert '<p class="message message-success">Glostrup Smedie er nu nr. 2.</p>' in page
    assert f'<li class="wish" id="wish-{four[2].pk}" tabindex="-1"' in page
