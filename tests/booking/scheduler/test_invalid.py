"""Any one broken field of a valid instance is refused naming that entry, never a crash."""

import json

from hypothesis import assume, given
from hypothesis import strategies as st

from booking.scheduler import InvalidInstance, instance_from_json, instance_to_json
from tests.booking.scheduler.strategies import fairs

# "weight": <= 0, or too large for a float (an integer with 400 digits).
BREAKS = ("unknown id in a wish", "duplicate id", "weight", "tables", "fixed")


@st.composite
def broken_fairs(draw: st.DrawFn) -> tuple[dict, str, str]:
    """(instance JSON with one field broken, what was broken, the entry the message names)."""
    data = instance_to_json(draw(fairs()))
    wishes, companies = data["wishes"], data["companies"]
    kind = draw(st.sampled_from(BREAKS))
    if kind in ("unknown id in a wish", "weight"):
        assume(wishes)
        i = draw(st.integers(0, len(wishes) - 1))
        if kind == "weight":
            wishes[i]["weight"] = draw(st.sampled_from([0, -1, -0.5, 0.0, 10**400]))
        else:
            wishes[i][draw(st.sampled_from(["student", "company"]))] = "nobody"
        return data, kind, f"wishes[{i}] "
    if kind == "duplicate id":
        key = draw(st.sampled_from(["slots", "companies", "students"]))
        entries = data[key]
        assume(len(entries) >= 2)
        i, j = sorted(
            draw(st.lists(st.integers(0, len(entries) - 1), min_size=2, max_size=2, unique=True))
        )
        entries[j]["id"] = entries[i]["id"]
        return data, kind, f"{key}[{j}]: duplicate id "
    if kind == "tables":
        i = draw(st.integers(0, len(companies) - 1))
        companies[i]["tables"] = draw(st.integers(-3, 0))
        return data, kind, f"companies[{i}] "
    # A fixed meeting appended after the valid ones, breaking one rule.
    fixed = data.setdefault("fixed", [])
    slot = data["slots"][0]["id"]
    options = ["unknown slot", "unknown student", "not wished"]
    if fixed:
        options.append("pair fixed twice")
    rule = draw(st.sampled_from(options))
    if rule == "pair fixed twice":
        entry = dict(draw(st.sampled_from(fixed)))
    elif rule == "not wished":
        wished = {(w["student"], w["company"]) for w in wishes}
        pairs = [(s["id"], c["id"]) for s in data["students"] for c in companies]
        free = [p for p in pairs if p not in wished]
        assume(free)
        student, company = draw(st.sampled_from(free))
        entry = {"student": student, "company": company, "slot": slot}
    else:
        assume(wishes)
        wish = draw(st.sampled_from(wishes))
        entry = {"student": wish["student"], "company": wish["company"], "slot": slot}
        entry["slot" if rule == "unknown slot" else "student"] = "nowhere"
    fixed.append(entry)
    return data, f"fixed: {rule}", f"fixed[{len(fixed) - 1}] "


@given(broken_fairs())
def test_one_broken_field_is_refused_naming_its_entry(case):
    data, kind, entry = case

    try:
        instance_from_json(json.dumps(data))
    except InvalidInstance as error:
        message = str(error)
    else:
        raise AssertionError(f"{kind}: accepted")

    assert message.startswith(entry), (kind, message)
