"""Read ICS bytes with two parsers independent of icalendar: vobject and libical (via GI)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from typing import Any

import pytest
import vobject

# libical's GObject bindings live in Debian's system Python (python3-gi, gir1.2-ical-3.0),
# not in the venv, so they run in a subprocess. Override the interpreter for other hosts.
LIBICAL_PYTHON = os.environ.get("ICS_LIBICAL_PYTHON", "/usr/bin/python3")

LIBICAL_SCRIPT = r"""
import json, sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I

def lic_errors(comp):
    # libical records parse and restriction failures as X-LIC-ERROR properties.
    text = comp.as_ical_string().replace("\r\n ", "").replace("\n ", "")
    return [line for line in text.splitlines() if line.startswith("X-LIC-ERROR")]

def children(comp, kind):
    child = comp.get_first_component(kind)
    while child is not None:
        yield child
        child = comp.get_next_component(kind)

def props(comp):
    out = {}
    prop = comp.get_first_property(I.PropertyKind.ANY_PROPERTY)
    while prop is not None:
        out.setdefault(prop.get_property_name(), []).append(prop.get_value_as_string())
        prop = comp.get_next_property(I.PropertyKind.ANY_PROPERTY)
    return out

def utc(t):
    # Converts through the zone libical resolved from TZID (the calendar's own VTIMEZONE).
    zone = t.get_timezone()
    return {
        "utc": t.convert_to_zone(I.Timezone.get_utc_timezone()).as_ical_string(),
        "zone": zone.get_tzid() if zone is not None else None,
    }

cal = I.Component.new_from_string(sys.stdin.read())
if cal is None:
    print(json.dumps({"parsed": False}))
    sys.exit(0)
parse_errors = lic_errors(cal)
valid = bool(cal.check_restrictions())
events = []
for ev in children(cal, I.ComponentKind.VEVENT_COMPONENT):
    events.append({
        "props": props(ev),
        "start": utc(ev.get_dtstart()),
        "end": utc(ev.get_dtend()),
        "alarms": [props(a) for a in children(ev, I.ComponentKind.VALARM_COMPONENT)],
    })
print(json.dumps({
    "parsed": True,
    "parse_errors": parse_errors,
    "restrictions_ok": valid,
    "errors": lic_errors(cal),
    "cal_props": props(cal),
    "timezones": [props(tz) for tz in children(cal, I.ComponentKind.VTIMEZONE_COMPONENT)],
    "events": events,
}))
"""


def read_libical(data: bytes) -> dict[str, Any]:
    """Parse with libical, run its iTIP restriction check; return events with UTC times."""
    if shutil.which(LIBICAL_PYTHON) is None:
        pytest.skip(f"{LIBICAL_PYTHON} not found (needs python3-gi and gir1.2-ical-3.0)")
    run = subprocess.run(
        [LIBICAL_PYTHON, "-c", LIBICAL_SCRIPT],
        input=data,
        capture_output=True,
        timeout=60,
        check=False,
    )
    if run.returncode != 0 and b"ICalGLib" in run.stderr and b"Namespace" in run.stderr:
        pytest.skip("libical GI bindings missing (apt install python3-gi gir1.2-ical-3.0)")
    assert run.returncode == 0, run.stderr.decode()
    result = json.loads(run.stdout)
    assert result["parsed"], "libical could not parse the calendar"
    for event in result["events"]:
        for key in ("start", "end"):
            event[key]["utc"] = datetime.strptime(event[key]["utc"], "%Y%m%dT%H%M%SZ").replace(
                tzinfo=UTC
            )
    return result


def read_vobject(data: bytes) -> dict[str, Any]:
    """Parse with vobject (its own VTIMEZONE handling); return events with UTC times."""
    cal = vobject.readOne(data.decode("utf-8"))
    # vobject keeps a process-global TZID registry where the first VTIMEZONE seen wins, so
    # rebuild each zone from this calendar's own VTIMEZONE and re-attach it to the wall time.
    zones = {tz.tzid.value: tz.gettzinfo() for tz in cal.contents.get("vtimezone", [])}

    def to_utc(prop: Any) -> datetime:
        tzid = prop.params.get("X-VOBJ-ORIGINAL-TZID", [None])[0]
        value = prop.value if tzid is None else prop.value.replace(tzinfo=zones[tzid])
        return value.astimezone(UTC)

    events = []
    for vevent in cal.contents.get("vevent", []):
        contents = vevent.contents
        events.append(
            {
                "uid": vevent.uid.value,
                "summary": vevent.summary.value,
                "location": vevent.location.value,
                "description": _first_value(contents, "description"),
                "sequence": int(vevent.sequence.value),
                "status": vevent.status.value,
                "start_utc": to_utc(vevent.dtstart),
                "end_utc": to_utc(vevent.dtend),
                "start_tzid": vevent.dtstart.params.get("X-VOBJ-ORIGINAL-TZID", [None])[0],
                "organizer": _first_value(contents, "organizer"),
                "attendees": [
                    {"value": a.value, "params": a.params} for a in contents.get("attendee", [])
                ],
                "alarms": [
                    {
                        "action": alarm.action.value,
                        "trigger": alarm.trigger.value,
                        "description": alarm.description.value,
                    }
                    for alarm in contents.get("valarm", [])
                ],
            }
        )
    timezones = [
        {
            "tzid": tz.tzid.value,
            "parts": {
                child.name: {
                    key: [ln.value for ln in lines] for key, lines in child.contents.items()
                }
                for child in tz.getChildren()
                if child.name in ("STANDARD", "DAYLIGHT")
            },
        }
        for tz in cal.contents.get("vtimezone", [])
    ]
    return {"method": cal.method.value, "events": events, "timezones": timezones}


def _first_value(contents: dict[str, list[Any]], name: str) -> Any:
    return contents[name][0].value if name in contents else None
