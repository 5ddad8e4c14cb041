"""Outreach: hostile CSV import, status history, invitations, funnel and permissions."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from booking.models import Stand, StandBooking
from fair import services as fair_services
from fair.models import Organisation, User
from outreach import selectors, services
from outreach.csv_import import prospects_import
from outreach.models import Activity, Invitation, StatusChange
from partners.models import Partner, PartnerStaff
from tests.conftest import bearer
from tests.fair.test_services import company_kwargs

HEADER = "cvr;name;address;postcode;city;municipality;phone;website;status\n"


@pytest.fixture
def organizer(db):
    return User.objects.create_user(
        "olga@example.org", "pw-123456", name="Olga", role="organizer", is_staff=True
    )


def _partner_user(email, partner_name):
    partner, _ = Partner.objects.get_or_create(name=partner_name, defaults={"kind": "jobcenter"})
    user = User.objects.create_user(email, "pw-123456", name=email.split("@")[0], role="partner")
    PartnerStaff.objects.create(user=user, partner=partner)
    return user


def _csv(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


def test_import_saves_every_row_and_updates_known_cvrs(organizer):
    Organisation.objects.create(cvr="10150817", name="Gammelt navn")
    data = _csv(
        "13585628;Ballerup El ApS;Hovedgaden 1;2750;Ballerup;0151;;https://el.example.org;contacted",
        "10150817;Nyt navn A/S;;;;Glostrup;;;",
    )
    assert prospects_import(data=b"\xef\xbb\xbf" + data, user=organizer) == (1, 1)
    assert dict(Organisation.objects.values_list("cvr", "name")) == {
        "13585628": "Ballerup El ApS",
        "10150817": "Nyt navn A/S",
    }
    assert Organisation.objects.get(cvr="10150817").municipality.name == "Glostrup"
    assert list(StatusChange.objects.values_list("organisation__cvr", "status")) == [
        ("13585628", "contacted")
    ]


def test_import_refuses_a_hostile_file_whole_with_line_numbers(organizer):
    data = _csv(
        "13585628;Ballerup El ApS;;;;;;;",
        "13585629;Bad checksum ApS;;;;;;;",
        '10150817;=HYPERLINK("http://evil");;;;;;;',
        "10150817;Twice ApS;;;;;;javascript:alert(1);",
        "12345674;Unknown;;27500;;Atlantis;;;sold",
        "13585628;Twice ApS;;;;;;;",
    )
    with translation.override("en"), pytest.raises(Exception) as info:
        prospects_import(data=data, user=organizer)
    problems = info.value.errors["file"]
    assert [p.split(":")[0] for p in problems] == [
        "Line 3",
        "Line 4",
        "Line 5",
        "Line 6",
        "Line 6",
        "Line 6",
        "Line 7",
    ]
    assert problems[-1] == "Line 7: CVR 13585628 is also on line 2."
    assert "formula" in problems[1]
    assert Organisation.objects.count() == 0
    assert StatusChange.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"x" * 1_000_001, "1 MB"),
        (b"\xff\xfe" + "cvr;name\n".encode("utf-16-le"), "UTF-8"),
        (b"name;email\nA;b\n", "cvr and name"),
        (b"cvr;name;cpr\n13585628;A;0101011234\n", "Unknown columns: cpr"),
        (b"cvr;name\n", "no rows"),
    ],
)
def test_import_refuses_bad_files(organizer, data, needle):
    with translation.override("en"), pytest.raises(Exception) as info:
        prospects_import(data=data, user=organizer)
    assert needle in " ".join(info.value.errors["file"])


def test_status_history_is_appended_not_overwritten(organizer):
    org = services.prospect_add(cvr="13585628", name="A ApS", user=organizer, status="contacted")
    services.status_set(organisation=org, status="visited", user=organizer)
    services.status_set(organisation=org, status="visited", user=organizer)  # no change
    services.status_set(organisation=org, status="interested", user=organizer, note="ja")
    assert [s.status for s in selectors.status_history_for(organisation=org)] == [
        "interested",
        "visited",
        "contacted",
    ]
    assert selectors.prospect_list(status="interested").get().status == "interested"


def test_invitation_link_prefills_sign_up_and_registration_moves_status(
    fair, electrician, organizer, django_capture_on_commit_callbacks
):
    org = services.prospect_add(
        cvr="13585628", name="Ballerup El ApS", city="Ballerup", postcode="2750", user=organizer
    )
    campaign = services.campaign_create(fair=fair, name="Efterår", user=organizer)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            campaign=campaign,
            organisation=org,
            email="Mette@Ballerup-El.example.org",
            contact_name="Mette",
            user=organizer,
        )
    assert [m.to for m in mail.outbox] == [["mette@ballerup-el.example.org"]]
    link = re.search(r"http\S+/invitation/\S+/", mail.outbox[0].body).group(0)
    client = Client()
    response = client.get(link[link.index("/invitation/") :])
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'value="13585628"' in page
    assert 'value="Ballerup El ApS"' in page
    assert 'value="mette@ballerup-el.example.org"' in page
    assert client.get("/invitation/altered-token/").status_code == 400

    with django_capture_on_commit_callbacks(execute=True):
        company = fair_services.company_register(fair=fair, **company_kwargs(electrician))
    assert company.organisation == org
    assert Invitation.objects.get().registered_at is not None
    assert [s.status for s in selectors.status_history_for(organisation=org)] == [
        "registered",
        "invited",
    ]
    stand = Stand.objects.create(fair=fair, code="A1", x=0, y=0, width=2, height=2, size_m2=4)
    with django_capture_on_commit_callbacks(execute=True):
        StandBooking.objects.create(fair=fair, stand=stand, company=company, status="confirmed")
    assert selectors.status_history_for(organisation=org).first().status == "booked"
    [row] = selectors.funnel_for(fair=fair)
    assert (row["invited"], row["registered"], row["booked"]) == (1, 1, 1)
    assert row["registered_percent"] == 100.0


def test_funnel_counts_and_reminders_once(
    fair, electrician, organizer, django_capture_on_commit_callbacks
):
    campaign = services.campaign_create(fair=fair, name="Vinter", user=organizer)
    orgs = [
        services.prospect_add(cvr=cvr, name=f"Firma {cvr}", user=organizer)
        for cvr in ("13585628", "10150817", "12345674", "25313763")
    ]
    for org in orgs:
        services.invitation_create(
            campaign=campaign, organisation=org, email=f"{org.cvr}@example.org", user=organizer
        )
    fair_services.company_register(fair=fair, **company_kwargs(electrician, cvr=orgs[0].cvr))
    [row] = selectors.funnel_for(fair=fair)
    assert (row["invited"], row["registered"], row["booked"]) == (4, 1, 0)
    assert (row["registered_percent"], row["booked_percent"]) == (25.0, 0.0)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(campaign=campaign) == 3
    assert services.reminders_send(campaign=campaign) == 0
    assert sorted(m.to[0] for m in mail.outbox) == [
        "10150817@example.org",
        "12345674@example.org",
        "25313763@example.org",
    ]


def test_partner_staff_see_only_their_own_partners_notes(organizer):
    org = services.prospect_add(cvr="13585628", name="A ApS", user=organizer)
    mine = _partner_user("ann@jobcenter.example.org", "Jobcenter Ballerup")
    other = _partner_user("bo@ungdom.example.org", "UU Vestegnen")
    services.activity_add(organisation=org, kind="call", consultant=mine, note="Ring til Per")
    services.activity_add(organisation=org, kind="visit", consultant=other, note="Mødte Lis")
    services.activity_add(organisation=org, kind="email", consultant=organizer, note="Sendt")
    seen = {a.note for a in selectors.activity_list_for(organisation=org, user=mine)}
    assert seen == {"Ring til Per", "", "Sendt"}
    assert Activity.objects.count() == 3
    page = _logged_in(mine).get(f"/outreach/prospects/{org.pk}/").content.decode()
    assert "Ring til Per" in page and "Mødte Lis" not in page


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["student", "company", "door"])
def test_other_roles_get_403_on_pages_and_api(fair, role):
    user = User.objects.create_user(f"{role}@example.org", "pw-123456", name=role, role=role)
    client = _logged_in(user)
    for path in ["/outreach/", "/outreach/campaigns/", "/outreach/prospects/import/"]:
        assert client.get(path).status_code == 403
    response = bearer(user).get(f"/api/v1/outreach/funnel?fair={fair.slug}")
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


def test_funnel_api_for_organizers_and_partners(fair, organizer):
    campaign = services.campaign_create(fair=fair, name="Forår", user=organizer)
    org = services.prospect_add(cvr="13585628", name="A ApS", user=organizer)
    services.invitation_create(
        campaign=campaign, organisation=org, email="a@example.org", user=organizer
    )
    assert Client().get(f"/api/v1/outreach/funnel?fair={fair.slug}").status_code == 401
    for user in (organizer, _partner_user("ann@jobcenter.example.org", "Jobcenter")):
        response = bearer(user).get(f"/api/v1/outreach/funnel?fair={fair.slug}")
        assert response.status_code == 200
        body = response.json()
        assert body["campaigns"] == [
            {
                "campaign_id": campaign.pk,
                "campaign": "Forår",
                "invited": 1,
                "registered": 0,
                "booked": 0,
                "registered_percent": 0.0,
                "booked_percent": 0.0,
            }
        ]
    assert bearer(organizer).get("/api/v1/outreach/funnel?fair=nope").status_code == 404
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/outreach/funnel" in schema["paths"]


def test_organizer_pages_work_and_approval_is_organizer_only(fair, electrician, organizer):
    org = services.prospect_add(cvr="13585628", name="A ApS", user=organizer)
    client = _logged_in(organizer)
    response = client.post(
        f"/outreach/prospects/{org.pk}/",
        {
            "action": "approval",
            "approval-programme": electrician.pk,
            "approval-approval": "applied",
        },
    )
    assert response.status_code == 302
    assert list(org.approvals.values_list("status", "recorded_by__email")) == [
        ("applied", "olga@example.org")
    ]
    partner = _logged_in(_partner_user("ann@jobcenter.example.org", "Jobcenter"))
    refused = partner.post(
        f"/outreach/prospects/{org.pk}/",
        {
            "action": "approval",
            "approval-programme": electrician.pk,
            "approval-approval": "approved",
        },
    )
    assert refused.status_code == 403
    bad = client.post(
        f"/outreach/prospects/{org.pk}/", {"action": "activity", "activity-kind": "x"}
    )
    assert bad.status_code == 422
    for path in ["/outreach/", "/outreach/campaigns/", "/outreach/prospects/add/"]:
        assert client.get(path).status_code == 200
