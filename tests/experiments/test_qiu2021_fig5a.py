"""The Fig. 5a CV through the real harness: files written, peaks in the exported
curves within +-0.05 V of the paper, the first point without a spurious spike."""

import numpy as np
import pytest
from sim.experiments import reported

from sim import harness
from sim.analysis.cv import find_sweep_peaks, peaks_near, split_sweeps
from sim.io import read_csv


@pytest.fixture(scope="module")
def fig5a_out(tmp_path_factory):
    harness.discover()
    out = tmp_path_factory.mktemp("results")
    harness.run(["qiu2021_fig5a"], out)
    return out


def test_outputs_exist(fig5a_out):
    d = fig5a_out / "qiu2021_fig5a"
    assert (d / "curves.csv").stat().st_size > 10_000
    assert (d / "figure.png").stat().st_size > 10_000
    table = read_csv(fig5a_out / "comparison.csv")
    assert list(table) == [
        "experiment",
        "quantity",
        "reported",
        "simulated",
        "unit",
        "tolerance",
        "pass",
        "basis",
        "source",
    ]
    assert len(table["quantity"]) == 3
    assert all(p == "yes" for p in table["pass"])
    assert all(b == "fitted" for b in table["basis"])  # the step potentials


@pytest.mark.parametrize(
    "key,direction",
    [
        ("CV anodic peak", "anodic"),
        ("CV cathodic peak 1", "cathodic"),
        ("CV cathodic peak 2", "cathodic"),
    ],
)
def test_peaks_in_exported_curves(fig5a_out, key, direction):
    c = read_csv(fig5a_out / "qiu2021_fig5a" / "curves.csv")
    assert {
        "Time [s]",
        "Voltage [V]",
        "Current [A]",
        "Specific current [mA.g-1]",
    } <= set(c)
    assert set(np.unique(c["Cycle number"])) == {1, 2, 3, 4, 5}
    target = reported.value(key)
    for cycle in (2, 3, 4, 5):
        sel = c["Cycle number"] == cycle
        peaks = []
        for v, i in split_sweeps(c["Voltage [V]"][sel], -c["Current [A]"][sel]):
            peaks += [p for p in find_sweep_peaks(v, i) if p.direction == direction]
        p = peaks_near(peaks, target, 0.15)
        assert p is not None, f"no {direction} peak near {target} V in cycle {cycle}"
        assert abs(p.potential - target) <= 0.05


def test_cv_starts_at_rest_without_spike(fig5a_out):
    c = read_csv(fig5a_out / "qiu2021_fig5a" / "curves.csv")
    i = c["Specific current [mA.g-1]"]
    assert c["Voltage [V]"][0] == pytest.approx(2.5)
    assert abs(i[0]) < 1e-3  # mA/g: at rest
    # the first points carry only double-layer + surface-site charging (a few mA/g),
    # no spike: nothing above 1 % of the peak current in the first 0.1 V
    first = c["Voltage [V]"] > 2.4
    first[np.flatnonzero(~first)[0] :] = False
    assert np.max(np.abs(i[first])) < 0.01 * np.max(np.abs(i))
