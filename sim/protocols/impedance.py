"""Impedance spectra at states reached by a simulated protocol.

Qiu2021 (Fig. 6a-f) cycles its cells ten times, then stops at set potentials on the
way down (discharge, sodiation) and back up (charge), and measures impedance there.
``simulate(model, parameter_values, ImpedanceProtocol(...))`` does the same with
the cell model: it runs the protocol once (galvanostatic steps to each potential,
each followed by a rest), takes the state
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
from sim.protocols import checks
from sim.protocols.contract import (
    built_simulation,
    cached,
    check_termination,
    runner,
    tight_solver,
)
from sim.protocols.recording import result, step_columns

DISCHARGE, CHARGE = "discharge", "charge"

EIS_VAR_PTS = {"x_s": 48}
"""Mesh refinement for spectra, by spatial-variable name (applied to the model's
own ``default_var_pts`` keys of that name): the high-frequency intercept of the
finite-volume model carries an O(dx) error from the coarse separator cells next
to the thin electrode (+0.36 Ohm with 12 cells, +0.09 Ohm with 48;
test)."""

MAX_FREQUENCY = 1e9
"""Hz: highest frequency accepted (well above any impedance analyser)."""


def eis_var_pts(model, override=None):
    """The mesh for spectra: the model's ``default_var_pts`` refined by
    :data:`EIS_VAR_PTS` where it has those variables, then ``override`` (a
    ``var_pts`` dict keyed like the model's, or by variable name)."""
    pts = dict(model.default_var_pts)
    for key in pts:
        name = getattr(key, "name", key)
        if name in EIS_VAR_PTS:
            pts[key] = EIS_VAR_PTS[name]
    for key, value in (override or {}).items():
        name = getattr(key, "name", key)
        match = [k for k in pts if getattr(k, "name", k) == name]
        if not match:
            raise ProtocolError(
                f"mesh override {name!r}: the model's mesh has "
                f"{sorted(getattr(k, 'name', k) for k in pts)}"
            )
        pts[match[0]] = checks.integer(
            f"mesh points for {name}", value, low=2, high=10_000
        )
    return pts


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
    var_pts: dict | None = None  # mesh override, see eis_var_pts

    def __post_init__(self):
        checks.setattrs(
            self,
            specific_current=checks.real(
                "specific current [A.g-1]", self.specific_current, high=1000.0
            ),
            formation_cycles=checks.integer(
                "formation_cycles", self.formation_cycles, high=100
            ),
            rest_time=checks.real("rest_time [s]", self.rest_time, high=1e6),
            points_per_decade=checks.integer(
                "points_per_decade", self.points_per_decade, high=1000
            ),
        )
        f_min = checks.real("f_min [Hz]", self.f_min, high=MAX_FREQUENCY)
        f_max = checks.real("f_max [Hz]", self.f_max, high=MAX_FREQUENCY)
        if not f_min < f_max:
            raise ProtocolError(
                f"frequencies {f_min}..{f_max} Hz: need 0 < f_min < f_max <= "
                f"{MAX_FREQUENCY:g} Hz"
            )
        checks.setattrs(
            self, f_min=f_min, f_max=f_max, stops=_checked_stops(self.stops)
        )

    def frequencies(self):
        n = int(round(self.points_per_decade * math.log10(self.f_max / self.f_min)))
        return np.logspace(math.log10(self.f_min), math.log10(self.f_max), n + 1)

    def validate(self, v_low, v_high):
        """Check every stop lies in the cell's voltage window."""
        for _, v in self.stops:
            if not v_low <= v <= v_high:
                raise ProtocolError(
                    f"stop at {v!r} V: must lie in the voltage window "
                    f"{v_low}..{v_high} V"
                )

    def __hash__(self):
        items = tuple(sorted((str(k), v) for k, v in (self.var_pts or {}).items()))
        return hash((self.stops, self.formation_cycles, self.specific_current,
                     self.rest_time, self.f_min, self.f_max, self.points_per_decade,
                     items))  # fmt: skip


def _checked_stops(stops):
    """The stops as a tuple of (direction, potential), in a cycler's order."""
    try:
        stops = tuple((d, checks.potential("stop potential", v)) for d, v in stops)
    except (TypeError, ValueError):
        raise ProtocolError(
            f"stops = {stops!r}: give (direction, potential) pairs"
        ) from None
    if not stops:
        raise ProtocolError("no stops: give at least one (direction, potential)")
    seen_charge = False
    last = {DISCHARGE: math.inf, CHARGE: -math.inf}
    for d, v in stops:
        checks.choice("stop direction", d, (DISCHARGE, CHARGE))
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
    return stops


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


STATE_RTOL = 1e-6
"""Relative tolerance (at most) of the solves that bring the cell to its stops.
A spectrum linearises the model about the state reached: with PyBaMM's
default rtol 1e-4 the Sb/C spectra at 0.01 Hz moved by 2 % (measured), enough
to tip equivalent-circuit fits."""


def _protocol_solution(cell, protocol, var_pts):
    """Run formation and stops; returns (solution, steps, rest step indices)."""
    v_low, v_high = cell.window()
    protocol.validate(v_low, v_high)
    mass = cell.active_mass_g()
    if mass is None:
        raise ProtocolError("an impedance protocol in A/g needs the cell's active mass")
    current = protocol.specific_current * mass
    steps, rest_index = _experiment_steps(protocol, current, v_low, v_high)
    sim = built_simulation(
        cell,
        ("impedance", protocol, current, v_low, v_high, "state tolerance"),
        lambda: pybamm.Experiment(steps),
        var_pts=var_pts,
        solver=tight_solver(cell.model, STATE_RTOL),
    )
    sol = cell.solve(sim, total=len(steps), what="protocol step", scale=0.5)
    check_termination(sol, "the impedance protocol")
    all_steps = [st for cyc in sol.cycles for st in cyc.steps]
    if len(all_steps) != len(steps):
        raise ProtocolError(
            f"the impedance protocol stopped after {len(all_steps)} of {len(steps)} "
            f"steps ({sol.termination}): the cell cannot reach every stop"
        )
    return sol, all_steps, rest_index


def _built_eis(cell, var_pts):
    """The EIS model of the cell, built once (cached with the simulations)."""

    def build():
        eis = pybamm.EISSimulation(
            cell.model,
            parameter_values=cell.parameter_values,
            var_pts=var_pts,
        )
        eis.build()
        return eis

    return cached(cell, ("eis",), build, var_pts=var_pts)


def _spectrum_tables(spectra):
    stops = {"Stop": [], "Direction": [], "Target potential [V]": [],
             "Rest potential [V]": [], "Average x in NaxSb": []}  # fmt: skip
    z = {"Stop": [], "Frequency [Hz]": [], "Z_re [Ohm]": [], "Z_im [Ohm]": []}
    for k, sp in enumerate(spectra, 1):
        for name, value in zip(
            list(stops)[1:],
            (sp.direction, sp.target_potential, sp.rest_potential, sp.sodiation),
            strict=True,
        ):
            stops[name].append(value)
        stops["Stop"].append(k)
        z["Stop"] += [k] * len(sp.frequency)
        z["Frequency [Hz]"] += list(sp.frequency)
        z["Z_re [Ohm]"] += list(np.real(sp.impedance))
        z["Z_im [Ohm]"] += list(np.imag(sp.impedance))
    return {"Stops": stops, "Impedance": z}


@runner(ImpedanceProtocol)
def simulate_impedance(cell, protocol):
    """Columns: the protocol's voltage history (standard columns); tables
    "Stops" (one row per stop) and "Impedance" ("Stop", "Frequency [Hz]",
    "Z_re [Ohm]", "Z_im [Ohm]"); summary: the spectra (:class:`Spectrum`) and
    seconds spent in the protocol, the EIS build and the spectra."""
    var_pts = eis_var_pts(cell.model, protocol.var_pts)
    t0 = time.perf_counter()
    sol, all_steps, rest_index = _protocol_solution(cell, protocol, var_pts)
    t_protocol = time.perf_counter() - t0
    if cell.progress:
        cell.progress(0.5, f"protocol simulated ({t_protocol:.1f} s)")
    t1 = time.perf_counter()
    eis = _built_eis(cell, var_pts)
    t_build = time.perf_counter() - t1
    freqs = protocol.frequencies()
    spectra = []
    t2 = time.perf_counter()
    for (d, v), k in zip(protocol.stops, rest_index, strict=True):
        st = all_steps[k]
        eis.built_model.concatenated_initial_conditions = pybamm.Vector(
            state_vector(eis.built_model, st)
        )
        z = eis.solve(freqs, inputs=cell.inputs or None).impedance
        x = (
            float(st["Average Sb sodiation state x in NaxSb"].entries[-1])
            if "Average Sb sodiation state x in NaxSb" in cell.model.variables
            else float("nan")
        )
        spectra.append(
            Spectrum(d, v, float(st["Voltage [V]"].entries[-1]), freqs, z, x)
        )
    summary = {
        "spectra": spectra,
        "timings [s]": {
            "protocol": t_protocol,
            "build": t_build,
            "spectra": time.perf_counter() - t2,
        },
    }
    return result(
        cell, protocol, sol, step_columns(cell, sol),
        tables=_spectrum_tables(spectra), summary=summary,
    )  # fmt: skip
