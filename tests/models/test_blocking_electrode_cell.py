"""Blocking-electrode impedance: the bulk resistance read off a spectrum (plain
arrays) and the SS | electrolyte | SS model, whose read-off conductivity must be the
electrolyte's own."""

import numpy as np
import pybamm
import pytest

from sim.analysis.blocking_electrode import bulk_resistance, interfacial_resistance
from sim.errors import DataError
from sim.models.blocking_electrode_cell import (
    BlockingElectrodeCell,
    blocking_cell_with_electrolyte,
)

F_HZ = np.logspace(6, -2, 81)


def circuit(f, r_b, c_g, c_dl):
    w = 2j * np.pi * f
    return r_b / (1 + w * r_b * c_g) + 2 / (w * c_dl)


def test_bulk_resistance_of_an_arc_and_spike():
    # arc apex at 1 / (2 pi R C_g) = 16 kHz: fully inside the range
    z = circuit(F_HZ, 1000.0, 1e-8, 1e-5)
    assert bulk_resistance(F_HZ, z) == pytest.approx(1000.0, rel=1e-3)


def test_bulk_resistance_when_the_arc_is_above_the_range():
    z = circuit(F_HZ, 5.0, 1e-11, 1e-5)  # apex at 3 GHz
    assert bulk_resistance(F_HZ, z) == pytest.approx(5.0, rel=1e-3)


def test_spectrum_without_a_spike_is_rejected():
    z = 10 / (1 + 2j * np.pi * F_HZ * 10 * 1e-3)  # an RC arc, no blocking spike
    with pytest.raises(DataError, match="spike"):
        bulk_resistance(F_HZ, z)


def test_interfacial_resistance_of_two_arcs_and_a_diffusion_tail():
    w = 2j * np.pi * F_HZ
    z = 3 + 50 / (1 + w * 50 * 1e-6) + 0.5 * np.sqrt(1 / w) * 10
    r_b, r_i = interfacial_resistance(F_HZ, z)
    assert r_b == pytest.approx(3, rel=0.01)
    assert r_i == pytest.approx(50, rel=0.05)


def conductivity(c, T):
    """An Arrhenius conductivity: 0.05 S/m at 298.15 K, 0.3 eV."""
    return 0.05 * np.exp(-0.3 * 96485 / 8.314 * (1 / T - 1 / 298.15)) + 0 * c


def test_model_conductivity_read_as_an_experimenter_would():
    cell = {
        "Electrolyte thickness [m]": 50e-6,
        "Electrode area [m2]": 2e-4,
        "Electrolyte relative permittivity": 8.0,
        "Blocking electrode double-layer capacity [F.m-2]": 0.1,
        "Ambient temperature [K]": "[input]",
    }
    el = {
        "Initial concentration in electrolyte [mol.m-3]": 1000.0,
        "Electrolyte conductivity [S.m-1]": pybamm_conductivity,
    }
    pv = blocking_cell_with_electrolyte(cell, el)
    eis = pybamm.EISSimulation(
        BlockingElectrodeCell(), pv, skip_surface_form_check=True
    )
    for T in (253.15, 298.15, 353.15):
        z = eis.solve(F_HZ, inputs={"Ambient temperature [K]": T}).impedance
        sigma = 50e-6 / (bulk_resistance(F_HZ, z) * 2e-4)
        assert sigma == pytest.approx(conductivity(0, T), rel=1e-3)


def pybamm_conductivity(c, T):
    return 0.05 * pybamm.exp(-0.3 * 96485 / 8.314 * (1 / T - 1 / 298.15)) + 0 * c


def test_fig3e_conductivity_from_spectra_matches_the_electrolyte_model():
    """Acceptance: the composite electrolyte's sigma(T), read off simulated
    blocking-cell spectra as an experimenter would, within 2 % (here 0.1 %)."""
    from sim.experiments import _cheng2023_cells as cells
    from sim.experiments.cheng2023_fig3e import FREQUENCIES, spectra

    cell = cells.cell_values()
    zs, sigma_model = spectra("CPCSE", (25.0, 60.0))
    r_b = np.array([bulk_resistance(FREQUENCIES, z) for z in zs])
    sigma = cell["Electrolyte thickness [m]"] / (r_b * cell["Electrode area [m2]"])
    assert np.allclose(sigma, sigma_model, rtol=1e-3)


def test_temperature_at_or_below_t0_is_rejected_before_solving(monkeypatch):
    """A numeric cell temperature, and every temperature fig3e is given, must lie
    above the electrolyte's VTF T0; checked before any spectrum is solved."""
    from sim.experiments import _cheng2023_cells as cells
    from sim.experiments import cheng2023_fig3e

    from sim import parameters
    from sim.errors import ParameterError
    from sim.physics.polymer_electrolyte import VOGEL_TEMPERATURE

    T0 = cells.electrolyte("CPCSE")[VOGEL_TEMPERATURE]
    blocking = parameters.get("SS|CPCSE|SS")
    with pytest.raises(ParameterError, match="VTF temperature T0"):
        blocking.to_pybamm(extra={"Ambient temperature [K]": T0 - 0.01})

    def no_solving(*args, **kwargs):
        raise AssertionError("solved before checking the temperatures")

    monkeypatch.setattr(cheng2023_fig3e, "simulate", no_solving)
    with pytest.raises(ParameterError, match=r"fig3e temperature .* T0 = "):
        cheng2023_fig3e.spectra("CPCSE", (25.0, T0 - 273.15))
