"""The admin speaks Danish: model and field names and admin actions are translated."""

import pytest
from django.contrib import admin
from django.utils.functional import Promise

from fair.models import User

APPS = ("fair", "booking", "badges", "partners", "outreach", "outcomes")


def _registered(apps):
    return [m for m in admin.site._registry if m._meta.app_label in apps]


def test_models_and_fields_in_the_admin_have_translated_names():
    untranslated = []
    for model in _registered(APPS):
        if not isinstance(model._meta.verbose_name, Promise):
            untranslated.append(model.__name__)
        for field in model._meta.get_fields():
            if (field.auto_created and not field.concrete) or field.primary_key:
                continue
            if not isinstance(field.verbose_name, Promise):
                untranslated.append(f"{model.__name__}.{field.name}")
    assert untranslated == []


def test_every_admin_action_has_a_translated_description():
    untranslated = []
    for model, model_admin in admin.site._registry.items():
        for action in model_admin.actions or ():
            function = getattr(model_admin, action) if isinstance(action, str) else action
            text = getattr(function, "short_description", None)
            if text is not None and not isinstance(text, Promise):
                untranslated.append(f"{model.__name__}.{action}")
    assert untranslated == []


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/admin/booking/schedulerun/add/", ["Tilføj planlægningskørsel", "Øvre grænse:"]),
        ("/admin/booking/interview/add/", ["Tidspunkt:", "Virksomhed:", "Elev:", "Afsluttet af:"]),
        ("/admin/badges/checkin/add/", ["Person:", "Enhed:"]),
    ],
)
def test_admin_pages_show_danish_field_names(client, db, path, words):
    client.force_login(User.objects.create_superuser(email="o@example.org", name="O", password="x"))
    page = client.get(path).content.decode()
    assert [w for w in words if w not in page] == []
