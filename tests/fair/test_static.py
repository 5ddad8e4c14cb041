"""Production static settings: pages and the API docs work even before collectstatic."""

import pytest
from django.test import override_settings


@pytest.fixture
def production_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static-root-without-collectstatic"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "fair.storage.StaticStorage"},
    }


def test_api_docs_and_pages_render_without_collectstatic(client, fair, production_storage):
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "swagger-ui" in docs.content.decode()
    page = client.get(f"/fairs/{fair.slug}/")
    assert page.status_code == 200
    assert 'href="/static/css/site.css"' in page.content.decode()


@override_settings(DEBUG=False)
def test_static_files_are_served_before_collectstatic(client, db, production_storage):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert b".skip-link" in b"".join(response.streaming_content)
