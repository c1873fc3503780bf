"""Fit parameters of any PyBaMM model to one or several measured datasets at once:

    fit(model, values, datasets, parameters={"Sb diffusivity [m2.s-1]": (1e-17, 1e-14)},
        per_cell=["Active material mass loading [kg.m-2]"]) -> FitResult

- Each dataset is a measured :class:`sim.result.Result` (``sim.data.read``) and
  the protocol that reproduces it (its own ``result.protocol`` for simulated
  data, else ``sim.data.protocol_from(result, cycling=False)``, the measured
  steps as ``sim fit`` detects them), or a ``(result, protocol)``
  pair, or a ``(result, protocol, conditions)`` triple whose ``conditions``
  (name -> number) are that dataset's own fixed values: its start state
  (an impedance spectrum measured at rest at 0.5 V after a sodiation:
  ``{"Initial voltage [V]": 0.5, "Start on sodiation branch": 1}``), its
  temperature. It becomes one PyBOP problem (:class:`sim.fitting.simulator.
  ProtocolSimulator` with a sum-of-squares cost on the voltage, or on the current
  of a CV or of a record driven by its own logged voltage, ``MeasuredControl``)
  and all are fitted at once (``pybop.MetaProblem``).
- Shared parameters have one value for every dataset; a ``per_cell`` parameter
  (a cell's active mass, its loading) has one value per dataset, named
  ``"NAME (dataset K)"`` inside the fit.
- The cost is chi-square: each dataset's squared residuals divided by its
  noise variance (estimated from the data: :func:`sim.fitting.simulator.
  noise_std`), so datasets of different noise and length weigh fairly, and the
  uncertainty has a scale.
- The optimiser is bounded, global then local (``method="global"``): PyBOP's
  XNES (a natural evolution strategy: population-based, robust to local
  minima) from the set's own values (or the middle of the bounds), then a
  trust-region least squares on the weighted residuals from its best point
  (:mod:`sim.fitting.least_squares`); ``method="local"`` runs the second stage
  only. Parameters whose bounds span more than a decade are searched in log
  space.
- ``uncertainty=True``: standard deviations, correlations and identifiability
  from the Jacobian of the weighted residuals at the optimum
  (:mod:`sim.fitting.uncertainty`).
"""

from __future__ import annotations

import math
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pybop

from sim.errors import SimError
from sim.fitting.least_squares import from_unit, polish, to_unit
from sim.fitting.simulator import (
    IMPEDANCE,
    INITIAL_VOLTAGE,
    ProtocolSimulator,
)
from sim.parameter_set import ParameterSet

BOUND_TOLERANCE = 1e-3
"""A fitted value this close to a bound (as a fraction of its range) is
reported as at the bound (:meth:`FitResult.at_bounds`)."""

METHODS = ("global", "local")
"""``"global"``: PyBOP's XNES (``max_iterations`` generations), then the local
least squares from its best point; ``"local"``: the local stage only, from the
set's values (fast when the start is close)."""

ACCEPT_RATIO = 1.5
"""A fit is acceptable when every dataset's RMSE is at most this many times
its noise standard deviation (the residuals are then noise, not misfit)."""


UNCERTAINTY_STEP = 1e-2
"""The finite-difference step of the uncertainty's Jacobian: 1 % in log x (1 %
of x for a linear parameter). At 0.1 % the curve of a weakly determined
parameter changes by less than the solver's own noise at rtol 1e-6 summed over
a record: on the SbQD@C four-parameter fit (rate test, GITT, CV, spectrum) the
Sb rate constant's standard deviation came out 0.15 % at the optimum and 1.5 %
a rounding away from it, against 2.5 % and 2.4 % with steps of 1 % and 3 %,
while the fit was 3 % off the truth (chi-square flat within 0.05 over 1.5 %)."""


class FitError(SimError):
    """A fit that cannot be set up: what is wrong, what is allowed."""


@dataclass
class FitResult:
    """What a fit found.

    Attributes:
        values: Fitted value of each shared parameter.
        per_cell: Per-cell parameter -> one fitted value per dataset.
        bounds: Fit name -> (low, high).
        datasets: One dict per dataset: name, protocol, target, noise, rmse.
        cost: Final chi-square (sum over datasets).
        evaluations: Cost evaluations (every dataset solved once each).
        seconds: Wall time of the fit.
        builds: Model builds during the fit (input parameters: one per dataset).
        uncertainty: A :class:`sim.fitting.uncertainty.Uncertainty`, or None.
        x: Fit name -> value (shared and per-cell, as the optimiser saw them).
        curves: Per dataset: (times, measured, fitted) arrays.
        interrupted: True if the fit was stopped before it converged.
    """

    values: dict
    per_cell: dict
    bounds: dict
    datasets: list
    cost: float
    evaluations: int
    seconds: float
    builds: int
    uncertainty: object = None
    x: dict = field(default_factory=dict)
    curves: list = field(default_factory=list)
    interrupted: bool = False

    def at_bounds(self):
        """Fit name -> "lower" or "upper" for every fitted value (shared or
        per-cell, as in :attr:`x`) within :data:`BOUND_TOLERANCE` of its
        range (in log space where the range spans more than a decade) from a
        bound: the best fit may lie beyond it."""
        out = {}
        for name, v in self.x.items():
            low, high = self.bounds[name]
            f = (
                (math.log(v) - math.log(low)) / (math.log(high) - math.log(low))
                if low > 0 and high / low > 10 and v > 0
                else (v - low) / (high - low)
            )
            if f <= BOUND_TOLERANCE:
                out[name] = "lower"
            elif f >= 1 - BOUND_TOLERANCE:
                out[name] = "upper"
        return out

    @property
    def acceptable(self):
        """Every dataset's RMSE within :data:`ACCEPT_RATIO` x its noise."""
        return not self.interrupted and all(
            math.isfinite(d["rmse"]) and d["rmse"] <= ACCEPT_RATIO * d["noise"]
            for d in self.datasets
        )

    def to_dict(self):
        """Plain data (what ``fitted.json`` holds); NaN -> None."""

        def num(v):
            return None if v is None or not math.isfinite(float(v)) else float(v)

        unc = self.uncertainty
        std = dict(zip(unc.names, unc.std, strict=True)) if unc else {}
        ident = dict(zip(unc.names, unc.identifiable, strict=True)) if unc else {}
        why = dict(zip(unc.names, unc.reasons, strict=True)) if unc else {}
        edge = self.at_bounds()
        params = {
            name: {
                "value": num(v),
                "std": num(std[name]) if name in std else None,
                "bounds": [float(b) for b in self.bounds[name]],
                "identifiable": ident.get(name),
                "reason": why.get(name, ""),
                "at_bound": edge.get(name),
            }
            for name, v in self.values.items()
        }
        per_cell = {
            name: [
                {
                    "value": num(v),
                    "std": num(std.get(_cell_name(name, k))),
                    "identifiable": ident.get(_cell_name(name, k)),
                }
                for k, v in enumerate(values)
            ]
            for name, values in self.per_cell.items()
        }
        return {
            "parameters": params,
            "per_cell": per_cell,
            "datasets": self.datasets,
            "cost": num(self.cost),
            "evaluations": int(self.evaluations),
            "seconds": float(self.seconds),
            "builds": int(self.builds),
            "interrupted": bool(self.interrupted),
            "acceptable": bool(self.acceptable),
            "correlation": (
                {
                    "names": list(unc.names),
                    "matrix": [[num(c) for c in row] for row in unc.correlation],
                }
                if unc
                else None
            ),
            # the cost along each parameter over its bounds, the others at
            # the optimum (fit(..., profile_points=N) / sim fit --profile N)
            "profiles": (
                {
                    name: {
                        "values": [num(v) for v in values],
                        "costs": [num(c) for c in costs],
                    }
                    for name, (values, costs) in unc.profiles.items()
                }
                if unc
                else {}
            ),
        }


@contextmanager
def _cluster(workers, scheduler, security):
    """A Dask client when ``workers`` or ``scheduler`` is given, else None."""
    if workers is None and scheduler is None:
        yield None
        return
    from sim.cluster import dask_client

    with dask_client(workers=workers, scheduler=scheduler, security=security) as c:
        yield c


def _remote_cost(problem, x):
    """One candidate's cost, on a Dask worker (``problem`` is the worker's
    copy of the joint problem, sent once: its models are built once per
    worker and re-solved)."""
    return float(np.atleast_1d(problem.evaluate_batch([x], False).values)[0])


@contextmanager
def _shared_parameters_joined():
    """PyBOP's MetaProblem prints "Discarding duplicate NAME." for every
    parameter two datasets share: shared parameters are the point of a joint
    fit, so those lines (and only those) are dropped."""
    import io
    from contextlib import redirect_stdout

    buffer = io.StringIO()
    try:
        with redirect_stdout(buffer):
            yield
    finally:
        for line in buffer.getvalue().splitlines():
            if not line.startswith("Discarding duplicate "):
                print(line)


class _Tracked(pybop.MetaProblem):
    """The joint problem, keeping the best point seen (a Ctrl-C keeps it) and
    printing progress every few seconds. With a Dask ``client``, a population
    of candidates is evaluated on the cluster, one candidate per task."""

    def __init__(self, *problems, weights, progress, budget, client=None):
        with _shared_parameters_joined():
            super().__init__(*problems, weights=weights)
        self.best = (None, math.inf)
        self.count, self.progress, self.budget = 0, progress, budget
        self.start = self.last = time.monotonic()
        self.client, self._remote = client, None

    def _on_cluster(self, inputs):
        from pybop.costs.evaluation import Evaluation

        if self._remote is None:  # every worker gets one copy, kept
            with _shared_parameters_joined():
                plain = pybop.MetaProblem(*self.problems, weights=list(self.weights))
            self._remote = self.client.scatter(plain, broadcast=True)
        futures = self.client.map(
            _remote_cost, [self._remote] * len(inputs), list(inputs), pure=False
        )
        return Evaluation(values=np.array(self.client.gather(futures)))

    def evaluate_batch(self, inputs, calculate_sensitivities=False):
        if self.client is not None and len(inputs) > 1 and not calculate_sensitivities:
            ev = self._on_cluster(inputs)
        else:
            ev = super().evaluate_batch(inputs, calculate_sensitivities)
        for x, v in zip(inputs, np.atleast_1d(ev.values), strict=False):
            if np.isfinite(v) and v < self.best[1]:
                self.best = (dict(x), float(v))
        self.count += len(inputs)
        self.report()
        return ev

    def report(self):
        """A progress line, at most every five seconds."""
        now = time.monotonic()
        if self.progress and now - self.last > 5.0:
            self.last = now
            rate = (now - self.start) / self.count
            left = max(self.budget - self.count, 0) * rate
            print(
                f"fit: {self.count} evaluations in {now - self.start:.0f} s, best "
                f"chi-square {self.best[1]:.6g}; at most ~{left:.0f} s left",
                file=sys.stderr,
                flush=True,
            )


def _noise_list(noise, n):
    """One noise value (a positive number or None) per dataset."""
    if noise is None:
        return [None] * n
    noise = list(noise)
    if len(noise) != n:
        raise FitError(
            f"noise has {len(noise)} entries for {n} datasets: give one each"
        )
    for v in noise:
        if v is not None and not (
            isinstance(v, int | float) and math.isfinite(v) and v > 0
        ):
            raise FitError(
                f"noise {v!r}: a positive number (the dataset's unit) or None"
            )
    return [None if v is None else float(v) for v in noise]


def _residual_function(sims, info, names):
    """``f(vector) -> array``: every dataset's settled residuals divided by its
    noise, one after another (the chi-square is their sum of squares)."""

    def residuals(vector):
        point = dict(zip(names, vector, strict=True))
        out = []
        for simulator, d in zip(sims, info, strict=True):
            y = simulator.output({m: point[m] for m in simulator.rename})
            w = np.sqrt(simulator.weights)
            out.append(w * (y - simulator.measured) / d["noise"])
        return np.concatenate(out)

    return residuals


PROBE_SHIFT = 0.1
"""The input check's probe point sits this fraction of each range away from
the start point (see :mod:`sim.input_check`)."""


def _probe_point(parameters, names, box, log):
    probe = {}
    for n, b, g in zip(names, box, log, strict=True):
        u = to_unit(float(parameters[n].initial_value), b, g)
        probe[n] = from_unit(u + PROBE_SHIFT if u <= 0.5 else u - PROBE_SHIFT, b, g)
    return probe


def _cell_name(name, k):
    return f"{name} (dataset {k + 1})"


def _has(values, name):
    if isinstance(values, ParameterSet):
        return name in values
    return name in values.keys()


def _value_of(values, name):
    v = values[name]
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _conditions(conditions, values, parameters):
    """A dataset's conditions checked: known names, finite numbers, none of
    them fitted."""
    if not hasattr(conditions, "items"):
        raise FitError(
            f"a dataset's conditions are a mapping name -> number, got "
            f"{type(conditions).__name__}"
        )
    out, completed = {}, None
    for name, value in conditions.items():
        if name in parameters:
            raise FitError(
                f"{name!r} is both fitted and a dataset's fixed condition: "
                "give it one role"
            )
        if not _has(values, name) and isinstance(values, ParameterSet):
            # names the set's completion adds (e.g. the Sb/C start branch)
            completed = completed or set(values.to_pybamm().keys())
        pybamm_start = name == INITIAL_VOLTAGE and not isinstance(values, ParameterSet)
        if (
            not _has(values, name)
            and name not in (completed or ())
            and not pybamm_start
        ):
            raise FitError(
                f"condition {name!r}: not a parameter of the values"
                + (f" ({values._unknown_message([name])})"
                   if isinstance(values, ParameterSet) else "")
            )  # fmt: skip
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if isinstance(value, bool) or not math.isfinite(number):
            raise FitError(f"condition {name!r} = {value!r}: give a finite number")
        out[name] = number
    return out


def _dataset_item(item, values, parameters):
    from sim.result import Result

    if isinstance(item, tuple) and len(item) == 3:
        data, protocol, conditions = item
        return data, protocol, _conditions(conditions, values, parameters)
    if isinstance(item, tuple) and len(item) == 2:
        data, protocol = item
    elif isinstance(item, Result):
        data, protocol = item, item.protocol
        if protocol is None:
            from sim.data import protocol_from
            from sim.fitting.command import CUTOFF_MARGIN

            # as `sim fit` does: the measured steps as they were, not cycles
            protocol = protocol_from(item, cutoff_margin=CUTOFF_MARGIN, cycling=False)
    else:
        raise FitError(
            f"a dataset is a Result (sim.data.read), a (Result, protocol) pair or "
            f"a (Result, protocol, conditions) triple, got {type(item).__name__}"
        )
    return data, protocol, {}


def _target(protocol):
    from sim.protocols import CyclicVoltammetry, MeasuredControl, RestingSpectrum

    if isinstance(protocol, RestingSpectrum):
        return IMPEDANCE
    if isinstance(protocol, MeasuredControl):  # the quantity it does not control
        return "Current [A]" if protocol.control == "voltage" else "Voltage [V]"
    return "Current [A]" if isinstance(protocol, CyclicVoltammetry) else "Voltage [V]"


def _parameter(name, bounds, start):
    try:
        low, high = (float(b) for b in bounds)
    except (TypeError, ValueError):
        raise FitError(f"bounds of {name!r} must be (low, high) numbers") from None
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise FitError(f"bounds of {name!r} = {bounds!r}: need finite low < high")
    log = low > 0 and high / low > 10
    if start is None or not low <= start <= high:
        start = math.sqrt(low * high) if log else 0.5 * (low + high)
    return pybop.Parameter(
        bounds=[low, high],
        initial_value=start,
        transformation=pybop.LogTransformation() if log else None,
    ), log


def fit(
    model,
    values,
    datasets,
    parameters,
    *,
    per_cell=(),
    noise=None,
    uncertainty=False,
    profile_points=0,
    method="global",
    max_iterations=50,
    max_evaluations=300,
    workers=None,
    scheduler=None,
    security=None,
    seed=0,
    progress=None,
):
    """Fit ``parameters`` (name -> (low, high)) of ``model`` with ``values``
    (a ParameterSet or complete ``pybamm.ParameterValues``) to ``datasets``;
    ``per_cell`` names parameters fitted once per dataset; ``noise`` gives
    each dataset's noise standard deviation in its compared unit (a list, None
    entries estimated from the data, the default: an instrument's known
    resolution is better than an estimate from a curve whose features are
    sharp at the sampling scale, such as the peaks of a slow CV). See the
    module docstring. With ``uncertainty``, ``profile_points`` > 0 also
    evaluates the cost at that many values of each parameter over its bounds,
    the others held at the optimum (plotted in ``posterior.png``; a cost that
    stays flat over the range flags the parameter). Returns a
    :class:`FitResult`.

    Raises:
        FitError: For an unknown parameter, bad bounds, no datasets.
    """
    from sim.protocols import build_count

    start_time = time.perf_counter()
    if not datasets:
        raise FitError("give at least one dataset")
    if not parameters:
        raise FitError("give at least one parameter to fit: {name: (low, high)}")
    if (
        isinstance(profile_points, bool)
        or not isinstance(profile_points, int)
        or profile_points < 0
        or 0 < profile_points < 3
    ):
        raise FitError(
            f"profile_points = {profile_points!r}: give 0 (no profiles) or a whole "
            "number of at least 3"
        )
    if profile_points and not uncertainty:
        raise FitError("cost profiles are part of the uncertainty: give uncertainty")
    unknown = [n for n in parameters if not _has(values, n)]
    if unknown:
        if isinstance(values, ParameterSet):
            raise FitError(values._unknown_message(unknown))
        raise FitError(f"the parameter values have no {unknown}")
    if method not in METHODS:
        raise FitError(f"method {method!r}: one of {list(METHODS)}")
    bad = [n for n in per_cell if n not in parameters]
    if bad:
        raise FitError(
            f"per-cell parameter(s) {bad} are not among the fitted {list(parameters)}"
        )
    pairs = [_dataset_item(d, values, parameters) for d in datasets]
    noise = _noise_list(noise, len(pairs))
    np.random.seed(seed)  # PINTS' population methods draw from numpy's generator

    fitted, logs = {}, {}
    for name, bounds in parameters.items():
        names = (
            [_cell_name(name, k) for k in range(len(pairs))]
            if name in per_cell
            else [name]
        )
        for n in names:
            fitted[n], logs[n] = _parameter(n, bounds, _value_of(values, name))

    problems, sims, weights, info = [], [], [], []
    for k, (data, protocol, conditions) in enumerate(pairs):
        target = _target(protocol)
        mine = {(_cell_name(n, k) if n in per_cell else n): n for n in parameters}
        simulator = ProtocolSimulator(
            model,
            values,
            protocol,
            data,
            {m: fitted[m] for m in mine},
            rename=mine,
            target=target,
            noise=noise[k],
            conditions=conditions,
        )
        sigma = simulator.noise
        problems.append(pybop.Problem(simulator, simulator.cost()))
        sims.append(simulator)
        weights.append(1.0 / sigma**2)
        info.append(
            {
                "name": getattr(data, "name", None) or f"dataset {k + 1}",
                "protocol": type(protocol).__name__,
                "target": target,
                "noise": sigma,
                "points": int(len(simulator.times)),
                "conditions": dict(conditions),
            }
        )
    n_fit = len(fitted)
    population = 4 + int(3 * math.log(max(n_fit, 1)))  # XNES' default
    problem = _Tracked(
        *problems,
        weights=weights,
        progress=progress,
        budget=(max_iterations * population if method == "global" else 0)
        + max_evaluations,
    )
    # the problems copy their simulators: count evaluations on the copies
    sims = [p.simulator for p in problems]
    builds0 = build_count()
    interrupted = False
    names = list(problem.parameters.names)
    log = [logs[n] for n in names]
    box = [tuple(fitted[n].bounds) for n in names]
    probe = _probe_point(problem.parameters, names, box, log)
    for simulator, d in zip(sims, info, strict=True):
        simulator.decide_inputs({m: probe[m] for m in simulator.rename})
        d["inputs"], d["inputs note"] = simulator.as_inputs, simulator.inputs_note
    residuals = _residual_function(sims, info, names)

    def tracked(xv, chi2):  # the local stage's evaluations, counted like PyBOP's
        problem.count += 1
        if np.isfinite(chi2) and chi2 < problem.best[1]:
            problem.best = (dict(zip(names, map(float, xv), strict=True)), chi2)
        problem.report()

    try:
        start = [float(problem.parameters[n].initial_value) for n in names]
        if method == "global":  # a population search first, from the start point
            options = pybop.PintsOptions(
                max_iterations=max_iterations,
                max_unchanged_iterations=max(10, max_iterations // 4),
                absolute_tolerance=1e-6,
                relative_tolerance=1e-6,
            )
            with _cluster(workers, scheduler, security) as client:
                problem.client = client
                first = pybop.XNES(problem, options=options).run()
            problem.client = None
            start = [float(v) for v in first.x]
        polished, cost_value, _ = polish(
            residuals,
            start,
            box,
            log,
            max_evaluations=max_evaluations,
            on_evaluation=tracked,
        )
        x = dict(zip(names, map(float, polished), strict=True))
    except KeyboardInterrupt:  # keep the best point seen so far
        interrupted = True
        best, cost_value = problem.best
        if best is None:
            best = {n: float(p.initial_value) for n, p in problem.parameters.items()}
        x = {n: float(best[n]) for n in names}

    curves, rmse = [], []
    for simulator, d in zip(sims, info, strict=True):
        mine = {m: x[m] for m in simulator.rename}
        try:
            y = simulator.output(mine)
        except Exception:
            y = np.full_like(simulator.measured, np.nan)
        curves.append((simulator.times, simulator.measured, y))
        w = simulator.weights
        d["rmse"] = float(np.sqrt(np.sum(w * (y - simulator.measured) ** 2) / w.sum()))
        # the voltage RMSE under its own name (null for a current or a spectrum)
        d["rmse_V"] = d["rmse"] if d["target"] == "Voltage [V]" else None
        rmse.append(d["rmse"])

    unc = None
    if uncertainty and not interrupted:
        from sim.fitting.uncertainty import estimate

        unc = estimate(
            residuals,
            np.array([x[n] for n in names]),
            names,
            log_scale=[logs[n] for n in names],
            bounds=[fitted[n].bounds for n in names],
            rel_step=UNCERTAINTY_STEP,
            profile_points=profile_points,
        )

    shared = {n: x[n] for n in parameters if n not in per_cell}
    cells = {n: [x[_cell_name(n, k)] for k in range(len(pairs))] for n in per_cell}
    return FitResult(
        values=shared,
        per_cell=cells,
        bounds={n: tuple(parameters[n]) for n in parameters if n not in per_cell},
        datasets=info,
        cost=cost_value,
        evaluations=problem.count,
        seconds=time.perf_counter() - start_time,
        builds=build_count() - builds0,
        uncertainty=unc,
        x=x,
        curves=curves,
        interrupted=interrupted,
    )
