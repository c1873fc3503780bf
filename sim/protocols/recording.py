"""What a simulated cycler records: the standard columns of a
:class:`sim.result.Result`, step by step, from a PyBaMM experiment solution.

Every step of every cycle contributes its output points, labelled with its
1-based cycle number and step number (counted over the whole run). A step's first
point is at the time of the previous step's last one: the same state, but the new
step's control (a current switched off shows its instantaneous IR step there).
Both points are kept, as a cycler records them ("Time [s]" is non-decreasing,
repeated at a switch); ``drop_joins=True`` drops the new step's first point
instead (a CV, whose potential is continuous at a vertex).

"Capacity [A.h]" is the model's "Discharge capacity [A.h]" where it has one
(integrated by the solver with the state), otherwise the trapezoid integral of
the recorded current; either way discharge (sodiation/lithiation) positive.
"""

from __future__ import annotations

import numpy as np
import pybamm

from sim.result import Result

BASE = ("Time [s]", "Voltage [V]", "Current [A]")


def recorded_steps(solution, first_cycle=0):
    """(cycle number, step number, step solution) of every non-empty step, from
    cycle index ``first_cycle`` on (numbers 1-based, counted from that cycle)."""
    out = []
    n_step = 0
    for k, cyc in enumerate(solution.cycles[first_cycle:], 1):
        if cyc is None:
            continue
        for step in cyc.steps:
            n_step += 1
            if isinstance(step, pybamm.EmptySolution) or len(step.t) == 0:
                continue
            out.append((k, n_step, step))
    return out


def recorded_names(cell, variables=()):
    """The variables a simulated cycler records: the base columns, the model's
    per-store currents, ``variables`` and (where the model has it) "Discharge
    capacity [A.h]"; each once, in order."""
    names = [*BASE, *cell.store_currents(), *variables]
    if "Discharge capacity [A.h]" in cell.model.variables:
        names.append("Discharge capacity [A.h]")
    return list(dict.fromkeys(names))


def step_columns(
    cell, solution, *, variables=(), first_cycle=0, labels=None, drop_joins=False
):
    """Standard columns (plus ``variables``) of every recorded step.

    ``labels``: optional dict name -> function(cycle, step) -> value, giving
    extra per-point label columns (e.g. a pulse's direction).
    """
    names = recorded_names(cell, variables)
    cols = {n: [] for n in names}
    cols["Cycle number"], cols["Step number"] = [], []
    extra = {name: [] for name in labels or {}}
    t_last = None
    for cycle, number, step in recorded_steps(solution, first_cycle):
        sl = slice(None)
        at_join = t_last is not None and abs(step.t[0] - t_last) <= 1e-9 * max(
            1.0, t_last
        )
        if drop_joins and at_join:
            sl = slice(1, None)
        for n in names:
            cols[n].append(np.asarray(step[n].entries)[sl])
        n_pts = len(cols["Time [s]"][-1])
        cols["Cycle number"].append(np.full(n_pts, cycle))
        cols["Step number"].append(np.full(n_pts, number))
        for name, fn in (labels or {}).items():
            extra[name] += [fn(cycle, number)] * n_pts
        t_last = step.t[-1]
    out = {n: np.concatenate(v) if v else np.zeros(0) for n, v in cols.items()}
    out = standard_columns(
        cell, out, keep_capacity="Discharge capacity [A.h]" in variables
    )
    out.update({n: np.asarray(v) for n, v in extra.items()})
    return out


def standard_columns(cell, out, *, keep_capacity=False):
    """Add "Capacity [A.h]" (the model's "Discharge capacity [A.h]" column of
    ``out`` where it has one, else the trapezoid integral of the current) and
    the specific current and capacity; drop "Discharge capacity [A.h]" unless
    ``keep_capacity``."""
    q = out.get("Discharge capacity [A.h]")
    if not keep_capacity:
        out.pop("Discharge capacity [A.h]", None)
    if q is None:
        t, i = out["Time [s]"], out["Current [A]"]
        q = np.r_[0.0, np.cumsum(0.5 * (i[1:] + i[:-1]) * np.diff(t))] / 3600
        q = q[: len(t)]
    out["Capacity [A.h]"] = q
    mass = cell.active_mass_g()
    if mass is not None:
        out["Specific current [mA.g-1]"] = out["Current [A]"] * 1e3 / mass
        out["Specific capacity [mA.h.g-1]"] = q * 1e3 / mass
    return out


def result(cell, protocol, solution, columns, *, tables=None, summary=None):
    """A simulated Result with the run's provenance."""
    return Result(
        columns,
        tables=tables,
        summary=summary,
        solution=solution,
        protocol=protocol,
        inputs=cell.inputs,
    )
