"""Fixtures of the measured-data tests: the sample files (tests/data/files,
see the README there) and writers of files in the cyclers' export layouts."""

import gzip
import shutil
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from sim.data.standard import measured

FILES = Path(__file__).parent / "files"


@pytest.fixture
def files():
    """The folder of sample files."""
    return FILES


@pytest.fixture
def gunzip(tmp_path):
    """Unpack a gzipped sample file into tmp_path; returns its path."""

    def unpack(name):
        out = tmp_path / name.removesuffix(".gz")
        with gzip.open(FILES / name, "rb") as src, out.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        return out

    return unpack


def gap_run():
    """A discharge at 1 mA logged every 10 s for 1 h; then the logger stops
    for 2 h while the cycler discharges 30 min more and rests (its counter
    goes on: +0.5 mA.h); then 10 min of rest logged every 10 s.

    Returns (time s, voltage V, current A in Arbin's sign, step index,
    charge counter A.h, discharge counter A.h)."""
    t1 = np.arange(0.0, 3600.0 + 1, 10.0)
    t2 = np.arange(3600.0 + 7200.0, 3600.0 + 7200.0 + 600.0 + 1, 10.0)
    t = np.r_[t1, t2]
    i_dis = np.r_[np.full(len(t1), 1e-3), np.zeros(len(t2))]  # discharge > 0
    v = np.r_[2.0 - 1.5 * t1 / 3600.0, np.full(len(t2), 0.6)]
    q_dis = np.r_[1e-3 * t1 / 3600.0, np.full(len(t2), 1.5e-3)]
    step = np.r_[np.full(len(t1), 2), np.full(len(t2), 3)]
    return t, v, -i_dis, step, np.zeros(len(t)), q_dis


@pytest.fixture
def arbin_csv_with_gap(tmp_path):
    """:func:`gap_run` written as an Arbin CSV export (our own file, in the
    export's column layout)."""
    t, v, i, step, q_ch, q_dis = gap_run()
    path = tmp_path / "arbin_gap.csv"
    lines = [
        "Data_Point,Test_Time(s),Step_Time(s),Step_Index,Cycle_Index,Current(A),"
        "Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah)"
    ]
    for k in range(len(t)):
        lines.append(
            f"{k + 1},{t[k]},{t[k]},{step[k]},1,{i[k]},{v[k]},{q_ch[k]},{q_dis[k]}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cc_cycles(n_cycles=2, current_a=1e-3, dt=30.0):
    """A half cell cycled at constant current: per cycle a 1 h discharge from
    2.0 V to 0.5 V, a 10 min rest, a 1 h charge back, a 10 min rest.
    Rows: (time s, voltage V, current A in PyBaMM's sign, cycle, step,
    step capacity A.h (unsigned, restarting every step), state)."""
    rows = []
    t = 0.0
    step = 0
    for cycle in range(1, n_cycles + 1):
        for state, current, v0, v1, duration in (
            ("D_CC", current_a, 2.0, 0.5, 3600.0),
            ("R", 0.0, 0.5, 0.6, 600.0),
            ("C_CC", -current_a, 0.6, 2.0, 3600.0),
            ("R", 0.0, 2.0, 1.9, 600.0),
        ):
            step += 1
            for s in np.arange(0.0, duration + dt / 2, dt):
                v = v0 + (v1 - v0) * s / duration
                rows.append(
                    (t + s, v, current, cycle, step, abs(current) * s / 3600, state)
                )
            t += duration + dt
    return rows


@pytest.fixture
def cc_cycles():
    return _cc_cycles


@pytest.fixture
def landt_xlsx(tmp_path):
    """A Landt/LANHE-style .xlsx export of :func:`_cc_cycles` (our own file in
    the export's layout: Info and Record-Tab sheets, current in mA, discharge
    negative, a per-step capacity counter)."""
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "landt.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Info"
    book.active.append(["LAND battery test system export"])
    ws = book.create_sheet("Record-Tab")
    ws.append(
        [
            "Record",
            "Cycle-Index",
            "Step-Index",
            "Step-State",
            "TestTime",
            "StepTime",
            "Current/mA",
            "Voltage/V",
            "Capacity/mAh",
        ]
    )
    for k, (t, v, i, cycle, step, q, state) in enumerate(_cc_cycles(), start=1):
        h, rem = divmod(t, 3600)
        clock = f"{int(h)}:{int(rem // 60):02d}:{rem % 60:04.1f}"
        ws.append([k, cycle, step, state, clock, 0, -1e3 * i, v, 1e3 * q])
    book.save(path)
    return path


@pytest.fixture
def arbin_xlsx(tmp_path):
    """An Arbin-style .xlsx export of :func:`_cc_cycles` (our own file in the
    export's layout: Global_Info and Channel_1-006 sheets, discharge current
    negative, cumulative counters)."""
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "arbin.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Global_Info"
    book.active.append(["TEST REPORT"])
    ws = book.create_sheet("Channel_1-006")
    ws.append(
        [
            "Data_Point",
            "Test_Time(s)",
            "Date_Time",
            "Step_Time(s)",
            "Step_Index",
            "Cycle_Index",
            "Current(A)",
            "Voltage(V)",
            "Charge_Capacity(Ah)",
            "Discharge_Capacity(Ah)",
        ]
    )
    q_ch = q_dis = 0.0
    last = None
    for k, (t, v, i, cycle, step, q, _) in enumerate(_cc_cycles(), start=1):
        if last is not None and step != last[0]:
            q_ch, q_dis = (
                (q_ch + last[1], q_dis) if last[2] < 0 else (q_ch, q_dis + last[1])
            )
        last = (step, q, i)
        ch = q_ch + (q if i < 0 else 0)
        dis = q_dis + (q if i > 0 else 0)
        ws.append([k, t, "", 0, step, cycle, -i, v, ch, dis])
    book.save(path)
    return path


def run_of(t, v, i, step=None, **extra):
    cols = {"Time [s]": t, "Voltage [V]": v, "Current [A]": i}
    if step is not None:
        cols["Step index"] = step
    cols.update(extra)
    return measured(cols, instrument="test", fmt="csv", source="synthetic")


def cv_run(v_high=2.5, v_low=0.01, rate=1e-3, cycles=2, dt=2.0, step=False):
    """Triangular sweeps starting at v_high, no step numbers by default."""
    period = 2 * (v_high - v_low) / rate
    t = np.arange(0.0, cycles * period + dt / 2, dt)
    phase = (t % period) / period
    v = np.where(
        phase < 0.5,
        v_high - 2 * phase * (v_high - v_low),
        v_low + (2 * phase - 1) * (v_high - v_low),
    )
    i = 1e-4 * np.sin(2 * np.pi * phase) + 2e-5 * np.exp(-(((v - 0.6) / 0.05) ** 2))
    return run_of(t, v, i, np.ones(len(t)) if step else None)


def gitt_run(n=5, current=1e-4, pulse=600.0, rest=1800.0):
    t, v, i, step = [], [], [], []
    time, volt, k = 0.0, 1.5, 0
    for name, length, amps in [("rest", rest, 0.0)] + [
        x for _ in range(n) for x in (("pulse", pulse, current), ("rest", rest, 0.0))
    ]:
        k += 1
        for s in np.arange(0.0, length + 1, 10.0):
            if name == "pulse":
                vv = volt - 0.05 - 0.02 * s / length
            else:
                vv = volt - 0.01 * (1 - np.exp(-s / 200))
            t.append(time + s), v.append(vv), i.append(amps), step.append(k)
        volt = v[-1]
        time += length + 10.0
    return run_of(np.array(t), np.array(v), np.array(i), np.array(step))


def cccv_run():
    t1 = np.arange(0.0, 3600.0, 10.0)
    t2 = 3600.0 + np.arange(0.0, 1800.0, 10.0)
    t = np.r_[t1, t2]
    v = np.r_[1.0 + 3.2 * t1 / 3600.0, np.full(len(t2), 4.2)]
    i = np.r_[np.full(len(t1), -1e-3), -1e-3 * np.exp(-(t2 - 3600.0) / 300.0)]
    step = np.r_[np.ones(len(t1)), np.full(len(t2), 2)]
    return run_of(t, v, i, step)


@pytest.fixture
def synth():
    """Builders of synthetic runs of known make-up (CV, GITT, CC-CV)."""
    return SimpleNamespace(
        run_of=run_of, cv_run=cv_run, gitt_run=gitt_run, cccv_run=cccv_run
    )
