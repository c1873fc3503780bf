"""Registry and runner of simulated paper experiments.

An experiment reproduces one figure or table of a paper. It is a function
``fn(progress) -> ExperimentResult`` registered with :func:`register`, living
in a module of :mod:`sim.experiments`::

    from sim.harness import Comparison, ExperimentResult, register

    @register("paper2024_fig2", title="Paper 2024, Fig. 2", source="Paper2024")
    def fig2(progress):
        progress(0.0, "simulating")
        ...
        return ExperimentResult(curves=..., figures={"figure.png": fig},
                                comparisons=[Comparison(...)])

:func:`discover` imports every module of :mod:`sim.experiments` so that their
decorators run; :func:`run` executes experiments (in worker processes with
``jobs``) and writes, per experiment, ``<out>/<name>/`` with ``curves.csv``,
its figures and tables, its comparison rows and notes, and rebuilds
``<out>/comparison.csv`` and ``<out>/comparison.md`` from everything on disk.

- :mod:`.comparison`: one reported-vs-simulated row;
- :mod:`.registry`: what an experiment returns, registration, discovery;
- :mod:`.output`: atomic output, the output-folder lock;
- :mod:`.report`: the report rebuilt from the folders on disk;
- :mod:`.runner`: running, failures, progress, interruption.
"""

from sim.harness.comparison import (
    BASES,
    COMPARISON_COLUMNS,
    Comparison,
    summary_line,
    summary_of_rows,
)
from sim.harness.registry import (
    Experiment,
    ExperimentResult,
    Progress,
    discover,
    register,
    registered,
    select,
)
from sim.harness.runner import Interrupted, RunOutcome, run

__all__ = [
    "BASES",
    "COMPARISON_COLUMNS",
    "Comparison",
    "Experiment",
    "ExperimentResult",
    "Interrupted",
    "Progress",
    "RunOutcome",
    "discover",
    "register",
    "registered",
    "run",
    "select",
    "summary_line",
    "summary_of_rows",
]
