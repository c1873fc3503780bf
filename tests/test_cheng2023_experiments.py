"""The Cheng2023 electrolyte experiments (Fig. S16, Fig. 3f, consistency check):
run through the harness, and the comparison rows recomputed from the exported
curves with the analysis functions (what a user with measured data would do)."""

import importlib
import io

import matplotlib.pyplot as plt
import numpy as np
import pytest

from sim import harness
from sim.analysis.arrhenius import activation_energy_consistency, arrhenius_fit
from sim.io import read_csv

NAMES = ("cheng2023_figS16", "cheng2023_fig3f", "cheng2023_consistency")


def register_ours():
    """Import (and so register) only these experiments, not every module."""
    for name in NAMES:
        importlib.import_module(f"experiments.{name}")


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


def test_figS16_optima_from_exported_curves(outputs):
    out, table, rows = outputs
    c = read_csv(out / "cheng2023_figS16" / "curves.csv")
    assert {"Filler", "Filler loading [wt%]", "Conductivity [S.cm-1]"} <= set(c)
    filler = np.asarray(c["Filler"])
    for label, reported in (("cluster chains", 2.5), ("nanowires", 10.0)):
        sel = filler == label
        w = c["Filler loading [wt%]"][sel]
        sigma = c["Conductivity [S.cm-1]"][sel]
        assert w[0] == 0 and w[-1] == 15 and np.allclose(np.diff(w), 0.5)
        row = _row(table, rows, f"optimum loading, {label}")
        assert float(row["reported"]) == reported
        assert float(row["simulated"]) == w[int(np.argmax(sigma))]
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


def test_experiments_are_fast():
    import time

    register_ours()
    for name in NAMES:
        start = time.perf_counter()
        result = harness.registered()[name].fn(lambda f, m: None)
        elapsed = time.perf_counter() - start
        for fig in result.figures.values():
            plt.close(fig)
        assert elapsed < 5.0
