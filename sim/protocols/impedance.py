"""Impedance spectra at states reached by a simulated protocol.

Qiu2021 (Fig. 6a-f) cycles its cells ten times, then stops at set potentials on the
way down (discharge, sodiation) and back up (charge), and measures impedance there.
:func:`run_impedance` does the same with the cell model: it runs the protocol once
(galvanostatic steps to each potential, each followed by a rest), takes the state
of the cell at the end of every rest, and computes the spectrum there with PyBaMM's
frequency-domain EIS (:class:`pybamm.EISSimulation`, Hallemans et al. 2025): the
model is linearised around that state and ``(j omega M - J) x = b`` is solved per
frequency. No hand-written linearisation.

The EIS model is built and discretised once per parameter set; each state only
changes the point of linearisation (the state vector, mapped variable by variable
from the protocol's solution), so a spectrum costs one Jacobian and one sparse
solve per frequency.

Settings the paper does not give (assumptions, in :class:`ImpedanceProtocol`): the
current of the formation cycles and of the approach to each potential (0.1 A/g,
the paper's low rate), the rest before each spectrum (30 min) and the frequency
range (100 kHz to 10 mHz, 8 points per decade, a common cycler default).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import pybamm

from sim.errors import ProtocolError
from sim.models.sb_carbon import X_S
from sim.protocols import active_mass_g, check_termination

DISCHARGE, CHARGE = "discharge", "charge"

EIS_VAR_PTS = {X_S: 48}
"""Mesh refinement for spectra: the high-frequency intercept of the finite-volume
model carries an O(dx) error from the coarse separator cells next to the thin
electrode (+0.36 Ohm with the default 12 cells, +0.09 Ohm with 48; test)."""


def _default_stops():
    return (
        (DISCHARGE, 2.5),
        (DISCHARGE, 0.8),
        (DISCHARGE, 0.5),
        (DISCHARGE, 0.01),
        (CHARGE, 0.5),
        (CHARGE, 0.8),
        (CHARGE, 2.5),
    )


@dataclass(frozen=True)
class ImpedanceProtocol:
    """Formation cycles, then a spectrum at each ``(direction, potential)`` stop.

    ``(DISCHARGE, v)`` stops are visited first, in descending potential, then the
    ``(CHARGE, v)`` stops in ascending potential. A discharge stop at the upper
    cut-off is the state after the formation cycles (fully desodiated); a charge
    stop at the upper cut-off is the same after the measured half cycle.
    """

    stops: tuple = field(default_factory=_default_stops)
    formation_cycles: int = 10  # Qiu2021: "after ten cycles"
    specific_current: float = 0.1  # A/g, assumption (the paper's lowest rate)
    rest_time: float = 1800.0  # s before each spectrum, assumption
    f_min: float = 0.01  # Hz
    f_max: float = 1e5  # Hz
    points_per_decade: int = 8

    def frequencies(self):
        n = int(round(self.points_per_decade * math.log10(self.f_max / self.f_min)))
        return np.logspace(math.log10(self.f_min), math.log10(self.f_max), n + 1)

    def validate(self, v_low, v_high):
        c = self.specific_current
        if not isinstance(c, (int, float)) or not math.isfinite(c) or c <= 0:
            raise ProtocolError(f"specific current = {c!r} A/g: must be > 0")
        n = self.formation_cycles
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 100:
            raise ProtocolError(f"formation_cycles = {n!r}: must be an integer 1..100")
        if not (isinstance(self.rest_time, (int, float)) and self.rest_time > 0):
            raise ProtocolError(
                f"rest_time = {self.rest_time!r} s: must be > 0 (a spectrum is "
                "measured on a resting cell)"
            )
        if not (0 < self.f_min < self.f_max) or self.points_per_decade < 1:
            raise ProtocolError(
                f"frequencies {self.f_min}..{self.f_max} Hz with "
                f"{self.points_per_decade} per decade: need 0 < f_min < f_max and "
                ">= 1 point per decade"
            )
        if not self.stops:
            raise ProtocolError("no stops: give at least one (direction, potential)")
        seen_charge = False
        last = {DISCHARGE: math.inf, CHARGE: -math.inf}
        for d, v in self.stops:
            if d not in (DISCHARGE, CHARGE):
                raise ProtocolError(
                    f"stop direction {d!r}: must be {DISCHARGE!r} or {CHARGE!r}"
                )
            if not (isinstance(v, (int, float)) and v_low <= v <= v_high):
                raise ProtocolError(
                    f"stop at {v!r} V: must lie in the voltage window "
                    f"{v_low}..{v_high} V"
                )
            if d == DISCHARGE and seen_charge:
                raise ProtocolError(
                    "discharge stops must come before charge stops (one half cycle "
                    "down, one up)"
                )
            seen_charge |= d == CHARGE
            if (d == DISCHARGE and v >= last[d] + 1e-12) or (
                d == CHARGE and v <= last[d] - 1e-12
            ):
                raise ProtocolError(
                    f"{d} stops must be in {'de' if d == DISCHARGE else 'a'}scending "
                    f"potential; {v} V comes after {last[d]} V"
                )
            last[d] = v


def _experiment_steps(protocol, current, v_low, v_high):
    steps = []
    for _ in range(protocol.formation_cycles):
        steps += [
            pybamm.step.current(current, termination=f"{v_low} V"),
            pybamm.step.current(-current, termination=f"{v_high} V"),
        ]
    labels = []
    for d, v in protocol.stops:
        at_top = d == DISCHARGE and v >= v_high - 1e-9
        if not at_top:
            sign = 1 if d == DISCHARGE else -1
            steps.append(pybamm.step.current(sign * current, termination=f"{v} V"))
        steps.append(pybamm.step.rest(protocol.rest_time))
        labels.append(len(steps) - 1)  # index of the rest step
    return steps, labels


def state_vector(built_eis_model, step_solution):
    """The EIS model's state vector at the end of ``step_solution``.

    States are matched by variable name between the model that ran the protocol
    and the EIS model (which has one more state, the current, set to 0: the cell
    rests). Raises ProtocolError if a state of the EIS model has no counterpart.
    """
    src_model = step_solution.all_models[-1]
    y_end = np.asarray(step_solution.all_ys[-1][:, -1]).ravel()
    src = {var.name: slices[0] for var, slices in src_model.y_slices.items()}
    n = built_eis_model.concatenated_initial_conditions.shape[0]
    y0 = np.zeros(n)
    for var, slices in built_eis_model.y_slices.items():
        target = slices[0]
        if var.name == "Current variable [A]":
            continue
        if var.name not in src:
            raise ProtocolError(
                f"state {var.name!r} of the impedance model is not in the protocol's "
                "solution: the two models differ"
            )
        y0[target] = y_end[src[var.name]]
    return y0


@dataclass
class Spectrum:
    direction: str
    target_potential: float  # V, where the current was stopped
    rest_potential: float  # V, at the end of the rest (where Z is computed)
    frequency: np.ndarray
    impedance: np.ndarray
    sodiation: float = float("nan")  # average x in NaxSb, if the model has Sb


def run_impedance(
    model, parameter_values, protocol, *, progress=None, solver=None, var_pts=None
):
    """Run the protocol and return ``(spectra, curves, timings)``.

    ``var_pts`` (mesh sizes, used for the protocol and the spectra alike) default
    to the model's, refined by :data:`EIS_VAR_PTS` where the model has those
    domains.

    ``spectra``: a :class:`Spectrum` per stop, in the order of the stops;
    ``curves``: the voltage history of the protocol (dict of arrays);
    ``timings``: seconds spent in the protocol, in building the EIS model and in
    the spectra.
    """
    pv = parameter_values
    v_low, v_high = pv["Lower voltage cut-off [V]"], pv["Upper voltage cut-off [V]"]
    protocol.validate(v_low, v_high)
    current = protocol.specific_current * active_mass_g(pv)
    steps, rest_index = _experiment_steps(protocol, current, v_low, v_high)
    if var_pts is None:
        var_pts = {**model.default_var_pts}
        var_pts.update({k: v for k, v in EIS_VAR_PTS.items() if k in var_pts})
    t0 = time.perf_counter()
    sim = pybamm.Simulation(
        model,
        parameter_values=pv,
        experiment=pybamm.Experiment(steps),
        solver=solver or model.default_solver,
        var_pts=var_pts,
    )
    sol = sim.solve()
    check_termination(sol, "the impedance protocol")
    all_steps = [st for cyc in sol.cycles for st in cyc.steps]
    if len(all_steps) != len(steps):
        raise ProtocolError(
            f"the impedance protocol stopped after {len(all_steps)} of {len(steps)} "
            f"steps ({sol.termination}): the cell cannot reach every stop"
        )
    t_protocol = time.perf_counter() - t0
    if progress:
        progress(0.5, f"protocol simulated ({t_protocol:.1f} s)")

    t1 = time.perf_counter()
    eis = pybamm.EISSimulation(
        model, parameter_values=pv, var_pts=var_pts, skip_surface_form_check=True
    )
    eis.build()
    t_build = time.perf_counter() - t1
    built = eis.built_model
    freqs = protocol.frequencies()
    spectra = []
    t2 = time.perf_counter()
    for (d, v), k in zip(protocol.stops, rest_index, strict=True):
        st = all_steps[k]
        built.concatenated_initial_conditions = pybamm.Vector(state_vector(built, st))
        z = eis.solve(freqs).impedance
        x = (
            float(st["Average Sb sodiation state x in NaxSb"].entries[-1])
            if "Average Sb sodiation state x in NaxSb" in model.variables
            else float("nan")
        )
        spectra.append(
            Spectrum(d, v, float(st["Voltage [V]"].entries[-1]), freqs, z, x)
        )
    t_spectra = time.perf_counter() - t2
    curves = {
        "Time [s]": sol["Time [s]"].entries,
        "Voltage [V]": sol["Voltage [V]"].entries,
        "Current [A]": sol["Current [A]"].entries,
    }
    return (
        spectra,
        curves,
        {"protocol": t_protocol, "build": t_build, "spectra": t_spectra},
    )
