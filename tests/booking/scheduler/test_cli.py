"""The command-line front end: result JSON out, one summary line, exit 1 on bad input."""

import io
import json
import subprocess
import sys
from pathlib import Path

from booking.scheduler.cli import main
from tests.booking.scheduler.test_io import SPEC_EXAMPLE, fair_json


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_main_writes_result_to_stdout_and_summary_to_stderr(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(SPEC_EXAMPLE)

    code, out, err = _run(str(path))

    assert code == 0
    result = json.loads(out)
    assert result["meetings"] == [{"student": "s1", "company": "c1", "slot": "t1", "table": 1}]
    assert (result["score"], result["bound"]) == (15, 15)
    assert err.startswith("meetings 1, score 15, bound 15, gap 0.000%, students served 1/1, ")
    assert err.count("\n") == 1


def test_main_writes_result_to_out_file(tmp_path):
    path, target = tmp_path / "instance.json", tmp_path / "result.json"
    path.write_text(SPEC_EXAMPLE)

    code, out, _ = _run(str(path), "--out", str(target), "--time-limit", "5")

    assert (code, out) == (0, "")
    assert json.loads(target.read_text())["score"] == 15


def test_main_refuses_invalid_instance_naming_the_entry(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(SPEC_EXAMPLE.replace('"weight": 5', '"weight": 0'))

    code, out, err = _run(str(path))

    assert (code, out) == (1, "")
    assert err == (
        f"error: invalid instance {path}: wishes[0] ('s1', 'c1'): weight must be a number > 0, "
        "got 0\n"
    )


def test_main_refuses_bad_json(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text("{nope")

    code, _, err = _run(str(path))

    assert code == 1
    assert err.startswith(f"error: invalid instance {path}: not valid JSON: ")


def test_main_refuses_unreadable_file(tmp_path):
    path = tmp_path / "missing.json"

    code, _, err = _run(str(path))

    assert code == 1
    assert err == f"error: cannot read {path}: [Errno 2] No such file or directory: '{path}'\n"


def test_main_refuses_unwritable_out(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(SPEC_EXAMPLE)

    code, out, err = _run(str(path), "--out", str(tmp_path))

    assert (code, out) == (1, "")
    assert err == f"error: cannot write {tmp_path}: [Errno 21] Is a directory: '{tmp_path}'\n"


def test_cli_process_writes_only_json_to_stdout(tmp_path):
    # A fresh process: HiGHS's banner on its first instance must not reach stdout.
    path = tmp_path / "instance.json"
    path.write_text(SPEC_EXAMPLE)
    root = Path(__file__).resolve().parents[3]

    done = subprocess.run(
        [sys.executable, "-m", "booking.scheduler.cli", str(path)],
        capture_output=True,
        text=True,
        cwd=root,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
        check=True,
    )

    assert json.loads(done.stdout)["meetings"] == [
        {"student": "s1", "company": "c1", "slot": "t1", "table": 1}
    ]
    assert done.stderr.startswith("meetings 1, score 15, bound 15, gap 0.000%, ")


def test_main_summary_prints_numbers_in_full(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(fair_json([123456789, 0.1, 0.2], tables=3)))

    code, out, err = _run(str(path))

    assert code == 0
    assert (json.loads(out)["score"], json.loads(out)["bound"]) == (123456789.3, 123456789.3)
    assert err.startswith("meetings 3, score 123456789.3, bound 123456789.3, gap 0.000%, ")


def test_main_reads_a_file_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "instance.json"
    path.write_bytes(b"\xef\xbb\xbf" + SPEC_EXAMPLE.encode())

    code, out, _ = _run(str(path))

    assert code == 0
    assert (json.loads(out)["score"], json.loads(out)["bound"]) == (15, 15)


def test_main_refuses_deeply_nested_json(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text("[" * 100_000 + "]" * 100_000)

    code, out, err = _run(str(path))

    assert (code, out) == (1, "")
    assert err == f"error: invalid instance {path}: not valid JSON: nested too deeply\n"


def test_main_refuses_a_weight_too_large_for_a_float(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(SPEC_EXAMPLE.replace('"weight": 5', '"weight": 1' + "0" * 400))

    code, out, err = _run(str(path))

    assert (code, out) == (1, "")
    assert err == (
        f"error: invalid instance {path}: wishes[0] ('s1', 'c1'): weight too large (at most 1e15)\n"
    )
