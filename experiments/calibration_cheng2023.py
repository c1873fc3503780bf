"""Calibration of the Cheng2023 electrolyte parameters the paper does not give,
reproducible: ``python -m sim.experiments.calibration_cheng2023`` prints the fitted
values and compares them with those stored in
``parameters/cheng2023_peo_gdooh.py`` (written there by hand, with this module
named as their source).

Each step fits as many parameters as it has reported numbers, in this order (each
uses the previous ones):

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
from sim.physics import interface_conduction as ic
from sim.physics.polymer_electrolyte import (
    NAMES,
    PolymerElectrolyte,
    filler_from_parameter_set,
    vtf_parameters_from_arrhenius,
)

ROOM_TEMPERATURE = 298.15
"""K. "Room temperature" of Cheng2023, taken as 25 C (the paper does not say)."""
T_60C = 333.15
ARRHENIUS_TEMPERATURES = 273.15 + np.arange(20.0, 81.0, 10.0)
"""K. The temperatures of a simulated Fig. 3f measurement: 20-80 C every 10 C."""
S_CM = 100.0
"""S/cm -> S/m."""


def fit_polymer(ppse=None):
    """(A [S.m-1.K0.5], B [K]) of the matrix VTF law from PPSE's reported values."""
    ps = ppse or parameters.get("PPSE")
    T0 = float(ps[NAMES["Tg"]]) - float(ps[NAMES["dT"]])
    return vtf_parameters_from_arrhenius(
        reported.value("conductivity PPSE 60 C") * S_CM,
        T_60C,
        reported.value("activation energy PPSE"),
        T0,
        ARRHENIUS_TEMPERATURES,
    )


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


def fit_tg_shift(cpcse):
    """Tg shift at full interfacial coverage [K] giving CPCSE's reported Tg."""
    ps = cpcse
    micro = ic.microstructure(
        float(ps[NAMES["loading"]]),
        filler_from_parameter_set(ps),
        float(ps[NAMES["t_shell"]]),
        float(ps[NAMES["density"]]),
    )
    tg_cpcse = reported.value("glass transition CPCSE") + 273.15
    return (tg_cpcse - float(ps[NAMES["Tg"]])) / micro.interfacial_fraction


def fit_interface(cpcse):
    """(sigma_s at 25 C [S.m-1], Ea_s [eV]) giving CPCSE's two reported
    conductivities; solved in log space."""
    from scipy.optimize import fsolve

    targets = np.log(
        [
            reported.value("conductivity CPCSE room temperature") * S_CM,
            reported.value("conductivity CPCSE 60 C") * S_CM,
        ]
    )
    T = np.array([ROOM_TEMPERATURE, T_60C])
    base = PolymerElectrolyte.from_parameter_set(cpcse)

    def residual(x):
        e = base.updated(interface_conductivity_ref=np.exp(x[0]))
        e = e.updated(interface_activation_energy=x[1])
        return np.log(e.conductivity(T)) - targets

    x, info, ok, msg = fsolve(
        residual, [np.log(0.05), 0.2], full_output=True, xtol=1e-13
    )
    if ok != 1 or np.max(np.abs(residual(x))) > 1e-9:
        raise RuntimeError(f"interface calibration did not converge: {msg}")
    return float(np.exp(x[0])), float(x[1])


def calibrate():
    """All fitted values, by parameter name, from the sets' other values."""
    A, B = fit_polymer()
    cpcse = parameters.get("CPCSE").updated({NAMES["A"]: A, NAMES["B"]: B})
    t = fit_shell_thickness(cpcse)
    cpcse = cpcse.updated({NAMES["t_shell"]: t})
    shift = fit_tg_shift(cpcse)
    cpcse = cpcse.updated({NAMES["dTg"]: shift})
    sigma_s, ea_s = fit_interface(cpcse)
    return {
        NAMES["A"]: A,
        NAMES["B"]: B,
        NAMES["t_shell"]: t,
        NAMES["dTg"]: shift,
        NAMES["sigma_s"]: sigma_s,
        NAMES["Ea_s"]: ea_s,
    }


def compare_with_stored(fitted=None):
    """(name, fitted, stored, relative difference) for every fitted parameter."""
    fitted = fitted or calibrate()
    stored = parameters.get("CPCSE")
    return [
        (name, value, float(stored[name]), abs(float(stored[name]) / value - 1))
        for name, value in fitted.items()
    ]


def main(argv=None):
    rows = compare_with_stored()
    width = max(len(r[0]) for r in rows)
    print(f"{'parameter'.ljust(width)}  {'fitted':>12}  {'stored':>12}  rel. diff")
    for name, value, stored, rel in rows:
        print(f"{name.ljust(width)}  {value:12.6g}  {stored:12.6g}  {rel:.1e}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
