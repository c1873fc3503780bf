"""An impedance spectrum as a dataset: the project's spectrum is PyBOP's (both
linearise the model with PyBaMM's frequency-domain method), and a fit to a
noisy spectrum recovers the contact resistance and double-layer capacity,
through the Python API and from a CSV file on the command line."""

import json

import numpy as np
import pybamm
import pybop
import pytest

from sim.fitting.fit import fit
from sim.protocols import RestingSpectrum, simulate
from sim.result import Result

TRUTH = {
    "Contact resistance [Ohm]": 4.0,
    "Positive electrode double-layer capacity [F.m-2]": 0.5,
}
BOUNDS = {
    "Contact resistance [Ohm]": (0.1, 20.0),
    "Positive electrode double-layer capacity [F.m-2]": (0.01, 10.0),
}
FREQUENCIES = tuple(np.logspace(-2, 4, 37))


def half_cell():
    return pybamm.lithium_ion.DFN(
        {
            "working electrode": "positive",
            "surface form": "differential",
            "contact resistance": "true",
        }
    )


def xu2019(**changes):
    pv = pybamm.ParameterValues("Xu2019")
    pv.update({"Contact resistance [Ohm]": 1.0}, check_already_exists=False)
    pv.update(changes)
    return pv


@pytest.fixture(scope="module")
def spectrum():
    protocol = RestingSpectrum(FREQUENCIES)
    res = simulate(half_cell(), xu2019(**TRUTH), protocol)
    rng = np.random.default_rng(0)
    z = np.hypot(res["Z_re [Ohm]"], res["Z_im [Ohm]"])  # 0.5 % of |Z| noise
    return Result(
        {
            "Frequency [Hz]": res["Frequency [Hz]"],
            "Z_re [Ohm]": res["Z_re [Ohm]"] + rng.normal(0, 0.005 * z),
            "Z_im [Ohm]": res["Z_im [Ohm]"] + rng.normal(0, 0.005 * z),
        },
        protocol=protocol,
    )


def test_the_projects_spectrum_is_pybops():
    f = np.logspace(-2, 4, 13)
    pv = xu2019(**TRUTH)
    ours = simulate(half_cell(), pv, RestingSpectrum(tuple(f)))
    z = ours["Z_re [Ohm]"] + 1j * ours["Z_im [Ohm]"]
    eis = pybop.pybamm.EISSimulator(half_cell(), f_eval=f, parameter_values=pv.copy())
    theirs = np.asarray(eis.solve()["Impedance"].data)
    assert np.max(np.abs(z - theirs) / np.abs(theirs)) < 1e-6
    # and it is a real spectrum: the contact resistance at high frequency
    assert z[-1].real > TRUTH["Contact resistance [Ohm]"]


def test_a_spectrum_fit_recovers_the_truth(spectrum):
    out = fit(half_cell(), xu2019(), [spectrum], BOUNDS, method="local")
    for name, value in TRUTH.items():
        assert out.values[name] == pytest.approx(value, rel=0.05), name
    assert out.acceptable and out.datasets[0]["target"] == "Impedance [Ohm]"
    assert out.datasets[0]["inputs"] and out.builds == 2  # re-solved
    # a wrong double-layer capacity, not fitted, must not pass
    wrong = fit(
        half_cell(),
        xu2019(**{"Positive electrode double-layer capacity [F.m-2]": 5.0}),
        [spectrum],
        {"Contact resistance [Ohm]": (0.1, 20.0)},
        method="local",
    )
    assert not wrong.acceptable


def test_a_spectrum_file_on_the_command_line(spectrum, tmp_path):
    from sim.cli import main

    csv = tmp_path / "eis.csv"
    spectrum.to_csv(csv)
    out = tmp_path / "fit"
    args = ["fit", "--model", "pybamm:DFN", "--parameters", "Xu2019"]
    for option in ("working electrode=positive", "surface form=differential"):
        args += ["--option", option]
    args += ["--option", "contact resistance=true", "--data", str(csv)]
    for name, (low, high) in BOUNDS.items():
        args += ["--fit", f"{name}={low}:{high}"]
    assert main([*args, "--method", "local", "--out", str(out)]) == 0
    result = json.loads((out / "fitted.json").read_text())
    assert result["datasets"][0]["protocol"] == "RestingSpectrum"
    r = result["parameters"]["Contact resistance [Ohm]"]["value"]
    assert r == pytest.approx(4.0, rel=0.05)
    assert (out / "fit.png").stat().st_size > 10_000
