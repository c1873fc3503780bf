"""Declarative calibrations: fit the parameters a paper does not give to the numbers
it reports, reproducibly, and check that the stored values are not stale.

A :class:`Calibration` declares

- the fitted parameters (:class:`Fitted`: name, bounds, optimiser unit, full-check
  tolerance); their stored values are read from the parameter set, which stays the
  single source of truth (this module never writes them);
- the reported numbers it fits (:class:`Target`, usually from
  ``experiments/reported*.py``);
- the residuals, one per target, computed by code from a parameter set: the
  objective is fixed as their sum of squares ``J = sum r_i^2``;
- an optimiser (``solve``; default :func:`least_squares`);
- optionally parameters tied to the fitted ones (``derived``) and a rule of the
  fit (``project``: maps a trial point onto the points the fit allows, e.g. a
  potential held 10 mV below another).

``run()`` fits from a start point, ``check()`` compares with the stored values:

- full (``check()``): re-fits from a start that is *not* the stored values (each
  parameter's documented ``start``, else the midpoint of its bounds) and raises
  :class:`StaleCalibration` if a re-fitted value differs from the stored one by
  more than the parameter's relative tolerance ``rtol``;
- fast (``check(fast=True)``): evaluates ``J`` at the stored values and at each
  parameter moved by ``+/- step`` (relative; default ``2 rtol``), all others
  stored and the fit's rule applied (``project``; a neighbour the rule moves back
  onto the stored values is skipped), and raises if a neighbour is better than the
  stored point by
  more than ``fast_rtol J + fast_atol``: the stored values must be a (coordinate-
  wise) local optimum of the fixed objective. For a smooth objective a neighbour at
  ``x + h`` is better exactly when the optimum lies beyond ``x + h/2``, so the fast
  form with ``step = 2 rtol`` tests about the same tolerance as the full one, at
  ``1 + 2n`` objective evaluations.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sim.errors import ParameterError
from sim.parameter_set import ParameterSet
from sim.protocols.contract import tight_solves

CALIBRATION_RTOL = 1e-6
"""Relative tolerance (at most) of every solve inside a calibration objective.
At the Sb/C model's default rtol 1e-4 the objectives carry solver noise: the
fast check then found a neighbour of the fitted isolation coefficient 1 %
away with a lower objective, and a refit stopped elsewhere. The experiments
themselves run at the default: their rows move < 0.05 % (README, "Speed")."""


class StaleCalibration(ParameterError):
    """Stored fitted values are not what their calibration gives (anymore).

    Attributes:
        calibration: Name of the calibration.
        failures: ``(parameter, stored, re-fitted or better neighbour, tolerance)``
            for every parameter that failed.
    """

    def __init__(self, message: str, calibration: str = "", failures=()) -> None:
        super().__init__(message)
        self.calibration = calibration
        self.failures = list(failures)


@dataclass(frozen=True)
class Fitted:
    """One fitted parameter.

    Attributes:
        name: Parameter name in the parameter set.
        bounds: (lower, upper) in SI units (the set's unit).
        scale: Optimiser unit in SI (e.g. 1e-6 to fit a length in um).
        start: Documented start of the full check [SI]; None: midpoint of bounds.
        rtol: Relative tolerance of the full check (stored vs re-fitted).
        step: Relative step of the fast check; None: ``2 rtol``.
    """

    name: str
    bounds: tuple[float, float]
    scale: float = 1.0
    start: float | None = None
    rtol: float = 1e-3
    step: float | None = None

    @property
    def check_start(self) -> float:
        lo, hi = self.bounds
        return 0.5 * (lo + hi) if self.start is None else float(self.start)

    @property
    def fast_step(self) -> float:
        return 2 * self.rtol if self.step is None else self.step


@dataclass(frozen=True)
class Target:
    """One reported number fitted. ``key`` names it (e.g. the key in
    ``experiments/reported.py``), ``value`` is its value."""

    key: str
    value: Any
    unit: str = ""


@dataclass
class Fit:
    """Outcome of :meth:`Calibration.run`."""

    calibration: str
    values: dict[str, float]
    objective: float
    residuals: dict[str, float]
    start: dict[str, float]
    evaluations: int
    seconds: float

    def lines(self) -> list[str]:
        out = [f"[{self.calibration}] fitted in {self.seconds:.1f} s, "]
        out[0] += f"{self.evaluations} objective evaluations, J = {self.objective:.4g}"
        out += [f"  {n} = {v:.6g}" for n, v in self.values.items()]
        out += [f"  residual {k}: {r:+.4g}" for k, r in self.residuals.items()]
        return out


@dataclass
class CheckReport:
    """Outcome of :meth:`Calibration.check` (raised as StaleCalibration if not
    ``ok``): ``rows`` are what was compared, as printable lines."""

    calibration: str
    fast: bool
    ok: bool
    rows: list[str] = field(default_factory=list)
    failures: list[tuple[str, float, float, float]] = field(default_factory=list)
    seconds: float = 0.0


def _default_progress(message: str) -> None:
    print(message, flush=True)


class Problem:
    """What an optimiser sees: the calibration's objective as a function of the
    fitted values (by name) with all other parameters at their stored values."""

    def __init__(self, calibration: Calibration, base: ParameterSet, progress):
        self.calibration = calibration
        self.base = base
        self.progress = progress or (lambda _msg: None)
        self.evaluations = 0
        self.names = [f.name for f in calibration.fitted]

    def parameter_set(self, values: Mapping[str, float]) -> ParameterSet:
        updates = {n: float(values[n]) for n in self.names}
        if self.calibration.derived is not None:
            updates.update(self.calibration.derived(dict(updates), self.base))
        return self.base.updated(updates)

    def project(self, values: Mapping[str, float]) -> dict[str, float]:
        """``values`` clipped to the bounds, then the fit's rule applied."""
        out = {}
        for f in self.calibration.fitted:
            lo, hi = f.bounds
            out[f.name] = float(min(max(values[f.name], lo), hi))
        rule = self.calibration.project
        return out if rule is None else dict(rule(out, self.base))

    def residuals(self, values: Mapping[str, float]) -> np.ndarray:
        self.evaluations += 1
        t0 = time.perf_counter()
        with tight_solves(CALIBRATION_RTOL):
            r = np.asarray(
                self.calibration.residuals(self.parameter_set(values)), dtype=float
            )
        if r.shape != (len(self.calibration.targets),):
            raise ValueError(
                f"calibration {self.calibration.name!r}: residuals has shape "
                f"{r.shape}, expected one per target ({len(self.calibration.targets)})"
            )
        shown = ", ".join(f"{values[n]:.6g}" for n in self.names)
        self.progress(
            f"  [{self.calibration.name}] evaluation {self.evaluations}: ({shown}) "
            f"-> J = {float(r @ r):.6g} ({time.perf_counter() - t0:.1f} s)"
        )
        return r

    def objective(self, values: Mapping[str, float]) -> float:
        r = self.residuals(values)
        return float(r @ r)


def least_squares(problem: Problem, start: Mapping[str, float], **options):
    """Default optimiser: scipy's bounded least squares in the parameters'
    optimiser units (``Fitted.scale``). Returns the fitted values by name."""
    from scipy.optimize import least_squares as scipy_least_squares

    fitted = problem.calibration.fitted
    scales = np.array([f.scale for f in fitted])
    lo = np.array([f.bounds[0] for f in fitted]) / scales
    hi = np.array([f.bounds[1] for f in fitted]) / scales
    x0 = np.array([start[f.name] for f in fitted]) / scales

    def fun(x):
        return problem.residuals(dict(zip(problem.names, x * scales, strict=True)))

    res = scipy_least_squares(fun, x0, bounds=(lo, hi), **options)
    return dict(zip(problem.names, res.x * scales, strict=True))


Solver = Callable[[Problem, Mapping[str, float]], Mapping[str, float]]


@dataclass
class Calibration:
    """A declared calibration (see the module docstring).

    Attributes:
        name: Short name (a CLI step, e.g. "capacity").
        parameter_set: Name of the parameter set the stored values are read from
            and the other parameters are taken from (``sim.parameters.get``), or a
            callable returning a ParameterSet.
        fitted: The fitted parameters.
        targets: The reported numbers fitted, in the order of ``residuals``.
        residuals: ``residuals(ps) -> sequence``, one residual per target, of the
            parameter set with the fitted values in; the objective is the sum of
            their squares.
        solve: Optimiser ``solve(problem, start) -> values``; default
            :func:`least_squares` with ``options``.
        options: Keyword arguments of the default optimiser.
        derived: ``derived(values, base) -> {name: value}``, parameters tied to
            the fitted ones (set together with them).
        project: ``project(values, base) -> values``, a rule of the fit mapping a
            trial point onto an allowed one (bounds are always enforced); the
            fast check applies it to each neighbour.
        fast_rtol, fast_atol: Fast-check tolerance on J (relative to J at the
            stored values, absolute).
        description: One line for the CLI.
    """

    name: str
    parameter_set: str | Callable[[], ParameterSet]
    fitted: Sequence[Fitted]
    targets: Sequence[Target]
    residuals: Callable[[ParameterSet], Sequence[float]]
    solve: Solver | None = None
    options: dict = field(default_factory=dict)
    derived: Callable[[dict, ParameterSet], dict] | None = None
    project: Callable[[dict, ParameterSet], dict] | None = None
    fast_rtol: float = 1e-6
    fast_atol: float = 1e-14
    description: str = ""

    # ---- the stored side ---------------------------------------------------------
    def base(self) -> ParameterSet:
        """The parameter set, stored fitted values included."""
        if callable(self.parameter_set):
            return self.parameter_set()
        from sim import parameters

        return parameters.get(self.parameter_set)

    def stored(self, base: ParameterSet | None = None) -> dict[str, float]:
        """The stored values of the fitted parameters."""
        base = self.base() if base is None else base
        return {f.name: float(base[f.name]) for f in self.fitted}

    def check_start(self) -> dict[str, float]:
        """Start of the full check: documented starts, else bounds' midpoints."""
        return {f.name: f.check_start for f in self.fitted}

    # ---- fit and check ---------------------------------------------------------
    def run(self, start=None, base=None, progress=_default_progress) -> Fit:
        """Fit from ``start`` (default: the stored values; values by name) with the
        other parameters from ``base`` (default: the stored set)."""
        base = self.base() if base is None else base
        start = dict(self.stored(base) if start is None else start)
        problem = Problem(self, base, progress)
        t0 = time.perf_counter()
        if progress:
            progress(f"[{self.name}] fitting {', '.join(problem.names)} from {start}")
        if self.solve is None:
            values = least_squares(problem, start, **self.options)
        else:
            values = self.solve(problem, start)
        values = {n: float(values[n]) for n in problem.names}
        r = problem.residuals(values)
        return Fit(
            calibration=self.name,
            values=values,
            objective=float(r @ r),
            residuals={t.key: float(v) for t, v in zip(self.targets, r, strict=True)},
            start=start,
            evaluations=problem.evaluations,
            seconds=time.perf_counter() - t0,
        )

    def check(self, fast=False, progress=None, raise_on_stale=True) -> CheckReport:
        """Full or fast check of the stored values (module docstring). Raises
        StaleCalibration naming each failing parameter, its stored value, the
        re-fitted (or better neighbour) value and the tolerance."""
        t0 = time.perf_counter()
        report = self._check_fast(progress) if fast else self._check_full(progress)
        report.seconds = time.perf_counter() - t0
        report.rows.append(
            f"[{self.name}] {'fast' if fast else 'full'} check "
            f"{'fresh' if report.ok else 'STALE'} ({report.seconds:.1f} s)"
        )
        if not report.ok and raise_on_stale:
            raise self.stale_error(report)
        return report

    def stale_error(self, report: CheckReport) -> StaleCalibration:
        """The error of a failed check."""
        return StaleCalibration(self._message(report), self.name, report.failures)

    def _check_full(self, progress) -> CheckReport:
        base = self.base()
        stored = self.stored(base)
        fit = self.run(start=self.check_start(), base=base, progress=progress)
        report = CheckReport(self.name, fast=False, ok=True)
        report.rows.append(
            f"[{self.name}] re-fitted from {fit.start} "
            f"(J = {fit.objective:.4g}); stored vs re-fitted:"
        )
        for f in self.fitted:
            s, v = stored[f.name], fit.values[f.name]
            rel = abs(v - s) / max(abs(s), 1e-300)
            bad = rel > f.rtol
            report.rows.append(
                f"  {f.name}: stored {s:.6g}, re-fitted {v:.6g}, rel. diff "
                f"{rel:.2e} (tolerance {f.rtol:.0e}){'  STALE' if bad else ''}"
            )
            if bad:
                report.ok = False
                report.failures.append((f.name, s, v, f.rtol))
        return report

    def _check_fast(self, progress) -> CheckReport:
        base = self.base()
        stored = self.stored(base)
        problem = Problem(self, base, progress)
        j0 = problem.objective(stored)
        tol = self.fast_rtol * j0 + self.fast_atol
        report = CheckReport(self.name, fast=True, ok=True)
        report.rows.append(
            f"[{self.name}] J at the stored values = {j0:.6g}; neighbours "
            f"(fail if J < {j0 - tol:.6g}):"
        )
        for f in self.fitted:
            s = stored[f.name]
            h = f.fast_step * (abs(s) if s != 0 else f.bounds[1] - f.bounds[0])
            for sign in (-1, 1):
                trial = dict(stored)
                trial[f.name] = s + sign * h
                values = problem.project(trial)
                label = f"  {f.name} {'-+'[sign > 0]}{f.fast_step:.0e}:"
                moved = [n for n in problem.names if values[n] != trial[n]]
                if values[f.name] == s:
                    report.rows.append(
                        f"{label} {trial[f.name]:.6g} held at the stored value by "
                        "the bounds or the fit's rule: skipped"
                    )
                    continue
                shown = ", ".join(f"{n} {values[n]:.6g}" for n in moved)
                j = problem.objective(values)
                bad = j < j0 - tol
                report.rows.append(
                    f"{label} {values[f.name]:.6g}"
                    f"{f' (rule moves {shown})' if moved else ''}, J = {j:.6g}"
                    f"{'  BETTER: STALE' if bad else ''}"
                )
                if bad and f.name not in [x[0] for x in report.failures]:
                    report.ok = False
                    report.failures.append((f.name, s, values[f.name], f.fast_step))
        return report

    def _message(self, report: CheckReport) -> str:
        kind = "fast" if report.fast else "full"
        lines = [
            f"calibration {self.name!r} is stale ({kind} check): the stored values "
            "are not what the calibration gives; re-run it and update the "
            "parameter module"
        ]
        for name, stored, other, tol in report.failures:
            if report.fast:
                lines.append(
                    f"  {name}: stored {stored:.6g}; the neighbour {other:.6g} "
                    f"(step {tol:.0e} relative) has a lower objective"
                )
            else:
                rel = abs(other - stored) / max(abs(stored), 1e-300)
                lines.append(
                    f"  {name}: stored {stored:.6g}, re-fitted {other:.6g}, "
                    f"relative difference {rel:.2e} > tolerance {tol:.0e}"
                )
        return "\n".join(lines)


def main(calibrations: Sequence[Calibration], argv=None, chain=False) -> int:
    """Command line of a calibration module:
    ``[step ...] [--check] [--fast]`` (no step or ``all``: every calibration).

    Without ``--check``: fit each step from its stored values and print the fitted
    values (``chain``: each step starts from the values of the previous ones). With
    ``--check``: full or fast check of each step; exit status 1 and the error
    message if one is stale, 0 if all are fresh.
    """
    import argparse
    import sys

    by_name = {c.name: c for c in calibrations}
    parser = argparse.ArgumentParser()
    parser.add_argument("steps", nargs="*", help=f"{', '.join(by_name)} or all")
    parser.add_argument("--check", action="store_true", help="compare with stored")
    parser.add_argument("--fast", action="store_true", help="fast (local) check")
    args = parser.parse_args(argv)
    steps = args.steps or ["all"]
    unknown = [s for s in steps if s != "all" and s not in by_name]
    if unknown:
        parser.error(f"unknown step(s) {unknown}; choose from {list(by_name)} or all")
    chosen = [c for c in calibrations if "all" in steps or c.name in steps]
    if args.fast and not args.check:
        parser.error("--fast needs --check")
    if not args.check:
        so_far: dict[str, float] = {}
        for c in chosen:
            fit = c.run(base=c.base().updated(so_far) if chain else None)
            print("\n".join(fit.lines()), flush=True)
            so_far.update(fit.values)
        return 0
    stale = []
    t0 = time.perf_counter()
    for c in chosen:
        report = c.check(
            fast=args.fast, progress=_default_progress, raise_on_stale=False
        )
        print("\n".join(report.rows), flush=True)
        if not report.ok:
            exc = c.stale_error(report)
            stale.append(exc)
            print(f"error: {exc}", file=sys.stderr, flush=True)
    kind = "fast" if args.fast else "full"
    print(
        f"{kind} check of {', '.join(c.name for c in chosen)}: "
        f"{'STALE: ' + ', '.join(e.calibration for e in stale) if stale else 'fresh'}"
        f" ({time.perf_counter() - t0:.1f} s)",
        flush=True,
    )
    return 1 if stale else 0
