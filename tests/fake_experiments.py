"""A package of fake experiments on disk, for harness and CLI tests.

Worker processes import experiments by module, so test experiments must live
in real modules; :func:`make_package` writes them into a temporary folder.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

HEADER = """
import time
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from sim.harness import Comparison, ExperimentResult, register


def _result():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1.0, 0.5])
    return ExperimentResult(
        curves={"Time [h]": [0, 1], "Voltage [V]": [1.0, 0.5]},
        figures={"figure.png": fig},
        comparisons=[
            Comparison("end voltage", 0.5, 0.5, "V", 0.01, "Fig. 1"),
            Comparison("start voltage", 2.0, 1.0, "V", "10%", "Fig. 1"),
        ],
        notes="fake notes",
    )
"""

MODULES = {
    "a_fake": """
@register("fake", title="Fake, Fig. 1", source="Fake2024")
def fake(progress):
    progress(0.5, "half way")
    return _result()
""",
    "b_broken": """
from sim.errors import ProtocolError


@register("broken", title="Broken", source="Broken2024")
def broken(progress):
    raise ProtocolError("bad protocol\\nstep 2 has no end condition")
""",
    "c_solver": """
import pybamm


@register("solver_fails", title="Solver fails midway", source="S")
def solver_fails(progress):
    progress(0.3, "cycle 1")
    raise pybamm.SolverError("IDA_CONV_FAIL: convergence test failed at t=1.2")
""",
    "d_slow": """
import os


@register("slow", title="Slow", source="S")
def slow(progress):
    for i in range(600):
        progress(i / 600, f"step {i}")
        if os.environ.get("FAKE_SLOW_MARK"):
            open(os.environ["FAKE_SLOW_MARK"], "a").close()
        time.sleep(0.1)
    return _result()
""",
}


def make_package(root: Path, name: str = "fake_exps") -> str:
    """Write the fake experiments package under ``root``; return its name."""
    package = root / name
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    for module, body in MODULES.items():
        text = textwrap.dedent(HEADER) + textwrap.dedent(body)
        (package / f"{module}.py").write_text(text)
    return name


def forget(name: str) -> None:
    """Drop the package's modules from ``sys.modules``."""
    for mod in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[mod]
