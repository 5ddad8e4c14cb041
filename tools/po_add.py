"""Add Danish translations to locale/da and recompile, safely while others do the same.

Usage: .venv/bin/python tools/po_add.py FILE.json
FILE.json: {"English msgid": "Danish msgstr", ...}, or a list of objects
{"msgid", "msgstr"} with optional "msgctxt", "msgid_plural" and "msgstr_plural": [one, many].
"""

import fcntl
import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "da" / "LC_MESSAGES" / "django.po"


def entries(data) -> list[dict]:
    if isinstance(data, dict):
        return [{"msgid": k, "msgstr": v} for k, v in data.items()]
    return list(data)


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        items = entries(json.load(handle))
    with open(PO.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        catalogue = polib.pofile(str(PO), wrapwidth=79)
        for item in items:
            found = catalogue.find(item["msgid"], msgctxt=item.get("msgctxt"))
            if found is None:
                found = polib.POEntry(msgid=item["msgid"], msgctxt=item.get("msgctxt"))
                catalogue.append(found)
            if "msgid_plural" in item:
                found.msgid_plural = item["msgid_plural"]
                found.msgstr_plural = dict(enumerate(item["msgstr_plural"]))
            else:
                found.msgstr = item["msgstr"]
            if "fuzzy" in found.flags:
                found.flags.remove("fuzzy")
            if "%(" in item["msgid"] and "python-format" not in found.flags:
                found.flags.append("python-format")
        catalogue.save(str(PO))
        catalogue.save_as_mofile(str(PO.with_suffix(".mo")))
    print(f"{len(items)} entries written to {PO.relative_to(PO.parents[3])}")


if __name__ == "__main__":
    main(sys.argv[1])
