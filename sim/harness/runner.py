"""Running experiments: in this process, or in worker processes (``jobs``).

Every experiment runs to completion or fails on its own: a failure (a solver
error, a full disk, a bug) is reported in one line, recorded in the report and
never stops the others. Worker processes ignore Ctrl-C; the parent stops them,
removes their unfinished output, rewrites the report for what is on disk and
re-raises, so an interrupted run leaves nothing partial. Progress lines carry
the elapsed time and an estimate of the time left, and a heartbeat line
appears when an experiment has said nothing for a while.

With workers, the experiments of one module go to one worker together (they
share simulations) and the longest groups start first; each experiment's
"done" line, with its time and peak memory, appears when its group ends.
"""

from __future__ import annotations

import importlib
import json
import multiprocessing
import signal
import sys
import threading
import time
import warnings
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sim.errors import Interrupted, SimError
from sim.harness import memory
from sim.harness import registry as _registry
from sim.harness.output import (
    RUN_FILE,
    OutputLock,
    close_figures,
    install,
    new_temporary_folder,
    remove,
    sweep_leftovers,
    write_experiment,
)
from sim.harness.registry import Experiment, select
from sim.harness.report import Report, record_failures, write_report

HEARTBEAT_S = 5.0
"""An experiment silent for this long gets a 'still running' line."""


@dataclass
class RunOutcome:
    """What a run did: experiments completed and failed, this run's rows, the
    report now on disk, the wall time and each completed experiment's peak
    resident memory [GB]."""

    completed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    rows: list[dict[str, str]] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    seconds: float = 0.0
    peak_gb: dict[str, float] = field(default_factory=dict)


class _Progress:
    """``progress(fraction, message)`` for one experiment, with a heartbeat."""

    def __init__(self, name: str, stream: TextIO) -> None:
        self.name, self.stream = name, stream
        self.start = self.last = time.monotonic()
        self.fraction, self.message = 0.0, "starting"
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._beat, daemon=True)

    def _line(self, text: str) -> None:
        with self._lock:
            print(f"[{self.name}] {text}", file=self.stream)
            self.stream.flush()

    def _eta(self) -> str:
        elapsed = time.monotonic() - self.start
        if self.fraction < 0.02:
            return f"{elapsed:.1f} s"
        left = elapsed * (1 - self.fraction) / self.fraction
        return f"{elapsed:.1f} s, about {left:.0f} s left"

    def __call__(self, fraction: float, message: str) -> None:
        self.fraction = min(max(float(fraction), 0.0), 1.0)
        self.message, self.last = message, time.monotonic()
        self._line(f"{100 * self.fraction:3.0f}% {message} ({self._eta()})")

    def _beat(self) -> None:
        while not self._stop.wait(1.0):
            if time.monotonic() - self.last >= HEARTBEAT_S:
                self.last = time.monotonic()
                self._line(
                    f"     still running: {self.message} "
                    f"({100 * self.fraction:.0f}% after {self._eta()})"
                )

    def __enter__(self) -> _Progress:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._stop.set()
        self._thread.join()


def quiet_third_party_warnings() -> None:
    """Warnings from the libraries underneath mean nothing to a user reading a
    run's log (e.g. PyBOP's or impedance.py's UserWarnings): silence them."""
    for module in ("pybamm", "pybop", "pints", "impedance", "casadi", "scipy"):
        warnings.filterwarnings("ignore", module=rf"{module}(\.|$)")
    warnings.filterwarnings("ignore", category=DeprecationWarning)


def failure_reason(exc: BaseException) -> str:
    """One line saying why an experiment failed."""
    lines = [" ".join(line.split()) for line in str(exc).splitlines()]
    text = "; ".join(line for line in lines if line) or type(exc).__name__
    if isinstance(exc, SimError):
        return text
    kind = type(exc).__name__
    if kind == "SolverError":
        return f"the solver failed: {text}"
    if isinstance(exc, OSError):
        return f"cannot write its output: {exc.strerror or text}"
    return f"{kind}: {text}"


def execute(exp: Experiment, out_dir: Path, stream: TextIO) -> dict[str, Any]:
    """Run one experiment into a temporary folder (not yet installed).

    Returns ``{"tmp": folder, "rows": comparison rows, "seconds": s}``.
    """
    start = time.monotonic()
    exact = memory.reset_peak()
    print(f"[{exp.name}] start: {exp.title}", file=stream)
    stream.flush()
    tmp = new_temporary_folder(out_dir, exp.name)
    result = None
    try:
        with _Progress(exp.name, stream) as progress:
            result = exp.fn(progress)
        seconds = time.monotonic() - start
        rows = write_experiment(tmp, exp, result, seconds)
    except BaseException:
        remove(tmp)
        raise
    finally:
        if result is not None and hasattr(result, "figures"):
            close_figures(result.figures)
    peak = memory.peak_gb()
    return {
        "tmp": str(tmp),
        "rows": rows,
        "seconds": seconds,
        "peak_gb": peak,
        "peak_exact": exact,
    }


def _init_worker() -> None:
    """Worker processes leave Ctrl-C to the parent and draw off-screen."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import matplotlib

    matplotlib.use("Agg")
    quiet_third_party_warnings()


def _work(module: str, names: Sequence[str], out_dir: str) -> list[dict[str, Any]]:
    """Worker entry point: import the experiments' module, run them in order."""
    importlib.import_module(module)
    results = []
    try:
        for name in names:
            exp = _registry._REGISTRY[name]
            try:
                results.append(execute(exp, Path(out_dir), sys.stderr))
            except Exception as exc:  # reported, never raised across processes
                results.append({"error": failure_reason(exc)})
    finally:
        _release_memory()
    return results


def _release_memory() -> None:
    """Drop the built simulations an experiment left in the protocol cache (the
    next experiment builds its own models) before the worker takes another."""
    import gc

    protocols = sys.modules.get("sim.protocols")
    if protocols is not None:
        protocols.clear_cache()
    gc.collect()


@contextmanager
def _signals_raise() -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`Interrupted` in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise Interrupted(signum)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def _finish(outcome: RunOutcome, out_dir: Path, name: str, done: Mapping) -> None:
    if "error" in done:
        outcome.failed[name] = done["error"]
        return
    install(Path(done["tmp"]), out_dir, name)
    outcome.completed.append(name)
    outcome.peak_gb[name] = done["peak_gb"]
    outcome.rows += done["rows"]


def _run_in_process(exps, out_dir, stream, outcome) -> None:
    for exp in exps:
        try:
            done = execute(exp, out_dir, stream)
        except Exception as exc:
            done = {"error": failure_reason(exc)}
        _report_done(exp, done, stream)
        _finish(outcome, out_dir, exp.name, done)


def _report_done(exp: Experiment, done: Mapping, stream: TextIO) -> None:
    if "error" in done:
        print(f"error: [{exp.name}] failed: {done['error']}", file=stream)
    else:
        bound = "" if done.get("peak_exact", True) else " (process peak, upper bound)"
        print(
            f"[{exp.name}] done in {done['seconds']:.1f} s, peak memory "
            f"{done['peak_gb']:.2f} GB{bound}",
            file=stream,
        )
    stream.flush()


def longest_first(exps: Sequence[Experiment], out_dir: Path) -> list[Experiment]:
    """The experiments ordered by expected run time, longest first: the time
    measured by the previous run in ``out_dir`` (its ``run.json``), else the
    experiment's registered ``cost``. With as many workers as cores, the run
    then ends close to (total time / workers) instead of waiting for a long
    experiment that started last."""
    return sorted(exps, key=lambda e: _expected(e, out_dir), reverse=True)


def _expected(exp: Experiment, out_dir: Path) -> float:
    try:
        record = json.loads((out_dir / exp.name / RUN_FILE).read_text())
        return float(record["seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return exp.cost


def work_groups(exps: Sequence[Experiment], out_dir: Path) -> list[list[Experiment]]:
    """The experiments of one module run together, in one worker and in
    registration order, because they share simulations (a module-level cache,
    e.g. one rate test behind Fig. 7c and Fig. 5b): run apart, two workers
    would each simulate it. Groups come longest first (summed expected time)."""
    groups: dict[str, list[Experiment]] = {}
    for exp in exps:
        groups.setdefault(exp.module, []).append(exp)
    return sorted(
        groups.values(),
        key=lambda g: sum(_expected(e, out_dir) for e in g),
        reverse=True,
    )


def _run_in_workers(exps, out_dir, stream, outcome, jobs: int) -> None:
    groups = work_groups(exps, out_dir)
    if not groups:
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        min(jobs, len(groups)), mp_context=context, initializer=_init_worker
    )
    pending: dict[Future, list[Experiment]] = {
        pool.submit(_work, g[0].module, [e.name for e in g], str(out_dir)): g
        for g in groups
    }
    try:
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                group = pending.pop(future)
                try:
                    results = future.result()
                except Exception as exc:  # the worker process died
                    results = [{"error": f"the worker process died ({exc})"}] * len(
                        group
                    )
                for exp, done in zip(group, results, strict=True):
                    _report_done(exp, done, stream)
                    _finish(outcome, out_dir, exp.name, done)
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def run(
    names: Sequence[str] | None,
    out_dir: str | Path,
    *,
    stream: TextIO | None = None,
    registry: Mapping[str, Experiment] | None = None,
    jobs: int | None = None,
) -> RunOutcome:
    """Run experiments, write their outputs and rebuild the report.

    Args:
        names: Experiments to run, or None for all registered ones.
        out_dir: Output folder; created if needed. Experiments not run keep
            their earlier results there, and the report covers them too.
        stream: Where progress lines go; ``sys.stderr`` by default.
        registry: Registry to use; the global one by default (required with
            ``jobs``, since worker processes import the experiments' modules).
        jobs: None runs in this process; N >= 1 runs in N worker processes.

    Returns:
        What the run did. A failing experiment does not raise: it is listed in
        ``failed`` (and in the report) with its reason.

    Raises:
        ProtocolError: If a name is unknown; raised before anything is written.
        SimError: If the output folder cannot be written or is in use.
        Interrupted: On SIGINT/SIGTERM, after cleaning up.
    """
    reg = _registry._REGISTRY if registry is None else registry
    stream = sys.stderr if stream is None else stream
    experiments = select(names, reg)
    if jobs is not None and (registry is not None or jobs < 1):
        raise ValueError("jobs needs the global registry and must be >= 1")
    out_dir = Path(out_dir)
    outcome, start = RunOutcome(), time.monotonic()
    with OutputLock(out_dir), _signals_raise():
        try:
            if jobs is None:
                _run_in_process(experiments, out_dir, stream, outcome)
            else:
                _run_in_workers(experiments, out_dir, stream, outcome, jobs)
        except (Interrupted, KeyboardInterrupt) as exc:
            signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
            _close_report(out_dir, reg, outcome)
            raise Interrupted(signum, outcome.completed) from None
        _close_report(out_dir, reg, outcome)
    outcome.seconds = time.monotonic() - start
    return outcome


def _close_report(out_dir: Path, reg: Mapping, outcome: RunOutcome) -> None:
    """Remove what unfinished experiments left, record failures and rebuild the
    report for what is on disk (the caller holds the folder's lock)."""
    with _deferred_signals():
        sweep_leftovers(out_dir)
        try:
            record_failures(out_dir, outcome.failed, outcome.completed)
            outcome.report = write_report(out_dir, list(reg.values()))
        except OSError as exc:
            raise SimError(
                f"cannot write the report into {out_dir}: {exc.strerror or exc}; "
                "the experiment folders written so far are complete"
            ) from None


@contextmanager
def _deferred_signals() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while the report is rewritten (it takes ms)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = [signal.SIGINT, signal.SIGTERM]
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
