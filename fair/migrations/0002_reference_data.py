from django.db import migrations

from fair.data.load import load_reference_data


def forwards(apps, schema_editor):
    load_reference_data(
        apps.get_model("fair", "Programme"),
        apps.get_model("fair", "Municipality"),
        apps.get_model("fair", "School"),
    )


class Migration(migrations.Migration):
    dependencies = [("fair", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
