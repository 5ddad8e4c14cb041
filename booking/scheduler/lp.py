"""HiGHS helpers: a quiet deterministic instance, a model passed column-wise at once."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import numpy as np

from booking.scheduler.model import Indexed

if TYPE_CHECKING:  # highspy is imported lazily: loading it is slow
    from highspy import Highs

_quiet = False


def _first_highs() -> Highs:
    # HiGHS prints a banner on standard output when the first instance of a process is made,
    # before any option can silence it; that would spoil JSON written to stdout by the command.
    global _quiet
    import highspy

    if _quiet:
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            highs = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _quiet = True
    return highs


def new_highs(seed: int, time_limit: float | None = None) -> Highs:
    """A silent, deterministic HiGHS instance (highspy is imported lazily: it is slow to load)."""
    highs = _first_highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("random_seed", int(seed))
    if time_limit is not None:
        highs.setOptionValue("time_limit", max(0.01, float(time_limit)))
    return highs


def coverage_columns(ix: Indexed, cap: np.ndarray, first_row: int) -> tuple[np.ndarray, ...]:
    """Per student: y columns worth bonus[k] and a slack z, all in that student's balance row.

    Row: sum(y) + z - sum(x) = 0 with y <= 1 and z <= cap - len(y). As the bonus never
    increases, an LP fills y in order, so a student with n meetings earns the first n bonuses.
    """
    n_students = len(ix.student_ids)
    k = np.minimum(len(ix.bonus), np.maximum(cap, 0))
    rows, costs, upper = [], [], []
    for j in range(len(ix.bonus)):
        has = np.flatnonzero(k > j)
        rows.append(has)
        costs.append(np.full(len(has), ix.bonus[j]))
        upper.append(np.ones(len(has)))
    rows.append(np.arange(n_students))
    costs.append(np.zeros(n_students))
    upper.append(np.maximum(cap - k, 0).astype(np.float64))
    row = np.concatenate(rows).astype(np.int64) + first_row
    return row, np.concatenate(costs), np.concatenate(upper)


def pass_model(
    highs: Highs,
    cost: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    row_upper: np.ndarray,
    row_lower: np.ndarray,
    col_rows: list[np.ndarray],
    extra: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    """Pass a maximisation model column-wise at once: x columns with one entry per row family
    (the last family gets -1, the balance row), then single-entry coverage columns."""
    import highspy

    n_x = len(cost)
    extra_row, extra_cost, extra_upper = extra
    n_extra = len(extra_row)
    per = len(col_rows)
    index = np.empty((n_x, per), dtype=np.int32)
    value = np.ones((n_x, per))
    for j, rows in enumerate(col_rows):
        index[:, j] = rows
    value[:, per - 1] = -1.0
    a_index = np.concatenate([index.ravel(), extra_row.astype(np.int32)])
    a_value = np.concatenate([value.ravel(), np.ones(n_extra)])
    a_start = np.concatenate([np.arange(n_x) * per, n_x * per + np.arange(n_extra)])
    n_col = n_x + n_extra
    status = highs.passModel(
        int(n_col),
        len(row_upper),
        len(a_index),
        int(highspy.MatrixFormat.kColwise),
        int(highspy.ObjSense.kMaximize),
        0.0,
        np.concatenate([cost, extra_cost]).astype(np.float64),
        np.concatenate([lower, np.zeros(n_extra)]).astype(np.float64),
        np.concatenate([upper, extra_upper]).astype(np.float64),
        row_lower.astype(np.float64),
        row_upper.astype(np.float64),
        a_start.astype(np.int32),
        a_index,
        a_value,
        np.zeros(n_col, dtype=np.int32),
    )
    if status != highspy.HighsStatus.kOk:  # pragma: no cover - a bug in building the arrays
        raise RuntimeError(f"HiGHS refused the model: {status}")
