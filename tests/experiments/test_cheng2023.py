"""The Cheng2023 experiments run through the harness: the electrolyte ones (Fig.
S16, Fig. 3f, consistency check), with the comparison rows recomputed from the
exported curves with the analysis functions (what a user with measured data would
do), and tests of the cell ones (Fig. 3d, 3e, 3g, 3h-i, 6b-c, 6g; ~50 s
together: integration tests, their own CI step; the long Li|Li traces of Fig.
3i are a slow test), with the basis of every row. No wall-clock assertions: runtimes are reported in
the experiments' notes, not tested."""

import importlib
import io

import numpy as np
import pytest

from sim import harness
from sim.analysis.arrhenius import activation_energy_consistency, arrhenius_fit
from sim.io import read_csv

NAMES = ("cheng2023_figS16", "cheng2023_fig3f", "cheng2023_consistency")


def register_ours():
    """Import (and so register) only these experiments, not every module."""
    for name in NAMES:
        importlib.import_module(f"sim.experiments.{name}")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("cheng2023")
    register_ours()
    harness.run(list(NAMES), out, stream=io.StringIO())
    table = read_csv(out / "comparison.csv")
    rows = {q: i for i, q in enumerate(table["quantity"])}
    return out, table, rows


def _row(table, rows, start):
    matches = [i for q, i in rows.items() if q.startswith(start)]
    assert len(matches) == 1, (start, list(rows))
    i = matches[0]
    return {k: table[k][i] for k in table}


def test_all_outputs_written(outputs):
    out, table, _ = outputs
    for name in NAMES:
        assert (out / name / "curves.csv").is_file()
        assert (out / name / "figure.png").stat().st_size > 10_000
    assert set(table["experiment"]) == set(NAMES)
    assert (out / "cheng2023_fig3f" / "arrhenius_fits.csv").is_file()
    assert (out / "cheng2023_consistency" / "consistency.csv").is_file()


def test_figS16_peaks_from_exported_curves(outputs):
    out, table, rows = outputs
    c = read_csv(out / "cheng2023_figS16" / "curves.csv")
    assert {"Filler", "Filler loading [wt%]", "Conductivity [S.cm-1]"} <= set(c)
    filler = np.asarray(c["Filler"])
    for label, reported in (("cluster chains", 2.5), ("nanowires", 10.0)):
        sel = filler == label
        w = c["Filler loading [wt%]"][sel]
        sigma = c["Conductivity [S.cm-1]"][sel]
        x = c["Crystalline fraction of bulk polymer [-]"][sel]
        assert w[0] == 0 and w[-1] == 15 and np.allclose(np.diff(w), 0.5)
        assert np.all(np.diff(x) <= 1e-12)  # more filler surface, fewer crystals
        row = _row(table, rows, f"peak loading, {label}")
        assert float(row["reported"]) == reported
        # the peak recomputed from the curve: argmax, if the fall beyond it > 5 %
        fall = 1 - sigma[-1] / sigma.max()
        peak = w[int(np.argmax(sigma))] if fall > 0.05 else np.nan
        assert np.isnan(peak) == np.isnan(float(row["simulated"]))
        assert row["pass"] == "no"  # no peak in the model (see the notes)
    # the chains' curve has its (shallow) maximum inside the range, the wires not
    chains = c["Conductivity [S.cm-1]"][filler == "cluster chains"]
    wires = c["Conductivity [S.cm-1]"][filler == "nanowires"]
    assert 0 < np.argmax(chains) < chains.size - 1
    assert np.argmax(wires) == wires.size - 1
    # both curves start from the same plain polymer
    first = c["Conductivity [S.cm-1]"][c["Filler loading [wt%]"] == 0]
    assert first[0] == first[1]


def test_fig3f_activation_energies_from_exported_curves(outputs):
    out, table, rows = outputs
    c = read_csv(out / "cheng2023_fig3f" / "curves.csv")
    assert set(c) == {"Electrolyte", "Temperature [K]", "Conductivity [S.cm-1]"}
    el = np.asarray(c["Electrolyte"])
    for name in ("PPSE", "CNCSE", "CPCSE"):
        T = c["Temperature [K]"][el == name]
        sigma = c["Conductivity [S.cm-1]"][el == name]
        assert T.min() == pytest.approx(293.15) and T.max() == pytest.approx(353.15)
        every_10 = np.isclose((T - 293.15) % 10, 0) | np.isclose((T - 293.15) % 10, 10)
        assert every_10.sum() == 7
        ea = arrhenius_fit(T[every_10], sigma[every_10]).activation_energy
        row = _row(table, rows, f"{name} activation energy")
        assert float(row["simulated"]) == pytest.approx(ea, rel=1e-3)
        at60 = sigma[np.isclose(T, 333.15)][0]
        row = _row(table, rows, f"{name} conductivity at 60 C")
        assert float(row["simulated"]) == pytest.approx(at60, rel=1e-3)


def test_consistency_row_recomputed(outputs):
    _, table, rows = outputs
    row = _row(table, rows, "CPCSE: Ea implied")
    check = activation_energy_consistency([298.15, 333.15], [5.2e-4, 1.6e-3], 0.11)
    assert float(row["simulated"]) == pytest.approx(
        check.implied_activation_energy, rel=1e-3
    )
    assert row["pass"] == "no"  # the paper's numbers contradict each other


# ---- the cell experiments (Fig. 3d, 3e, 3g, 3h-i, 6b-c), through the harness ----

CELL_NAMES = (
    "cheng2023_fig3d",
    "cheng2023_fig3e",
    "cheng2023_fig3g",
    "cheng2023_fig3hi",
    "cheng2023_fig6bc",
    "cheng2023_fig6g",
)


@pytest.fixture(scope="module")
def cell_outputs(tmp_path_factory):
    """The six cell experiments as `sim reproduce` runs them (~50 s: their
    tests are integration tests; the cells' physics is tested in
    tests/models)."""
    out = tmp_path_factory.mktemp("cheng2023_cells")
    for name in CELL_NAMES:
        importlib.import_module(f"sim.experiments.{name}")
    harness.run(list(CELL_NAMES), out, stream=io.StringIO())
    table = read_csv(out / "comparison.csv")
    rows = {q: i for i, q in enumerate(table["quantity"])}
    return out, table, rows


@pytest.mark.integration  # runs the six cell experiments (cell_outputs)
def test_cell_experiments_write_their_outputs(cell_outputs):
    out, table, _ = cell_outputs
    assert set(table["experiment"]) == set(CELL_NAMES)
    for name in CELL_NAMES:
        assert (out / name / "curves.csv").is_file()
        assert (out / name / "figure.png").stat().st_size > 10_000
    for name, extra in (
        ("cheng2023_fig3d", "table.csv"),
        ("cheng2023_fig3e", "conductivity.csv"),
        ("cheng2023_fig3g", "depletion.csv"),
        ("cheng2023_fig3hi", "polarization.csv"),
        ("cheng2023_fig6bc", "capacity.csv"),
        ("cheng2023_fig6bc", "loading_sensitivity.csv"),
    ):
        assert (out / name / extra).is_file(), (name, extra)


@pytest.mark.parametrize(
    "which", ["outputs", pytest.param("cell_outputs", marks=pytest.mark.integration)]
)
def test_every_row_says_what_its_agreement_means(which, request):
    """The basis of each Cheng2023 row: fitted, input, check or predicted."""
    expected = {
        "CPCSE conductivity at room temperature": "fitted",
        "CPCSE conductivity at 60 C": "fitted",
        "PPSE conductivity at 60 C": "fitted",
        "PPSE activation energy": "fitted",
        "CNCSE conductivity at 60 C": "fitted",
        "CNCSE activation energy": "predicted",
        "CPCSE activation energy": "check",
        "crystallinity ranking": "check",
        "CPCSE conductivity at 60 C read off": "fitted",
        "largest deviation of the EIS-read": "check",
        "CPCSE Li+ transference number": "input",
        "CNCSE Li+ transference number": "input",
        "CPCSE shows the lowest polarization": "predicted",
        "peak loading, cluster chains": "predicted",
    }
    _, table, rows = request.getfixturevalue(which)
    for start, basis in expected.items():
        matches = [q for q in rows if q.startswith(start)]
        for q in matches:
            assert table["basis"][rows[q]] == basis, q
    for q, i in rows.items():
        if table["experiment"][i] == "cheng2023_consistency":
            assert table["basis"][i] == "check", q


@pytest.mark.integration  # runs the six cell experiments (cell_outputs)
def test_fig3d_table_has_units_and_the_exact_bruce_vincent_number(cell_outputs):
    from sim import parameters
    from sim.physics import concentration_polarization as cp

    out, table, rows = cell_outputs
    cell_temperature = parameters.get("Cheng2023 cells")["Ambient temperature [K]"]
    t = read_csv(out / "cheng2023_fig3d" / "table.csv")
    assert all(k == "Electrolyte" or k.endswith("]") for k in t)
    for k, name in enumerate(t["Electrolyte"]):
        exact = cp.bruce_vincent_expected(
            t["Conductivity at c0 [S.m-1]"][k],
            t["Salt diffusivity at c0 [m2.s-1]"][k],
            *_c0_and_t(name),
            t["Thermodynamic factor [-]"][k],
            cell_temperature,
        )
        assert t["Exact Bruce-Vincent 1/(1+N) [-]"][k] == pytest.approx(exact, 1e-9)
        read = t["Bruce-Vincent t+ (simulated measurement) [-]"][k]
        # CSV values carry 10 significant digits
        assert t["Read-off minus exact [-]"][k] == pytest.approx(read - exact, abs=1e-8)
        if name in ("CPCSE", "CNCSE"):
            row = _row(table, rows, f"{name} Li+ transference number")
            assert float(row["simulated"]) == pytest.approx(read, rel=1e-3)


def _c0_and_t(name):
    """(c0 [mol.m-3], t+) of an electrolyte set."""
    from sim import parameters

    ps = parameters.get(name)
    return (
        float(ps["Initial concentration in electrolyte [mol.m-3]"]),
        float(ps["Cation transference number"]),
    )


@pytest.mark.integration  # runs the six cell experiments (cell_outputs)
def test_fig3hi_polarization_split_comes_from_the_run(cell_outputs):
    out, table, rows = cell_outputs
    p = read_csv(out / "cheng2023_fig3hi" / "polarization.csv")
    k = list(p["Electrolyte"]).index("CPCSE")
    row = _row(table, rows, "CPCSE shows the lowest polarization")
    film = p["Interphase films, both electrodes [mV]"][k]
    ct = p["Charge transfer, both electrodes [mV]"][k]
    bulk = p["Electrolyte ohmic and diffusion drop [mV]"][k]
    assert (
        f"film {film:.1f} / charge transfer {ct:.1f} / electrolyte {bulk:.1f}"
        in (row["quantity"])
    )
    assert film + ct > bulk  # what the row text says: the interfaces set it


@pytest.mark.integration  # runs the six cell experiments (cell_outputs)
def test_fig6bc_loading_sensitivity_and_capacities(cell_outputs):
    out, table, rows = cell_outputs
    s = read_csv(out / "cheng2023_fig6bc" / "loading_sensitivity.csv")
    q = s["CPCSE discharge capacity at 2 C [mA.h.g-1]"]
    assert list(s["LFP mass loading [mg.cm-2]"]) == [2.0, 4.0, 6.0, 8.0]
    assert np.all(np.diff(q) < 0)  # thicker cathodes lose capacity at 2 C
    c = read_csv(out / "cheng2023_fig6bc" / "capacity.csv")
    assert "C-rate" in c  # the column name the issue asks for
    row = _row(table, rows, "CPCSE discharge capacity at 2 C")
    assert float(row["simulated"]) == pytest.approx(
        c["CPCSE discharge capacity [mA.h.g-1]"][4], rel=1e-3
    )
    # the 2 mg/cm2 entry (one cycle at 2 C from rest) is close to the rate test's
    assert q[0] == pytest.approx(float(row["simulated"]), rel=0.02)


@pytest.mark.integration  # runs the six cell experiments (cell_outputs)
def test_fig6g_row_is_the_fresh_discharge_against_the_implied_initial(cell_outputs):
    out, table, rows = cell_outputs
    c = read_csv(out / "cheng2023_fig6g" / "curves.csv")
    steps = np.asarray(c["Step"])
    q = c["Specific capacity [mA.h.g-1]"][steps == "discharge"]
    row = _row(table, rows, "NCM811 | CPCSE | Li discharge capacity at 0.5 C")
    assert float(row["simulated"]) == pytest.approx(q[-1], rel=1e-3)
    assert float(row["reported"]) == pytest.approx(142.8 / 0.937, abs=0.05)
    assert row["basis"] == "predicted"


@pytest.mark.integration  # runs the six cell experiments (cell_outputs)
def test_fig3e_and_fig3g_rows(cell_outputs):
    out, table, rows = cell_outputs
    row = _row(table, rows, "largest deviation of the EIS-read")
    assert row["pass"] == "yes"
    e = read_csv(out / "cheng2023_fig3e" / "conductivity.csv")
    ratio = e["Conductivity from EIS [S.cm-1]"] / e["Model conductivity [S.cm-1]"]
    assert 100 * np.max(np.abs(ratio - 1)) == pytest.approx(
        float(row["simulated"]), rel=1e-3, abs=1e-6
    )
    row = _row(table, rows, "CPCSE cycles through 0.05-0.5 mA/cm2")
    g = read_csv(out / "cheng2023_fig3g" / "depletion.csv")
    names = np.asarray(g["Electrolyte"])
    flags = np.asarray(g["Depletes within the half cycle (model)"])

    def depletes(name):
        return any(str(d) == "True" for d in flags[names == name])

    claim = not depletes("CPCSE") and depletes("CNCSE") and depletes("PPSE")
    assert (row["pass"] == "yes") == claim
    # one claim, one row
    assert sum(q.startswith("CPCSE cycles") or "short" in q for q in rows) == 1


def test_fig6bc_incomplete_rate_test_is_a_protocol_error(monkeypatch):
    """A solver that stops before the last rate is reported as a ProtocolError
    (one message, no traceback from the CLI), not a bare RuntimeError."""
    from types import SimpleNamespace

    import pybamm
    from sim.experiments import cheng2023_fig6bc

    from sim.errors import ProtocolError

    def stops_at_once(termination):
        def solve(self, *args, **kwargs):
            return SimpleNamespace(cycles=[], termination=termination)

        return solve

    # a model event: the protocol contract's message
    monkeypatch.setattr(pybamm.Simulation, "solve", stops_at_once("event: a stop"))
    with pytest.raises(ProtocolError, match=r"stopped early: a stop"):
        cheng2023_fig6bc.simulate("CPCSE")
    # no event, but steps missing: the experiment's own message
    monkeypatch.setattr(pybamm.Simulation, "solve", stops_at_once("final time"))
    with pytest.raises(ProtocolError, match=r"stopped after 0 of 6 rates"):
        cheng2023_fig6bc.simulate("CPCSE")
    with pytest.raises(ProtocolError, match=r"stopped after 0 of 1 rates"):
        cheng2023_fig6bc.loading_sensitivity("CPCSE", loadings=(2.0,))


@pytest.mark.slow
def test_fig3i_long_traces_follow_the_growth_law(tmp_path):
    """The long Li|Li traces (~15 s): the film part grows as R_f0 (1 + k q) with
    the passed charge, and the CNCSE row is the fitted 0.1 V at 400 h."""
    from sim import parameters

    importlib.import_module("sim.experiments.cheng2023_fig3i_long")
    harness.run(["cheng2023_fig3i_long"], tmp_path, stream=io.StringIO())
    table = read_csv(tmp_path / "comparison.csv")
    rows = {q: i for i, q in enumerate(table["quantity"])}
    c = read_csv(tmp_path / "cheng2023_fig3i_long" / "curves.csv")
    cell = parameters.get("Cheng2023 cells")
    k = float(cell["Lithium interphase growth per passed charge [m2.A-1.h-1]"])
    r0 = float(cell["Lithium interphase resistance [Ohm.m2]"])
    film = c["Interphase films, both electrodes [mV]"]
    q = c["Interphase passed charge per area [A.h.m-2]"]
    assert film == pytest.approx(1e3 * 2 * 1.0 * r0 * (1 + k * q), rel=1e-3)
    row = _row(table, rows, "CNCSE polarization at 400 h")
    assert row["basis"] == "fitted" and row["pass"] == "yes"
    assert _row(table, rows, "CPCSE polarization stable")["basis"] == "predicted"
