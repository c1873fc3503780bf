"""Limiting case: with the Sb phase and the surface storage switched off, the Sb/C
model is a one-phase DFN half cell with a double layer. It must agree with PyBaMM's
own DFN half cell on the same parameters: voltage within 2 mV through a 1C
galvanostatic sodiation to the 0.01 V cut-off.

Two comparisons: with the double layer on both sides (PyBaMM's "surface form":
"differential"), and with PyBaMM's default DFN({"working electrode": "positive"}),
which has no double layer, against our model with a 1000x smaller double-layer
capacity (ours always has one: it is how capacitive current enters)."""

import numpy as np
import pybamm
import pytest
from pybamm_half_cell_entries import metal_counter_and_limits

from sim.models.sb_carbon import R_CARBON, X_S, X_W, SbCarbonHalfCell
from sim.physics.initial_state import carbon_stoichiometry_at

CARBON_ONLY = {"Sb phase": False, "surface storage": False, "additive storage": False}


def _ev(pv, expr):
    return float(pv.process_symbol(expr).evaluate())


def pybamm_dfn_parameters(pv, model):
    """Translate our parameter values to PyBaMM's DFN half-cell names."""
    geo = model.cell_geometry
    L_w, eps_C, R_C = _ev(pv, geo.L_w), _ev(pv, geo.eps_C), _ev(pv, geo.R_C)
    c_max = _ev(pv, geo.c_C_max)
    a_C = 3 * eps_C / R_C
    a_dl = _ev(pv, geo.a_dl)
    k = pv["Carbon rate constant [m.s-1]"]
    c_e0 = pv["Initial concentration in electrolyte [mol.m-3]"]
    j0_Na = pv["Sodium metal exchange-current density [A.m-2]"]
    F = pybamm.constants.F
    ocp = pv["Carbon OCP [V]"]

    def j0(c_e, c_s_surf, c_s_max, T):
        return F * k * (c_e / c_e0) ** 0.5 * c_s_surf**0.5 * (c_s_max - c_s_surf) ** 0.5

    def j0_metal(c_e, c_Li, T):
        return j0_Na * (c_e / c_e0) ** 0.5

    A = pv["Electrode area [m2]"]
    base = pybamm.ParameterValues("Chen2020")  # only for names PyBaMM requires
    base.update(
        {
            "Positive electrode thickness [m]": L_w,
            "Separator thickness [m]": pv["Separator thickness [m]"],
            "Electrode height [m]": A,
            "Electrode width [m]": 1.0,
            "Positive electrode porosity": pv["Working electrode porosity"],
            "Positive electrode active material volume fraction": eps_C,
            "Positive particle radius [m]": R_C,
            "Maximum concentration in positive electrode [mol.m-3]": c_max,
            "Positive particle diffusivity [m2.s-1]": pv["Carbon diffusivity [m2.s-1]"],
            "Positive electrode OCP [V]": ocp,
            "Positive electrode exchange-current density [A.m-2]": j0,
            "Positive electrode conductivity [S.m-1]": pv[
                "Working electrode conductivity [S.m-1]"
            ],
            "Positive electrode Bruggeman coefficient (electrolyte)": pv[
                "Working electrode Bruggeman coefficient"
            ],
            "Positive electrode Bruggeman coefficient (electrode)": 0.0,
            "Positive electrode charge transfer coefficient": 0.5,
            "Positive electrode OCP entropic change [V.K-1]": 0.0,
            # PyBaMM puts the double layer on the particle area; ours is on the BET area
            "Positive electrode double-layer capacity [F.m-2]": pv[
                "Double-layer capacity [F.m-2]"
            ]
            * a_dl
            / a_C,
            "Separator porosity": pv["Separator porosity"],
            "Separator Bruggeman coefficient (electrolyte)": pv[
                "Separator Bruggeman coefficient"
            ],
            "Initial concentration in electrolyte [mol.m-3]": c_e0,
            "Electrolyte conductivity [S.m-1]": pv["Electrolyte conductivity [S.m-1]"],
            "Electrolyte diffusivity [m2.s-1]": pv["Electrolyte diffusivity [m2.s-1]"],
            # read by the electrolyte functions (Arrhenius about T_ref)
            "Electrolyte conductivity activation energy [J.mol-1]": pv[
                "Electrolyte conductivity activation energy [J.mol-1]"
            ],
            "Reference temperature [K]": pv["Reference temperature [K]"],
            "Cation transference number": pv["Cation transference number"],
            "Thermodynamic factor": pv["Thermodynamic factor"],
            "Initial concentration in positive electrode [mol.m-3]": (
                carbon_stoichiometry_at(pv, pv["Initial voltage [V]"]) * c_max
            ),
            **metal_counter_and_limits(pv, j0_metal),
        },
        check_already_exists=False,
    )
    return base


@pytest.fixture(scope="module", params=["differential", "false"])
def carbon_only_runs(sbqd, request):
    surface_form = request.param
    # the custom terms off: no Sb, no surface sites, one carbon diffusivity (no
    # slower plateau)
    changes = {"Series resistance [Ohm]": 0.0, "Carbon plateau diffusivity ratio": 1.0}
    if surface_form == "false":
        changes["Double-layer capacity [F.m-2]"] = 1e-4
    ps = sbqd.updated(changes)
    model = SbCarbonHalfCell(CARBON_ONLY)
    # start at rest at 0.9 V (carbon sto ~ 0.06), sodiate at 1C of the carbon
    pv = model.complete_values(ps.to_pybamm(extra={"Initial voltage [V]": 0.9}))
    I_1C = pv["Nominal cell capacity [A.h]"]
    pv["Current function [A]"] = I_1C
    pv["Lower voltage cut-off [V]"] = 0.01
    t_eval = np.linspace(0, 4000, 401)  # the 0.01 V cut-off comes first
    ours = pybamm.Simulation(model, parameter_values=pv).solve(t_eval)

    options = {"working electrode": "positive"}
    if surface_form == "differential":
        options["surface form"] = "differential"
    dfn = pybamm.lithium_ion.DFN(options)
    pv_dfn = pybamm_dfn_parameters(pv, model)
    pv_dfn["Current function [A]"] = I_1C
    pts = model.default_var_pts  # the same mesh as ours
    var_pts = {**dfn.default_var_pts, "x_s": pts[X_S], "x_p": pts[X_W],
               "r_p": pts[R_CARBON]}  # fmt: skip
    theirs = pybamm.Simulation(dfn, parameter_values=pv_dfn, var_pts=var_pts).solve(
        t_eval
    )
    return ours, theirs


def test_carbon_only_model_matches_pybamm_dfn_within_2_mV(carbon_only_runs):
    ours, theirs = carbon_only_runs
    # both runs end at the cut-off, at the same time (within 0.5 %)
    assert ours.t[-1] < 4000 and theirs.t[-1] < 4000
    assert ours.t[-1] == pytest.approx(theirs.t[-1], rel=5e-3)
    t_end = min(ours.t[-1], theirs.t[-1])
    # from 1 s on: at t = 0 a cell with a double layer is still at open circuit and
    # charges it within R C_dl (ms), whereas PyBaMM's surface form "false" jumps
    t = np.linspace(1.0, t_end, 300)
    V_ours = ours["Voltage [V]"](t)
    V_theirs = theirs["Voltage [V]"](t)
    assert np.max(np.abs(V_ours - V_theirs)) < 2e-3
    # and the run really is a 1C sodiation through the carbon's whole range
    assert ours["Voltage [V]"](0.0) > 0.85 and V_ours[-1] < 0.011


def test_carbon_only_electrolyte_matches_pybamm_dfn(carbon_only_runs):
    ours, theirs = carbon_only_runs
    t = 0.5 * min(ours.t[-1], theirs.t[-1])
    c_ours = ours["Electrolyte concentration [mol.m-3]"](t=t)
    c_theirs = theirs["Electrolyte concentration [mol.m-3]"](t=t)
    np.testing.assert_allclose(c_ours, c_theirs, rtol=2e-3)
