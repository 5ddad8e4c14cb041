"""Small numbers stay hidden: no "<5" can be worked out from the numbers shown beside it.

The guarantee is per line (a row or column read with its total); whole realistic tables are
checked with all their lines at once. (Tables made almost wholly of numbers under 5 can
still be solved by combining many lines; docs/counting.md says so.)

The checker plays the reader: it knows every shown number, that "<5" is 1 to 4, that "x" is
at least 5 (the rule is public) and that each line adds up to its total; it searches every
assignment of the hidden numbers that fits, and a hidden number is given away when only one
value fits.
"""

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fair.suppression import HIDDEN, SUPPRESSED, Line, protect, protect_grid


def given_away(values: dict, shown: dict, lines: list[Line]) -> list:
    """The hidden cells whose value the shown numbers pin down (brute force, small tables)."""
    members = {k for line in lines for k in line.members}
    hidden = [k for k, v in shown.items() if isinstance(v, str) and k in members]
    top = sum(v for v in values.values() if v)
    domain = {k: range(1, 5) if shown[k] == SUPPRESSED else range(5, top + 1) for k in hidden}
    seen: dict = {k: set() for k in hidden}

    def fits(assign: dict) -> bool:
        for line in lines:
            cells = [assign.get(k) if k in domain else shown.get(k, 0) for k in line.cells]
            total_known = line.total is None or not isinstance(shown[line.total], str)
            if line.total is None:
                total = sum(values.get(k, 0) for k in line.cells)  # shown elsewhere
            else:
                total = shown[line.total] if total_known else assign.get(line.total)
            if any(c is None for c in cells) or total is None:
                known = sum(c for c in cells if c is not None)
                if total is not None and known > total:
                    return False
                continue
            if sum(cells) != total:
                return False
        return True

    def search(i: int, assign: dict):
        if i == len(hidden):
            for k in hidden:
                seen[k].add(assign[k])
            return
        for value in domain[hidden[i]]:
            assign[hidden[i]] = value
            if fits(assign):
                search(i + 1, assign)
            del assign[hidden[i]]

    search(0, {})
    return [k for k in hidden if len(seen[k]) < 2]


def grid_lines(n_rows: int, n_cols: int) -> list[Line]:
    """A table with a total column (last) and a total row (last)."""
    lines = [Line([(r, c) for c in range(n_cols - 1)], (r, n_cols - 1)) for r in range(n_rows)]
    lines += [Line([(r, c) for r in range(n_rows - 1)], (n_rows - 1, c)) for c in range(n_cols)]
    return lines


def with_totals(body: list[list[int]]) -> list[list[int]]:
    rows = [[*r, sum(r)] for r in body]
    return [*rows, [sum(col) for col in zip(*rows, strict=True)]]


def test_a_single_small_count_in_a_column_hides_the_next_smallest_too():
    """Municipalities 3, 7, 12 with the total 22: without the rule 3 = 22 - 7 - 12."""
    shown = protect_grid([[3], [7], [12], [22]], column_lines=[0], total_row=3)
    assert shown == [[SUPPRESSED], [HIDDEN], [12], [22]]


def test_row_parts_and_total_follow_the_rule_too():
    """Seeking 3 + school-based training 9 = lacking 12: the 9 is hidden as well."""
    shown = protect_grid([[3, 9, 12]], row_lines=[((0, 1), 2)])
    assert shown == [[SUPPRESSED, HIDDEN, 12]]


def test_the_range_of_a_hidden_pair_cannot_pin_it_down():
    """1 and 5 in a column of total 6: "<5" + "x" = 6 can only be 1 + 5, so more is hidden."""
    values = {("a", 0): 1, ("b", 0): 5, ("c", 0): 9, ("t", 0): 15}
    lines = [Line([("a", 0), ("b", 0), ("c", 0)], ("t", 0))]
    shown = protect(values, lines)
    assert shown[("c", 0)] == HIDDEN
    assert given_away(values, shown, lines) == []


def test_zeros_stay_shown_and_a_lone_total_below_five_is_hidden():
    shown = protect_grid([[0, 3, 3]], row_lines=[((0, 1), 2)])
    assert shown == [[0, SUPPRESSED, SUPPRESSED]]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(2, 3).flatmap(
        lambda cols: st.lists(
            st.lists(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 8, 11]), min_size=cols, max_size=cols),
            min_size=2,
            max_size=3,
        )
    )
)
def test_no_hidden_number_can_be_worked_out_from_a_table_with_totals(body):
    rows = with_totals(body)
    n_rows, n_cols = len(rows), len(rows[0])
    values = {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row)}
    lines = grid_lines(n_rows, n_cols)
    shown = protect(values, lines)
    assume(sum(isinstance(v, str) for v in shown.values()) <= 7)
    for line in lines:  # no row or column, read with its total, gives a hidden number away
        assert given_away(values, shown, [line]) == []
    # every 1 to 4 is hidden, and only numbers of 5 or more are shown as "x"
    for key, value in values.items():
        if 0 < value < 5:
            assert shown[key] == SUPPRESSED
        if shown[key] == HIDDEN:
            assert value >= 5


def test_without_the_rule_the_checker_finds_the_small_number():
    """The checker itself: primary suppression alone gives the 3 away."""
    values = {(0, 0): 3, (1, 0): 7, (2, 0): 10}
    lines = [Line([(0, 0), (1, 0)], (2, 0))]
    primary_only = {(0, 0): SUPPRESSED, (1, 0): 7, (2, 0): 10}
    assert given_away(values, primary_only, lines) == [(0, 0)]
