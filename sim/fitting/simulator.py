"""A PyBOP simulator that runs a project protocol on any PyBaMM model.

PyBOP fits a model by calling ``simulator.solve_batch(inputs)`` and comparing
its output with the data. :class:`ProtocolSimulator` answers with
``sim.protocols.simulate(model, values, protocol, inputs=...)`` - the same road
a paper experiment or a design study takes - and returns the target column
(``"Voltage [V]"`` for a galvanostatic or GITT record, ``"Current [A]"`` for a
CV) at the measured times.

Build once: each fitted parameter is made a PyBaMM input when the model and
its values allow it (one build, then re-solves); when they do not (a length
that sets the mesh, a value a parameter set's completion computes with, a
temperature an experiment controls) every evaluation rebuilds, automatically.
:meth:`ProtocolSimulator.decide_inputs` decides before the fit, with the same
agreement check a design study uses (:mod:`sim.input_check`): one probe point
solved with every value fixed and with the parameters as inputs must give the
same curve. :attr:`ProtocolSimulator.as_inputs` says which, and
:attr:`ProtocolSimulator.inputs_note` why.

Cut-offs: a trial parameter that makes the cell reach a cut-off earlier or
later than the measurement would shift every later step in time. A voltage
record is therefore compared step by step (steps start where the current
switches, in the measurement and in the simulation alike), each step from its
own start; a step that ends early holds its last value, so an early end costs
a residual in that step, never a crash or a misalignment of the rest. A record
simulated with its own control (:class:`sim.protocols.MeasuredControl`) is
compared sample by sample instead: its times are the control's, so nothing
shifts; a run stopped early at a voltage limit holds its last value. A trial
the solver cannot run returns PyBOP's ``FailedSolution`` (an infinite cost).
"""

from __future__ import annotations

import numpy as np
import pybop
from pybop.simulators.failed_solution import FailedSolution

from sim.analysis.spectra import kramers_kronig_noise
from sim.data.protocol import strictly_increasing
from sim.errors import SimError
from sim.parameter_set import ParameterSet

TIME = "Time [s]"
IMPEDANCE = "Impedance [Ohm]"
"""The target of a spectrum: Z_re at every measured frequency, then Z_im."""


INITIAL_VOLTAGE = "Initial voltage [V]"
"""A condition PyBaMM's own parameter sets do not have as a parameter: the
cell's start state, set with ``ParameterValues.set_initial_state``."""


def _values_with(values, changes, conditions=None, options=None):
    """Complete PyBaMM values with ``changes`` (the fitted parameters) and a
    dataset's ``conditions`` (its own fixed values: start state, temperature)
    applied. A ParameterSet is updated with the changes and converted with the
    conditions as extras, so its completion sees both (a condition may be a
    value only the completion reads, e.g. the Sb/C start branch). For
    PyBaMM's own values, a condition "Initial voltage [V]" they do not have
    sets the start state at that open-circuit voltage
    (``set_initial_state(f"{v} V", options=options)``, ``options`` the
    model's) once the changes are made."""
    import pybamm

    conditions = dict(conditions or {})
    if isinstance(values, ParameterSet):
        return values.updated(changes).to_pybamm(extra=conditions)
    pv = values.copy()
    start = None
    if INITIAL_VOLTAGE in conditions and INITIAL_VOLTAGE not in pv.keys():
        start = conditions.pop(INITIAL_VOLTAGE)
    for name, value in {**conditions, **changes}.items():
        if name not in pv.keys():
            raise SimError(f"the parameter values have no {name!r}")
        pv[name] = pybamm.InputParameter(name) if value == "[input]" else value
    if start is not None:
        window = [
            pv[n] if n in pv.keys() else None
            for n in ("Lower voltage cut-off [V]", "Upper voltage cut-off [V]")
        ]
        if all(isinstance(w, int | float) for w in window) and not (
            window[0] <= start <= window[1]
        ):
            raise SimError(
                f"cannot start the cell at {start} V: outside its voltage cut-offs "
                f"{window[0]}..{window[1]} V"
            )
        try:
            pv.set_initial_state(f"{start} V", options=options)
        except Exception as exc:  # outside the OCV range, an input it needs
            raise SimError(
                f"cannot start the cell at {start} V: {' '.join(str(exc).split())[:200]}"
            ) from None
    return pv


class ProtocolSimulator(pybop.BaseSimulator):
    """One dataset's simulation for PyBOP.

    Args:
        model: A PyBaMM model (a project model or PyBaMM's own).
        values: A :class:`sim.parameter_set.ParameterSet` or complete
            ``pybamm.ParameterValues``.
        protocol: The protocol that reproduces the measurement.
        data: The measured :class:`sim.result.Result` (needs "Time [s]" and the
            target column).
        parameters: PyBOP name -> ``pybop.Parameter`` of the fitted parameters.
        rename: PyBOP name -> the model's parameter name (per-cell parameters
            have a per-cell PyBOP name); default: the same names.
        target: The compared column.
        noise: The measurement's noise standard deviation, its unit (default:
            estimated, :func:`noise_std` or :func:`spectrum_noise`); kept as
            :attr:`noise`.
        conditions: This dataset's own fixed values (name -> number), e.g. the
            start state of a spectrum measured at rest at 0.5 V after a
            sodiation: ``{"Initial voltage [V]": 0.5, "Start on sodiation
            branch": 1}``; default none (the values' own start state).
    """

    def __init__(
        self,
        model,
        values,
        protocol,
        data,
        parameters,
        *,
        rename=None,
        target="Voltage [V]",
        noise=None,
        conditions=None,
    ):
        super().__init__(pybop.Parameters(dict(parameters)))
        self.model = model
        self.values = values
        self.conditions = dict(conditions or {})
        self.protocol = protocol
        self.target = target
        self.rename = dict(rename or {n: n for n in parameters})
        self.as_inputs = None  # decided by decide_inputs (else at the first call)
        self.inputs_note = ""
        self._input_values = None
        self.evaluations = 0
        if target == IMPEDANCE:  # a spectrum: no time axis, no steps
            self.frequencies = np.asarray(data["Frequency [Hz]"], dtype=float)
            self.measured = spectrum_vector(data)
            self.times = np.arange(len(self.measured), dtype=float)
            z = np.hypot(data["Z_re [Ohm]"], data["Z_im [Ohm]"])
            self.weights = np.tile((np.median(z) / z) ** 2, 2)  # relative noise
            self._starts = None
            self.noise = spectrum_noise(data) if noise is None else float(noise)
            return
        t = np.asarray(data[TIME], dtype=float)
        self.times = strictly_increasing(t - t[0])
        self.measured = np.asarray(data[target], dtype=float)
        self.noise = (
            noise_std(
                self.measured,
                floor=noise_floor(target, self.measured),
                times=self.times,
            )
            if noise is None
            else float(noise)
        )
        current = data["Current [A]"] if "Current [A]" in data else None
        if _measured_control(protocol):  # same times, same control: no offsets
            self.weights = np.ones(len(self.times))
            self._starts = None
            return
        self.weights = settled(self.times, current)
        # steps are compared step by step (below) for a voltage target
        self._starts = (
            step_starts(current)
            if current is not None and target == "Voltage [V]"
            else None
        )
        if self._starts is not None:
            self.weights = self.weights * timing_weights(
                self.times, self.measured, self._starts, self.noise
            )

    def decide_inputs(self, probe):
        """Solve the fitted parameters as inputs if that gives the same curve
        as fixed values at ``probe`` (PyBOP name -> value, away from the set's
        own values so that a build that ignores an input shows), judged
        against the measurement's noise (:func:`sim.input_check.same_curve`);
        else rebuild for every evaluation. Costs one build each way."""
        from sim.input_check import largest_difference, same_curve

        changes = {self.rename[k]: float(v) for k, v in probe.items()}
        self.as_inputs = False
        try:
            fixed = self._curve(self._simulate(changes))
        except Exception as exc:  # cannot check here: inputs if they run
            fixed, why = None, " ".join(str(exc).split())[:200]
        try:
            pv = _values_with(
                self.values,
                {n: "[input]" for n in changes},
                self.conditions,
                self._options(),
            )
            self._input_values = pv
            self.as_inputs = True
            given = self._curve(self._simulate(changes))
        except Exception as exc:
            self.as_inputs = False
            self.inputs_note = (
                "rebuilt for every evaluation: the parameters cannot be inputs "
                f"({' '.join(str(exc).split())[:200]})"
            )
            return False
        if fixed is None:
            self.inputs_note = (
                f"solved as inputs (one build); not checked against fixed values, "
                f"which failed at the probe point ({why})"
            )
        elif same_curve(given, fixed, self.noise, self.weights):
            self.inputs_note = (
                "solved as inputs (one build), checked against fixed values"
            )
        else:
            self.as_inputs = False
            self.inputs_note = (
                "rebuilt for every evaluation: with the parameters as inputs the "
                "curve differs from fixed values (by up to "
                f"{largest_difference(given, fixed):.2g} of its magnitude)"
            )
        return self.as_inputs

    def _options(self):
        options = getattr(self.model, "options", None)
        return dict(options) if options is not None else None

    def _simulate(self, changes):
        from sim.protocols import simulate
        from sim.protocols.contract import tight_solves

        with tight_solves(FIT_RTOL):
            return self._simulate_here(changes, simulate)

    def _simulate_here(self, changes, simulate):
        if self.as_inputs is None:
            self.decide_inputs({k: changes[v] for k, v in self.rename.items()})
        if self.as_inputs:
            return simulate(
                self.model, self._input_values, self.protocol, inputs=changes
            )
        pv = _values_with(self.values, changes, self.conditions, self._options())
        return simulate(self.model, pv, self.protocol)

    def output(self, inputs):
        """The simulated target at the measured times (raises on failure)."""
        changes = {self.rename[k]: float(v) for k, v in inputs.items()}
        self.evaluations += 1
        return self._curve(self._simulate(changes))

    def _curve(self, res):
        if self.target == IMPEDANCE:
            z = spectrum_vector(res)
            if z.shape != self.measured.shape or not np.all(np.isfinite(z)):
                raise SimError("the simulated spectrum does not match the measured one")
            return z
        t = np.asarray(res[TIME], dtype=float)
        y = np.asarray(res[self.target], dtype=float)
        if not (len(t) and np.all(np.isfinite(y))):
            raise SimError("the simulation gave no finite output")
        t = strictly_increasing(t - t[0])
        if self._starts is None or "Current [A]" not in res:
            return np.interp(self.times, t, y)
        return _step_by_step(
            self.times, self._starts, t, y, step_starts(res["Current [A]"])
        )

    def solve_batch(self, inputs, calculate_sensitivities=False):
        out = []
        for x in inputs:
            try:
                y = self.output(x)
            except Exception:  # a trial the solver cannot run: infinite cost
                out.append(FailedSolution([self.target], list(x)))
                continue
            sol = pybop.Solution(inputs=x)
            sol.set_solution_variable(self.target, y)
            out.append(sol)
        return out

    def cost(self):
        """PyBOP's sum of squared errors on the target, without the samples at
        current switches (:func:`settled`)."""
        cost = pybop.SumSquaredError(self.dataset(), target=self.target)
        cost.weighting = self.weights  # (PyBOP 26.3 compares an array to str)
        return cost

    def dataset(self):
        """The measured data as a ``pybop.Dataset`` (times from 0; a
        spectrum's "times" are the indices of its stacked values)."""
        return pybop.Dataset({TIME: self.times, self.target: self.measured})


def _measured_control(protocol):
    from sim.protocols import MeasuredControl

    return isinstance(protocol, MeasuredControl)


def spectrum_vector(data):
    """A spectrum's "Z_re [Ohm]" values, then its "Z_im [Ohm]" values."""
    return np.r_[
        np.asarray(data["Z_re [Ohm]"], dtype=float),
        np.asarray(data["Z_im [Ohm]"], dtype=float),
    ]


def spectrum_relative_noise(data, floor=1e-3):
    """The relative noise of a measured spectrum: the standard deviation of
    its error divided by |Z| (an analyser's error is a fraction of |Z|; a
    spectrum spans decades of |Z|, so one absolute noise would weigh the
    low-frequency points tens of times too much). Estimated from the residuals
    of a linear Kramers-Kronig fit
    (:func:`sim.analysis.spectra.kramers_kronig_noise`), at least ``floor``
    (0.1 %, a good analyser's accuracy)."""
    f = np.asarray(data["Frequency [Hz]"], dtype=float)
    z = np.asarray(data["Z_re [Ohm]"], dtype=float) + 1j * np.asarray(
        data["Z_im [Ohm]"], dtype=float
    )
    return max(kramers_kronig_noise(f, z), floor)


def spectrum_noise(data):
    """The noise standard deviation [Ohm] at the spectrum's median |Z|; the
    other points are weighted by (median |Z| / |Z|)**2
    (:func:`spectrum_relative_noise`)."""
    re = np.asarray(data["Z_re [Ohm]"], dtype=float)
    im = np.asarray(data["Z_im [Ohm]"], dtype=float)
    return spectrum_relative_noise(data) * float(np.median(np.hypot(re, im)))


def step_starts(current):
    """Indices where a step starts: 0 and every switch of the current."""
    i = np.asarray(current, dtype=float)
    scale = max(np.max(np.abs(i)), 1e-30) if len(i) else 1.0
    return np.r_[0, np.flatnonzero(np.abs(np.diff(i)) > 1e-3 * scale) + 1]


def _step_by_step(times, starts, t_sim, y_sim, sim_starts):
    """The simulated curve at the measured times, step k of the simulation
    against step k of the measurement, each from its own start: a trial that
    ends a step (at a cut-off) earlier or later than the measurement costs a
    residual in that step only, instead of shifting every later step. A step
    the simulation did not reach holds the simulation's last value."""
    out = np.empty(len(times))
    ends = np.r_[starts[1:], len(times)]
    sim_ends = np.r_[sim_starts[1:], len(t_sim)]
    for k, (a, b) in enumerate(zip(starts, ends, strict=True)):
        if k >= len(sim_starts):
            out[a:b] = y_sim[-1]
            continue
        c, d = sim_starts[k], sim_ends[k]
        rel = times[a:b] - times[a]
        out[a:b] = np.interp(rel, t_sim[c:d] - t_sim[c], y_sim[c:d])
    return out


SWITCH_SETTLE = 1.0
"""Samples within this many seconds after a current switch are not compared [s]."""


def settled(times, current, settle=SWITCH_SETTLE):
    """Weights 1, or 0 for the samples taken at or within ``settle`` seconds
    after a switch of the measured current: there the voltage jumps by the
    cell's ohmic drop, and a time offset of a microsecond between simulation
    and measurement (their step ends are found by different integrators)
    would turn the jump into a residual that is not a misfit."""
    w = np.ones(len(times))
    if current is None:
        return w
    for k in step_starts(current)[1:]:
        w[(times >= times[k - 1]) & (times <= times[k] + settle)] = 0.0
        w[k - 1] = 1.0  # the last sample before the switch is still good
    return w


FIT_RTOL = 1e-6
"""Relative tolerance (at most) of a fit's solves. At the Sb/C model's default
1e-4 the chi-square of a GITT record moved by +-20 (of 560) between
neighbouring parameter values on a line where it should fall smoothly,
enough to stop a least-squares search far from the optimum (measured)."""

CHARGE_ACCURACY = 1e-3
"""Relative accuracy of the charge passed since a step started, in the
measurement (a cycler's current is accurate to about 0.05 % of its range) and
in the simulation (the solver's relative tolerance, 1e-4, on the integrated
charge): the time at which a given charge is reached is uncertain by this
fraction of the time since the step started."""


def timing_weights(times, measured, starts, noise, accuracy=CHARGE_ACCURACY):
    """Weights ``noise**2 / (noise**2 + (dV/dt * dt)**2)``, ``dt`` =
    ``accuracy`` x the time since the step started: the effective variance of
    a sample whose time is uncertain. On a flat plateau they are 1; on the
    steep end of a step near a cut-off, where a shift of a second moves the
    voltage by tens of noise widths, they are small, so neither the solver's
    timing jitter there (two builds of one Sb/C model reached a cut-off 2 s
    apart on a 5 h rate test, 18 noise widths on one sample) nor the cycler's
    makes the cost jump."""
    t = np.asarray(times, dtype=float)
    y = np.asarray(measured, dtype=float)
    w = np.ones(len(t))
    ends = np.r_[starts[1:], len(t)]
    for a, b in zip(starts, ends, strict=True):
        if b - a < 3:
            continue
        slope = np.gradient(y[a:b], t[a:b])
        dt = accuracy * (t[a:b] - t[a])
        w[a:b] = noise**2 / (noise**2 + (slope * dt) ** 2)
    return w


VOLTAGE_RESOLUTION = 1e-4
"""The least noise assumed on a measured voltage [V]: the resolution of a
typical cycler's voltage channel (0.1 mV); it keeps a noise-free record (a
simulation) from weighing without bound."""

CURRENT_RESOLUTION = 1e-4
"""The least noise assumed on a measured current, as a fraction of the largest
current of the record (a cycler's current channel resolves about 0.01 % of its
range, and the range is at least the largest current measured)."""


def noise_floor(target, measured):
    """The least noise of a record of ``target`` (its unit):
    :data:`VOLTAGE_RESOLUTION` for a voltage, :data:`CURRENT_RESOLUTION` of the
    largest current for a current (a CV's: a floor of 0.1 mA would drown a
    1 % noise on a 3 mA peak, as a voltage floor applied to amperes did)."""
    if target == "Current [A]":
        y = np.abs(np.asarray(measured, dtype=float))
        largest = float(np.max(y)) if y.size else 0.0
        return max(CURRENT_RESOLUTION * largest, 1e-30)
    return VOLTAGE_RESOLUTION


NOISE_ORDERS = (2, 3, 4)
"""Divided differences over 3, 4 and 5 neighbouring samples (they cancel a
straight line, a parabola, a cubic) estimate a record's noise."""


def _divided_difference_noise(y, t, order):
    """Robust spread of the normalised ``order``-th divided differences of y(t):
    weights 1 / prod_{k != j} (t_j - t_k) over ``order + 1`` neighbours, scaled
    to unit norm (so white noise of std s gives differences of std s), their
    median absolute value / 0.6745. Polynomials of degree below ``order``
    cancel exactly, also on an uneven time grid (a cycler logs a fast step more
    often than a slow one; plain second differences there read the slope as
    noise)."""
    m = len(y) - order
    w = np.ones((m, order + 1))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for j in range(order + 1):
            for k in range(order + 1):
                if k != j:
                    w[:, j] /= t[j : j + m] - t[k : k + m]
        w /= np.linalg.norm(w, axis=1, keepdims=True)
        e = sum(w[:, j] * y[j : j + m] for j in range(order + 1))
    e = e[np.isfinite(e)]
    return 1.4826 * float(np.median(np.abs(e))) if e.size else np.inf


def noise_std(values, floor=VOLTAGE_RESOLUTION, times=None):
    """The noise standard deviation of a measured curve [its unit]: the least
    of the robust spreads of its divided differences of orders
    :data:`NOISE_ORDERS` (:func:`_divided_difference_noise`; the higher
    orders cancel more of a steep curve's shape, which the lower ones count as
    noise), at least ``floor`` (see :func:`noise_floor`). ``times`` (strictly
    increasing; default: evenly spaced samples) are the sample times.

    Where a record logs the steep end of a step too sparsely for a cubic to
    follow (the fitting tests' Sb/C rate test, logged every 122 s: 15 % of its
    windows), those differences are shape, not noise, and the estimate is
    high (1.06-1.21x there in four noise draws; 1.00-1.05x on their GITT
    records, 0.90-1.02x on their CV currents)."""
    y = np.asarray(values, dtype=float)
    if len(y) < 5:
        return float(floor)
    t = np.arange(len(y), dtype=float) if times is None else np.asarray(times, float)
    if t.shape != y.shape:
        raise ValueError(f"{t.size} times for {y.size} values")
    spreads = [
        _divided_difference_noise(y, t, k) for k in NOISE_ORDERS if len(y) > k + 2
    ]
    return float(max(min(spreads), floor))
