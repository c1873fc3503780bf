"""The experiments a paper reproduction consists of: what one returns, and the
registry ``sim reproduce`` runs.

An experiment reproduces one figure or table of a paper. It is a function
``fn(progress) -> ExperimentResult`` registered with :func:`register`, living in
a module of :mod:`sim.experiments`; :func:`discover` imports those modules so
that their decorators run.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.errors import ProtocolError
from sim.harness.comparison import Comparison
from sim.io import column_lengths

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Progress = Callable[[float, str], None]
"""``progress(fraction, message)``: report that ``fraction`` (0..1) is done."""

_UNIT_COLUMN = re.compile(r"^.+ \[.+\]$")


@dataclass
class ExperimentResult:
    """What an experiment function returns.

    Attributes:
        curves: Equal-length columns written to ``curves.csv``. Names are
            ``"Quantity [unit]"``; plain labels such as ``"Material"`` are
            allowed too, but at least one column must have a unit.
        figures: File name to matplotlib figure; must include ``"figure.png"``.
        comparisons: Reported-versus-simulated values.
        tables: Extra CSV files, file name to columns, e.g.
            ``{"diffusivity.csv": {...}}``.
        notes: Markdown paragraph for ``comparison.md``, e.g. explaining a
            discrepancy.
    """

    curves: dict[str, Sequence[Any]]
    figures: dict[str, Figure]
    comparisons: list[Comparison]
    tables: dict[str, dict[str, Sequence[Any]]] = field(default_factory=dict)
    notes: str = ""


@dataclass(frozen=True)
class Experiment:
    """A registered experiment: name, title, source and function."""

    name: str
    title: str
    source: str
    fn: Callable[[Progress], ExperimentResult]
    cost: float = 0.0

    @property
    def module(self) -> str:
        """The module that registers it (imported again by worker processes)."""
        return self.fn.__module__


_REGISTRY: dict[str, Experiment] = {}


def register(
    name: str,
    *,
    title: str,
    source: str,
    cost: float = 0.0,
    registry: dict[str, Experiment] | None = None,
) -> Callable[[Callable[[Progress], ExperimentResult]], Callable]:
    """Register ``fn(progress) -> ExperimentResult`` as experiment ``name``.

    Args:
        name: Unique name, also the output folder name, e.g. ``"qiu2021_fig5a"``.
        title: Heading in ``comparison.md``, e.g. ``"Qiu 2021, Fig. 5a"``.
        source: Citation of the paper the experiment reproduces.
        cost: Rough run time [s] on a 2-core machine. It only orders the
            work of a parallel run (longest first, so that no long experiment
            starts last); a previous run's measured time in the output folder
            takes its place. 0 (the default) for the quick ones.
        registry: Registry to add to; the global one by default.

    Returns:
        A decorator returning the function unchanged.

    Raises:
        ValueError: If ``name`` is already registered or not a valid folder name.
    """
    target = _REGISTRY if registry is None else registry
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", name):
        raise ValueError(f"experiment name {name!r} is not a valid folder name")
    if not cost >= 0:
        raise ValueError(f"experiment {name!r}: cost {cost!r} must be >= 0")

    def decorator(
        fn: Callable[[Progress], ExperimentResult],
    ) -> Callable[[Progress], ExperimentResult]:
        if name in target:
            raise ValueError(f"experiment {name!r} is registered twice")
        target[name] = Experiment(name, title, source, fn, float(cost))
        return fn

    return decorator


def registered(
    registry: Mapping[str, Experiment] | None = None,
) -> dict[str, Experiment]:
    """Return a copy of the registry, in registration order."""
    return dict(_REGISTRY if registry is None else registry)


def discover(package: str = "sim.experiments") -> list[str]:
    """Import every module of ``package`` so that their experiments register.

    Modules whose names start with ``_`` are skipped.

    Returns:
        The full names of the imported modules.
    """
    pkg = importlib.import_module(package)
    imported = []
    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("_"):
            continue
        full = f"{package}.{info.name}"
        importlib.import_module(full)
        imported.append(full)
    return imported


def select(
    names: Sequence[str] | None, registry: Mapping[str, Experiment] | None = None
) -> list[Experiment]:
    """Return the experiments called ``names`` (all if None), in that order.

    Raises:
        ProtocolError: If a name is not registered or nothing is registered.
    """
    reg = _REGISTRY if registry is None else registry
    if names is None:
        if not reg:
            raise ProtocolError(
                "no experiments are registered; add a module to experiments/"
            )
        return list(reg.values())
    unknown = [n for n in names if n not in reg]
    if unknown:
        hints = []
        for n in unknown:
            close = difflib.get_close_matches(n, list(reg), n=3, cutoff=0.5)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            hints.append(f"{n!r}{hint}")
        known = ", ".join(reg) or "none"
        raise ProtocolError(
            f"unknown experiment {'; '.join(hints)}; registered experiments: {known}"
        )
    return [reg[n] for n in dict.fromkeys(names)]


def check_result(name: str, result: Any) -> None:
    """Raise TypeError/ValueError if an experiment's result breaks the output
    contract (a programming error in the experiment)."""
    if not isinstance(result, ExperimentResult):
        raise TypeError(
            f"experiment {name!r} returned {type(result).__name__}, "
            "not ExperimentResult"
        )
    if not result.curves:
        raise ValueError(f"experiment {name!r} returned no curves")
    lengths = column_lengths(result.curves)
    if len(set(lengths.values())) != 1:
        raise ValueError(f"curves of experiment {name!r} differ in length: {lengths}")
    if not any(_UNIT_COLUMN.match(col) for col in result.curves):
        raise ValueError(
            f"curves of experiment {name!r} need at least one column named "
            f"'Quantity [unit]', got {list(result.curves)}"
        )
    if "figure.png" not in result.figures:
        raise ValueError(f"experiment {name!r} returned no 'figure.png'")
    files = ["curves.csv", *result.figures, *result.tables]
    for file_name in files:
        if Path(file_name).name != file_name or file_name.startswith("."):
            raise ValueError(f"experiment {name!r}: {file_name!r} is not a file name")
    if len(set(files)) != len(files):
        raise ValueError(f"experiment {name!r} has duplicate output files: {files}")
    for table, columns in result.tables.items():
        table_lengths = column_lengths(columns)
        if not columns or len(set(table_lengths.values())) != 1:
            raise ValueError(
                f"table {table!r} of experiment {name!r} has no or unequal "
                f"columns: {table_lengths}"
            )
    for comparison in result.comparisons:
        if not isinstance(comparison, Comparison):
            raise TypeError(f"experiment {name!r} returned a non-Comparison")
