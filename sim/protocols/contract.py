"""One way to run any protocol on any cell model:

    simulate(model, parameter_values, protocol, *, inputs=None, solver=None,
             progress=None) -> sim.result.Result

Protocols are frozen dataclasses that check their own settings on construction
(:mod:`sim.protocols.checks`); :func:`simulate` then checks them against the cell
(its voltage window, its rest potential, its active mass) and runs the protocol's
runner, registered with :func:`runner`. A runner never builds its own model: it
runs the model it is given.

Build once, re-solve with inputs
--------------------------------
Building and discretising a model for an experiment costs far more than solving
it. :func:`built_simulation` (and :func:`cached`, for other built objects such as
an EIS model) keeps the last :data:`CACHE_SIZE` built ``pybamm.Simulation``
objects, keyed by

- the model object (by identity: the cache holds the model, so a new model is a
  new key even if Python reuses an address),
- the parameter values' contents at call time (numbers and strings by value,
  PyBaMM expressions and inputs by structure, tables derived from other values
  (:class:`sim.expressions.Table`) by their data, other objects - functions -
  by identity, held by the cache),
- the mesh (``var_pts``), the solver (by identity; None = the model's default)
  and the experiment's structure (the runner's key: the protocol and the
  amperes it derived).

A parameter set to ``"[input]"`` is therefore swept by passing ``inputs=`` to
repeated :func:`simulate` calls: only the first one builds.
:func:`clear_cache` empties the cache (e.g. to free memory).
"""

from __future__ import annotations

import contextvars
from collections import OrderedDict
from contextlib import contextmanager

import numpy as np
import pybamm

from sim.errors import ParameterError, ProtocolError
from sim.specific_units import AREA, LOADING

CACHE_SIZE = 16
_CACHE: OrderedDict = OrderedDict()
_RUNNERS: dict = {}
_BUILDS = {"count": 0}


def runner(protocol_type):
    """Register ``fn(cell, protocol) -> Result`` as the runner of a protocol type."""

    def register(fn):
        _RUNNERS[protocol_type] = fn
        return fn

    return register


def simulate(
    model, parameter_values, protocol, *, inputs=None, solver=None, progress=None
):
    """Run ``protocol`` on ``model`` with ``parameter_values``; return a Result.

    Args:
        model: A built-able PyBaMM model (e.g. ``SbCarbonHalfCell()``).
        parameter_values: Complete ``pybamm.ParameterValues`` of the cell.
        protocol: A protocol object of :mod:`sim.protocols`.
        inputs: Values of the parameters set to ``"[input]"`` (dict name -> value).
        solver: A PyBaMM solver (default: the model's).
        progress: Optional ``progress(fraction, message)`` callback.

    Raises:
        ProtocolError: For an unknown protocol or one the cell cannot follow.
        ParameterError: If an ``"[input]"`` parameter has no value in ``inputs``,
            or the model's ``check_values(parameter_values)`` (if it has one)
            refuses the values (e.g. parameters its options need are missing).
    """
    run = _RUNNERS.get(type(protocol))
    if run is None:
        known = sorted(t.__name__ for t in _RUNNERS)
        raise ProtocolError(
            f"{type(protocol).__name__} is not a protocol; protocols: {known}"
        )
    check_values = getattr(model, "check_values", None)
    if callable(check_values):  # the model's own check of the values it reads
        check_values(parameter_values)
    cell = Cell(model, parameter_values, inputs, solver, progress)
    return run(cell, protocol)


def clear_cache():
    """Forget every built simulation."""
    _CACHE.clear()


def cache_size():
    """Number of built simulations held (at most :data:`CACHE_SIZE`)."""
    return len(_CACHE)


def build_count():
    """Number of builds done since the start (a re-solve adds none)."""
    return _BUILDS["count"]


def _value_key(value):
    if isinstance(value, bool | int | float | str | np.floating | np.integer):
        return (type(value).__name__, value)
    if isinstance(value, pybamm.Symbol):  # structural: equal trees, equal keys
        return ("symbol", value.id)
    key = getattr(value, "cache_key", None)  # e.g. a table derived from values
    if isinstance(key, tuple):
        return ("keyed", key)
    return ("object", id(value))


def _fingerprint(parameter_values):
    items = sorted(parameter_values.items(), key=lambda kv: kv[0])
    return tuple((k, _value_key(v)) for k, v in items)


def cached(cell, key, build, *, var_pts=None):
    """``build()`` once per cell and ``key``, then the cached object.

    ``key`` identifies what is built (hashable: the experiment's structure);
    see the module docstring for the rest of the key.
    """
    mesh = tuple(sorted((str(k), v) for k, v in (var_pts or {}).items()))
    full_key = (
        id(cell.model),
        _fingerprint(cell.parameter_values),
        mesh,
        id(cell.solver) if cell.solver is not None else None,
        key,
    )
    entry = _CACHE.get(full_key)
    if entry is not None and entry["model"] is cell.model:
        _CACHE.move_to_end(full_key)
        return entry["built"]
    built = build()
    _BUILDS["count"] += 1
    _CACHE[full_key] = {
        "built": built,
        "model": cell.model,
        "solver": cell.solver,
        "values": list(cell.parameter_values.values()),  # pin the ids in the key
    }
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return built


def built_simulation(cell, key, make_experiment, *, var_pts=None, solver=None):
    """A (cached) ``pybamm.Simulation`` of ``cell`` running ``make_experiment()``
    (None: no experiment), built and discretised once per key. ``solver``
    (when the cell has none of its own) replaces the model's default; ``key``
    must then tell the two apart."""

    def build():
        return pybamm.Simulation(
            cell.model,
            parameter_values=cell.parameter_values,
            experiment=make_experiment() if make_experiment else None,
            solver=cell.build_solver(solver),
            var_pts=var_pts,
        )

    return cached(cell, ("simulation", key), build, var_pts=var_pts)


_TIGHT_RTOL = contextvars.ContextVar("tight solves", default=None)
_TIGHT_SOLVERS: dict = {}


def tight_solver(model, rtol):
    """The model's default IDAKLU solver with its relative tolerance lowered to
    ``rtol`` (None if the default is already that tight, or not IDAKLU). One
    instance per model class and tolerance, so cached builds are reused."""
    default = model.default_solver
    if not isinstance(default, pybamm.IDAKLUSolver) or default.rtol <= rtol:
        return None
    key = (type(model), rtol, min(default.atol, 1e-6))
    if key not in _TIGHT_SOLVERS:
        _TIGHT_SOLVERS[key] = pybamm.IDAKLUSolver(rtol=rtol, atol=key[2])
    return _TIGHT_SOLVERS[key]


@contextmanager
def tight_solves(rtol):
    """Within the block, ``simulate`` without a solver of its own solves at a
    relative tolerance of at most ``rtol`` (a calibration's objective: at the
    Sb/C model's default 1e-4 its solver noise moves the fitted values)."""
    token = _TIGHT_RTOL.set(rtol)
    try:
        yield
    finally:
        _TIGHT_RTOL.reset(token)


class _Progress(pybamm.callbacks.Callback):
    def __init__(self, fn, total, what, scale):
        self.fn, self.total, self.what, self.done = fn, total, what, 0
        self.scale = scale

    def on_step_end(self, logs):
        self.done += 1
        fraction = self.scale * min(self.done / self.total, 1.0)
        self.fn(fraction, f"{self.what} {self.done}/{self.total}")


class Cell:
    """What a runner knows of the cell: model, parameter values, inputs, solver,
    progress callback, and helpers to read numbers and solve."""

    def __init__(self, model, parameter_values, inputs, solver, progress):
        if solver is None and _TIGHT_RTOL.get() is not None:
            solver = tight_solver(model, _TIGHT_RTOL.get())
        self.model = model
        self.parameter_values = parameter_values
        self.inputs = dict(inputs or {})
        self.solver = solver
        self.progress = progress
        missing = [
            v.name
            for v in parameter_values.values()
            if isinstance(v, pybamm.InputParameter) and v.name not in self.inputs
        ]
        if missing:
            raise ParameterError(
                f"parameter(s) {sorted(missing)} are '[input]': give their values "
                "with simulate(..., inputs={name: value})"
            )

    def build_solver(self, fallback=None):
        """A fresh solver for one build: a copy of the cell's solver (else of
        ``fallback``), else the model's default. A PyBaMM solver serves one
        built model, so two cached builds must not share one (a given solver
        is in the cache key by identity; its copies have its settings)."""
        solver = self.solver or fallback
        return solver.copy() if solver is not None else self.model.default_solver

    def value(self, name):
        """A parameter's value as a float (expressions and inputs evaluated)."""
        pv = self.parameter_values
        if name not in pv.keys():
            raise ProtocolError(f"the cell's parameter values have no {name!r}")
        v = pv[name]
        if isinstance(v, bool | int | float | np.floating | np.integer):
            return float(v)
        try:
            return float(pv.evaluate(pybamm.Parameter(name), inputs=self.inputs))
        except Exception as exc:  # an expression PyBaMM cannot reduce to a number
            raise ProtocolError(
                f"cannot evaluate {name!r} to a number: {exc}"
            ) from None

    def has(self, name):
        return name in self.parameter_values.keys()

    def window(self):
        """The voltage cut-offs (low, high) [V]."""
        return self.value("Lower voltage cut-off [V]"), self.value(
            "Upper voltage cut-off [V]"
        )

    def active_mass_g(self):
        """Active mass [g], or None if the cell has no loading/area."""
        if not (self.has(LOADING) and self.has(AREA)):
            return None
        return self.value(LOADING) * self.value(AREA) * 1e3

    def callbacks(self, total, what, scale=1.0):
        """A PyBaMM callback reporting ``progress`` per finished step (None if
        no progress callback was given); fractions run up to ``scale``."""
        if not self.progress:
            return None
        return _Progress(self.progress, total, what, scale)

    def solve(self, sim, *, total=1, what="step", inputs=None, scale=1.0, **kwargs):
        """Solve a (built) simulation with the inputs (updated by ``inputs``),
        reporting progress over ``total`` steps up to the fraction ``scale``."""
        merged = {**self.inputs, **(inputs or {})}
        try:
            solution = sim.solve(
                inputs=merged or None,
                callbacks=self.callbacks(total, what, scale),
                **kwargs,
            )
        except pybamm.ModelError as exc:  # e.g. an input the experiment controls
            raise ProtocolError(
                f"this protocol cannot run on the cell: {exc}"
            ) from None
        # the cached simulation would otherwise keep its last solution (every
        # step's states) alive as long as the cache holds it
        sim._solution = None
        return solution

    def store_currents(self):
        """The model's per-store current variables (empty if it has none)."""
        names = getattr(self.model, "store_currents", None)
        return [n for n in (names or []) if n in self.model.variables]


def check_termination(solution, what):
    """Raise ProtocolError if a *model* event (not the protocol's own cut-off or
    duration) stopped the run, e.g. the electrode running out of porosity."""
    term = str(solution.termination)
    if term.startswith("event:") and "[experiment]" not in term:
        raise ProtocolError(f"{what} stopped early: {term.removeprefix('event: ')}")
