"""The badge PDF's document title (its metadata) is in the reader's language: Danish first."""

import io

from pypdf import PdfReader

from badges.pdf import render_badges
from badges.pdf_layout import default_labels
from tests.badges.test_pdf import badge


def _title(labels=None, keys=None) -> str:
    out = io.BytesIO()
    render_badges([badge(keys, 1)], layout="single", out=out, labels=labels)
    return PdfReader(io.BytesIO(out.getvalue())).metadata.title


def test_badge_pdf_title_is_danish_by_default(keys):
    assert _title(keys=keys) == "Navneskilte"


def test_badge_pdf_title_follows_the_labels_language(keys):
    assert _title(default_labels("en"), keys=keys) == "Badges"
