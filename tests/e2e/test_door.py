"""The door page in a real Chromium: fake camera showing a printed badge, a keyboard-wedge
scanner, and a network cut with the offline queue syncing afterwards."""

import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from badges import selectors, services
from badges.models import CheckIn, DoorAssignment, DoorDevice, Scan
from badges.pdf import render_badge_bytes
from fair.enums import Role
from fair.models import User
from tests.badges.conftest import student_make
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _badge(fair, name="Aya Hussein", email="aya@example.org"):
    student = student_make(fair, name=name, email=email)
    return services.badge_issue(fair=fair, user=student.user)


def _badge_video(badge, fair, tmp_path):
    """A 5 s camera feed showing the badge as printed (A6 PDF → PNG → Y4M)."""
    ((_b, data),) = selectors.badge_print_rows([badge], fair=fair)
    pdf = tmp_path / "badge.pdf"
    pdf.write_bytes(render_badge_bytes(data))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", pdf, tmp_path / "badge"], check=True
    )
    video = tmp_path / "badge.y4m"
    scale = (
        "scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:white"
    )
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-y",
            "-loop",
            "1",
            "-i",
            tmp_path / "badge.png",
            "-t",
            "5",
            "-r",
            "10",
            "-pix_fmt",
            "yuv420p",
            "-vf",
            scale,
            video,
        ],
        check=True,
    )
    return video


def test_door_camera_reads_a_printed_badge_and_shows_ok_with_name(browser, live_server, tmp_path):
    from tests.conftest import fair_day_make

    fair = fair_day_make()  # the door and stand scans work on the fair's day
    badge = _badge(fair)
    _device, key = services.door_device_create(fair=fair, name="Indgang 1")
    video = _badge_video(badge, fair, tmp_path)
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    # A second Chromium with the fake camera, from the session's Playwright (a nested
    # sync_playwright() would fail once the session browser runs).
    camera = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=args)
    try:
        context = camera.new_context(viewport={"width": 1280, "height": 900})
        context.grant_permissions(["camera"], origin=live_server.url)
        pages = Pages(context.new_page(), live_server.url)
        page = pages.goto(f"/fairs/{fair.slug}/door/#device={key}")
        result = page.locator("#door-result")
        expect(result).to_have_attribute("data-result", "ok", timeout=20_000)
        assert page.inner_text("#door-word") == "OK"
        assert page.inner_text("#door-name") == "Aya Hussein"
        assert page.inner_text("#door-detail").startswith("Elev · ")
        pages.check()
    finally:
        camera.close()
    checkin = CheckIn.objects.get()
    assert (checkin.user, checkin.device.name) == (badge.user, "Indgang 1")


def test_door_staff_types_scanner_input_ok_then_already_in_and_counts(desktop):
    from tests.conftest import fair_day_make

    fair = fair_day_make()  # the door and stand scans work on the fair's day
    badge = _badge(fair)
    dorte = User.objects.create_user(
        email="door@example.org", name="Dorte", role=Role.DOOR, password="hemmelig-42"
    )
    DoorAssignment.objects.create(fair=fair, user=dorte)
    page = desktop.goto("/login/staff/")
    page.fill("#id_username", "door@example.org")
    page.fill("#id_password", "hemmelig-42")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/fairs/{fair.slug}/door/")  # door staff land on the door page
    # A hand-held scanner types the code (here in lower case, Caps Lock on) and Enter.
    page.locator("#door-token").press_sequentially(badge.token.lower(), delay=0)
    page.keyboard.press("Enter")
    expect(page.locator("#door-result")).to_have_attribute("data-result", "ok")
    assert page.inner_text("#door-name") == "Aya Hussein"
    expect(page.locator('#door-counts [data-role="student"]')).to_have_text("1", timeout=10_000)
    page.fill("#door-token", badge.token)
    page.keyboard.press("Enter")
    expect(page.locator("#door-result")).to_have_attribute("data-result", "duplicate")
    assert page.inner_text("#door-word") == "ALLEREDE INDE"
    desktop.check()
    page.fill("#door-token", badge.token[:-3] + "AAA")
    page.keyboard.press("Enter")
    expect(page.locator("#door-result")).to_have_attribute("data-result", "invalid")
    assert page.inner_text("#door-word") == "UGYLDIG"
    assert CheckIn.objects.get().by.email == "door@example.org"


def test_door_works_offline_then_syncs_the_queue(desktop):
    from tests.conftest import fair_day_make

    fair = fair_day_make()  # the door and stand scans work on the fair's day
    badge = _badge(fair)
    old = _badge(fair, name="Bo Ørsted", email="bo@example.org")
    new = services.badge_reissue(badge=old, by=None, reason="Navn rettet")
    _device, key = services.door_device_create(fair=fair, name="Indgang 2")
    page = desktop.goto(f"/fairs/{fair.slug}/door/#device={key}")
    page.wait_for_function("window.doorKeyReady === true")

    page.context.set_offline(True)
    page.fill("#door-token", badge.token)
    page.keyboard.press("Enter")
    expect(page.locator("#door-result")).to_have_attribute("data-result", "ok")
    assert page.inner_text("#door-name") == "Aya Hussein"
    expect(page.locator("#door-status")).to_have_attribute("data-queued", "1")
    assert page.inner_text("#door-status") == ("Offline · 1 scanning venter på at blive sendt")
    # The replaced badge is refused offline too, from the downloaded revocation list.
    page.fill("#door-token", old.token)
    page.keyboard.press("Enter")
    expect(page.locator("#door-result")).to_have_attribute("data-result", "revoked")
    assert page.inner_text("#door-name") == "Bo Ørsted"
    page.fill("#door-token", badge.token)
    page.keyboard.press("Enter")
    expect(page.locator("#door-result")).to_have_attribute("data-result", "duplicate")
    assert CheckIn.objects.count() == 0

    page.context.set_offline(False)
    expect(page.locator("#door-status")).to_have_attribute("data-queued", "0", timeout=15_000)
    assert list(CheckIn.objects.values_list("user__name", "device__name")) == [
        ("Aya Hussein", "Indgang 2")
    ]
    assert new.revoked_at is None


def test_door_name_search_check_in_and_walk_in_with_badge_print(desktop, school):
    from tests.conftest import fair_day_make

    fair = fair_day_make()  # the door and stand scans work on the fair's day
    student_make(fair, name="Aya Hussein", email="aya@example.org")
    _device, key = services.door_device_create(fair=fair, name="Indgang 1")
    page = desktop.goto(f"/fairs/{fair.slug}/door/#device={key}")
    page.fill("#door-q", "hussein")
    page.click("#door-search-form button[type=submit]")
    row = page.locator("#door-people li", has_text="Aya Hussein")
    expect(row).to_have_count(1)
    expect(page.locator("#door-search-status")).to_have_text("1 person fundet")
    assert page.locator("#door-search-status").get_attribute("role") == "status"
    expect(
        row.get_by_role("button", name="Udskriv navneskilt: Aya Hussein", exact=True)
    ).to_have_count(1)
    for field in ("#door-q", "#walkin-name", "#walkin-class"):  # the 44 px touch target
        assert page.locator(field).bounding_box()["height"] >= 44
    row.get_by_role("button", name="Tjek ind: Aya Hussein", exact=True).click()
    expect(page.locator("#door-result")).to_have_attribute("data-result", "ok")
    assert page.inner_text("#door-name") == "Aya Hussein"

    page.fill("#walkin-name", "Sofie Bæk")
    page.select_option("#walkin-school", str(school.pk))
    page.fill("#walkin-class", "GF1")
    with page.context.expect_page() as popup:
        page.click("#door-walkin-form button[type=submit]")
    expect(page.locator("#door-walkin-result")).to_have_text(
        "Registreret og tjekket ind: Sofie Bæk"
    )
    assert popup.value is not None  # the badge PDF opens for printing
    expect(page.locator('#door-counts [data-role="student"]')).to_have_text("2", timeout=10_000)
    desktop.check()
    assert sorted(CheckIn.objects.values_list("user__name", flat=True)) == [
        "Aya Hussein",
        "Sofie Bæk",
    ]

    page.fill("#door-q", "zzz")
    page.click("#door-search-form button[type=submit]")
    expect(page.locator("#door-search-status")).to_have_text("Ingen fundet.")
    page.route("**/door/people?q=*", lambda route: route.abort())
    page.fill("#door-q", "aya")
    page.click("#door-search-form button[type=submit]")
    expect(page.locator("#door-search-status")).to_have_text("Noget gik galt. Prøv igen.")
    expect(page.locator("#door-people li")).to_have_count(0)


def _scan(page, token):
    page.fill("#door-token", token)
    page.keyboard.press("Enter")


def test_door_answers_locally_when_a_scan_hangs_then_syncs(desktop):
    from tests.conftest import fair_day_make

    fair = fair_day_make()  # the door and stand scans work on the fair's day
    bo = _badge(fair, name="Bo Ørsted", email="bo@example.org")
    aya = _badge(fair)
    _device, key = services.door_device_create(fair=fair, name="Indgang 1")
    page = desktop.goto(f"/fairs/{fair.slug}/door/#device={key}")
    page.wait_for_function("window.doorKeyReady === true")
    _scan(page, bo.token)
    expect(page.locator("#door-name")).to_have_text("Bo Ørsted")

    # Poor Wi-Fi: the browser is online but the check-in request is never answered.
    hanging = []
    page.route("**/api/v1/checkin", lambda route: hanging.append(route))
    _scan(page, aya.token)
    # At once: the previous person's answer is gone.
    expect(page.locator("#door-word")).to_have_text("Tjekker …", timeout=1_000)
    assert page.inner_text("#door-name") == ""
    expect(page.locator("#door-result")).to_have_attribute("data-result", "ok", timeout=3_000)
    assert page.inner_text("#door-name") == "Aya Hussein"
    assert page.inner_text("#door-detail") == (
        "Elev · Gemt på denne enhed; sendes, når forbindelsen er tilbage."
    )
    expect(page.locator("#door-status")).to_have_attribute("data-queued", "1")
    assert list(CheckIn.objects.values_list("user__name", flat=True)) == ["Bo Ørsted"]

    page.unroute("**/api/v1/checkin")
    expect(page.locator("#door-status")).to_have_attribute("data-queued", "0", timeout=20_000)
    assert page.inner_text("#door-status") == "Online · Alle scanninger er sendt."
    assert sorted(CheckIn.objects.values_list("user__name", flat=True)) == [
        "Aya Hussein",
        "Bo Ørsted",
    ]
    assert Scan.objects.filter(badge=aya).count() == 1
    assert hanging  # the scan (and the retries while hanging) really waited


def test_door_keeps_the_queue_when_the_device_is_signed_out_while_offline(desktop):
    from tests.conftest import fair_day_make

    fair = fair_day_make()  # the door and stand scans work on the fair's day
    aya = _badge(fair)
    bo = _badge(fair, name="Bo Ørsted", email="bo@example.org")
    device, key = services.door_device_create(fair=fair, name="Indgang 3")
    page = desktop.goto(f"/fairs/{fair.slug}/door/#device={key}")
    page.wait_for_function("window.doorKeyReady === true")
    page.context.set_offline(True)
    _scan(page, aya.token)
    expect(page.locator("#door-result")).to_have_attribute("data-result", "ok")
    _scan(page, bo.token)
    expect(page.locator("#door-name")).to_have_text("Bo Ørsted")
    assert page.inner_text("#door-status") == ("Offline · 2 scanninger venter på at blive sendt")

    DoorDevice.objects.filter(pk=device.pk).update(revoked_at=timezone.now())
    page.context.set_offline(False)
    auth = page.locator("#door-auth")
    expect(auth).to_have_text(
        "Der venter scanninger, men enheden er ikke længere logget ind: log ind som"
        " dørpersonale igen, eller åbn et nyt enhedslink for at sende dem.",
        timeout=15_000,
    )
    page.wait_for_timeout(6_000)  # another sync round: still refused, still kept
    assert page.get_attribute("#door-status", "data-queued") == "2"
    assert CheckIn.objects.count() == 0

    DoorDevice.objects.filter(pk=device.pk).update(revoked_at=None)  # the link works again
    expect(page.locator("#door-status")).to_have_attribute("data-queued", "0", timeout=15_000)
    expect(auth).to_be_hidden()
    assert sorted(CheckIn.objects.values_list("user__name", flat=True)) == [
        "Aya Hussein",
        "Bo Ørsted",
    ]


NO_ED25519 = """
(() => {
  const original = SubtleCrypto.prototype.importKey;
  SubtleCrypto.prototype.importKey = function (format, key, algorithm, ...rest) {
    const name = typeof algorithm === "string" ? algorithm : algorithm && algorithm.name;
    if (String(name).toLowerCase() === "ed25519") {
      return Promise.reject(new DOMException("Algorithm: Unrecognized name", "NotSupportedError"));
    }
    return original.call(this, format, key, algorithm, ...rest);
  };
})();
"""


def test_door_without_ed25519_queues_offline_scans_for_the_server(desktop):
    from tests.conftest import fair_day_make

    fair = fair_day_make()  # the door and stand scans work on the fair's day
    aya = _badge(fair)
    _device, key = services.door_device_create(fair=fair, name="Indgang 4")
    desktop.page.add_init_script(NO_ED25519)
    page = desktop.goto(f"/fairs/{fair.slug}/door/#device={key}")
    warning = page.locator("#door-crypto")
    expect(warning).to_have_text(
        "Denne browser kan ikke kontrollere navneskilte offline: mens forbindelsen er nede,"
        " gemmes scanningerne, og serveren afgør dem, når den er tilbage."
    )
    desktop.check()

    page.context.set_offline(True)
    _scan(page, aya.token)
    result = page.locator("#door-result")
    expect(result).to_have_attribute("data-result", "unverified")
    assert page.inner_text("#door-word") == "KAN IKKE KONTROLLERES OFFLINE"
    assert page.inner_text("#door-detail") == (
        "Gemt på denne enhed; sendes, når forbindelsen er tilbage."
    )
    desktop.check()
    altered = aya.token[:40] + ("A" if aya.token[40] != "A" else "B") + aya.token[41:]
    _scan(page, altered)  # cannot be judged offline either: the server decides
    expect(page.locator("#door-status")).to_have_attribute("data-queued", "2")
    _scan(page, "NOT A BADGE")
    expect(result).to_have_attribute("data-result", "invalid")
    assert page.get_attribute("#door-status", "data-queued") == "2"
    assert CheckIn.objects.count() == 0

    page.context.set_offline(False)
    expect(page.locator("#door-status")).to_have_attribute("data-queued", "0", timeout=15_000)
    assert list(CheckIn.objects.values_list("user__name", flat=True)) == ["Aya Hussein"]
    assert sorted(Scan.objects.values_list("result", flat=True)) == ["invalid", "ok"]


def test_door_rehearsal_weeks_ahead_says_so_and_checks_in_a_scanned_badge(phone):
    """The demo's situation: the fair is 60 days ahead and in door rehearsal."""
    from tests.conftest import fair_make

    fair = fair_make("rehearsal2027", days_ahead=60)
    fair.door_rehearsal = True
    fair.save(update_fields=["door_rehearsal"])
    badge = _badge(fair)
    _device, key = services.door_device_create(fair=fair, name="Indgang 1")
    page = phone.goto(f"/fairs/{fair.slug}/door/#device={key}")
    page.wait_for_function("window.doorKeyReady === true")

    expect(page.locator("#door-fairday")).to_contain_text(
        f"Prøve ved døren: messen er {fair.date:%d.%m.%Y}."
    )
    page.fill("#door-token", badge.token)
    page.keyboard.press("Enter")
    expect(page.locator("#door-result")).to_have_attribute("data-result", "ok")
    assert page.inner_text("#door-name") == "Aya Hussein"
    phone.check()
    expect(page.locator('#door-counts [data-role="student"]')).to_have_text("1", timeout=10_000)
    assert CheckIn.objects.filter(fair=fair).count() == 1
