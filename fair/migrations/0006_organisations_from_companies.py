"""One Organisation per distinct CVR of the existing companies, and their declared approvals."""

from django.db import migrations

SOURCE = "company declaration"


def organisations_from_companies(Company, CompanyProgramme, Organisation, OrganisationApproval):
    """Link every company to an organisation by CVR; the latest company's details win.

    Takes the model classes so that tests can run it on the current models too.
    """
    latest: dict[str, object] = {}
    for company in Company.objects.order_by("fair__date", "created_at", "pk"):
        latest[company.cvr] = company
    for cvr, company in latest.items():
        details = {
            "name": company.name,
            "address": company.address,
            "postcode": company.postcode,
            "city": company.city,
            "municipality_id": company.municipality_id,
            "website": company.website,
            "phone": company.phone,
        }
        organisation, _created = Organisation.objects.update_or_create(cvr=cvr, defaults=details)
        Company.objects.filter(cvr=cvr).update(organisation=organisation)
    offers = CompanyProgramme.objects.select_related("company").order_by(
        "company__fair__date", "company__created_at", "pk"
    )
    OrganisationApproval.objects.bulk_create(
        OrganisationApproval(
            organisation_id=offer.company.organisation_id,
            programme_id=offer.programme_id,
            status="approved" if offer.approved else "not_approved",
            recorded_at=offer.company.created_at,
            source=SOURCE,
        )
        for offer in offers
        if offer.company.organisation_id
    )


def forwards(apps, schema_editor):
    organisations_from_companies(
        apps.get_model("fair", "Company"),
        apps.get_model("fair", "CompanyProgramme"),
        apps.get_model("fair", "Organisation"),
        apps.get_model("fair", "OrganisationApproval"),
    )


def backwards(apps, schema_editor):
    apps.get_model("fair", "Company").objects.update(organisation=None)
    apps.get_model("fair", "OrganisationApproval").objects.all().delete()
    apps.get_model("fair", "Organisation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("fair", "0005_organisations")]

    operations = [migrations.RunPython(forwards, backwards)]
