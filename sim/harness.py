"""Registry and runner of simulated paper experiments.

An experiment reproduces one figure or table of a paper. It is a function
``fn(progress) -> ExperimentResult`` registered with :func:`register`, living
in a module of the top-level :mod:`experiments` package::

    from sim.harness import Comparison, ExperimentResult, register

    @register("paper2024_fig2", title="Paper 2024, Fig. 2", source="Paper2024")
    def fig2(progress):
        progress(0.0, "simulating")
        ...
        return ExperimentResult(curves=..., figures={"figure.png": fig},
                                comparisons=[Comparison(...)])

:func:`discover` imports every module of :mod:`experiments` so that their
decorators run; :func:`run` executes experiments and writes, per experiment,
``<out>/<name>/curves.csv``, its figures and extra tables, and finally
``<out>/comparison.csv`` and ``<out>/comparison.md``. Output appears only
once complete: each experiment is written to a temporary directory that is
moved into place after it succeeded.
"""

from __future__ import annotations

import difflib
import importlib
import math
import numbers
import os
import pkgutil
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np

from sim.errors import ProtocolError, SimError
from sim.io import column_lengths, write_csv

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Progress = Callable[[float, str], None]
"""``progress(fraction, message)``: report that ``fraction`` (0..1) is done."""

COMPARISON_COLUMNS = (
    "experiment",
    "quantity",
    "reported",
    "simulated",
    "unit",
    "tolerance",
    "pass",
    "basis",
    "source",
)
"""Columns of ``comparison.csv`` and of the table in ``comparison.md``."""

BASES = {
    "predicted": "the simulation was not told this number",
    "fitted": "a parameter was fitted to this number (alone or with others)",
    "input": "the number is a parameter of the model, read back by a simulated "
    "measurement (checks the measurement chain, not the physics)",
    "check": "a consistency check (between reported numbers, or of the simulation "
    "against itself), not a reproduction",
}
"""What a comparison row's agreement means; the summary counts predictions apart."""

_UNIT_COLUMN = re.compile(r"^.+ \[.+\]$")
_RELATIVE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*%\s*$")
_FACTOR = re.compile(r"^\s*x\s*(\d+(?:\.\d*)?|\.\d+)\s*$")


def _is_number(value: Any) -> bool:
    """Return True for real numbers (including NumPy scalars), False for bools."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_bool(value: Any) -> bool:
    """Return True for Python and NumPy booleans."""
    return isinstance(value, bool | np.bool_)


def _fmt(value: Any) -> str:
    """Format a reported or simulated value for the comparison tables."""
    if _is_bool(value):
        return "true" if value else "false"
    if _is_number(value):
        return f"{float(value):.4g}"
    return str(value)


@dataclass
class Comparison:
    """A number or claim reported in a paper next to its simulated counterpart.

    Attributes:
        quantity: What is compared, e.g. ``"capacity after 5 cycles"``.
        reported: The paper's number, or for a qualitative claim a string
            describing the claim.
        simulated: The simulated number; for a claim a bool (whether the
            simulation shows it) or a string that must equal ``reported``
            (case-insensitive).
        unit: Unit of ``reported``/``simulated``; ``"-"`` if dimensionless.
        tolerance: Absolute tolerance in ``unit`` (float), relative tolerance
            as a string like ``"10%"`` (of ``reported``), a factor as a string
            like ``"x1.5"`` (``reported/1.5 <= simulated <= 1.5 reported``, for
            quantities known only to their order of magnitude), or None for a
            claim.
        source: Where in the paper the reported value is, e.g. ``"Fig. 5a"``.
        experiment: Name of the experiment; set by :func:`run`.
        basis: One of :data:`BASES`: ``"predicted"`` (default), ``"fitted"``,
            ``"input"`` or ``"check"``.

    Raises:
        ValueError: On an invalid tolerance, or a numeric tolerance with a
            non-numeric reported value (programming errors).
    """

    quantity: str
    reported: Any
    simulated: Any
    unit: str
    tolerance: float | str | None
    source: str
    experiment: str = ""
    basis: str = "predicted"

    def __post_init__(self) -> None:
        """Check the basis, and that the tolerance fits the kind of comparison."""
        if self.basis not in BASES:
            raise ValueError(
                f"basis {self.basis!r} of {self.quantity!r}: must be one of "
                f"{sorted(BASES)}"
            )
        tol = self.tolerance
        if tol is None:
            if not (_is_bool(self.simulated) or isinstance(self.simulated, str)):
                raise ValueError(
                    f"claim {self.quantity!r} (tolerance None) needs a bool or str "
                    f"simulated value, got {self.simulated!r}"
                )
            return
        if isinstance(tol, str):
            factor = _FACTOR.match(tol)
            if not (_RELATIVE.match(tol) or (factor and float(factor.group(1)) >= 1)):
                raise ValueError(
                    f"tolerance {tol!r} of {self.quantity!r} is not like '10%' or "
                    "'x1.5' (a factor >= 1)"
                )
        elif not _is_number(tol) or not tol >= 0:
            raise ValueError(
                f"tolerance of {self.quantity!r} must be a number >= 0, "
                f"a string like '10%' or None, got {tol!r}"
            )
        if not _is_number(self.reported):
            raise ValueError(
                f"{self.quantity!r} has a numeric tolerance but reported value "
                f"{self.reported!r} is not a number"
            )

    @property
    def passed(self) -> bool:
        """Whether the simulation reproduces the reported value or claim."""
        if self.tolerance is None:
            if isinstance(self.simulated, str):
                return (
                    self.simulated.strip().lower() == str(self.reported).strip().lower()
                )
            return bool(self.simulated)
        if not _is_number(self.simulated) or not math.isfinite(float(self.simulated)):
            return False
        error = abs(float(self.simulated) - float(self.reported))
        factor = isinstance(self.tolerance, str) and _FACTOR.match(self.tolerance)
        if factor:
            k, ref, sim = (
                float(factor.group(1)),
                float(self.reported),
                float(self.simulated),
            )
            if ref <= 0 or sim <= 0:
                return False
            return ref / k <= sim <= ref * k
        if isinstance(self.tolerance, str):
            fraction = float(_RELATIVE.match(self.tolerance).group(1)) / 100
            return error <= fraction * abs(float(self.reported))
        return error <= float(self.tolerance)

    def tolerance_text(self) -> str:
        """Return the tolerance as ``"±0.05"``, ``"±10%"`` or ``"claim"``."""
        if self.tolerance is None:
            return "claim"
        if isinstance(self.tolerance, str):
            text = self.tolerance.strip().replace(" ", "")
            return f"×/÷{text[1:]}" if _FACTOR.match(text) else "±" + text
        return f"±{float(self.tolerance):.4g}"

    def as_row(self) -> dict[str, str]:
        """Return the comparison as strings keyed by :data:`COMPARISON_COLUMNS`.

        ``pass`` is ``"yes"`` or ``"no"``.
        """
        return {
            "experiment": self.experiment,
            "quantity": self.quantity,
            "reported": _fmt(self.reported),
            "simulated": _fmt(self.simulated),
            "unit": self.unit,
            "tolerance": self.tolerance_text(),
            "pass": "yes" if self.passed else "no",
            "basis": self.basis,
            "source": self.source,
        }


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


_REGISTRY: dict[str, Experiment] = {}


def register(
    name: str,
    *,
    title: str,
    source: str,
    registry: dict[str, Experiment] | None = None,
) -> Callable[[Callable[[Progress], ExperimentResult]], Callable]:
    """Register ``fn(progress) -> ExperimentResult`` as experiment ``name``.

    Args:
        name: Unique name, also the output folder name, e.g. ``"qiu2021_fig5a"``.
        title: Heading in ``comparison.md``, e.g. ``"Qiu 2021, Fig. 5a"``.
        source: Citation of the paper the experiment reproduces.
        registry: Registry to add to; the global one by default.

    Returns:
        A decorator returning the function unchanged.

    Raises:
        ValueError: If ``name`` is already registered or not a valid folder name.
    """
    target = _REGISTRY if registry is None else registry
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", name):
        raise ValueError(f"experiment name {name!r} is not a valid folder name")

    def decorator(
        fn: Callable[[Progress], ExperimentResult],
    ) -> Callable[[Progress], ExperimentResult]:
        if name in target:
            raise ValueError(f"experiment {name!r} is registered twice")
        target[name] = Experiment(name, title, source, fn)
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


def _check_result(name: str, result: Any) -> None:
    """Raise ValueError if an experiment's result breaks the output contract."""
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


def _remove(path: Path) -> None:
    """Delete a file or directory tree if it exists."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _close(figures: Mapping[str, Any]) -> None:
    """Close matplotlib figures to free their memory."""
    import matplotlib.pyplot as plt

    for fig in figures.values():
        plt.close(fig)


def _run_one(
    exp: Experiment, out_dir: Path, stream: TextIO
) -> tuple[list[Comparison], str]:
    """Run one experiment into a temporary folder and move it into place.

    Returns:
        The comparisons (with ``experiment`` set) and the notes.
    """
    start = time.monotonic()

    def progress(fraction: float, message: str) -> None:
        pct = 100 * min(max(float(fraction), 0.0), 1.0)
        elapsed = time.monotonic() - start
        print(f"[{exp.name}] {pct:3.0f}% {message} ({elapsed:.1f} s)", file=stream)
        stream.flush()

    print(f"[{exp.name}] start: {exp.title}", file=stream)
    stream.flush()
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{exp.name}-", dir=out_dir))
    _chmod_default(tmp, directory=True)  # mkdtemp makes 0700; results are shared
    result: ExperimentResult | None = None
    try:
        result = exp.fn(progress)
        _check_result(exp.name, result)
        write_csv(tmp / "curves.csv", result.curves)
        for file_name, fig in result.figures.items():
            fig.savefig(tmp / file_name, dpi=150)
        for file_name, columns in result.tables.items():
            write_csv(tmp / file_name, columns)
        final = out_dir / exp.name
        old = None
        if final.exists() or final.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".old-{exp.name}-", dir=out_dir))
            os.replace(final, old / exp.name)
        os.replace(tmp, final)
        if old is not None:
            _remove(old)
    finally:
        _remove(tmp)
        if isinstance(result, ExperimentResult):
            _close(result.figures)
    comparisons = [replace(c, experiment=exp.name) for c in result.comparisons]
    elapsed = time.monotonic() - start
    print(f"[{exp.name}] done in {elapsed:.1f} s -> {out_dir / exp.name}", file=stream)
    stream.flush()
    return comparisons, result.notes


def summary_line(comparisons: Sequence[Comparison]) -> str:
    """Return ``"N of M reported numbers reproduced within tolerance (K of P
    predictions)"``: the rows whose basis is ``"predicted"`` are counted apart,
    since agreement with a fitted or input number says less."""
    n_pass = sum(c.passed for c in comparisons)
    predicted = [c for c in comparisons if c.basis == "predicted"]
    k = sum(c.passed for c in predicted)
    return (
        f"{n_pass} of {len(comparisons)} reported numbers reproduced within tolerance"
        f" ({k} of {len(predicted)} predictions)"
    )


def _md_cell(text: str) -> str:
    """Escape a string for a markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(
    experiments: Sequence[Experiment],
    results: Mapping[str, tuple[list[Comparison], str]],
    subset: bool,
) -> str:
    """Render the comparison report as markdown."""
    all_comparisons = [c for comps, _ in results.values() for c in comps]
    lines = ["# Reproduction report", ""]
    lines.append(
        "Reported values from the papers next to simulated ones, "
        "written by `sim reproduce`."
    )
    if subset:
        names = ", ".join(f"`{e.name}`" for e in experiments)
        lines.append(f"Only these experiments were run (`--only`): {names}.")
    lines += ["", f"**{summary_line(all_comparisons)}.**", ""]
    header = "| " + " | ".join(COMPARISON_COLUMNS) + " |"
    rule = "|" + "|".join("---" for _ in COMPARISON_COLUMNS) + "|"
    for exp in experiments:
        comparisons, notes = results[exp.name]
        lines += [f"## {exp.title} (`{exp.name}`)", "", f"Source: {exp.source}", ""]
        if notes.strip():
            lines += [notes.strip(), ""]
        if comparisons:
            lines += [header, rule]
            for c in comparisons:
                row = c.as_row()
                cells = [_md_cell(row[col]) for col in COMPARISON_COLUMNS]
                lines.append("| " + " | ".join(cells) + " |")
        else:
            lines.append("No reported values to compare.")
        lines.append("")
    return "\n".join(lines)


def _chmod_default(path: Path, *, directory: bool) -> None:
    """Give a temporary file or folder the permissions a plain ``open``/``mkdir``
    would (0666/0777 less the umask), since it becomes a user-visible result."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, (0o777 if directory else 0o666) & ~umask)


def _write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write ``path`` via a temporary file in the same folder, then rename."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".tmp-{path.name}-", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    _chmod_default(tmp, directory=False)  # mkstemp makes 0600
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        _remove(tmp)


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


def run(
    names: Sequence[str] | None,
    out_dir: str | Path,
    *,
    stream: TextIO | None = None,
    registry: Mapping[str, Experiment] | None = None,
) -> list[Comparison]:
    """Run experiments and write their outputs and the comparison report.

    Args:
        names: Experiments to run, or None for all registered ones.
        out_dir: Output folder; created if needed.
        stream: Where progress lines go; ``sys.stderr`` by default.
        registry: Registry to use; the global one by default.

    Returns:
        All comparisons of the experiments run.

    Raises:
        ProtocolError: If a name is unknown; raised before anything is written.
        SimError: If ``out_dir`` cannot be created.
        Exception: Whatever an experiment raises; its temporary output is
            removed and no comparison files are written.
    """
    reg = _REGISTRY if registry is None else registry
    stream = sys.stderr if stream is None else stream
    experiments = select(names, reg)
    subset = names is not None and [e.name for e in experiments] != list(reg)
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SimError(f"cannot create output folder {out_dir}: {exc}") from None
    results: dict[str, tuple[list[Comparison], str]] = {}
    for exp in experiments:
        results[exp.name] = _run_one(exp, out_dir, stream)
    comparisons = [c for comps, _ in results.values() for c in comps]
    columns = {
        col: [c.as_row()[col] for c in comparisons] for col in COMPARISON_COLUMNS
    }
    _write_atomic(out_dir / "comparison.csv", lambda p: write_csv(p, columns))
    report = _markdown(experiments, results, subset)
    _write_atomic(
        out_dir / "comparison.md", lambda p: p.write_text(report, encoding="utf-8")
    )
    return comparisons
