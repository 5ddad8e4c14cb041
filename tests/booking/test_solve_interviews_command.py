"""`manage.py solve_interviews`: solves a file without a database; exit 1 on bad input."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.booking.scheduler.test_io import SPEC_EXAMPLE

ROOT = Path(__file__).resolve().parents[2]


def test_solve_interviews_writes_result_and_summary(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(SPEC_EXAMPLE)
    out, err = io.StringIO(), io.StringIO()

    call_command("solve_interviews", str(path), stdout=out, stderr=err)

    result = json.loads(out.getvalue())
    assert result["meetings"] == [{"student": "s1", "company": "c1", "slot": "t1", "table": 1}]
    assert (result["score"], result["bound"]) == (15, 15)
    assert err.getvalue().startswith("meetings 1, score 15, bound 15, gap 0.000%, ")


def test_solve_interviews_writes_out_file(tmp_path):
    path, target = tmp_path / "instance.json", tmp_path / "result.json"
    path.write_text(SPEC_EXAMPLE)

    call_command(
        "solve_interviews",
        str(path),
        "--out",
        str(target),
        "--time-limit",
        "5",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )

    assert json.loads(target.read_text())["bound"] == 15


def test_solve_interviews_refuses_invalid_instance(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(SPEC_EXAMPLE.replace('"tables": 2', '"tables": 0'))

    with pytest.raises(CommandError) as refused:
        call_command("solve_interviews", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    assert str(refused.value) == (
        f"invalid instance {path}: companies[0] 'c1': tables must be an integer >= 1, got 0"
    )


def test_solve_interviews_exits_1_with_one_line(tmp_path):
    path = tmp_path / "missing.json"

    done = subprocess.run(
        [sys.executable, "manage.py", "solve_interviews", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "fair.settings"},
    )

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"CommandError: cannot read {path}: [Errno 2] No such file or directory: '{path}'\n"
    )


def test_solve_interviews_accepts_huge_tables_and_max_interviews(tmp_path):
    path = tmp_path / "instance.json"
    text = SPEC_EXAMPLE.replace('"tables": 2', '"tables": ' + "9" * 31)
    path.write_text(text.replace('"max_interviews": 3', '"max_interviews": ' + "9" * 31))
    out, err = io.StringIO(), io.StringIO()

    call_command("solve_interviews", str(path), stdout=out, stderr=err)

    result = json.loads(out.getvalue())
    assert result["meetings"] == [{"student": "s1", "company": "c1", "slot": "t1", "table": 1}]
    assert err.getvalue().startswith("meetings 1, score 15, bound 15, gap 0.000%, ")


def test_solve_interviews_refuses_mixed_naive_and_aware_times(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(
        SPEC_EXAMPLE.replace('"end": "2027-03-10T10:12:00+01:00"', '"end": "2027-03-10T10:12:00"')
    )

    with pytest.raises(CommandError) as refused:
        call_command("solve_interviews", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    assert str(refused.value) == (
        f"invalid instance {path}: slots[0] 't1': mixes times with and without a UTC offset"
    )
