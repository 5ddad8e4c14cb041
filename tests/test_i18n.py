"""The Danish catalogue is complete, compiled and up to date with the source."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def test_danish_catalogue_has_every_string_translated():
    catalogue = polib.pofile(str(PO))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_compiled_catalogue_matches_the_source_catalogue():
    source = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.pofile(str(PO))}
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(MO))}
    source = {k: v for k, v in source.items() if k[1]}
    compiled = {k: v for k, v in compiled.items() if k[1]}
    assert compiled == source


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs gettext: make system-deps")
def test_catalogue_holds_every_msgid_of_the_source(tmp_path):
    """Run makemessages on a copy of the project and compare the msgids it finds."""
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(".*", "__pycache__", "staticfiles", "db.sqlite3*")
    shutil.copytree(ROOT, copy, ignore=ignore)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "da", "--no-location"]
        + ["-i", "bench/*", "-i", "tests/*", "-i", "staticfiles/*"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "PYTHONPATH": str(copy)},
    )
    fresh = polib.pofile(str(copy / "locale" / "da" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(PO))
    wanted = {(e.msgctxt, e.msgid) for e in fresh if not e.obsolete}
    have = {(e.msgctxt, e.msgid) for e in committed if not e.obsolete and e.translated()}
    assert sorted(wanted - have, key=str) == []
