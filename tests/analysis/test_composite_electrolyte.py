"""The model's own answer for a polymer-electrolyte set
(sim/analysis/composite_electrolyte.py): what it reads out must be what the
physics and the conductivity protocol compute."""

import math

import numpy as np
import pytest

from sim import parameters
from sim.analysis.composite_electrolyte import composition, temperature_breakdown
from sim.errors import ParameterError
from sim.models.symmetric_lithium_cell import SymmetricLithiumCell
from sim.protocols import ElectrolyteConductivity, simulate

TEMPERATURES_C = (20.0, 45.0, 80.0)


def test_conductivity_is_what_the_protocol_measures():
    ps = parameters.get("CPCSE").updated({"Filler loading [wt%]": 5.0})
    out = temperature_breakdown(ps, np.asarray(TEMPERATURES_C) + 273.15)
    measured = simulate(
        SymmetricLithiumCell(), ps.to_pybamm(), ElectrolyteConductivity(TEMPERATURES_C)
    )
    assert out["Conductivity [S.m-1]"] == pytest.approx(
        measured["Conductivity [S.m-1]"], rel=1e-6
    )


def test_amorphous_law_is_the_vtf_law_of_the_composition():
    c = composition("PPSE")
    T = np.array([300.0, 340.0])
    out = temperature_breakdown("PPSE", T)
    A, B = (
        c["VTF prefactor A [S.m-1.K0.5]"],
        c["VTF pseudo-activation temperature B [K]"],
    )
    T0 = c["VTF T0 [K]"]
    assert out["Amorphous conductivity [S.m-1]"] == pytest.approx(
        A / np.sqrt(T) * np.exp(-B / (T - T0)), rel=1e-12
    )
    # local slope of the amorphous law by finite differences of ln sigma in 1/T
    h = 1e-3
    kB = 8.617333262e-5
    lo = temperature_breakdown("PPSE", T - h)["Amorphous conductivity [S.m-1]"]
    hi = temperature_breakdown("PPSE", T + h)["Amorphous conductivity [S.m-1]"]
    slope = (np.log(hi) - np.log(lo)) / (1 / (T + h) - 1 / (T - h))
    assert out["Amorphous pseudo-activation energy [eV]"] == pytest.approx(
        -kB * slope, rel=1e-5
    )
    assert T0 == pytest.approx(c["Glass transition temperature [K]"] - 50.0)


def test_unfilled_set_has_no_filler_and_unsuppressed_crystals():
    c = composition("PPSE")
    assert c["Filler loading [wt%]"] == 0.0
    assert c["Core volume fraction [-]"] == 0.0
    assert c["Filler surface per polymer volume [m-1]"] == 0.0
    assert math.isinf(c["Dispersion limit loading [wt%]"])
    assert math.isinf(c["Percolation onset loading [wt%]"])
    ps = parameters.get("PPSE")
    assert c["Film crystallinity [-]"] == pytest.approx(
        ps["Polymer crystalline volume fraction below melting"]
    )
    # the crystals melt out: less crystalline at 110 C than at 25 C
    x = temperature_breakdown("PPSE", [298.15, 383.15])["Crystalline fraction [-]"]
    assert x[0] == pytest.approx(c["Film crystallinity [-]"], rel=1e-3)
    assert x[1] < 0.01 * x[0]


def test_cluster_chains_have_more_surface_and_bundle_earlier_than_wires():
    chains = composition(parameters.get("CPCSE").updated({"Filler loading [wt%]": 1.0}))
    wires = composition(parameters.get("CNCSE").updated({"Filler loading [wt%]": 1.0}))
    # same wt%, same length: surface per volume scales as 1/diameter
    ratio = (
        chains["Filler surface per polymer volume [m-1]"]
        / wires["Filler surface per polymer volume [m-1]"]
    )
    assert ratio == pytest.approx(70.0 / 0.95, rel=0.05)
    assert chains["Dispersion limit loading [wt%]"] < 5.0
    assert math.isinf(wires["Dispersion limit loading [wt%]"])
    # thin long shells percolate at a small coated fraction
    assert chains["Percolation threshold of coated fillers [-]"] < 0.01
    assert chains["Percolation onset loading [wt%]"] < 1.0
    # fractions add up and bundles appear only above the dispersion limit
    top = composition(parameters.get("CPCSE").updated({"Filler loading [wt%]": 10.0}))
    assert top["Bundled core fraction [-]"] > 0
    assert chains["Bundled core fraction [-]"] == 0
    assert top["Dispersed core fraction [-]"] + top[
        "Bundled core fraction [-]"
    ] == pytest.approx(top["Core volume fraction [-]"])


def test_refusals():
    with pytest.raises(ParameterError):
        temperature_breakdown("CPCSE", [100.0])  # below T0
    with pytest.raises(ParameterError):
        composition(3.0)
    with pytest.raises(ParameterError):
        temperature_breakdown("CPCSE", [])
