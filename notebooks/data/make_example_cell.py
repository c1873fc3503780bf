"""Write the example cycler file of notebook 08 and the truth behind it.

    python notebooks/data/make_example_cell.py

rewrites, next to this script,

- ``example_cell.mpt``: a synthetic "measurement" in BioLogic EC-Lab's text
  export layout (what EC-Lab's "Export as text" writes for a GCPL run:
  ``EC-Lab ASCII FILE``, ``Nb header lines``, the settings table, then the
  tab-separated columns of a GCPL export, latin-1 text, CRLF line ends);
- ``example_cell_truth.json``: the values that made it (model, parameter
  set, the true parameters, the program, the noise, the seed) and what the
  file must read back as (rows, duration, cycles, capacities).

The cell is PyBaMM's DFN half cell (``working electrode = positive``, with a
contact resistance) with the Xu2019 set: an NMC electrode against Li metal.
The program is a GCPL of five sequences: a 10 min rest, a 1C discharge to
3.5 V, a 20 min rest, a 1C charge to 4.2 V, a 20 min rest, recorded every
15 s. White noise is added to the recorded voltage (1 mV) and current (0.01 %
of the set current); the draws are seeded, so the files are the same every
run.

Signs: EC-Lab records oxidation (anodic) current positive, so the discharge
of this half cell (the reduction, lithiation, of the NMC working electrode:
PyBaMM's positive current) is written negative, as EC-Lab writes it.

Not measured: the model is the truth here. Columns no reader of this project
uses (``control changes``, ``I Range``, the capacitances) are filled the way
EC-Lab fills them as far as its manual says; the ``I Range`` code is a fixed
placeholder.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pybamm

from sim.protocols import ExperimentSteps, simulate

HERE = Path(__file__).resolve().parent
FILE_NAME = "example_cell.mpt"
TRUTH_NAME = "example_cell_truth.json"

SEED = 8
MODEL_OPTIONS = {"working electrode": "positive", "contact resistance": "true"}
PARAMETER_SET = "Xu2019"
TRUE_VALUES = {
    "Positive particle diffusivity [m2.s-1]": 2e-14,
    "Contact resistance [Ohm]": 3.0,
}
PROGRAM = (
    "Rest for 10 minutes",
    "Discharge at 1C until 3.5 V",
    "Rest for 20 minutes",
    "Charge at 1C until 4.2 V",
    "Rest for 20 minutes",
)
PERIOD = 15.0  # s between recorded points (EC-Lab's dt1 and dtR)
VOLTAGE_NOISE = 1e-3  # V, standard deviation
CURRENT_NOISE = 1e-4  # relative to the set current, standard deviation
START = 30.1529992  # s: the technique starts this long after the acquisition
SWITCH = 4e-4  # s: EC-Lab's first point of a sequence comes this long after it
ACTIVE_DENSITY = 4750.0  # kg/m3, NMC (assumption: crystal density of NMC oxides)

COLUMNS = (
    "mode",
    "ox/red",
    "error",
    "control changes",
    "Ns changes",
    "counter inc.",
    "Ns",
    "time/s",
    "dq/mA.h",
    "(Q-Qo)/mA.h",
    "control/V/mA",
    "Ewe/V",
    "I Range",
    "Q charge/discharge/mA.h",
    "half cycle",
    "P/W",
    "Energy charge/W.h",
    "Energy discharge/W.h",
    "Capacitance charge/µF",
    "Capacitance discharge/µF",
    "step time/s",
    "<I>/mA",
    "Q discharge/mA.h",
    "Q charge/mA.h",
    "Capacity/mA.h",
    "Efficiency/%",
    "control/V",
    "control/mA",
    "cycle number",
)
INTEGER = {
    "mode",
    "ox/red",
    "error",
    "control changes",
    "Ns changes",
    "counter inc.",
    "Ns",
    "I Range",
    "half cycle",
}
LONG = {  # written with 15 decimals by EC-Lab, the rest with 7
    "time/s",
    "dq/mA.h",
    "(Q-Qo)/mA.h",
    "Q charge/discharge/mA.h",
    "Energy charge/W.h",
    "Energy discharge/W.h",
    "Capacitance charge/µF",
    "Capacitance discharge/µF",
    "step time/s",
    "<I>/mA",
    "Q discharge/mA.h",
    "Q charge/mA.h",
    "Capacity/mA.h",
    "cycle number",
}


def model():
    """PyBaMM's DFN half cell with a contact resistance."""
    return pybamm.lithium_ion.DFN(dict(MODEL_OPTIONS))


def base_values():
    """The Xu2019 set with a contact resistance entry (the set has none; 1 Ohm
    is a placeholder the fit starts from, not the truth)."""
    pv = pybamm.ParameterValues(PARAMETER_SET)
    pv.update({"Contact resistance [Ohm]": 1.0}, check_already_exists=False)
    return pv


def true_values():
    """The parameter values that made the file."""
    pv = base_values()
    pv.update(TRUE_VALUES)
    return pv


def _ec_lab(x, decimals):
    """A number as EC-Lab writes it: ``3.4228721E+000`` (three exponent digits)."""
    mantissa, exponent = f"{x + 0.0:.{decimals}E}".split("E")
    return f"{mantissa}E{exponent[0]}{int(exponent[1:]):03d}"


def _rows(res, rng):
    """The simulated run as EC-Lab's GCPL columns (dict name -> array)."""
    t = np.asarray(res["Time [s]"], dtype=float)
    v = np.asarray(res["Voltage [V]"], dtype=float)
    i_pybamm = np.asarray(res["Current [A]"], dtype=float)
    ns = np.asarray(res["Step number"], dtype=int) - 1
    n = len(t)
    first = np.r_[True, ns[1:] != ns[:-1]]
    setpoint = np.zeros(n)  # mA, EC-Lab's sign (oxidation > 0)
    for k in np.unique(ns):
        rows = ns == k
        setpoint[rows] = -1e3 * np.median(i_pybamm[rows])
    setpoint[np.abs(setpoint) < 1e-9] = 0.0
    resting = setpoint == 0.0
    current = setpoint * (1.0 + CURRENT_NOISE * rng.standard_normal(n))
    voltage = v + VOLTAGE_NOISE * rng.standard_normal(n)
    time = START + t + np.where(first & (np.arange(n) > 0), SWITCH, 0.0)

    dt = np.diff(time, prepend=time[0])
    dq = np.where(first, 0.0, current * dt / 3600.0)  # mA.h, signed
    # a half cycle ends where the current changes sign between sequences
    half = np.zeros(n, dtype=int)
    sign, h = 0.0, 0
    for r in range(n):
        s = np.sign(setpoint[r])
        if s != 0.0:
            if sign != 0.0 and s != sign:
                h += 1
            sign = s
        half[r] = h
    cycle = np.zeros(n)  # one charge and one discharge: cycle 0 (EC-Lab counts from 0)
    q_half = np.zeros(n)
    e_charge, e_discharge = np.zeros(n), np.zeros(n)
    power = 1e-3 * voltage * current  # W
    start_v = voltage.copy()
    for hk in np.unique(half):
        rows = half == hk
        q_half[rows] = np.cumsum(dq[rows])
        start_v[rows] = voltage[rows][0]
    de = np.where(first, 0.0, power * dt / 3600.0)  # W.h
    e_charge = np.cumsum(np.where(de > 0, de, 0.0))
    e_discharge = np.cumsum(np.where(de < 0, -de, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        capacitance = np.abs(3.6 * q_half / (voltage - start_v)) * 1e6  # uF
    capacitance = np.where(np.isfinite(capacitance), capacitance, 0.0)
    ox = np.zeros(n, dtype=int)
    last = 1
    for r in range(n):
        if setpoint[r] != 0.0:
            last = int(setpoint[r] > 0)
        ox[r] = last
    step_start = np.maximum.accumulate(np.where(first, time, -np.inf))
    return {
        "mode": np.where(resting, 3, 1),
        "ox/red": ox,
        "error": np.zeros(n, dtype=int),
        "control changes": first.astype(int),
        "Ns changes": (first & (np.arange(n) > 0)).astype(int),
        "counter inc.": np.zeros(n, dtype=int),
        "Ns": ns,
        "time/s": time,
        "dq/mA.h": dq,
        "(Q-Qo)/mA.h": np.cumsum(dq),
        "control/V/mA": setpoint,
        "Ewe/V": voltage,
        "I Range": np.full(n, 41),
        "Q charge/discharge/mA.h": q_half,
        "half cycle": half,
        "P/W": power,
        "Energy charge/W.h": e_charge,
        "Energy discharge/W.h": e_discharge,
        "Capacitance charge/µF": np.where(q_half > 0, capacitance, 0.0),
        "Capacitance discharge/µF": np.where(q_half < 0, capacitance, 0.0),
        "step time/s": time - step_start,
        "<I>/mA": current,
        "Q discharge/mA.h": np.maximum(-q_half, 0.0),
        "Q charge/mA.h": np.maximum(q_half, 0.0),
        "Capacity/mA.h": np.abs(q_half),
        "Efficiency/%": np.zeros(n),
        "control/V": np.zeros(n),
        "control/mA": setpoint,
        "cycle number": cycle,
    }


def _settings(pv):
    """EC-Lab's GCPL settings table: one 20-character column per sequence."""
    c_rate = 1e3 * pv["Nominal cell capacity [A.h]"]  # mA at 1C

    def hms(seconds):
        h, rest = divmod(seconds, 3600)
        m, s = divmod(rest, 60)
        return f"{int(h)}:{int(m):02d}:{s:.4f}"

    rows = {
        "Ns": ["0", "1", "2", "3", "4"],
        "Set I/C": ["I"] * 5,
        "Is": [f"{x:.3f}" for x in (0.0, -c_rate, 0.0, c_rate, 0.0)],
        "unit Is": ["mA"] * 5,
        "vs.": ["<None>"] * 5,
        "N": ["1.00"] * 5,
        "I sign": ["> 0"] * 5,
        "t1 (h:m:s)": [hms(t) for t in (0, 36000, 0, 36000, 0)],
        "I Range": ["10 mA"] * 5,
        "Bandwidth": ["8"] * 5,
        "dE1 (mV)": ["0.00"] * 5,
        "dt1 (s)": [f"{t:.4f}" for t in (0, PERIOD, 0, PERIOD, 0)],
        "EM (V)": ["0.000", "3.500", "0.000", "4.200", "0.000"],
        "tM (h:m:s)": [hms(0)] * 5,
        "Im": ["0.000"] * 5,
        "unit Im": ["mA"] * 5,
        "dI/dt": ["0.000"] * 5,
        "dunit dI/dt": ["mA/s"] * 5,
        "E range min (V)": ["0.000"] * 5,
        "E range max (V)": ["5.000"] * 5,
        "dq": ["0.000"] * 5,
        "unit dq": ["A.h"] * 5,
        "dtq (s)": ["0.0000"] * 5,
        "dQM": ["0.000"] * 5,
        "unit dQM": ["mA.h"] * 5,
        "dxM": ["0.000"] * 5,
        "delta SoC (%)": ["pass"] * 5,
        "tR (h:m:s)": [hms(t) for t in (600, 0, 1200, 0, 1200)],
        "dER/dt (mV/h)": ["0.0"] * 5,
        "dER (mV)": ["0.00"] * 5,
        "dtR (s)": [f"{t:.4f}" for t in (PERIOD, 0, PERIOD, 0, PERIOD)],
        "EL (V)": ["pass"] * 5,
        "goto Ns'": ["0"] * 5,
        "nc cycles": ["0"] * 5,
    }
    return [
        f"{key:<20}" + "".join(f"{v:<20}" for v in values)
        for key, values in rows.items()
    ]


def mpt_text(res, pv, rng):
    """The EC-Lab text export of a simulated run (a str, CRLF line ends)."""
    cols = _rows(res, rng)
    area_cm2 = 1e4 * pv["Electrode height [m]"] * pv["Electrode width [m]"]
    mass_mg = 1e6 * (
        pv["Positive electrode active material volume fraction"]
        * pv["Positive electrode thickness [m]"]
        * area_cm2
        * 1e-4
        * ACTIVE_DENSITY
    )
    header = [
        "",
        "Galvanostatic Cycling with Potential Limitation",
        "",
        "Run on channel : 3 (SN 20319)",
        "User : ",
        "Electrode connection : standard",
        "Potential control : Ewe",
        "Ewe ctrl range : min = 0.00 V, max = 5.00 V",
        "Ewe,I filtering : <None>",
        "Safety Limits :",
        "\tDo not start on E overload",
        "Channel : Grounded",
        "Acquisition started on : 03/14/2025 10:12:41.310",
        "Technique started on : 03/14/2025 10:13:11.463",
        "Loaded Setting File : NONE",
        "Saved on :",
        "\tFile : example_cell_C03.mpr",
        "\tDirectory : C:\\Data\\sbc-sim\\",
        "\tHost : 192.168.0.12",
        "Device : VMP3 (SN 0000)",
        "Address : 192.168.0.50",
        "EC-Lab for windows v11.50 (software)",
        "Internet server v11.50 (firmware)",
        "Command interpretor v11.50 (firmware)",
        "Electrode material : NMC (synthetic: PyBaMM DFN, Xu2019 set)",
        "Initial state : charged",
        "Electrolyte : 1 M LiPF6 in EC:EMC (Xu2019)",
        "Comments : synthetic data written by notebooks/data/make_example_cell.py",
        "Cable : standard",
        f"Electrode surface area : {area_cm2:.3f} cm²",
        f"Characteristic mass : {mass_mg:.3f} mg",
        "Equivalent Weight : 0.000 g/eq.",
        "Density : 0.000 g/cm3",
        "Volume (V) : 0.000 cm³",
        "Record Power",
        "Cycle Definition : Charge/Discharge alternance",
        *_settings(pv),
        "",
    ]
    n_header = 2 + len(header) + 1  # the two first lines, these, the names
    lines = [
        "EC-Lab ASCII FILE",
        f"Nb header lines : {n_header:<26}",
        *header,
        "\t".join(COLUMNS) + "\t",
    ]
    formatted = []
    for name in COLUMNS:
        values = cols[name]
        if name in INTEGER:
            formatted.append([str(int(x)) for x in values])
        else:
            d = 15 if name in LONG else 7
            formatted.append([_ec_lab(float(x), d) for x in values])
    lines += ["\t".join(row) for row in zip(*formatted, strict=True)]
    return "\r\n".join(lines) + "\r\n"


def write(folder=HERE):
    """Simulate the cell, write the .mpt file and the truth JSON into
    ``folder``; returns (mpt path, truth path)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pv = true_values()
    protocol = ExperimentSteps(PROGRAM, period=PERIOD)
    res = simulate(model(), pv, protocol)
    rng = np.random.default_rng(SEED)
    text = mpt_text(res, pv, rng)
    mpt = folder / FILE_NAME
    mpt.write_bytes(text.encode("latin-1"))
    i = np.asarray(res["Current [A]"])
    t = np.asarray(res["Time [s]"])
    dq = 0.5 * (i[1:] + i[:-1]) * np.diff(t) / 3600.0
    truth = {
        "file": FILE_NAME,
        "written by": "notebooks/data/make_example_cell.py",
        "model": "pybamm.lithium_ion.DFN",
        "model options": MODEL_OPTIONS,
        "parameter set": PARAMETER_SET,
        "base values": {"Contact resistance [Ohm]": 1.0},
        "true values": TRUE_VALUES,
        "unchanged values": {
            "Positive electrode conductivity [S.m-1]": float(
                pv["Positive electrode conductivity [S.m-1]"]
            ),
        },
        "program": list(PROGRAM),
        "sampling interval [s]": PERIOD,
        "voltage noise [V]": VOLTAGE_NOISE,
        "current noise (relative)": CURRENT_NOISE,
        "seed": SEED,
        "rows": int(res.n_rows),
        "duration [s]": float(t[-1] - t[0]),
        "cycles": 1,
        "discharge capacity [A.h]": float(np.sum(np.where(dq > 0, dq, 0.0))),
        "charge capacity [A.h]": float(np.sum(np.where(dq < 0, -dq, 0.0))),
        "current sign in the file": "EC-Lab: oxidation > 0, so the discharge "
        "(reduction of the NMC working electrode) is negative",
    }
    out = folder / TRUTH_NAME
    out.write_text(json.dumps(truth, indent=2) + "\n")
    return mpt, out


if __name__ == "__main__":
    for path in write():
        print(f"wrote {path} ({path.stat().st_size} bytes)")
