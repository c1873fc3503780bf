"""Truth recovery on PyBaMM's own DFN half cell with a PyBaMM set (the fitting
layer works on any PyBaMM model), a wrong model that must not pass, per-cell
parameters, one build for input parameters, and the command line."""

import json

import numpy as np
import pybamm
import pytest

from sim.errors import SimError
from sim.fitting.fit import FitError, fit
from sim.protocols import ExperimentSteps, simulate
from sim.result import Result

PROTOCOL = ExperimentSteps(
    ("Discharge at 1C until 3.5 V", "Rest for 20 minutes"), period=15.0
)
TRUTH = {
    "Positive particle diffusivity [m2.s-1]": 2e-14,
    "Contact resistance [Ohm]": 4.0,
}
BOUNDS = {
    "Positive particle diffusivity [m2.s-1]": (1e-15, 1e-12),
    "Contact resistance [Ohm]": (0.1, 20.0),
}
NOISE = 1e-3  # V


def half_cell():
    return pybamm.lithium_ion.DFN(
        {"working electrode": "positive", "contact resistance": "true"}
    )


def xu2019(**changes):
    pv = pybamm.ParameterValues("Xu2019")
    pv.update({"Contact resistance [Ohm]": 1.0}, check_already_exists=False)
    pv.update(changes)
    return pv


def measured(pv, protocol=PROTOCOL, seed=0):
    """A synthetic measurement: the simulation plus 1 mV of white noise."""
    res = simulate(half_cell(), pv, protocol)
    rng = np.random.default_rng(seed)
    return Result(
        {
            "Time [s]": res["Time [s]"],
            "Voltage [V]": res["Voltage [V]"] + rng.normal(0, NOISE, res.n_rows),
            "Current [A]": res["Current [A]"],
        },
        protocol=protocol,
    )


@pytest.fixture(scope="module")
def data():
    return measured(xu2019(**TRUTH))


def test_recovers_the_truth_with_one_build(data):
    out = fit(half_cell(), xu2019(), [data], BOUNDS, max_iterations=12)
    d = out.values["Positive particle diffusivity [m2.s-1]"]
    r = out.values["Contact resistance [Ohm]"]
    assert d == pytest.approx(TRUTH["Positive particle diffusivity [m2.s-1]"], rel=0.05)
    assert r == pytest.approx(TRUTH["Contact resistance [Ohm]"], rel=0.02)
    assert out.acceptable and out.datasets[0]["rmse"] < 1.2 * NOISE
    # re-solves, no rebuilds: one build with inputs, one with fixed values to
    # check it at a probe point
    assert out.builds == 2 and out.datasets[0]["inputs"]
    assert "checked against fixed values" in out.datasets[0]["inputs note"]
    assert out.evaluations > 20


def test_a_wrong_model_does_not_pass(data):
    # the OCP 15 mV off: no diffusivity and resistance can fit the rest voltage
    pv = xu2019()
    ocp = pv["Positive electrode OCP [V]"]
    pv["Positive electrode OCP [V]"] = lambda sto: ocp(sto) + 0.015
    out = fit(half_cell(), pv, [data], BOUNDS, max_iterations=15)
    assert not out.acceptable
    assert out.datasets[0]["rmse"] > 2 * NOISE


def test_per_cell_parameters_and_shared_ones(capsys):
    # two cells of one material with different active-material fractions
    # (loadings): the fraction per cell, the diffusivity shared
    frac = "Positive electrode active material volume fraction"
    truth = {frac: (0.55, 0.40)}
    coarse = ExperimentSteps(PROTOCOL.steps, period=40.0)
    cells = [
        measured(xu2019(**{frac: f, **TRUTH}), coarse, seed=k)
        for k, f in enumerate(truth[frac])
    ]
    bounds = {
        frac: (0.2, 0.7),
        "Positive particle diffusivity [m2.s-1]": (1e-15, 1e-12),
    }
    out = fit(
        half_cell(),
        xu2019(**{"Contact resistance [Ohm]": 4.0}),
        cells,
        bounds,
        per_cell=[frac],
        method="local",  # the shared/per-cell split is tested, not the search
    )
    assert out.per_cell[frac] == pytest.approx(list(truth[frac]), rel=0.02)
    assert out.values["Positive particle diffusivity [m2.s-1]"] == pytest.approx(
        2e-14, rel=0.05
    )
    # PyBOP's line for every shared parameter of a joint problem is dropped
    assert "Discarding duplicate" not in capsys.readouterr().out
    assert set(out.x) == {
        f"{frac} (dataset 1)",
        f"{frac} (dataset 2)",
        "Positive particle diffusivity [m2.s-1]",
    }


def test_mistakes_are_one_clear_error(data):
    with pytest.raises(FitError, match="no"):
        fit(half_cell(), xu2019(), [data], {"No such parameter [m]": (1, 2)})
    with pytest.raises(FitError, match="low < high"):
        fit(half_cell(), xu2019(), [data], {"Contact resistance [Ohm]": (2, 1)})
    with pytest.raises(FitError, match="dataset"):
        fit(half_cell(), xu2019(), [], BOUNDS)
    with pytest.raises(FitError, match="give uncertainty"):
        fit(half_cell(), xu2019(), [data], BOUNDS, profile_points=5)
    with pytest.raises(FitError, match="at least 3"):
        fit(half_cell(), xu2019(), [data], BOUNDS, uncertainty=True, profile_points=2)
    assert issubclass(FitError, SimError)


def test_command_line_fit_writes_its_files(data, tmp_path):
    from sim.cli import main

    csv = tmp_path / "cell.csv"
    data.to_csv(csv)
    out = tmp_path / "fit"
    code = main(
        [
            "fit",
            "--model",
            "pybamm:DFN",
            "--option",
            "working electrode=positive",
            "--option",
            "contact resistance=true",
            "--parameters",
            "Xu2019",
            "--data",
            str(csv),
            "--fit",
            "Contact resistance [Ohm]=0.1:20",
            "--fit",
            "Positive particle diffusivity [m2.s-1]=1e-15:1e-12",
            "--method",
            "local",
            "--uncertainty",
            "--profile",
            "4",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    result = json.loads((out / "fitted.json").read_text())
    # the cost profiles over the bounds: the optimum's cost is their lowest
    assert (out / "posterior.png").is_file()
    profiles = result["profiles"]
    assert sorted(profiles) == sorted(
        ["Contact resistance [Ohm]", "Positive particle diffusivity [m2.s-1]"]
    )
    for profile in profiles.values():
        assert len(profile["values"]) >= 4 and None not in profile["costs"]
        assert min(profile["costs"]) >= result["cost"] * (1 - 1e-6)
    # the protocol is the one detected in the file (its cut-off is the last
    # noisy sample), and the budget is small: a looser check than above
    assert result["parameters"]["Contact resistance [Ohm]"]["value"] == pytest.approx(
        4.0, rel=0.1
    )
    assert (out / "fit.png").is_file() and (out / "report.md").is_file()
    # each dataset named by its file, its voltage RMSE under the name
    (ds,) = result["datasets"]
    assert ds["name"] == "cell.csv" and ds["rmse_V"] == ds["rmse"] < 2e-3
    from sim.fitting.output import load_fitted

    assert main(["params", "--file", str(out / "fitted-set.json")]) == 0
    assert main(["params", "--file", str(tmp_path / "none.json")]) == 2
    pv = load_fitted(out / "fitted-set.json")
    assert pv["Contact resistance [Ohm]"] == pytest.approx(
        result["parameters"]["Contact resistance [Ohm]"]["value"]
    )
    assert (
        main(
            [
                "fit",
                "--model",
                "pybamm:DFN",
                "--parameters",
                "Xu2019",
                "--data",
                str(csv),
                "--fit",
                "Contact resistance [Ohm]=5:1",
            ]
        )
        == 2
    )


def test_a_fit_from_a_fitted_set_writes_a_set_that_loads(data, tmp_path):
    # a second fit started from the first one's fitted set: its file keeps the
    # first set's base and values (the new value wins) and loads anywhere
    from sim.cli import main
    from sim.fitting.output import load_fitted

    csv = tmp_path / "cell.csv"
    data.to_csv(csv)
    model = ["--model", "pybamm:DFN", "--option", "working electrode=positive",
             "--option", "contact resistance=true"]  # fmt: skip
    d = "Positive particle diffusivity [m2.s-1]"
    first, second = tmp_path / "first", tmp_path / "second"
    args = [
        "fit",
        *model,
        "--data",
        str(csv),
        "--method",
        "local",
        "--max-evaluations",
        "12",
    ]  # fmt: skip  (what is written, not how well)
    assert main([*args, "--parameters", "Xu2019", "--fit", f"{d}=1e-15:1e-12",
                 "--out", str(first)]) == 0  # fmt: skip
    assert main([*args, "--parameters", str(first / "fitted-set.json"),
                 "--fit", "Contact resistance [Ohm]=0.1:20",
                 "--out", str(second)]) == 0  # fmt: skip
    written = json.loads((second / "fitted-set.json").read_text())
    one = json.loads((first / "fitted-set.json").read_text())["values"]
    assert written["base"] == "Xu2019" and written["values"][d] == one[d]
    assert main(["params", "--file", str(second / "fitted-set.json")]) == 0
    pv = load_fitted(second / "fitted-set.json")
    assert pv[d] == one[d]
    assert (
        pv["Contact resistance [Ohm]"] == written["values"]["Contact resistance [Ohm]"]
    )
    # a file naming another fitted set as its base loads too; a loop is refused
    chained = tmp_path / "chained.json"
    chained.write_text(json.dumps({"base": str(first / "fitted-set.json"),
                                   "values": {"Contact resistance [Ohm]": 3.0}}))  # fmt: skip
    pv = load_fitted(chained)
    assert pv["Contact resistance [Ohm]"] == 3.0 and pv[d] == one[d]
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps({"base": str(b), "values": {}}))
    b.write_text(json.dumps({"base": str(a), "values": {}}))
    with pytest.raises(SimError, match="in a loop"):
        load_fitted(a)
    assert main(["params", "--file", str(a)]) == 2


def test_uncertainty_flags_what_the_data_cannot_determine(data):
    # the electrode's electronic resistance adds to the contact resistance in
    # series: a discharge cannot tell them apart, while the diffusivity is
    # determined
    sigma = "Positive electrode conductivity [S.m-1]"
    out = fit(
        half_cell(),
        xu2019(),
        [data],
        {**BOUNDS, sigma: (1.0, 1000.0)},
        method="local",
        uncertainty=True,
    )
    unc = out.uncertainty
    ident = dict(zip(unc.names, unc.identifiable, strict=True))
    why = dict(zip(unc.names, unc.reasons, strict=True))
    assert ident["Positive particle diffusivity [m2.s-1]"]
    assert not ident[sigma] and "Contact resistance" in why[sigma]
    assert (
        not ident["Contact resistance [Ohm]"]
        and sigma in why["Contact resistance [Ohm]"]
    )
    assert 0.7 < unc.reduced_chi2 < 1.4  # residuals are the 1 mV noise
    d = out.to_dict()["parameters"]
    assert d[sigma]["identifiable"] is False and d[sigma]["reason"]


def test_ctrl_c_keeps_the_best_point_so_far(data, monkeypatch):
    from sim.fitting import simulator as sim_module

    calls = {"n": 0}
    output = sim_module.ProtocolSimulator.output

    def interrupted_after_40(self, inputs):  # one Ctrl-C, at the 41st solve
        calls["n"] += 1
        if calls["n"] == 41:
            raise KeyboardInterrupt
        return output(self, inputs)

    monkeypatch.setattr(sim_module.ProtocolSimulator, "output", interrupted_after_40)
    out = fit(half_cell(), xu2019(), [data], BOUNDS, max_iterations=60)
    assert out.interrupted and not out.acceptable
    assert 0 < out.evaluations <= 41
    # the best point seen is kept: its chi-square is the lowest evaluated
    assert np.isfinite(out.cost)
    assert out.to_dict()["interrupted"] is True


@pytest.mark.integration  # a model build per evaluation (10-15 s)
def test_inputs_that_change_the_model_are_refused(data, monkeypatch):
    # a parameter set whose completion ignores an input (it keeps the set's own
    # value where the input should go: the bug class the check exists for)
    from sim.fitting import simulator as simulator_module

    real = simulator_module._values_with

    def ignoring_inputs(values, changes, conditions=None, options=None):
        kept = {k: v for k, v in changes.items() if v != "[input]"}
        return real(values, kept, conditions, options)

    monkeypatch.setattr(simulator_module, "_values_with", ignoring_inputs)
    bounds = {"Contact resistance [Ohm]": (0.1, 20.0)}
    d = "Positive particle diffusivity [m2.s-1]"
    pv = xu2019(**{d: TRUTH[d]})
    out = fit(half_cell(), pv, [data], bounds, method="local", max_evaluations=12)
    assert not out.datasets[0]["inputs"]
    assert "differs from fixed values" in out.datasets[0]["inputs note"]
    # rebuilt per evaluation, and still right
    assert out.builds > 5
    assert out.values["Contact resistance [Ohm]"] == pytest.approx(4.0, rel=0.02)


@pytest.mark.integration  # starts a local Dask cluster (~25 s)
def test_the_global_search_on_a_dask_cluster_finds_the_same_fit(data):
    # same seed, same candidates: the population is evaluated on two worker
    # processes instead of here, and the answer is the same
    here = fit(half_cell(), xu2019(), [data], BOUNDS, max_iterations=4)
    there = fit(half_cell(), xu2019(), [data], BOUNDS, max_iterations=4, workers=2)
    for name, value in here.values.items():
        assert there.values[name] == pytest.approx(value, rel=1e-6), name
    assert there.evaluations == here.evaluations


@pytest.mark.integration  # a Dask cluster of its own, as a user would start (~30 s)
def test_the_global_search_on_a_running_scheduler_finds_the_same_fit(data, tmp_path):
    """`fit(scheduler=ADDRESS)` and `sim fit --scheduler ADDRESS` evaluate on
    a cluster started elsewhere (here: a LocalCluster of this test), with the
    answer of the search run here; an address nobody listens on is one error
    line and exit 2."""
    from distributed import LocalCluster

    from sim.cli import main

    here = fit(half_cell(), xu2019(), [data], BOUNDS, max_iterations=4)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        there = fit(
            half_cell(), xu2019(), [data], BOUNDS, max_iterations=4, scheduler=address
        )
        for name, value in here.values.items():
            assert there.values[name] == pytest.approx(value, rel=1e-6), name
        csv = tmp_path / "cell.csv"
        data.to_csv(csv)
        args = [
            "fit",
            "--model",
            "pybamm:DFN",
            "--option",
            "working electrode=positive",
        ]
        args += ["--option", "contact resistance=true", "--parameters", "Xu2019"]
        args += ["--data", str(csv), "--max-iterations", "2", "--max-evaluations", "4"]
        args += [f"--fit={n}={lo}:{hi}" for n, (lo, hi) in BOUNDS.items()]
        assert main([*args, "--scheduler", address, "--out", str(tmp_path / "a")]) == 0
        assert json.loads((tmp_path / "a" / "fitted.json").read_text())["evaluations"]
    out = tmp_path / "b"
    assert main([*args, "--scheduler", "tcp://127.0.0.1:9", "--out", str(out)]) == 2
    assert not out.exists()


def test_a_known_noise_is_used_and_bad_ones_refused(data, tmp_path):
    bounds = {"Contact resistance [Ohm]": (0.1, 20.0)}
    d = "Positive particle diffusivity [m2.s-1]"
    pv = xu2019(**{d: TRUTH[d]})
    out = fit(half_cell(), pv, [data], bounds, method="local", noise=[NOISE])
    assert out.datasets[0]["noise"] == NOISE
    assert out.values["Contact resistance [Ohm]"] == pytest.approx(4.0, rel=0.02)
    for bad in ([0.0], [NOISE, NOISE], ["1 mV"]):
        with pytest.raises(FitError, match="noise"):
            fit(half_cell(), pv, [data], bounds, method="local", noise=bad)
    from sim.cli import main

    csv = tmp_path / "cell.csv"
    data.to_csv(csv)
    args = ["fit", "--model", "pybamm:DFN", "--parameters", "Xu2019"]
    args += ["--data", str(csv), "--fit", "Contact resistance [Ohm]=0.1:20"]
    assert main([*args, "--noise", "-1"]) == 2
    assert main([*args, "--noise", "1e-3", "--noise", "auto"]) == 2


def test_values_at_a_bound_are_reported():
    """A fitted value on its bound (the real M50T record against Chen2020
    put the positive diffusivity on its upper bound) is said so in
    fitted.json, report.md and the command's output."""
    from sim.fitting.fit import FitResult
    from sim.fitting.output import report_markdown

    def report(res):
        return report_markdown(res, model_name="m", set_name="s")

    d = "Positive particle diffusivity [m2.s-1]"
    r = "Contact resistance [Ohm]"
    res = FitResult(
        values={d: 4e-14 * (1 - 1e-9), r: 0.1 + 1e-6},
        per_cell={},
        bounds={d: (4e-16, 4e-14), r: (0.1, 20.0)},
        datasets=[{"name": "a", "protocol": "P", "target": "Voltage [V]",
                   "noise": 1e-3, "rmse": 1e-3, "points": 10}],
        cost=1.0,
        evaluations=3,
        seconds=1.0,
        builds=1,
        x={d: 4e-14 * (1 - 1e-9), r: 0.1 + 1e-6},
    )  # fmt: skip
    assert res.at_bounds() == {d: "upper", r: "lower"}
    params = res.to_dict()["parameters"]
    assert params[d]["at_bound"] == "upper" and params[r]["at_bound"] == "lower"
    text = report(res)
    assert f"{d}: at its upper bound" in text and f"{r}: at its lower bound" in text
    res.x = res.values = {d: 4e-15, r: 5.0}
    assert res.at_bounds() == {} and "bound (" not in report(res)
