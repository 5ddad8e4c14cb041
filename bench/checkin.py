"""Benchmark: door check-ins per second through the API on PostgreSQL, 2 gunicorn workers.

Run from the project root: ``.venv/bin/python bench/checkin.py [--badges 4000] [--clients 4]``.
It (re)creates the database ``pm_bench_checkin`` on 127.0.0.1:5432, migrates it, seeds a
fair with N student badges and one door device per client, starts gunicorn (2 sync workers)
on 127.0.0.1, and has C client processes scan every badge once (first scans: "ok") and
then once more (duplicate scans: "already in"). Prints throughput and p50/p99 latency per
phase and rewrites the "## Check-in" section of bench/RESULTS.md (``--no-write`` to skip).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADING = "## Check-in"
DB = "pm_bench_checkin"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB}"
TARGET_RATE, TARGET_P99_MS = 200.0, 50.0
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "SECRET_KEY": "bench-only",
    "SECURE_SSL_REDIRECT": "0",
    "ALLOWED_HOSTS": "127.0.0.1",
    "FAIR_LOG_LEVEL": "ERROR",
    "DJANGO_SETTINGS_MODULE": "fair.settings",
}

SEED = """
import json, sys
from django.contrib.auth.hashers import make_password
from badges.services import badges_issue_missing, door_device_create
from badges.models import Badge
from fair.models import Student, User
from tests.conftest import fair_make

count, clients = int(sys.argv[1]), int(sys.argv[2])
fair = fair_make("bench")
users = User.objects.bulk_create(
    User(email=f"s{i}@bench.example.org", name=f"Elev {i}", role="student",
         password=make_password(None))
    for i in range(count)
)
Student.objects.bulk_create(Student(fair=fair, user=u) for u in users)
badges_issue_missing(fair=fair)
keys = [door_device_create(fair=fair, name=f"Dør {n}")[1] for n in range(clients)]
tokens = list(Badge.objects.filter(fair=fair).values_list("token", flat=True))
print(json.dumps({"keys": keys, "tokens": tokens}))
"""


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql],
        check=True,
        capture_output=True,
    )


def setup(badges: int, clients: int) -> dict:
    _psql(f"DROP DATABASE IF EXISTS {DB}")
    _psql(f"CREATE DATABASE {DB}")
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=ENV, check=True)
    done = subprocess.run(
        [python, "-c", "import django; django.setup()\n" + SEED, str(badges), str(clients)],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "fair.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=ENV,
        stderr=subprocess.DEVNULL,  # Django logs each 409/422 as a warning
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def client(args) -> tuple[list[float], dict[str, int]]:
    """Scan each token once; return latencies (s) and a count of results."""
    port, key, tokens = args
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    latencies, results = [], {}
    for token in tokens:
        body = json.dumps({"token": token})
        started = time.perf_counter()
        # gunicorn's sync workers close the connection after each response.
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("POST", "/api/v1/checkin", body, headers)
        response = conn.getresponse()
        result = json.loads(response.read())["result"]
        conn.close()
        latencies.append(time.perf_counter() - started)
        results[result] = results.get(result, 0) + 1
    return latencies, results


def phase(pool, port: int, keys: list[str], tokens: list[str]) -> dict:
    shares = [(port, keys[i], tokens[i :: len(keys)]) for i in range(len(keys))]
    started = time.perf_counter()
    outcomes = pool.map(client, shares)
    elapsed = time.perf_counter() - started
    latencies = sorted(x for lat, _r in outcomes for x in lat)
    results: dict[str, int] = {}
    for _lat, r in outcomes:
        for k, v in r.items():
            results[k] = results.get(k, 0) + v
    return {
        "scans": len(latencies),
        "rate": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(0.99 * (len(latencies) - 1))] * 1000,
        "results": results,
    }


def report(first: dict, dup: dict, badges: int, clients: int) -> str:
    def row(name, p):
        ok = "yes" if p["rate"] >= TARGET_RATE and p["p99"] < TARGET_P99_MS else "no"
        results = ", ".join(f"{k} {v}" for k, v in sorted(p["results"].items()))
        return (
            f"| {name} | {p['scans']} | {p['rate']:.0f} | {p['p50']:.1f} ms | "
            f"{p['p99']:.1f} ms | {results} | {ok} |"
        )

    return "\n".join(
        [
            HEADING,
            "",
            f"`bench/checkin.py`: `POST /api/v1/checkin` with a door device's Bearer token, "
            f"PostgreSQL on 127.0.0.1, gunicorn with 2 sync workers, {clients} client processes "
            f"(a new TCP connection per scan), {badges} student badges. First scans all answer "
            "`ok`, the second round all `duplicate`. Target: ≥ 200 scans/s with p99 < 50 ms.",
            "",
            "| phase | scans | scans/s | p50 | p99 | results | target met |",
            "|---|---|---|---|---|---|---|",
            row("first scans", first),
            row("duplicate scans", dup),
            "",
            f"Machine: {os.cpu_count()} CPUs shared by server, database and clients, Python "
            f"{platform.python_version()}, {time.strftime('%Y-%m-%d')}.",
            "",
            "The hot path is three round trips to PostgreSQL: the device by the SHA-256 of its "
            "token, the badge by its token (both unique indexes), and one statement that does "
            "`INSERT … ON CONFLICT (fair, user) DO NOTHING RETURNING`, reads the first check-in's "
            "time when there was a conflict, and writes the scan log (data-modifying CTE, so no "
            "BEGIN/COMMIT round trips). Figures vary with what else runs on the shared machine "
            f"(load average at the end: {os.getloadavg()[0]:.1f}).",
            "",
        ]
    )


def write(section: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--badges", type=int, default=4000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    seeded = setup(args.badges, args.clients)
    port = free_port()
    server = start_gunicorn(port)
    try:
        with multiprocessing.Pool(args.clients) as pool:
            # Warm up both workers' connections and imports (not counted).
            pool.map(client, [(port, k, []) for k in seeded["keys"]])
            phase(pool, port, seeded["keys"], ["WARMUP"] * 40)
            first = phase(pool, port, seeded["keys"], seeded["tokens"])
            dup = phase(pool, port, seeded["keys"], seeded["tokens"])
    finally:
        server.terminate()
        server.wait(timeout=10)
    section = report(first, dup, args.badges, args.clients)
    print(section)
    if not args.no_write:
        write(section)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
