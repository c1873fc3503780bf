"""RestingSpectrum: the impedance of a cell at rest through simulate()."""

import numpy as np
import pybamm
import pytest

from sim import parameters
from sim.errors import ProtocolError
from sim.models.blocking_electrode_cell import BlockingElectrodeCell
from sim.protocols import RestingSpectrum, build_count, simulate

FREQS = tuple(np.logspace(5, -1, 13))


def test_matches_pybamm_eis_and_resolves_inputs_without_rebuilding():
    ps = parameters.get("SS|CPCSE|SS")
    pv = ps.to_pybamm(extra={"Ambient temperature [K]": "[input]"})
    model = BlockingElectrodeCell()
    hot = {"Ambient temperature [K]": 333.15}
    res = simulate(model, pv, RestingSpectrum(FREQS), inputs=hot)
    direct = pybamm.EISSimulation(BlockingElectrodeCell(), pv).solve(
        np.asarray(FREQS), inputs=hot
    )
    z = res["Z_re [Ohm]"] + 1j * res["Z_im [Ohm]"]
    np.testing.assert_allclose(z, direct.impedance, rtol=1e-9)
    builds = build_count()
    cold = simulate(
        model, pv, RestingSpectrum(FREQS), inputs={"Ambient temperature [K]": 303.15}
    )
    assert build_count() == builds  # re-solved, not rebuilt
    # a colder polymer conducts less: a larger bulk resistance at high frequency
    assert cold["Z_re [Ohm]"][0] > 1.5 * res["Z_re [Ohm]"][0]


@pytest.mark.parametrize(
    "frequencies", [(), (1.0, -5.0), (float("inf"),), ("ten Hz",)], ids=str
)
def test_bad_frequencies_are_protocol_errors(frequencies):
    with pytest.raises(ProtocolError):
        RestingSpectrum(frequencies)
