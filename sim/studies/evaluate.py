"""Running the points of a study: build once, re-solve with inputs.

A varied parameter is solved as a PyBaMM input (``"[input]"``) when the model
allows it; then every point re-solves one built, discretised model. It is
*structural* when its value shapes the model before solving: a length that
sets the mesh (PyBaMM cannot discretise a geometry with input lengths), a
value the parameter set's completion computes with (the start state, the
nominal capacity), a value that sets the protocol's currents (the active mass:
A/g -> A). Points are grouped by their structural values and each distinct
combination is built once.

Which axes can be inputs is decided by a probe before the study runs
(:func:`decide_inputs`), never assumed: the first point is solved with the
candidates as inputs and again with every value fixed, and the candidates are
kept only if the metrics agree within :data:`sim.input_check.PROBE_RTOL` (the two builds differ
only by constant folding, so they agree to solver tolerance). A parameter that
breaks the build, the completion or the agreement is structural, and the probe
says why.

Every point is validated against its parameters' rules (an input value is
otherwise never checked), and a point that fails - invalid value, solver
failure, a model event, a metric the run cannot give - is returned with
status ``"failed"`` and the reason; it never stops the study.

IDAKLU can solve a list of input sets in one call, but PyBaMM refuses lists
with experiments (``SolverError: Solving with a list of input sets is not
supported with experiments``), and every protocol of this project is an
experiment or a sequence of solves; the points of a group are therefore solved
one after another on the one built model, and the parallelism is across worker
processes (:mod:`sim.studies.sweep`).
"""

from __future__ import annotations

import math
import os
import socket
import time
from collections import OrderedDict

import numpy as np

from sim.errors import SimError
from sim.input_check import same
from sim.parameter_rules import _is_number
from sim.studies.axes import StudyError

GROUPS_HELD = 8
"""Distinct structural combinations whose parameter values a worker keeps."""


class Evaluator:
    """Runs points of one study in this process, reusing built models.

    Args:
        study: A :class:`sim.studies.spec.Study`.
        inputs: Names of the axes solved as inputs (the rest are structural).
    """

    def __init__(self, study, inputs=()):
        self.study = study
        self.inputs = tuple(inputs)
        self.model = study.make_model()
        self.base = study.parameter_set_object()
        self.protocol = study.make_protocol()
        self.metrics = study.metrics()
        self.structural = tuple(a.name for a in study.axes if a.name not in inputs)
        self._also = {a.name: a.also for a in study.axes}
        as_input = {n: "[input]" for name in self.inputs for n in self.names(name)}
        self._input_set = self.base.updated(as_input) if as_input else self.base
        self._groups: OrderedDict = OrderedDict()
        self.worker = f"{socket.gethostname()}:{os.getpid()}"

    def names(self, axis):
        """The parameter names an axis sets (its own and its ``also``)."""
        return (axis, *self._also.get(axis, ()))

    def changes(self, point) -> dict:
        """The parameter values a point sets."""
        return {n: v for axis, v in point.items() for n in self.names(axis)}

    def group_key(self, point) -> tuple:
        """The structural values of a point (points with equal keys share a build)."""
        return tuple((n, point[n]) for n in self.structural)

    def _values(self, point):
        key = self.group_key(point)
        pv = self._groups.get(key)
        if pv is None:
            changes = self.changes(dict(key))
            ps = self._input_set.updated(changes) if changes else self._input_set
            pv = ps.to_pybamm()
            self._groups[key] = pv
            while len(self._groups) > GROUPS_HELD:
                self._groups.popitem(last=False)
        else:
            self._groups.move_to_end(key)
        return pv

    def simulate(self, point):
        """The Result of one point (raises on failure)."""
        from sim.protocols import simulate

        if self.inputs:  # input values are checked here (to_pybamm checks the rest)
            self.base.updated(self.changes(point)).validate()
        pv = self._values(point)
        inputs = {n: float(point[a]) for a in self.inputs for n in self.names(a)}
        return simulate(self.model, pv, self.protocol, inputs=inputs or None)

    def run(self, pid, point):
        """One point: ``(row, curves)``; row has the point id, its values, one
        column per metric, status, reason, seconds and worker; curves is a dict
        of columns (None if the study stores none or the point failed)."""
        start = time.perf_counter()
        row = {"point": int(pid), **point}
        for m in self.metrics:
            row[m.column] = math.nan
        reasons, curves = [], None
        try:
            result = self.simulate(point)
        except Exception as exc:  # recorded, never raised: the study goes on
            reasons.append(_reason(exc))
        else:
            for m in self.metrics:
                try:
                    row[m.column] = float(m(result))
                except Exception as exc:
                    reasons.append(f"metric {m.name!r}: {_reason(exc)}")
            if self.study.curves:
                try:
                    curves = {c: np.asarray(result[c]) for c in self.study.curves}
                    n = len(next(iter(curves.values())))
                    curves = {"point": np.full(n, int(pid)), **curves}
                except Exception as exc:
                    reasons.append(f"curves: {_reason(exc)}")
                    curves = None
        row["outside calibrated range"] = ", ".join(
            n
            for n, (lo, hi) in self.study.calibrated.items()
            if n in point and not lo <= float(point[n]) <= hi
        )
        row["status"] = "failed" if reasons else "ok"
        row["reason"] = "; ".join(reasons)
        row["seconds"] = time.perf_counter() - start
        row["worker"] = self.worker
        return row, curves


def _reason(exc) -> str:
    """One line: a user-level error's message, else the exception's type too."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, SimError):
        return text
    return f"{type(exc).__name__}: {text}"[:500]


def _agree(a, b, columns) -> bool:
    return all(same(a[c], b[c]) for c in columns)


def decide_inputs(study, points, *, tries=3):
    """Which axes are solved as inputs: ``(names, notes)``.

    Candidates are the axes whose values and base value are numbers; each must
    survive the parameter set's conversion as an input; then the first point
    that runs with every value fixed is solved with the candidates as inputs
    and must give the same metrics. Candidates that fail are tested one by one.
    """
    base = study.parameter_set_object()
    notes, candidates = [], []
    for axis in study.axes:
        if not (axis.values is None or all(_is_number(v) for v in axis.values)):
            notes.append(f"{axis.name}: text values, rebuilt per value")
            continue
        if not _is_number(base[axis.name]):
            notes.append(f"{axis.name}: not a number in the set, rebuilt per value")
            continue
        try:
            base.updated({n: "[input]" for n in (axis.name, *axis.also)}).to_pybamm()
        except Exception as exc:
            notes.append(
                f"{axis.name}: its value is needed to build the parameter values "
                f"({_reason(exc)}), rebuilt per value"
            )
            continue
        candidates.append(axis.name)
    if not candidates:
        return (), notes
    fixed = Evaluator(study, ())
    reference = None
    for pid, point in list(enumerate(points))[:tries]:
        row, _ = fixed.run(pid, point)
        if row["status"] == "ok":
            reference = (point, row)
            break
    if reference is None:
        notes.append(
            f"the first {min(tries, len(points))} point(s) fail with fixed values; "
            "every parameter is rebuilt per value"
        )
        return (), notes
    point, ref = reference
    columns = [m.column for m in fixed.metrics]

    def works(names):
        row, _ = Evaluator(study, names).run(0, point)
        return row["status"] == "ok" and _agree(row, ref, columns), row

    ok, row = works(tuple(candidates))
    if ok:
        notes += [f"{n}: solved as an input (one build)" for n in candidates]
        return tuple(candidates), notes
    kept = []
    for name in candidates:
        alone, row = works((name,))
        if alone:
            kept.append(name)
            notes.append(f"{name}: solved as an input (one build)")
        else:
            if row["status"] == "ok":
                why = "the metrics differ from the fixed-value build"
            else:  # e.g. a length that sets the mesh, read when the model is built
                why = (
                    "the run fails with it as an input, so its value is needed "
                    "when the model is built (a length that sets the mesh, or a "
                    f"value the build computes with): {row['reason']}"
                )
            notes.append(f"{name}: not usable as an input ({why}); rebuilt per value")
    if kept and len(kept) < len(candidates) and not works(tuple(kept))[0]:
        raise StudyError(
            f"inputs {kept} work alone but not together; report this as a bug"
        )
    return tuple(kept), notes
