"""Command-line front end shared by `python -m booking.scheduler.cli` and `solve_interviews`."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from booking.scheduler.checks import InvalidInstance
from booking.scheduler.core import solve
from booking.scheduler.io import instance_from_json, result_to_json, rounded
from booking.scheduler.types import Result

DEFAULT_TIME_LIMIT = 60.0


class CliError(Exception):
    """A one-line reason why the instance could not be solved."""


def summary(result: Result, n_students: int) -> str:
    """One line: meetings, score, bound, gap, students served and seconds."""
    served = len({m.student for m in result.meetings})
    score, bound = rounded(result)  # in full, as in the result JSON: never 1.23457e+08
    return (
        f"meetings {len(result.meetings)}, score {_full(score)}, bound {_full(bound)}, "
        f"gap {100 * result.gap:.3f}%, students served {served}/{n_students}, "
        f"{result.stats.get('seconds', 0):.2f} s ({result.stats.get('method', '')})"
    )


def _full(value: float) -> str:
    return format(Decimal(repr(value)), "f")


def solve_file(
    instance_path: str, *, out: str | None, time_limit: float | None, stdout: TextIO
) -> str:
    """Solve the instance file, write the result JSON to `out` or `stdout`; return the summary."""
    try:
        text = Path(instance_path).read_text(encoding="utf-8-sig")  # a byte-order mark is allowed
    except (OSError, UnicodeDecodeError) as error:
        raise CliError(f"cannot read {instance_path}: {error}") from None
    try:
        instance = instance_from_json(text)
    except InvalidInstance as error:
        raise CliError(f"invalid instance {instance_path}: {error}") from None
    result = solve(instance, time_limit=time_limit)
    payload = dumps(result_to_json(result))
    if out is None:
        stdout.write(payload)
    else:
        try:
            Path(out).write_text(payload, encoding="utf-8")
        except OSError as error:
            raise CliError(f"cannot write {out}: {error}") from None
    return summary(result, len(instance.students))


def dumps(data: dict) -> str:
    """JSON text with one list entry per line: readable, diffable, and still compact."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n  ".join(json.dumps(item, ensure_ascii=False) for item in value)
            parts.append(f"{json.dumps(key)}: [\n  {items}\n ]")
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n " + ",\n ".join(parts) + "\n}\n"


def parser() -> argparse.ArgumentParser:
    """Arguments of the command line."""
    parse = argparse.ArgumentParser(description="Solve an interview scheduling instance.")
    add_arguments(parse)
    return parse


def add_arguments(parse: argparse.ArgumentParser) -> None:
    """INSTANCE.json [--out RESULT.json] [--time-limit SECONDS] (shared with the command)."""
    parse.add_argument("instance", help="instance JSON (spec/scheduler-instance.md)")
    parse.add_argument("--out", help="write the result JSON here instead of standard output")
    parse.add_argument(
        "--time-limit",
        type=float,
        default=DEFAULT_TIME_LIMIT,
        help=f"seconds for the MIP stage (default {DEFAULT_TIME_LIMIT:g})",
    )


def main(
    argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; 0 on success, 1 with one line on standard error otherwise."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = parser().parse_args(argv)
    try:
        line = solve_file(args.instance, out=args.out, time_limit=args.time_limit, stdout=stdout)
    except CliError as error:
        stderr.write(f"error: {error}\n")
        return 1
    stderr.write(line + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover - tested through a subprocess
    sys.exit(main())
