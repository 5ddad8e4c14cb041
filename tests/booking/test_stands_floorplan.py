from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from booking.floorplan import CsvProblem, PlanStand, plan_svg, stand_rows_parse
from booking.models import Stand
from tests.booking.stands_helpers import HEADER


def test_parse_reads_semicolons_danish_commas_and_a_bom():
    text = (
        "\ufeffcode;zone;x;y;width;height;size_m2;power;price_dkk;note\n"
        "a1;Hal A;0;1,5;3;2,5;7,5;ja;2500;Hjørne\n"
    )
    (row,) = stand_rows_parse(text)
    assert (row.line, row.code, row.zone, row.y, row.height, row.size_m2, row.power, row.note) == (
        2,
        "A1",
        "Hal A",
        Decimal("1.50"),
        Decimal("2.50"),
        Decimal("7.50"),
        True,
        "Hjørne",
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 0, "Filen er tom."),
        (HEADER, 0, "Filen har ingen stande."),
        (HEADER + "A1,A,0,0,3,2,0,ja,0,\n", 2, "“size_m2” skal være større end 0, ikke 0."),
        (HEADER + "A1,A,-1,0,3,2,6,ja,0,\n", 2, "“x” må ikke være negativ, ikke -1."),
        (HEADER + "A1,A,0,0,3,2,6,måske,0,\n", 2, "“power” skal være ja eller nej."),
        (HEADER + "A1,A,0\n", 2, "Linjen har for få kolonner."),
    ],
)
def test_parse_names_the_line_of_the_problem(text, line, message):
    with pytest.raises(CsvProblem) as exc:
        stand_rows_parse(text)
    assert (exc.value.line, exc.value.message) == (line, message)


def test_plan_svg_escapes_company_names_and_uses_a_group_for_stands_without_links():
    stand = PlanStand(
        code="A1", zone="A", x=0, y=0, width=3, height=2, size_m2=Decimal("6.00"),
        state="booked", company="<Smed & Søn>",
    )  # fmt: skip
    svg = str(plan_svg(stands=[stand], title="Plan"))
    assert (
        'role="img" tabindex="0" '
        'aria-label="Stand A1, zone A, 6 m², booket af &lt;Smed &amp; Søn&gt;"' in svg
    )
    assert "<Smed" not in svg


def test_import_stands_command(fair, tmp_path, capsys):
    path = tmp_path / "stande.csv"
    path.write_text(HEADER + "A1,A,0,0,3,2,6,ja,0,\n", encoding="utf-8")
    call_command("import_stands", str(path), "--fair", fair.slug)
    assert capsys.readouterr().out == f"1 stands imported into {fair.slug}.\n"
    with pytest.raises(CommandError) as exc:
        call_command("import_stands", str(path), "--fair", fair.slug)
    assert (
        str(exc.value) == "Linje 2: Stand A1 findes allerede på denne messe. Intet blev importeret."
    )
    assert list(Stand.objects.values_list("code", flat=True)) == ["A1"]
