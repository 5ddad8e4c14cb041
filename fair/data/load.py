"""Load the shipped Danish reference data (programmes, municipalities, schools)."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent
MAIN_AREAS = {
    "Fødevarer, jordbrug og oplevelser": "food",
    "Kontor, handel og forretningsservice": "office",
    "Omsorg, sundhed og pædagogik": "care",
    "Teknologi, byggeri og transport": "tech",
}


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(Programme, Municipality, School) -> None:
    """Create or update the reference rows; idempotent, keeps organizers' own additions."""
    schools = {}
    for row in rows("schools.csv"):
        schools[row["short_name"]], _ = School.objects.get_or_create(
            short_name=row["short_name"], defaults={"name": row["name"]}
        )
    for row in rows("eud_programmes.csv"):
        programme, _ = Programme.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_da": row["name_da"],
                "name_en": row["name_en"],
                "main_area": MAIN_AREAS[row["main_area_da"]],
            },
        )
        for short in filter(None, (s.strip() for s in row["schools"].replace(";", ",").split(","))):
            if short in schools:
                schools[short].programmes.add(programme)
    for row in rows("municipalities.csv"):
        Municipality.objects.update_or_create(
            code=row["kommunekode"],
            defaults={"name": row["name_da"], "postcodes": row["postcodes"].replace(";", ", ")},
        )
