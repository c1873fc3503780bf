"""ElectrolyteConductivity gives the number a blocking-electrode spectrum of the
same electrolyte measures, and refuses what it cannot do."""

import numpy as np
import pytest

from sim import parameters
from sim.analysis.blocking_electrode import bulk_resistance
from sim.errors import ParameterError, ProtocolError
from sim.models.blocking_electrode_cell import BlockingElectrodeCell
from sim.models.symmetric_lithium_cell import SymmetricLithiumCell
from sim.protocols import ElectrolyteConductivity, RestingSpectrum, simulate


def test_equals_the_conductivity_read_off_a_blocking_cell_spectrum():
    ps = parameters.get("SS|CPCSE|SS")
    pv = ps.to_pybamm()
    T_c = ps["Ambient temperature [K]"] - 273.15
    sigma = simulate(BlockingElectrodeCell(), pv, ElectrolyteConductivity((T_c,)))
    freqs = np.logspace(7, -1, 81)
    spec = simulate(BlockingElectrodeCell(), pv, RestingSpectrum(freqs))
    r_b = bulk_resistance(freqs, spec["Z_re [Ohm]"] + 1j * spec["Z_im [Ohm]"])
    measured = ps["Electrolyte thickness [m]"] / (r_b * ps["Electrode area [m2]"])
    assert sigma["Conductivity [S.m-1]"][0] == pytest.approx(measured, rel=0.02)


def test_conductivity_rises_with_temperature_and_is_the_sets_function():
    pv = parameters.get("CPCSE").to_pybamm()
    res = simulate(SymmetricLithiumCell(), pv, ElectrolyteConductivity((25, 40, 60)))
    s = res["Conductivity [S.m-1]"]
    assert np.all(np.diff(s) > 0)
    assert list(res["Temperature [K]"]) == pytest.approx([298.15, 313.15, 333.15])


@pytest.mark.parametrize("temps", [(), (25, "x"), (500,), (-300,)])
def test_bad_temperatures_are_protocol_errors(temps):
    with pytest.raises(ProtocolError):
        ElectrolyteConductivity(temps)


def test_a_cell_without_an_electrolyte_function_is_refused():
    from sim.models.sb_carbon import SbCarbonHalfCell

    ps = parameters.get("SbQD@C")
    pv = ps.to_pybamm()
    del pv["Electrolyte conductivity [S.m-1]"]
    # the model's own check of its values, or the protocol's
    with pytest.raises(
        (ProtocolError, ParameterError), match="Electrolyte conductivity"
    ):
        simulate(SbCarbonHalfCell(ps.model_options), pv, ElectrolyteConductivity())
