"""booking.calendar.ics: every calendar is read back by vobject and by libical (iTIP restriction
check)."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from booking.calendar.ics import (
    FairInfo,
    InterviewEvent,
    Person,
    calendar_build,
    feed_build,
    invite_build,
)
from tests.booking.ics_readers import read_libical, read_vobject

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
DOMAIN = "praktikmesse.example.dk"
ORGANIZER = Person("Praktikmessen Ballerup", "messe@example.dk")
STUDENT = Person("Åse Ølgaard", "aase@example.dk")
COMPANY = Person("Novo Nordisk, HR", "hr@novo.example.com")


def make_fair(day: datetime = datetime(2027, 3, 28)) -> FairInfo:
    return FairInfo(
        slug="ballerup-2027",
        uid_domain=DOMAIN,
        name="Praktikmesse Ballerup 2027",
        venue_name="Ballerup Super Arena",
        address="Ballerup Idrætsby 4, 2750 Ballerup",
        start=day.replace(hour=9, tzinfo=CPH),
        end=day.replace(hour=15, tzinfo=CPH),
        organizer=ORGANIZER,
    )


def make_event(start: datetime | None = None, **changes) -> InterviewEvent:
    start = start or datetime(2027, 3, 28, 10, 0, tzinfo=CPH)
    event = InterviewEvent(
        uid=f"interview-17@{DOMAIN}",
        start=start,
        end=start + timedelta(minutes=15),
        counterpart_name="Novo Nordisk",
        stand="A12",
        table="2",
        sequence=0,
        status="booked",
        attendees=[STUDENT],
        what_to_bring="CV, karakterblad og godt humør",
    )
    return dataclasses.replace(event, **changes)


def assert_libical_clean(data: bytes) -> dict:
    result = read_libical(data)
    assert result["parse_errors"] == []
    assert result["errors"] == []
    assert result["restrictions_ok"] is True
    return result


def raw_props(data: bytes, name: str) -> list[str]:
    unfolded = data.decode().replace("\r\n ", "")
    return [line for line in unfolded.split("\r\n") if re.match(rf"{name}[;:]", line)]


def test_invite_request_passes_libical_itip_check():
    data = invite_build(fair=make_fair(), event=make_event(sequence=3), method="REQUEST", now=NOW)
    lib = assert_libical_clean(data)
    assert lib["cal_props"]["METHOD"] == ["REQUEST"]
    assert lib["cal_props"]["VERSION"] == ["2.0"]
    assert lib["cal_props"]["CALSCALE"] == ["GREGORIAN"]
    assert len(lib["cal_props"]["PRODID"]) == 1
    [event] = lib["events"]
    props = event["props"]
    for required in ("ORGANIZER", "ATTENDEE", "DTSTAMP", "DTSTART", "SEQUENCE", "SUMMARY", "UID"):
        assert required in props, required
    assert props["UID"] == [f"interview-17@{DOMAIN}"]
    assert props["SEQUENCE"] == ["3"]
    assert props["STATUS"] == ["CONFIRMED"]
    assert props["ORGANIZER"] == ["mailto:messe@example.dk"]
    assert props["ATTENDEE"] == ["mailto:aase@example.dk"]

    [vevent] = read_vobject(data)["events"]
    assert vevent["organizer"] == "mailto:messe@example.dk"
    [attendee] = vevent["attendees"]
    assert attendee["value"] == "mailto:aase@example.dk"
    assert attendee["params"]["CN"] == ["Åse Ølgaard"]
    assert attendee["params"]["ROLE"] == ["REQ-PARTICIPANT"]
    assert attendee["params"]["PARTSTAT"] == ["ACCEPTED"]
    assert attendee["params"]["RSVP"] == ["FALSE"]


def test_invite_cancel_keeps_uid_raises_sequence_and_drops_alarm():
    fair = make_fair()
    request = invite_build(fair=fair, event=make_event(sequence=1), method="REQUEST", now=NOW)
    cancelled = make_event(sequence=2, status="cancelled")
    cancel = invite_build(fair=fair, event=cancelled, method="CANCEL", now=NOW)
    lib = assert_libical_clean(cancel)
    assert lib["cal_props"]["METHOD"] == ["CANCEL"]
    [event] = lib["events"]
    assert event["props"]["STATUS"] == ["CANCELLED"]
    assert event["props"]["ATTENDEE"] == ["mailto:aase@example.dk"]
    assert event["alarms"] == []  # RFC 5546 CANCEL: VALARM 0
    [before] = read_vobject(request)["events"]
    [after] = read_vobject(cancel)["events"]
    assert after["uid"] == before["uid"]
    assert after["sequence"] > before["sequence"]
    assert after["status"] == "CANCELLED"


def test_feed_publish_has_fair_and_interviews_without_attendees():
    fair = make_fair()
    events = [
        make_event(datetime(2027, 3, 28, 11, 0, tzinfo=CPH), uid=f"interview-2@{DOMAIN}"),
        make_event(),
        make_event(
            datetime(2027, 3, 28, 12, 0, tzinfo=CPH),
            uid=f"interview-3@{DOMAIN}",
            status="cancelled",
            sequence=4,
        ),
    ]
    data = feed_build(fair=fair, events=events, now=NOW)
    lib = assert_libical_clean(data)
    assert lib["cal_props"]["METHOD"] == ["PUBLISH"]
    assert all("ATTENDEE" not in e["props"] for e in lib["events"])  # PUBLISH: ATTENDEE 0
    assert all(e["props"]["ORGANIZER"] == ["mailto:messe@example.dk"] for e in lib["events"])
    uids = [e["uid"] for e in read_vobject(data)["events"]]
    assert uids == [
        f"fair-ballerup-2027@{DOMAIN}",
        f"interview-17@{DOMAIN}",
        f"interview-2@{DOMAIN}",
        f"interview-3@{DOMAIN}",
    ]
    by_uid = {e["uid"]: e for e in read_vobject(data)["events"]}
    assert by_uid[f"interview-3@{DOMAIN}"]["status"] == "CANCELLED"
    assert by_uid[f"interview-3@{DOMAIN}"]["sequence"] == 4
    assert by_uid[f"interview-3@{DOMAIN}"]["alarms"] == []
    assert by_uid[f"fair-ballerup-2027@{DOMAIN}"]["summary"] == "Praktikmesse Ballerup 2027"


def test_libical_check_is_not_a_rubber_stamp():
    # An ATTENDEE under METHOD:PUBLISH must be reported, or the checks above prove nothing.
    data = invite_build(fair=make_fair(), event=make_event(), method="REQUEST", now=NOW)
    broken = data.replace(b"METHOD:REQUEST", b"METHOD:PUBLISH")
    result = read_libical(broken)
    assert result["restrictions_ok"] is False
    assert any("ATTENDEE" in error for error in result["errors"])


@pytest.mark.parametrize(
    ("local", "expected_utc"),
    [
        # DST begins 02:00 on the fair day itself, the last Sunday of March 2027.
        (datetime(2027, 3, 28, 10, 0), datetime(2027, 3, 28, 8, 0)),
        (datetime(2027, 3, 27, 10, 0), datetime(2027, 3, 27, 9, 0)),
        (datetime(2027, 1, 20, 10, 0), datetime(2027, 1, 20, 9, 0)),
        (datetime(2027, 6, 15, 10, 0), datetime(2027, 6, 15, 8, 0)),
        (datetime(2027, 10, 31, 10, 0), datetime(2027, 10, 31, 9, 0)),
    ],
)
def test_local_times_read_back_as_right_utc(local, expected_utc):
    start = local.replace(tzinfo=CPH)
    expected = expected_utc.replace(tzinfo=UTC)
    fair = make_fair(local.replace(hour=0))
    data = invite_build(fair=fair, event=make_event(start), method="REQUEST", now=NOW)
    stamp = local.strftime("%Y%m%dT%H%M%S")
    assert raw_props(data, "DTSTART")[-1] == f"DTSTART;TZID=Europe/Copenhagen:{stamp}"

    [vevent] = read_vobject(data)["events"]
    assert vevent["start_tzid"] == "Europe/Copenhagen"
    assert vevent["start_utc"] == expected
    assert vevent["end_utc"] == expected + timedelta(minutes=15)

    [event] = assert_libical_clean(data)["events"]
    assert event["start"]["zone"] == "Europe/Copenhagen"  # the embedded VTIMEZONE, by its TZID
    assert event["start"]["utc"] == expected
    assert event["end"]["utc"] == expected + timedelta(minutes=15)


def test_times_in_other_zones_are_written_as_copenhagen_wall_time():
    start = datetime(2027, 3, 28, 8, 0, tzinfo=UTC)
    data = invite_build(fair=make_fair(), event=make_event(start), method="REQUEST", now=NOW)
    assert raw_props(data, "DTSTART")[-1] == "DTSTART;TZID=Europe/Copenhagen:20270328T100000"
    assert raw_props(data, "DTEND") == ["DTEND;TZID=Europe/Copenhagen:20270328T101500"]


def test_readers_honour_the_embedded_vtimezone():
    # Falsify the DAYLIGHT offset: if both readers follow it, they read our VTIMEZONE rather
    # than their own zone database, so the UTC checks above test what we wrote.
    data = invite_build(fair=make_fair(), event=make_event(), method="REQUEST", now=NOW)
    skewed = data.replace(b"TZOFFSETTO:+0200", b"TZOFFSETTO:+0300")
    assert skewed != data
    expected = datetime(2027, 3, 28, 7, 0, tzinfo=UTC)
    assert read_vobject(skewed)["events"][0]["start_utc"] == expected
    assert read_libical(skewed)["events"][0]["start"]["utc"] == expected


def test_vtimezone_is_rule_based():
    data = feed_build(fair=make_fair(), events=[make_event()], now=NOW)
    assert b"RDATE" not in data
    assert data.count(b"BEGIN:VTIMEZONE") == 1
    [tz] = read_vobject(data)["timezones"]
    assert tz["tzid"] == "Europe/Copenhagen"
    assert set(tz["parts"]) == {"STANDARD", "DAYLIGHT"}
    daylight, standard = tz["parts"]["DAYLIGHT"], tz["parts"]["STANDARD"]
    assert [str(r) for r in daylight["rrule"]] == ["FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"]
    assert [str(r) for r in standard["rrule"]] == ["FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"]
    assert raw_props(data, "DTSTART")[:2] == ["DTSTART:19700329T020000", "DTSTART:19701025T030000"]
    assert raw_props(data, "TZOFFSETFROM") == ["TZOFFSETFROM:+0100", "TZOFFSETFROM:+0200"]
    assert raw_props(data, "TZOFFSETTO") == ["TZOFFSETTO:+0200", "TZOFFSETTO:+0100"]
    [lib_tz] = assert_libical_clean(data)["timezones"]
    assert lib_tz["TZID"] == ["Europe/Copenhagen"]


def test_uids_are_stable_across_rebuilds():
    fair, events = make_fair(), [make_event()]
    first = feed_build(fair=fair, events=events, now=NOW)
    second = feed_build(fair=fair, events=events, now=NOW + timedelta(days=3))
    uids = [e["uid"] for e in read_vobject(first)["events"]]
    assert uids == [e["uid"] for e in read_vobject(second)["events"]]
    assert uids == [f"fair-ballerup-2027@{DOMAIN}", f"interview-17@{DOMAIN}"]
    # Only DTSTAMP may differ between rebuilds.
    assert re.sub(rb"DTSTAMP:\w+", b"", first) == re.sub(rb"DTSTAMP:\w+", b"", second)
    assert raw_props(first, "DTSTAMP") == ["DTSTAMP:20270301T120000Z"] * 2


def test_sequence_is_written_as_given():
    for sequence in (0, 1, 7):
        data = invite_build(
            fair=make_fair(), event=make_event(sequence=sequence), method="REQUEST", now=NOW
        )
        assert read_vobject(data)["events"][0]["sequence"] == sequence


def test_crlf_line_endings_and_75_octet_folding():
    event = make_event(what_to_bring="Medbring æbler, øl-fri madpakke og blå mappe. " * 6)
    data = feed_build(fair=make_fair(), events=[event], now=NOW)
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long text really was folded
    for line in lines:
        line.decode("utf-8")  # folding never splits a multi-byte character
    description = read_vobject(data)["events"][1]["description"]
    assert event.what_to_bring.strip() in description


def test_valarm_thirty_minutes_before():
    data = invite_build(fair=make_fair(), event=make_event(), method="REQUEST", now=NOW)
    assert raw_props(data, "TRIGGER") == ["TRIGGER:-PT30M"]
    [alarm] = read_vobject(data)["events"][0]["alarms"]
    assert alarm["action"] == "DISPLAY"
    assert alarm["trigger"] == timedelta(minutes=-30)
    assert alarm["description"]
    [lib_alarm] = assert_libical_clean(data)["events"][0]["alarms"]
    assert lib_alarm["TRIGGER"] == ["-PT30M"]
    assert lib_alarm["ACTION"] == ["DISPLAY"]


def test_english_texts():
    with translation.override("en"):
        data = invite_build(fair=make_fair(), event=make_event(), method="REQUEST", now=NOW)
        no_table = feed_build(fair=make_fair(), events=[make_event(table=None)], now=NOW)
    [event] = read_vobject(data)["events"]
    assert event["summary"] == "Interview with Novo Nordisk"
    place = "Ballerup Super Arena, Ballerup Idrætsby 4, 2750 Ballerup"
    assert event["location"] == f"Stand A12, table 2, {place}"
    assert "What to bring: CV, karakterblad og godt humør" in event["description"]
    assert event["alarms"][0]["description"] == "Interview with Novo Nordisk starts in 30 minutes"
    assert read_vobject(no_table)["events"][1]["location"] == f"Stand A12, {place}"
    cancelled = make_event(status="cancelled", sequence=1)
    with translation.override("en"):
        cancel = invite_build(fair=make_fair(), event=cancelled, method="CANCEL", now=NOW)
    [event] = read_vobject(cancel)["events"]
    assert event["summary"] == "Cancelled: Interview with Novo Nordisk"
    assert "This interview has been cancelled." in event["description"]


@pytest.mark.parametrize("language", ["da", "en"])
def test_structure_holds_in_every_language(language):
    with translation.override(language):
        feed = feed_build(fair=make_fair(), events=[make_event()], now=NOW)
        invite = invite_build(fair=make_fair(), event=make_event(), method="REQUEST", now=NOW)
    for data in (feed, invite):
        assert_libical_clean(data)
        assert "Novo Nordisk" in read_vobject(data)["events"][-1]["summary"]


def test_danish_summary_and_location():
    with translation.override("da"):
        data = invite_build(fair=make_fair(), event=make_event(), method="REQUEST", now=NOW)
    [event] = read_vobject(data)["events"]
    assert event["summary"] == "Samtale med Novo Nordisk"
    assert event["location"].startswith("Stand A12, bord 2, Ballerup Super Arena")


@pytest.mark.parametrize(
    ("method", "event", "include_fair"),
    [
        ("REQUEST", make_event(status="cancelled"), False),
        ("CANCEL", make_event(), False),
        ("REQUEST", make_event(attendees=[]), False),
        ("REQUEST", make_event(), True),  # two UIDs in one iTIP object
        ("PUBLISH", make_event(start=datetime(2027, 3, 28, 10, 0)), True),  # naive
        ("PUBLISH", make_event(end=datetime(2027, 3, 28, 9, 0, tzinfo=CPH)), True),
        ("PUBLISH", make_event(sequence=-1), True),
        ("PUBLISH", make_event(uid=f"fair-ballerup-2027@{DOMAIN}"), True),
        ("REQUEST", make_event(attendees=[Person("X", "x@y.dk\r\nATTENDEE:mailto:z@y.dk")]), False),
        ("REPLY", make_event(), False),
    ],
)
def test_rejects_what_would_break_itip(method, event, include_fair):
    with pytest.raises(ValueError):
        calendar_build(
            fair=make_fair(), events=[event], method=method, include_fair_event=include_fair
        )


def test_invite_refuses_publish():
    with pytest.raises(ValueError):
        invite_build(fair=make_fair(), event=make_event(), method="PUBLISH")  # type: ignore[arg-type]
