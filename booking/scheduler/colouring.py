"""Put meetings chosen per slot class into concrete slots by bipartite edge colouring.

Slots in which exactly the same students and companies are available are interchangeable,
so the model only decides how many meetings each pair gets in each such class (at most the
class size per student, `tables` x class size per company). By König's theorem that is
enough: split each company into `tables` copies, each with at most class-size meetings; the
bipartite multigraph students x copies then has maximum degree <= class size and can be
edge-coloured with that many colours (colour = slot of the class, copy = table). Pinned
(fixed) meetings keep their colour; when they block every alternating path, placement fails
and the caller falls back to the model with one variable per slot.
"""

from __future__ import annotations

import numpy as np

from booking.scheduler.model import Indexed

FREE = -1


def colour(
    edges: list[tuple[int, int]],
    n_left: int,
    n_right: int,
    n_colours: int,
    fixed: list[int],
    spare: dict[int, range] | None = None,
) -> list[int]:
    """Colour the edges (left, right) so that no vertex has a colour twice; `fixed[e]` >= 0
    pins edge e's colour. When pinned edges block every alternating path of an edge, it
    may move to another right vertex from `spare[e]` (another table of
    the same company, see place()); failing that it stays FREE (uncoloured). `edges` is
    updated in place when an edge moves."""
    left = [[FREE] * n_colours for _ in range(n_left)]
    right = [[FREE] * n_colours for _ in range(n_right)]
    colours = [FREE] * len(edges)
    for e, c in enumerate(fixed):
        if c >= 0:
            u, v = edges[e]
            left[u][c] = right[v][c] = e
            colours[e] = c
    for e, (u, v) in enumerate(edges):
        if colours[e] != FREE:
            continue
        others = [w for w in (spare or {}).get(e, ()) if w != v and FREE in right[w]]
        for w in [v, *others]:
            at_u, at_w = left[u], right[w]
            common = next((c for c in range(n_colours) if at_u[c] == FREE == at_w[c]), FREE)
            if common == FREE:
                common = _recolour(edges, left, right, colours, fixed, u, w, n_colours)
            if common != FREE:
                edges[e] = (u, w)
                at_u[common] = at_w[common] = e
                colours[e] = common
                break
    return colours


def _recolour(
    edges: list[tuple[int, int]],
    left: list[list[int]],
    right: list[list[int]],
    colours: list[int],
    fixed: list[int],
    u: int,
    v: int,
    n_colours: int,
) -> int:
    """Make one colour free at both u and v by swapping two colours along an alternating
    path: with a free at u and b free at v, either the a/b path from v (then a is free at
    both) or the b/a path from u (then b is). In a bipartite graph such a path never reaches
    the other end; only pinned edges can block it. FREE when every choice is blocked."""
    sides = (left, right)
    for a in (c for c in range(n_colours) if left[u][c] == FREE):
        for b in (c for c in range(n_colours) if right[v][c] == FREE):
            for start, side, first, second in ((v, 1, a, b), (u, 0, b, a)):
                path = _path(edges, sides, fixed, start, side, first, second)
                if path is None:
                    continue
                for e in path:  # clear first so that the two colours never collide mid-swap
                    eu, ev = edges[e]
                    left[eu][colours[e]] = right[ev][colours[e]] = FREE
                for e in path:
                    colours[e] = second if colours[e] == first else first
                    eu, ev = edges[e]
                    left[eu][colours[e]] = right[ev][colours[e]] = e
                return first
    return FREE


def _path(
    edges: list[tuple[int, int]],
    sides: tuple[list[list[int]], list[list[int]]],
    fixed: list[int],
    vertex: int,
    side: int,
    first: int,
    second: int,
) -> list[int] | None:
    """Edges of the path from `vertex` alternating colours first, second, ...; None if it
    contains a pinned edge."""
    path, want = [], first
    while (e := sides[side][vertex][want]) != FREE:
        if fixed[e] >= 0:
            return None
        path.append(e)
        vertex, side = edges[e][side ^ 1], side ^ 1
        want = second if want == first else first
    return path


def place(ix: Indexed, wishes: list[int], members: list[int]) -> list[int]:
    """A slot from `members` for each chosen wish of one class; FREE where pins block it."""
    colour_of = {t: i for i, t in enumerate(members)}
    # Copies of company c are numbered first_copy[c] + 0 .. tables - 1.
    first_copy = np.concatenate([[0], np.cumsum(ix.tables)]).tolist()
    degree = [0] * first_copy[-1]
    pinned: set[tuple[int, int]] = set()
    edges, fixed, companies = [], [], []
    # Pinned meetings first, each onto the least used copy that is free at its colour.
    order = sorted(wishes, key=lambda p: (ix.fixed_slot[p] < 0, p))
    for p in order:
        c, pin = int(ix.wish_company[p]), colour_of.get(int(ix.fixed_slot[p]), FREE)
        copies = range(first_copy[c], first_copy[c + 1])
        if pin != FREE:
            copy = min((k for k in copies if (k, pin) not in pinned), key=lambda k: degree[k])
            pinned.add((copy, pin))
        else:
            copy = min(copies, key=lambda k: degree[k])
        degree[copy] += 1
        edges.append((int(ix.wish_student[p]), copy))
        companies.append(c)
        fixed.append(pin)
    # A meeting blocked by pinned ones may still fit at another table of its company.
    spare = {e: range(first_copy[c], first_copy[c + 1]) for e, c in enumerate(companies)}
    colours = colour(edges, len(ix.student_ids), len(degree), len(members), fixed, spare)
    slot_of = dict(zip(order, (FREE if c == FREE else members[c] for c in colours), strict=True))
    return [slot_of[p] for p in wishes]
