"""The points of a study: a full grid, a Latin hypercube or a Sobol sequence.

Every point is a dict ``{parameter name: value}``; its id is its position in
the list, which depends only on the study (its axes, method, number of points
and seed), so a resumed study finds the same points again.

- ``grid``: every combination of the axes' values (values lists and ranges),
  the last axis varying fastest.
- ``latin hypercube`` and ``sobol`` (scrambled, scipy.stats.qmc): points in the
  unit cube mapped to values by :meth:`sim.studies.axes.Axis.from_unit`: log
  axes and log-uniform distributions spread in log space, normal distributions
  by their truncated inverse CDF, a numeric values list by its [min, max]
  range and scale, a list of strings by picking one of them. A Sobol sequence
  is balanced only for a power-of-two number of points: other numbers are
  refused with the nearest powers.
"""

from __future__ import annotations

import itertools
import math

from sim.studies.axes import StudyError


def _power_of_two(n) -> bool:
    return n >= 1 and (n & (n - 1)) == 0


def unit_points(method, dimensions, n, seed):
    """``n`` points in the unit cube of ``dimensions`` dimensions (an array)."""
    from scipy.stats import qmc

    if method == "latin hypercube":
        return qmc.LatinHypercube(d=dimensions, seed=seed).random(n)
    if method == "sobol":
        if not _power_of_two(n):
            lo = 2 ** math.floor(math.log2(n))
            raise StudyError(
                f"a Sobol sequence needs a power-of-two number of points; {n} is "
                f"not: use {lo} or {2 * lo}"
            )
        return qmc.Sobol(d=dimensions, scramble=True, seed=seed).random_base2(
            int(math.log2(n))
        )
    raise StudyError(f"no unit-cube sampler {method!r}")


def study_points(study) -> list[dict]:
    """The points of ``study`` (a :class:`sim.studies.spec.Study`)."""
    axes = study.axes
    if study.sampling == "grid":
        return [
            dict(zip([a.name for a in axes], combo, strict=True))
            for combo in itertools.product(*(a.values for a in axes))
        ]
    cube = unit_points(study.sampling, len(axes), study.points, study.seed)
    return [
        {a.name: a.from_unit(u) for a, u in zip(axes, row, strict=True)} for row in cube
    ]
