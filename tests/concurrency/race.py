"""Run the same work in many threads at once, each with its own database connection."""

import threading
from collections import Counter

from django.db import connection


def race(work, n: int = 10) -> tuple[Counter, list[BaseException]]:
    """Run work(index) in n threads; return how often each outcome came, and the errors."""
    results: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(index: int) -> None:
        try:
            outcome = work(index)
        except BaseException as exc:  # reported in the main thread
            with lock:
                errors.append(exc)
            return
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return Counter(results), errors
