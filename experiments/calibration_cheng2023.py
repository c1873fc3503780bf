"""Calibration of the Cheng2023 electrolyte parameters the paper does not give,
reproducible: ``python -m sim.experiments.calibration_cheng2023 [step ...]`` prints
the fitted values; ``--check`` re-fits from a start that is not the stored values and
compares with those stored in ``parameters/cheng2023_peo_gdooh.py`` (written there
by hand, with this module named as their source); ``--check --fast`` only checks
that the stored values are a local optimum of the step's objective (cheap, run in
CI). Exit status 1 if stale. The step is a :class:`sim.calibration.Calibration`
(fitted parameters with bounds, reported targets, residuals, optimiser).

One step, ``crystallinity``, because the three electrolytes share the polymer and
the filler physics (:mod:`sim.physics.polymer_crystallinity`): six parameters,
six reported numbers, the objective fixed as the sum of squares of

- ln(sigma / reported): PPSE at 60 C (Fig. S17), CPCSE at 25 C ("room
  temperature", Fig. S11) and 60 C (Fig. 3e), CNCSE at 60 C (Fig. 3e);
- the relative miss of PPSE's Ea, taken as the Arrhenius fit over 20-80 C every
  10 C (Fig. 3f) of the model;
- the relative miss of CPCSE's Tg in K (Fig. 3b, DSC), given the assumed PPSE Tg.

Fitted: the amorphous VTF law (A, B; T0 = Tg - 50 K), the unfilled film's
crystalline fraction below melting, its melting temperature (the width is an
assumption), the filler's crystallinity suppression length and the Tg rise per
crystalline fraction. Those six rows are therefore fitted; the CNCSE and CPCSE
activation energies, CNCSE's Tg and the XRD ranking are predictions. The
objective was fixed before the rows were compared.
"""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
from sim.experiments import reported_cheng2023 as reported

from sim import parameters
from sim.calibration import Calibration, Fitted, Target
from sim.calibration import main as calibration_main
from sim.physics.polymer_electrolyte import NAMES, PolymerElectrolyte

ROOM_TEMPERATURE = 298.15
"""K. "Room temperature" of Cheng2023, taken as 25 C (the paper does not say)."""
T_60C = 333.15
ARRHENIUS_TEMPERATURES = 273.15 + np.arange(20.0, 81.0, 10.0)
"""K. The temperatures of a simulated Fig. 3f measurement: 20-80 C every 10 C."""
S_CM = 100.0
"""S/cm -> S/m."""
RTOL = 1e-3
"""Relative tolerance of the full check: the stored values have four significant
digits (rounding <= 3.2e-4); the fast check steps by 2e-3."""

POLYMER_KEYS = ("A", "B", "x_max", "Tm")
"""Fitted parameters shared by all three sets."""
FILLER_FIT_KEYS = ("delta_c", "dTg")
"""Fitted parameters shared by the two filled sets."""


def _target(key):
    return Target(key, reported.value(key), reported.unit(key))


def sets_from(cpcse):
    """(PPSE, CNCSE, CPCSE) with the fitted values of ``cpcse`` carried over."""
    shared = {NAMES[k]: float(cpcse[NAMES[k]]) for k in POLYMER_KEYS}
    filler = {NAMES[k]: float(cpcse[NAMES[k]]) for k in FILLER_FIT_KEYS}
    ppse = parameters.get("PPSE").updated(shared)
    cncse = parameters.get("CNCSE").updated({**shared, **filler})
    return ppse, cncse, cpcse


def arrhenius_energy(electrolyte):
    """Ea [eV] of the Arrhenius fit over 20-80 C of an electrolyte's sigma(T)."""
    from sim.analysis.arrhenius import arrhenius_fit

    T = ARRHENIUS_TEMPERATURES
    return arrhenius_fit(
        T, electrolyte.conductivity(T), activated=False
    ).activation_energy


def crystallinity_residuals(cpcse):
    """The six residuals of the module docstring, in the order of the targets."""
    ppse, cncse, cpcse = (
        PolymerElectrolyte.from_parameter_set(ps) for ps in sets_from(cpcse)
    )
    v = reported.value
    tg = v("glass transition CPCSE") + 273.15
    return [
        np.log(ppse.conductivity(T_60C) / (v("conductivity PPSE 60 C") * S_CM)),
        arrhenius_energy(ppse) / v("activation energy PPSE") - 1,
        np.log(
            cpcse.conductivity(ROOM_TEMPERATURE)
            / (v("conductivity CPCSE room temperature") * S_CM)
        ),
        np.log(cpcse.conductivity(T_60C) / (v("conductivity CPCSE 60 C") * S_CM)),
        cpcse.glass_transition_temperature / tg - 1,
        np.log(cncse.conductivity(T_60C) / (v("conductivity CNCSE 60 C") * S_CM)),
    ]


CRYSTALLINITY = Calibration(
    name="crystallinity",
    parameter_set="CPCSE",
    fitted=[
        # documented starts of the full check (not the stored values)
        Fitted(NAMES["A"], (1.0, 1e4), start=20.0, rtol=RTOL),
        Fitted(NAMES["B"], (50.0, 3000.0), start=500.0, rtol=RTOL),
        Fitted(NAMES["x_max"], (0.0, 0.666), start=0.5, rtol=RTOL),
        Fitted(NAMES["Tm"], (300.0, 393.0), scale=10.0, start=340.0, rtol=RTOL),
        Fitted(NAMES["delta_c"], (1e-9, 1e-4), scale=1e-6, start=0.3e-6, rtol=RTOL),
        Fitted(NAMES["dTg"], (0.0, 400.0), start=30.0, rtol=RTOL),
    ],
    targets=[
        _target("conductivity PPSE 60 C"),
        _target("activation energy PPSE"),
        _target("conductivity CPCSE room temperature"),
        _target("conductivity CPCSE 60 C"),
        _target("glass transition CPCSE"),
        _target("conductivity CNCSE 60 C"),
    ],
    residuals=crystallinity_residuals,
    options={"x_scale": "jac", "xtol": 1e-14, "ftol": 1e-14, "gtol": 1e-14},
    description="amorphous VTF, crystallinity law and Tg rise (Fig. S11, S17, 3b,e,f)",
)

LITERATURE_MELTING = 338.15
"""K. 65 C, the upper end of PEO's ~55-65 C melting range (counterfactual of
:func:`fit_with_melting_at`)."""


def fit_with_melting_at(melting_temperature=LITERATURE_MELTING):
    """The same objective with the melting temperature held at a given value and
    the other five parameters fitted: ``(residuals, values)``. Shows what the
    reported numbers say about where the crystals melt."""
    base = CRYSTALLINITY.base().updated({NAMES["Tm"]: float(melting_temperature)})
    fitted = [f for f in CRYSTALLINITY.fitted if f.name != NAMES["Tm"]]
    step = dataclasses.replace(
        CRYSTALLINITY, name="fixed melting", fitted=fitted, parameter_set=lambda: base
    )
    fit = step.run(start=step.check_start(), base=base, progress=None)
    return np.array(list(fit.residuals.values())), fit.values


# ---- 2. interphase: growth of the Li interphase film with passed charge ----------
CNCSE_LONG_HOURS = 400.0
"""h. CNCSE's 0.1 V polarization is reported at 400 h of the long test (Fig. 3i)."""


def _growth(ps):
    from sim.experiments import _cheng2023_cells as cells

    return float(ps[cells.GROWTH])


def interphase_residuals(cells_set):
    """Relative miss of Li|CNCSE|Li's polarization at 400 h (0.1 V reported)."""
    from sim.experiments import _cheng2023_cells as cells

    p, _, _, _ = cells.polarization_at(
        "CNCSE", CNCSE_LONG_HOURS, growth=_growth(cells_set)
    )
    return [p / reported.value("CNCSE polarization at 400 h") - 1]


def fit_interphase_growth():
    """Growth coefficient k [m2.A-1.h-1] giving CNCSE 0.1 V at 400 h: the film
    overpotential is linear in k (R_f0 (1 + k q)), so one run without growth
    gives it nearly in closed form, ``k = (P_target - P_0) / (P_film,0 q)``; Newton
    steps with that slope take out the rest (the instant of the largest |V| moves
    a little with k)."""
    from sim.experiments import _cheng2023_cells as cells

    p0, film0, q, _ = cells.polarization_at("CNCSE", CNCSE_LONG_HOURS, growth=0.0)
    target = reported.value("CNCSE polarization at 400 h")
    slope = film0 * q  # mV per unit k
    k = (target - p0) / slope
    for _ in range(3):
        p, _, _, _ = cells.polarization_at("CNCSE", CNCSE_LONG_HOURS, growth=k)
        if abs(p / target - 1) < 1e-7:
            break
        k -= (p - target) / slope
    return k


INTERPHASE = Calibration(
    name="interphase",
    parameter_set="Cheng2023 cells",
    fitted=[
        Fitted(
            "Lithium interphase growth per passed charge [m2.A-1.h-1]",
            (0.0, 1.0),
            rtol=RTOL,
        )
    ],
    targets=[_target("CNCSE polarization at 400 h")],
    residuals=interphase_residuals,
    solve=lambda problem, start: {
        "Lithium interphase growth per passed charge [m2.A-1.h-1]": (
            fit_interphase_growth()
        )
    },
    description="Li interphase growth with passed charge (Fig. 3i, CNCSE 0.1 V at "
    "400 h)",
)

CALIBRATIONS = [CRYSTALLINITY, INTERPHASE]
"""The steps, in order."""


def calibrate():
    """All fitted values, by parameter name, from the sets' other values."""
    so_far = {}
    for c in CALIBRATIONS:
        so_far.update(c.run(base=c.base().updated(so_far), progress=None).values)
    return so_far


def compare_with_stored(fitted=None, steps=None):
    """(name, fitted, stored, relative difference) for every fitted parameter (of
    ``steps``, default all)."""
    steps = CALIBRATIONS if steps is None else steps
    if fitted is None:
        fitted = {}
        for c in steps:
            fitted.update(c.run(base=c.base(), progress=None).values)
    out = []
    for c in steps:
        stored = c.base()
        for f in c.fitted:
            value = fitted[f.name]
            out.append(
                (
                    f.name,
                    value,
                    float(stored[f.name]),
                    abs(float(stored[f.name]) / value - 1),
                )
            )
    return out


def main(argv=None):
    """``[crystallinity|interphase|all ...] [--check [--fast]]``."""
    return calibration_main(CALIBRATIONS, argv, chain=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
