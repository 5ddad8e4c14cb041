from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from booking.models import Stand
from booking.stands.floorplan import CsvProblem, PlanStand, plan_svg, stand_rows_parse
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


@pytest.mark.parametrize(
    ("price", "expected"),
    [
        ("", 0),
        ("0", 0),
        ("12500", 12500),
        ("12.500", 12500),
        ("12 500", 12500),
        ("1.000", 1000),
        ("1.000.000", 1000000),
    ],
)
def test_parse_reads_whole_kroner_with_danish_thousands(price, expected):
    (row,) = stand_rows_parse(HEADER + f"A1,A,0,0,3,2,6,ja,{price},\n")
    assert row.price_dkk == expected


@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("1999.99", "“price_dkk” skal være hele kroner, fx 12500 eller 12.500, ikke “1999.99”."),
        ('"1999,99"', "“price_dkk” skal være hele kroner, fx 12500 eller 12.500, ikke “1999,99”."),
        ('"12,500"', "“price_dkk” skal være hele kroner, fx 12500 eller 12.500, ikke “12,500”."),
        ("12.50", "“price_dkk” skal være hele kroner, fx 12500 eller 12.500, ikke “12.50”."),
        ("1.000 000", "“price_dkk” skal være et tal, ikke “1.000 000”."),
        ("1000001", "“price_dkk” må højst være 1.000.000 kroner, ikke 1000001."),
        ("-100", "“price_dkk” må ikke være negativ, ikke -100."),
        ("gratis", "“price_dkk” skal være et tal, ikke “gratis”."),
    ],
)
def test_parse_refuses_decimal_ambiguous_and_too_high_prices_with_the_line(price, message):
    text = HEADER + "A1,A,0,0,3,2,6,ja,100,\n" + f"A2,A,4,0,3,2,6,ja,{price},\n"
    with pytest.raises(CsvProblem) as exc:
        stand_rows_parse(text)
    assert (exc.value.line, exc.value.message) == (3, message)


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


def test_import_stands_command_keeps_realistic_prices_and_refuses_decimals(fair, tmp_path):
    path = tmp_path / "stande.csv"
    path.write_text(
        "code;zone;x;y;width;height;size_m2;power;price_dkk;note\n"
        "A1;A;0;0;3;2;6;ja;12.500;\nA2;A;4;0;3;2;6;ja;12 500;\n",
        encoding="utf-8",
    )
    call_command("import_stands", str(path), "--fair", fair.slug)
    assert list(Stand.objects.values_list("code", "price_dkk")) == [("A1", 12500), ("A2", 12500)]
    path.write_text(HEADER + "B1,B,0,5,3,2,6,ja,1999.99,\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("import_stands", str(path), "--fair", fair.slug)
    assert str(exc.value) == (
        "Linje 2: “price_dkk” skal være hele kroner, fx 12500 eller 12.500, ikke “1999.99”. "
        "Intet blev importeret."
    )
    assert Stand.objects.count() == 2
