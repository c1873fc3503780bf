"""Calibration of the Cheng2023 electrolyte parameters the paper does not give,
reproducible: ``python -m sim.experiments.calibration_cheng2023 [step ...]`` prints
the fitted values; ``--check`` re-fits from a start that is not the stored values and
compares with those stored in ``parameters/cheng2023_peo_gdooh.py`` (written there
by hand, with this module named as their source); ``--check --fast`` only checks
that the stored values are a local optimum of each step's objective (cheap, run in
CI). Exit status 1 if stale. Each step is a :class:`sim.calibration.Calibration`
(fitted parameters with bounds, reported targets, residuals, optimiser).

Each step fits as many parameters as it has reported numbers, in this order (each
uses the previous ones; a check uses the stored values of the others):

1. ``polymer``: VTF prefactor A and pseudo-activation temperature B of the PEO/LiTFSI
   matrix, T0 = Tg - 50 K, to PPSE's 0.8e-4 S/cm at 60 C (Fig. S17) and its
   Ea = 0.32 eV, taken as the Arrhenius fit over 20-80 C every 10 C (Fig. 3f) of
   the VTF law. Both PPSE rows are therefore fitted.
2. ``shell``: interfacial shell thickness, so that CPCSE (2.5 wt% cluster chains)
   holds 50.7 % of its electrolyte volume (of its Li+, at uniform concentration) in
   shells: the NMR "mobile, interfacial" Li+ fraction (Fig. 4h).
3. ``tg``: Tg shift at full interfacial coverage, to CPCSE's Tg of -50.51 C (Fig.
   3b), given the assumed PPSE Tg.
4. ``interface``: interface conductivity at 25 C and its activation energy, so that
   the CPCSE composite gives 5.2e-4 S/cm at 25 C ("room temperature") and 1.6e-3
   S/cm at 60 C (Fig. S11, Fig. 3e). Both CPCSE conductivity rows are fitted.

The reported Ea of CPCSE (0.11 eV) cannot be fitted as well: its two
conductivities imply 0.28 eV (see ``cheng2023_consistency``). CNCSE's conductivity
and Ea and both optimum loadings are predictions.
"""

from __future__ import annotations

import sys

import numpy as np
from sim.experiments import reported_cheng2023 as reported

from sim import parameters
from sim.calibration import Calibration, Fitted, Target
from sim.calibration import main as calibration_main
from sim.physics import interface_conduction as ic
from sim.physics.polymer_electrolyte import (
    NAMES,
    PolymerElectrolyte,
    filler_from_parameter_set,
    vtf_parameters_from_arrhenius,
)
from sim.physics.polymer_temperature_laws import vtf_conductivity

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


def _target(key):
    return Target(key, reported.value(key), reported.unit(key))


def _microstructure(ps):
    return ic.microstructure(
        float(ps[NAMES["loading"]]),
        filler_from_parameter_set(ps),
        float(ps[NAMES["t_shell"]]),
        float(ps[NAMES["density"]]),
    )


# ---- 1. polymer: VTF A, B of PPSE -------------------------------------------------
def _vogel(ps):
    return float(ps[NAMES["Tg"]]) - float(ps[NAMES["dT"]])


def polymer_residuals(ps):
    """ln(sigma(60 C) / reported) and the relative miss of the Arrhenius Ea."""
    from sim.analysis.arrhenius import arrhenius_fit

    A, B, T0 = float(ps[NAMES["A"]]), float(ps[NAMES["B"]]), _vogel(ps)
    sigma = vtf_conductivity(T_60C, A, B, T0)
    line = arrhenius_fit(
        ARRHENIUS_TEMPERATURES,
        vtf_conductivity(ARRHENIUS_TEMPERATURES, A, B, T0),
        activated=False,
    )
    ea = reported.value("activation energy PPSE")
    return [
        np.log(sigma / (reported.value("conductivity PPSE 60 C") * S_CM)),
        line.activation_energy / ea - 1,
    ]


def fit_polymer(ppse=None):
    """(A [S.m-1.K0.5], B [K]) of the matrix VTF law from PPSE's reported values
    (B from the Ea by one root, then A: independent of any start)."""
    ps = ppse or parameters.get("PPSE")
    return vtf_parameters_from_arrhenius(
        reported.value("conductivity PPSE 60 C") * S_CM,
        T_60C,
        reported.value("activation energy PPSE"),
        _vogel(ps),
        ARRHENIUS_TEMPERATURES,
    )


def _solve_polymer(problem, start):
    A, B = fit_polymer(problem.base)
    return {NAMES["A"]: A, NAMES["B"]: B}


POLYMER = Calibration(
    name="polymer",
    parameter_set="PPSE",
    fitted=[
        Fitted(NAMES["A"], (1e-2, 1e4), rtol=RTOL),
        Fitted(NAMES["B"], (1.0, 2e4), rtol=RTOL),
    ],
    targets=[_target("conductivity PPSE 60 C"), _target("activation energy PPSE")],
    residuals=polymer_residuals,
    solve=_solve_polymer,
    description="VTF prefactor and B of PPSE (Fig. S17, Fig. 3f)",
)


# ---- 2. shell: interfacial shell thickness -----------------------------------------
def shell_residuals(ps):
    """Relative miss of CPCSE's interfacial Li+ fraction."""
    target = reported.value("mobile Li fraction CPCSE") / 100
    return [_microstructure(ps).interfacial_fraction / target - 1]


def fit_shell_thickness(cpcse=None):
    """Shell thickness [m] giving CPCSE the reported interfacial Li+ fraction."""
    from scipy.optimize import brentq

    ps = cpcse or parameters.get("CPCSE")
    filler = filler_from_parameter_set(ps)
    loading = float(ps[NAMES["loading"]])
    density = float(ps[NAMES["density"]])
    target = reported.value("mobile Li fraction CPCSE") / 100

    def excess(t):
        micro = ic.microstructure(loading, filler, t, density)
        return micro.interfacial_fraction - target

    return brentq(excess, 1e-11, 1e-6, xtol=1e-15, rtol=1e-12)


SHELL = Calibration(
    name="shell",
    parameter_set="CPCSE",
    fitted=[Fitted(NAMES["t_shell"], (1e-11, 1e-6), rtol=RTOL)],
    targets=[_target("mobile Li fraction CPCSE")],
    residuals=shell_residuals,
    solve=lambda problem, start: {NAMES["t_shell"]: fit_shell_thickness(problem.base)},
    description="interfacial shell thickness (NMR mobile Li+, Fig. 4h)",
)


# ---- 3. tg: Tg shift at full coverage ------------------------------------------------
def tg_residuals(ps):
    """Relative miss of CPCSE's Tg (in K)."""
    tg = float(ps[NAMES["Tg"]]) + float(ps[NAMES["dTg"]]) * (
        _microstructure(ps).interfacial_fraction
    )
    return [tg / (reported.value("glass transition CPCSE") + 273.15) - 1]


def fit_tg_shift(cpcse):
    """Tg shift at full interfacial coverage [K] giving CPCSE's reported Tg."""
    micro = _microstructure(cpcse)
    tg_cpcse = reported.value("glass transition CPCSE") + 273.15
    return (tg_cpcse - float(cpcse[NAMES["Tg"]])) / micro.interfacial_fraction


TG = Calibration(
    name="tg",
    parameter_set="CPCSE",
    fitted=[Fitted(NAMES["dTg"], (-100.0, 0.0), rtol=RTOL)],
    targets=[_target("glass transition CPCSE")],
    residuals=tg_residuals,
    solve=lambda problem, start: {NAMES["dTg"]: fit_tg_shift(problem.base)},
    description="Tg shift at full interfacial coverage (DSC, Fig. 3b)",
)


# ---- 4. interface: sigma_s, Ea_s ---------------------------------------------------
def _interface_targets():
    return np.log(
        [
            reported.value("conductivity CPCSE room temperature") * S_CM,
            reported.value("conductivity CPCSE 60 C") * S_CM,
        ]
    )


def interface_residuals(ps):
    """ln(sigma / reported) of CPCSE at 25 C and 60 C."""
    e = PolymerElectrolyte.from_parameter_set(ps)
    T = np.array([ROOM_TEMPERATURE, T_60C])
    return np.log(e.conductivity(T)) - _interface_targets()


def fit_interface(cpcse, start=(0.05, 0.2)):
    """(sigma_s at 25 C [S.m-1], Ea_s [eV]) giving CPCSE's two reported
    conductivities; solved in log space from ``start``."""
    from scipy.optimize import fsolve

    targets = _interface_targets()
    T = np.array([ROOM_TEMPERATURE, T_60C])
    base = PolymerElectrolyte.from_parameter_set(cpcse)

    def residual(x):
        e = base.updated(interface_conductivity_ref=np.exp(x[0]))
        e = e.updated(interface_activation_energy=x[1])
        return np.log(e.conductivity(T)) - targets

    x0 = [np.log(start[0]), start[1]]
    x, info, ok, msg = fsolve(residual, x0, full_output=True, xtol=1e-13)
    if ok != 1 or np.max(np.abs(residual(x))) > 1e-9:
        raise RuntimeError(f"interface calibration did not converge: {msg}")
    return float(np.exp(x[0])), float(x[1])


def _solve_interface(problem, start):
    s, e = fit_interface(problem.base, (start[NAMES["sigma_s"]], start[NAMES["Ea_s"]]))
    return {NAMES["sigma_s"]: s, NAMES["Ea_s"]: e}


INTERFACE = Calibration(
    name="interface",
    parameter_set="CPCSE",
    fitted=[
        # documented start of the full check (the historical fsolve start)
        Fitted(NAMES["sigma_s"], (1e-4, 10.0), start=0.05, rtol=RTOL),
        Fitted(NAMES["Ea_s"], (0.01, 1.0), start=0.2, rtol=RTOL),
    ],
    targets=[
        _target("conductivity CPCSE room temperature"),
        _target("conductivity CPCSE 60 C"),
    ],
    residuals=interface_residuals,
    solve=_solve_interface,
    description="interface conductivity and its Ea (Fig. S11, Fig. 3e)",
)

CALIBRATIONS = [POLYMER, SHELL, TG, INTERFACE]
"""The steps, in order (``all`` runs them chained: each uses the previous fits)."""


def calibrate():
    """All fitted values, by parameter name, from the sets' other values (the steps
    chained: each starts from the previous steps' fits)."""
    so_far = {}
    for c in CALIBRATIONS:
        so_far.update(c.run(base=c.base().updated(so_far), progress=None).values)
    return so_far


def compare_with_stored(fitted=None):
    """(name, fitted, stored, relative difference) for every fitted parameter."""
    fitted = fitted or calibrate()
    stored = parameters.get("CPCSE")
    return [
        (name, value, float(stored[name]), abs(float(stored[name]) / value - 1))
        for name, value in fitted.items()
    ]


def main(argv=None):
    """``[polymer|shell|tg|interface|all ...] [--check [--fast]]``."""
    return calibration_main(CALIBRATIONS, argv, chain=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
