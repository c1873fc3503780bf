"""The chemistry-neutral porous-electrode half cell (sim.models.half_cell).

- It is PyBaMM's DFN half cell: the example file (hard carbon | NaPF6 EC:PC | Na)
  and a graphite | LiPF6 | Li cell built through the API with a PyBaMM function
  as OCP, each against ``pybamm.lithium_ion.DFN({"working electrode":
  "positive", "surface form": "differential"})`` with parameters translated
  here, independently of the module, from the set's own numbers. (PyBaMM's
  sodium-ion package has no half cell; its lithium-ion DFN's equations hold for
  any monovalent cation, so it is also the reference for Na.)
- ``sim.protocols.simulate`` runs it, with a fitted parameter as an input (the
  fitting layer's ``_values_with``), PyBaMM's Simulation/Experiment run it, the
  fitting CLI's ``resolve_model`` builds it from the set's model options, and
  the Sb/C model's surface storage switches back on from the file.
- Bad files: one ParameterError each, saying what is wrong and what is allowed.
"""

import json
import math
import shutil
import tomllib
from pathlib import Path

import numpy as np
import pybamm
import pytest
from pybamm.input.parameters.lithium_ion.Chen2020 import graphite_LGM50_ocp_Chen2020
from pybamm_half_cell_entries import metal_counter_and_limits
from scipy.optimize import brentq

from sim.errors import ParameterError
from sim.models import half_cell as hc
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.protocols import GalvanostaticSodiation, build_count, simulate

F = 96485.33212
EXAMPLE = hc.example_path()
DIFFUSIVITY = "Working particle diffusivity [m2.s-1]"


# ---------------------------------------------------------------------------
# helpers


def _toml(data):
    """A TOML text of a flat dict (numbers, text, inline {value, source} tables)
    with an optional [model_options] table."""

    def value(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return json.dumps(v)
        if isinstance(v, dict):
            return "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + " }"
        return repr(float(v))

    lines, tables = [], []
    for k, v in data.items():
        if k == hc.OPTIONS_TABLE:
            tables.append(f"[{k}]")
            tables += [f"{json.dumps(a)} = {value(b)}" for a, b in v.items()]
        else:
            lines.append(f"{json.dumps(k)} = {value(v)}")
    return "\n".join(lines + tables) + "\n"


def _example_data():
    with EXAMPLE.open("rb") as f:
        return tomllib.load(f)


@pytest.fixture
def write(tmp_path):
    """write(changes, drop=()) -> path of a half-cell file: the example with
    ``changes`` applied and the keys in ``drop`` removed, its OCP CSV beside it."""
    shutil.copy(EXAMPLE.parent / "hard_carbon_ocp_Chayambuka2022.csv", tmp_path)

    def _write(changes=None, drop=(), name="cell.toml"):
        data = _example_data()
        for k in drop:
            data.pop(k)
        data.update(changes or {})
        path = tmp_path / name
        path.write_text(_toml(data))
        return path

    return _write


def _ev(pv, f, x):
    return np.ravel(pv.evaluate(f(pybamm.Vector(np.atleast_1d(x)))))


def dfn_values(ps, electrolyte_set):
    """PyBaMM DFN half-cell values from the set's numbers (the user's names),
    translated here without the module: same geometry, capacity, kinetics,
    double layer, counter electrode, electrolyte."""
    v = ps.as_dict()
    L, eps = v["Working electrode thickness [m]"], v["Working electrode porosity"]
    m, rho = (
        v["Active material mass loading [kg.m-2]"],
        v["Active material density [kg.m-3]"],
    )
    Q, R = (
        v["Working electrode specific capacity [mA.h.g-1]"],
        v["Working particle radius [m]"],
    )
    eps_a = m / (rho * L)
    c_max = 3600 * Q * rho / F  # mAh/g -> C/kg is x 3600; per m3 of solid: x rho
    k = v["Working electrode rate constant [m.s-1]"]
    ocp = v["Working electrode OCP [V]"]
    electrolyte = pybamm.ParameterValues(electrolyte_set)
    c_e0 = electrolyte["Initial concentration in electrolyte [mol.m-3]"]
    j0_metal = v["Counter electrode exchange-current density [A.m-2]"]

    def j0(c_e, c_s_surf, c_s_max, T):
        return F * k * (c_e / c_e0) ** 0.5 * c_s_surf**0.5 * (c_s_max - c_s_surf) ** 0.5

    def j0_counter(c_e, c_Li, T):
        return j0_metal * (c_e / c_e0) ** 0.5

    # at rest at the initial voltage: the stoichiometry where the OCP is V0
    probe = pybamm.ParameterValues({})
    V0 = v["Initial voltage [V]"]
    sto0 = brentq(lambda s: _ev(probe, ocp, s)[0] - V0, 1e-9, 1 - 1e-9, xtol=1e-14)
    base = pybamm.ParameterValues("Chen2020")  # only for names PyBaMM requires
    base.update(
        {
            "Positive electrode thickness [m]": L,
            "Separator thickness [m]": v["Separator thickness [m]"],
            "Electrode height [m]": v["Electrode area [m2]"],
            "Electrode width [m]": 1.0,
            "Positive electrode porosity": eps,
            "Positive electrode active material volume fraction": eps_a,
            "Positive particle radius [m]": R,
            "Maximum concentration in positive electrode [mol.m-3]": c_max,
            "Positive particle diffusivity [m2.s-1]": v[DIFFUSIVITY],
            "Positive electrode OCP [V]": ocp,
            "Positive electrode exchange-current density [A.m-2]": j0,
            "Positive electrode conductivity [S.m-1]": v[
                "Working electrode conductivity [S.m-1]"
            ],
            "Positive electrode Bruggeman coefficient (electrolyte)": v[
                "Working electrode Bruggeman coefficient"
            ],
            "Positive electrode Bruggeman coefficient (electrode)": 0.0,
            "Positive electrode charge transfer coefficient": 0.5,
            "Positive electrode OCP entropic change [V.K-1]": 0.0,
            # on the particles' area in both (the set's default area: spheres)
            "Positive electrode double-layer capacity [F.m-2]": v[
                "Double-layer capacity [F.m-2]"
            ],
            "Separator porosity": v["Separator porosity"],
            "Separator Bruggeman coefficient (electrolyte)": v[
                "Separator Bruggeman coefficient"
            ],
            "Initial concentration in electrolyte [mol.m-3]": c_e0,
            "Electrolyte conductivity [S.m-1]": electrolyte[
                "Electrolyte conductivity [S.m-1]"
            ],
            "Electrolyte diffusivity [m2.s-1]": electrolyte[
                "Electrolyte diffusivity [m2.s-1]"
            ],
            "Cation transference number": electrolyte["Cation transference number"],
            "Thermodynamic factor": electrolyte["Thermodynamic factor"],
            "Initial concentration in positive electrode [mol.m-3]": sto0 * c_max,
            **metal_counter_and_limits(v, j0_counter),
        },
        check_already_exists=False,
    )
    # the capacity the set gives is the one PyBaMM's values give
    mass = m * v["Electrode area [m2]"]
    assert 3600 * Q * mass == pytest.approx(
        eps_a * c_max * F * L * v["Electrode area [m2]"]
    )
    return base


def _graphite_ocp(sto):
    """Chen2020's graphite OCP with a 10 mV linear term so that it falls strictly
    on all of (0, 1) (the model tabulates its inverse)."""
    return graphite_LGM50_ocp_Chen2020(sto) - 0.01 * sto


def _graphite_set():
    """graphite | LiPF6 EC:EMC (Chen2020) | Li through the API, numbers from
    PyBaMM's Chen2020 negative electrode."""
    chen = pybamm.ParameterValues("Chen2020")
    rho = 2260.0  # the test's choice: graphite's crystal density
    c_max = chen["Maximum concentration in negative electrode [mol.m-3]"]
    L = chen["Negative electrode thickness [m]"]
    eps_a = chen["Negative electrode active material volume fraction"]
    values = {
        "Working electrode thickness [m]": L,
        "Working electrode porosity": chen["Negative electrode porosity"],
        "Active material mass loading [kg.m-2]": eps_a * L * rho,
        "Active material density [kg.m-3]": rho,
        "Working electrode specific capacity [mA.h.g-1]": c_max * F / (3600 * rho),
        "Working particle radius [m]": chen["Negative particle radius [m]"],
        DIFFUSIVITY: chen["Negative particle diffusivity [m2.s-1]"],
        "Working electrode rate constant [m.s-1]": 6.7e-11,
        "Working electrode conductivity [S.m-1]": 215.0,
        "Electrode area [m2]": 1.54e-4,
        "Separator thickness [m]": 1.2e-5,
        "Separator porosity": 0.47,
        "Counter electrode exchange-current density [A.m-2]": 20.0,
        "Ambient temperature [K]": 298.15,
        "Lower voltage cut-off [V]": 0.01,
        "Upper voltage cut-off [V]": 1.0,
        "Initial voltage [V]": 0.6,
    }
    return hc.half_cell_parameter_set(
        counter_electrode="Li",
        ocp=_graphite_ocp,
        electrolyte="Chen2020",
        values=values,
        name="graphite test",
    )


RATE = 0.2
"""C/5: most of the run is inside the electrode's range (at 1C the hard carbon's
surface fills in 6 minutes); the graphite at 1C nearly empties its electrolyte."""
T_MAX = 1.5 * 3600 / RATE

CASES = {
    "hard carbon | Na (file)": (
        lambda: hc.read_half_cell_file(EXAMPLE),
        "Chayambuka2022",
    ),
    "graphite | Li (API)": (_graphite_set, "Chen2020"),
}


@pytest.fixture(scope="module", params=list(CASES))
def dfn_runs(request):
    make, electrolyte = CASES[request.param]
    ps = make()
    model = hc.PorousElectrodeHalfCell(ps.model_options)
    pv = ps.to_pybamm()
    I = RATE * pv["Nominal cell capacity [A.h]"]
    pv["Current function [A]"] = I
    t_eval = np.linspace(0, T_MAX, 401)  # the cut-off comes first
    ours = pybamm.Simulation(model, parameter_values=pv).solve(t_eval)
    dfn = pybamm.lithium_ion.DFN(
        {"working electrode": "positive", "surface form": "differential"}
    )
    pv_dfn = dfn_values(ps, electrolyte)
    pv_dfn["Current function [A]"] = I
    # the same mesh as ours (points clustered at the particle's surface)
    var_pts = {**dfn.default_var_pts, "x_s": 12, "x_p": 16, "r_p": hc.PARTICLE_POINTS}
    submesh = {**dfn.default_submesh_types, "positive particle": hc.PARTICLE_MESH}
    theirs = pybamm.Simulation(
        dfn, parameter_values=pv_dfn, var_pts=var_pts, submesh_types=submesh
    ).solve(t_eval)
    return ours, theirs, pv_dfn


# ---------------------------------------------------------------------------
# the DFN limit


def test_voltage_matches_pybamm_dfn_half_cell(dfn_runs):
    ours, theirs, pv_dfn = dfn_runs
    # a C/5 insertion down to the cut-off, ending at the same time (0.5 %)
    assert ours.t[-1] < T_MAX and theirs.t[-1] < T_MAX
    assert ours.t[-1] == pytest.approx(theirs.t[-1], rel=5e-3)
    # from 1 s on (both start at open circuit and charge their double layers)
    t = np.linspace(1.0, min(ours.t[-1], theirs.t[-1]), 300)
    V_ours, V_theirs = ours["Voltage [V]"](t), theirs["Voltage [V]"](t)
    diff = np.max(np.abs(V_ours - V_theirs))
    print(f"max |V - V_DFN| = {1e3 * diff:.3f} mV over {t[-1]:.0f} s")
    assert (
        diff < 1.5e-3
    )  # measured: 0.81 mV (hard carbon | Na), 0.12 mV (graphite | Li)
    V0 = pv_dfn["Upper voltage cut-off [V]"]
    assert ours["Voltage [V]"](0.0) > 0.5 * V0 and V_ours[-1] < 0.02


def test_electrolyte_concentration_matches_pybamm_dfn(dfn_runs):
    ours, theirs, pv_dfn = dfn_runs
    c0 = pv_dfn["Initial concentration in electrolyte [mol.m-3]"]
    for t in (0.25, 0.5, 0.9):
        t = t * min(ours.t[-1], theirs.t[-1])
        c_ours = ours["Electrolyte concentration [mol.m-3]"](t=t)
        c_theirs = theirs["Electrolyte concentration [mol.m-3]"](t=t)
        np.testing.assert_allclose(c_ours, c_theirs, rtol=1e-3)
    # and the profile is not flat: the comparison sees the transport
    assert np.ptp(c_theirs) > 0.02 * c0


# ---------------------------------------------------------------------------
# the file and the set


def test_example_file_values_and_sources():
    data = _example_data()
    model, ps = hc.half_cell_from_file(EXAMPLE)
    assert isinstance(model, hc.PorousElectrodeHalfCell)
    assert ps.model_options == hc.CARBON_ONLY
    assert model.options["surface form"] == "differential"
    for key, entry in data.items():
        if key in hc.FILE_KEYS:
            assert ps[key] == entry["value"]
            assert ps.param(key).source == entry["source"]
    # every parameter carries a source; the example's own say where from
    for name in ps.names():
        assert ps.param(name).source.strip()
    for key, entry in data.items():
        if key != "Name":
            assert entry["source"].startswith(
                ("assumption:", "derived:", "Chayambuka2022")
            ), key
    # the capacity is the file's: specific capacity x loading x area
    pv = ps.to_pybamm()
    mass_g = 1e3 * data["Active material mass loading [kg.m-2]"]["value"] * 1.767e-4
    assert pv["Nominal cell capacity [A.h]"] == pytest.approx(259.8 * mass_g / 1e3)
    # the model's thickness is the file's (the recipe closure)
    assert pv["Positive electrode thickness [m]"] == pytest.approx(64e-6, rel=1e-12)


def test_ocp_table_is_read_as_written(tmp_path):
    x, U = np.loadtxt(
        EXAMPLE.parent / "hard_carbon_ocp_Chayambuka2022.csv", delimiter=",", skiprows=1
    ).T
    sto, ocp = hc.read_ocp_table(EXAMPLE.parent / "hard_carbon_ocp_Chayambuka2022.csv")
    np.testing.assert_array_equal(sto, x)
    f = hc.ocp_function(sto, ocp)
    pv = pybamm.ParameterValues({})
    np.testing.assert_allclose(_ev(pv, f, x), U, atol=1e-12)
    mid = 0.5 * (x[5] + x[6])
    assert _ev(pv, f, mid)[0] == pytest.approx(0.5 * (U[5] + U[6]))
    # a capacity column, rows reversed: the same curve
    path = tmp_path / "cap.csv"
    rows = "\n".join(f"{a * 300.0},{b}" for a, b in zip(x[::-1], U[::-1], strict=True))
    path.write_text(f"{hc.INSERTED_CAPACITY},{hc.OCP_COLUMN}\n{rows}\n")
    sto2, ocp2 = hc.read_ocp_table(path, specific_capacity=300.0)
    np.testing.assert_allclose(sto2, x, rtol=1e-12)
    np.testing.assert_array_equal(ocp2, U)


def test_simulate_with_a_fitted_parameter_as_input():
    """The fitting layer's way: the parameter set to "[input]" through the set
    (sim.fitting.simulator._values_with), one build for every value."""
    from sim.fitting.simulator import _values_with

    model, ps = hc.half_cell_from_file(EXAMPLE)
    protocol = GalvanostaticSodiation(specific_current=0.26, v_cutoff=0.01, points=60)
    pv = _values_with(ps, {DIFFUSIVITY: "[input]"})
    assert isinstance(pv[DIFFUSIVITY], pybamm.InputParameter)
    fast = simulate(model, pv, protocol, inputs={DIFFUSIVITY: 1e-14})
    builds = build_count()
    slow = simulate(model, pv, protocol, inputs={DIFFUSIVITY: 1e-16})
    assert build_count() == builds  # re-solved, not rebuilt
    # the input reaches the model: the same as the number, and slow diffusion
    # ends the 1C run much earlier
    fixed = simulate(model, _values_with(ps, {DIFFUSIVITY: 1e-14}), protocol)
    t_fast, t_slow = fast["Time [s]"][-1], slow["Time [s]"][-1]
    assert fixed["Time [s]"][-1] == pytest.approx(t_fast, rel=1e-3)
    assert t_slow < 0.7 * t_fast
    assert fast["Voltage [V]"][-1] == pytest.approx(0.01, abs=1e-3)


def test_pybamm_experiment_and_fitting_cli_model():
    from sim.fitting.command import resolve_model

    _, ps = hc.half_cell_from_file(EXAMPLE)
    for name in ("PorousElectrodeHalfCell", "SbCarbonHalfCell"):
        model = resolve_model(name, {}, ps)
        assert model.options["Sb phase"] is False
        assert model.options["surface storage"] is False
    model = hc.PorousElectrodeHalfCell()
    experiment = pybamm.Experiment(
        [
            "Discharge at 1C until 0.05 V",
            "Rest for 5 minutes",
            "Charge at 1C until 1.1 V",
        ]
    )
    sol = pybamm.Simulation(
        model, parameter_values=ps.to_pybamm(), experiment=experiment
    ).solve()
    assert len(sol.cycles) == 3
    assert sol.cycles[0]["Voltage [V]"].entries[-1] == pytest.approx(0.05, abs=1e-3)
    assert sol["Voltage [V]"].entries[-1] == pytest.approx(1.1, abs=1e-3)
    # the default values are the example's
    assert model.default_parameter_values["Working electrode porosity"] == 0.51


def test_surface_storage_switches_back_on(write):
    storage = {
        "Surface storage capacity [mA.h.g-1]": 20.0,
        "Surface storage standard potential [V]": 0.6,
        "Surface storage isotherm width": 3.0,
        "Surface storage rate constant [s-1]": 0.1,
    }
    model, ps = hc.half_cell_from_file(
        write({hc.OPTIONS_TABLE: {"surface storage": True}, **storage})
    )
    assert model.options["surface storage"] is True
    plain = hc.read_half_cell_file(EXAMPLE).to_pybamm()
    pv = ps.to_pybamm()
    mass = pv["Active material mass loading [kg.m-2]"] * pv["Electrode area [m2]"]
    extra = pv["Nominal cell capacity [A.h]"] - plain["Nominal cell capacity [A.h]"]
    assert extra == pytest.approx(20.0 * mass, rel=1e-9)  # mAh/g x kg = Ah
    res = simulate(model, pv, GalvanostaticSodiation(0.26, 0.01, points=40))
    assert "Surface storage current [A]" in res
    assert np.max(np.abs(res["Surface storage current [A]"])) > 0
    # without its parameters the option is refused with what it needs
    with pytest.raises(ParameterError, match="Surface storage capacity"):
        hc.read_half_cell_file(write({hc.OPTIONS_TABLE: {"surface storage": True}}))


def test_copies_changed_behind_the_set_are_refused():
    model, ps = hc.half_cell_from_file(EXAMPLE)
    pv = ps.to_pybamm()
    pv["Working particle radius [m]"] = 1e-6
    with pytest.raises(ParameterError, match="through the parameter set"):
        simulate(model, pv, GalvanostaticSodiation(0.26, 0.01))


# ---------------------------------------------------------------------------
# bad files


BAD = {
    "missing key": (
        {},
        ("Working electrode porosity",),
        r"lacks required key\(s\) \['Working electrode porosity'\]; allowed keys:",
    ),
    "unknown key": (
        {"Working electrode porosty": 0.4},
        (),
        r"unknown key\(s\) 'Working electrode porosty'; did you mean "
        r"'Working electrode porosity'.*allowed keys:",
    ),
    "negative thickness": (
        {"Working electrode thickness [m]": -64e-6},
        (),
        r"'Working electrode thickness \[m\]' = -6.4e-05 \(m\) is not allowed: "
        r"must be > 0",
    ),
    "porosity above 1": (
        {"Working electrode porosity": 1.2},
        (),
        r"'Working electrode porosity' = 1.2 \(-\) is not allowed: must be in \(0, 1\)",
    ),
    "too much active material": (
        {"Working electrode thickness [m]": 20e-6},
        (),
        r"fits in the electrode's solid volume.*volume fraction",
    ),
    "text for a number": (
        {"Working particle radius [m]": "3 um"},
        (),
        r"'Working particle radius \[m\]' = '3 um': must be a number \[m\]",
    ),
    "missing CSV": (
        {"OCP file": "nowhere.csv"},
        (),
        r"OCP file '.*nowhere.csv' does not exist",
    ),
    "no electrolyte": (
        {},
        ("Electrolyte",),
        r"lacks the key 'Electrolyte' \(a PyBaMM parameter set name",
    ),
    "unknown electrolyte": (
        {"Electrolyte": "Seawater2020"},
        (),
        r"'Electrolyte' = 'Seawater2020' is not a PyBaMM parameter set; .*NaClO4/PC",
    ),
    "Li salt against Na": (
        {"Electrolyte": "Chen2020"},
        (),
        r"'Chen2020' is a Li salt but the counter electrode is Na metal; .*"
        r"Chayambuka2022",
    ),
    "unknown metal": (
        {"Counter electrode": "K"},
        (),
        r"'Counter electrode' = 'K': must be one of \['Li', 'Na'\]",
    ),
    "start outside the OCP": (
        {"Upper voltage cut-off [V]": 2.5, "Initial voltage [V]": 2.4},
        (),
        r"'Initial voltage \[V\]' = 2.4 V: the working electrode cannot be at rest",
    ),
    "bad option": (
        {hc.OPTIONS_TABLE: {"Sb phase": True}},
        (),
        r"allowed are \['surface storage'\]",
    ),
    "bad inline table": (
        {"Separator porosity": {"val": 0.5}},
        (),
        r"write a number or \{value = NUMBER",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_files_say_what_is_wrong(write, case):
    changes, drop, message = BAD[case]
    path = write(changes, drop)
    with pytest.raises(ParameterError, match=message) as info:
        hc.read_half_cell_file(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "csv, message",
    [
        (
            "Sto,OCP\n0.1,1.0\n0.5,0.5\n",
            r"has columns \['Sto', 'OCP'\]: it needs a header row with two columns, "
            r"'Stoichiometry' \(0..1\) or 'Inserted capacity \[mA.h.g-1\]', and "
            r"'Open-circuit potential \[V\]'",
        ),
        (
            "Stoichiometry,Open-circuit potential [V]\n0.1,1.0\n0.5,0.5\n0.7,0.6\n",
            r"is not monotonic: .* stoichiometry 0.5 -> 0.7 gives 0.5 V -> 0.6 V",
        ),
        (
            "Stoichiometry,Open-circuit potential [V]\n0.1,1.0\n1.5,0.5\n",
            r"the stoichiometry must lie in 0..1",
        ),
        (
            "Stoichiometry,Open-circuit potential [V]\n0.1,1.0\n0.5,x\n",
            r"every row below the header must hold two numbers",
        ),
        (
            "Inserted capacity [mA.h.g-1],Open-circuit potential [V]\n0,1.0\n400,0.1\n",
            r"the inserted capacity must lie within 0..'Working electrode specific",
        ),
    ],
)
def test_bad_ocp_tables(write, tmp_path, csv, message):
    (tmp_path / "bad.csv").write_text(csv)
    with pytest.raises(ParameterError, match=message):
        hc.read_half_cell_file(write({"OCP file": "bad.csv"}))


def test_input_for_a_mesh_parameter_is_refused_and_toml_errors():
    ps = hc.read_half_cell_file(EXAMPLE)
    with pytest.raises(ParameterError, match="cannot be '\\[input\\]'"):
        ps.updated({"Working electrode thickness [m]": "[input]"}).to_pybamm()
    with pytest.raises(ParameterError, match="does not exist"):
        hc.read_half_cell_file(Path("no/such/file.toml"))


def test_bad_toml_syntax(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('"Counter electrode" = Na\n')
    with pytest.raises(ParameterError, match="is not valid TOML"):
        hc.read_half_cell_file(path)


def test_is_still_the_sb_carbon_model():
    """A subclass: every tool of the Sb/C model (check_values, store currents,
    complete_values) applies; a math check that the defaults are carbon only."""
    model = hc.PorousElectrodeHalfCell()
    assert isinstance(model, SbCarbonHalfCell)
    assert model.store_currents == [
        "Double-layer current [A]",
        "Carbon insertion current [A]",
    ]
    assert math.isclose(
        hc.read_half_cell_file(EXAMPLE)[
            "Working electrode specific surface area [m2.kg-1]"
        ],
        3 / (1500.0 * 3.48e-6),
    )


def test_fitting_layer_recovers_a_diffusivity():
    """sim.fitting.fit on the file's set (what `sim fit --parameters FILE.toml`
    calls): re-solved, the truth back from noisy data."""
    from sim.fitting.fit import fit
    from sim.protocols import ExperimentSteps
    from sim.result import Result

    model, ps = hc.half_cell_from_file(EXAMPLE)
    protocol = ExperimentSteps(
        ("Discharge at 0.5C until 0.01 V", "Rest for 20 minutes"), period=20.0
    )
    res = simulate(model, ps.updated({DIFFUSIVITY: 3e-15}).to_pybamm(), protocol)
    noise = np.random.default_rng(0).normal(0, 1e-3, res.n_rows)
    data = Result(
        {
            "Time [s]": res["Time [s]"],
            "Voltage [V]": res["Voltage [V]"] + noise,
            "Current [A]": res["Current [A]"],
        },
        protocol=protocol,
    )
    out = fit(model, ps, [data], {DIFFUSIVITY: (1e-16, 1e-13)}, method="local")
    assert out.values[DIFFUSIVITY] == pytest.approx(3e-15, rel=0.05)
    assert out.builds == 2 and out.acceptable  # one build checks the other


def test_project_electrolyte_and_its_temperature_range(write):
    ps = hc.read_half_cell_file(write({"Electrolyte": "NaClO4/PC"}))
    pv = ps.to_pybamm()
    assert ps.param("Cation transference number").source.startswith("Chayambuka2022")
    c, T = pybamm.Scalar(1000.0), pybamm.Scalar(298.15)
    kappa = pv.evaluate(pv["Electrolyte conductivity [S.m-1]"](c, T))
    assert kappa == pytest.approx(0.64, rel=1e-6)  # Ponrouch2012, 6.4 mS/cm
    model = hc.PorousElectrodeHalfCell()
    pv["Ambient temperature [K]"] = 25.0  # Celsius meant
    with pytest.raises(ParameterError, match="range of the cell's electrolyte"):
        model.check_values(pv)


def test_default_particle_mesh_is_converged_enough():
    """The steep start of the hard-carbon OCP: the default particle mesh against
    160 uniform points, a C/5 insertion of the example."""
    from sim.models.sb_carbon.geometry import R_CARBON

    model, ps = hc.half_cell_from_file(EXAMPLE)
    pv = ps.to_pybamm()
    pv["Current function [A]"] = RATE * pv["Nominal cell capacity [A.h]"]
    t_eval = np.linspace(0, T_MAX, 401)
    ours = pybamm.Simulation(model, parameter_values=pv).solve(t_eval)
    fine = pybamm.Simulation(
        model,
        parameter_values=pv,
        var_pts={**model.default_var_pts, R_CARBON: 160},
        submesh_types={
            **model.default_submesh_types,
            "carbon particle": pybamm.Uniform1DSubMesh,
        },
    ).solve(t_eval)
    t = np.linspace(1.0, min(ours.t[-1], fine.t[-1]), 500)
    d = np.abs(ours["Voltage [V]"](t) - fine["Voltage [V]"](t))
    print(
        f"mesh error: {1e3 * d.max():.2f} mV, after 300 s {1e3 * d[t > 300].max():.2f} mV"
    )
    assert d.max() < 10e-3 and d[t > 300].max() < 1e-3
    assert ours.t[-1] == pytest.approx(fine.t[-1], rel=2e-3)


def test_oversized_files_are_refused_before_reading(tmp_path):
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * (hc.MAX_FILE_BYTES + 10) + "\n")
    with pytest.raises(ParameterError, match="bytes"):
        hc.read_half_cell_file(big)
    table = tmp_path / "ocp.csv"
    rows = "".join(f"{k / 1e5:.6f},{1 - k / 1e5:.6f}\n" for k in range(60_000))
    table.write_text("Stoichiometry,Open-circuit potential [V]\n" + rows)
    with pytest.raises(ParameterError, match="bytes"):
        hc.read_ocp_table(table)
