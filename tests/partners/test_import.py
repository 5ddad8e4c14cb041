import pytest

from partners.csv_import import ImportRefused, register_import
from partners.models import Contribution, MappedStudent

HEADER = "navn;email;fødselsdato;uddannelse;kommune;skole;søger_siden;status\n"
GOOD = "Sara Hansen;sara@example.dk;03.05.2008;Elektriker|Smed;Ballerup;TEC;01.08.2026;søger\n"


def refused(data: bytes, partner) -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        register_import(data=data, partner=partner, user=None)
    assert MappedStudent.objects.count() == 0  # nothing half-written
    return caught.value.errors


def test_import_adds_every_line_and_merges_a_known_email(jobcenter):
    data = HEADER + GOOD + "Ali Khan;;;smed;0151;;2026-09-01;skoleoplæring\n"
    data += "SARA HANSEN;SARA@example.dk;;murer;;;01.09.2026;søger\n"
    result = register_import(data=("\ufeff" + data).encode(), partner=jobcenter, user=None)
    assert (result.created, result.merged) == (2, 1)
    sara = MappedStudent.objects.get(email="sara@example.dk")
    assert sorted(p.code for p in sara.programmes.all()) == ["elektriker", "murer", "smed"]
    assert sara.municipality.name == "Ballerup" and str(sara.school) == "TEC"
    ali = MappedStudent.objects.get(name="Ali Khan")
    assert (ali.status, ali.municipality.name) == ("school_training", "Ballerup")
    assert Contribution.objects.filter(partner=jobcenter, source="csv").count() == 2


def test_import_over_two_megabytes_is_refused_whole_with_a_clear_message(jobcenter):
    data = (HEADER + GOOD * 30000).encode()
    assert len(data) > 2 * 1024 * 1024
    assert refused(data, jobcenter) == [
        f"Filen er {len(data) / 1024 / 1024:.1f} MB; grænsen er 2 MB. Del den i mindre filer."
    ]


def test_import_refuses_hostile_lines_by_number_and_writes_nothing(jobcenter):
    data = (
        HEADER
        + GOOD
        + '=HYPERLINK("http://x");;;smed;;;01.08.2026;\n'
        + "Ole;;;smed;;;01.08.2026;"
        + "x" * 300
        + "\n"
        + "Ole 010203-1234;;;smed;;;01.08.2026;\n"
        + "Kim;;;Astronaut;Atlantis;;32.13.2026;måske\n"
        + "too;few\n"
    ).encode()
    assert refused(data, jobcenter) == [
        "Linje 3: feltet »name« begynder med = + - @ eller en tabulator, som en regnearksformel.",
        "Linje 4: feltet »status« er længere end 200 tegn.",
        "Linje 5: feltet »name« ligner et CPR-nummer; CPR-numre gemmes aldrig. "
        "Fjern det fra filen.",
        "Linje 6: ukendt uddannelse »Astronaut«.",
        "Linje 6: ukendt kommune »Atlantis«.",
        "Linje 6: »søger siden« skal være en dato (dd.mm.åååå).",
        "Linje 6: ukendt status »måske«.",
        "Linje 7: 2 felter, overskriften har 8.",
    ]


def test_import_refuses_nul_bytes_and_other_encodings(jobcenter):
    assert refused((HEADER + GOOD + "Bo\x00;;;smed;;;01.08.2026;\n").encode(), jobcenter) == [
        "Linje 3: filen indeholder en NUL-byte; det er ikke en CSV-tekstfil."
    ]
    latin = (HEADER + GOOD).encode("cp1252")
    assert refused(latin, jobcenter) == [
        "Linje 1: filen er ikke UTF-8-tekst. Gem den i Excel som »CSV UTF-8 (kommasepareret)«."
    ]


def test_import_refuses_unknown_columns_and_empty_files(jobcenter):
    errors = refused(b"navn;cpr;uddannelse\nBo;x;smed\n", jobcenter)
    assert errors[0].startswith("Linje 1: ukendt kolonne “cpr”. Kendte kolonner: navn,")
    assert refused(b"   \n", jobcenter) == ["Filen er tom."]
    assert refused(HEADER.encode(), jobcenter) == ["Filen indeholder ingen elever."]
