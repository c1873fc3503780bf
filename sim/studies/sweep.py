"""Run a study: its points in batches, in this process or on Dask, streamed to
the result folder, then the summary and the plots.

    from sim.studies import Study, sweep
    outcome = sweep(Study.from_file("study.toml"), "out", workers=2)

Points are grouped by their structural values (:mod:`sim.studies.evaluate`)
and each group is cut into batches; a batch is one task. With ``workers=1``
and no scheduler the batches run in this process; otherwise on Dask: a
``distributed.LocalCluster`` of ``workers`` single-threaded worker processes,
or the cluster whose scheduler address is given (``tcp://host:8786``, or
``tls://...`` with a ``distributed.security.Security``). A task receives the
study's plain data (never code) and returns plain rows; each worker keeps the
models it built for the next batch of the same study. Finished batches are
written as they arrive, so an interrupted study keeps every finished point and
``resume=True`` computes only the rest.
"""

from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass, field

from sim.studies.axes import StudyError
from sim.studies.evaluate import Evaluator, decide_inputs
from sim.studies.sampling import study_points
from sim.studies.store import StudyStore

MAX_BATCH = 50
SENSITIVITY = ("sobol", "local")


@dataclass
class SweepOutcome:
    """What a sweep did: the table of every point, counts and time."""

    table: object
    computed: int
    failed: int
    seconds: float
    inputs: tuple = ()
    notes: list = field(default_factory=list)
    indices: object = None


_EVALUATORS: dict = {}


def run_batch(study_data, inputs, batch):
    """Run one batch of ``(point id, point)`` pairs: ``(rows, curves)``. This is
    the task a Dask worker runs; it keeps its evaluator for the next batch."""
    from sim.studies.spec import Study

    study = Study.from_dict(study_data)
    key = (study.digest(), tuple(inputs))
    evaluator = _EVALUATORS.get(key)
    if evaluator is None:
        _EVALUATORS.clear()  # one study at a time per worker
        evaluator = _EVALUATORS[key] = Evaluator(study, tuple(inputs))
    rows, curves = [], []
    for pid, point in batch:
        row, curve = evaluator.run(pid, point)
        rows.append(row)
        if curve is not None:
            curves.append(curve)
    return rows, curves


def batches(evaluator_keys, todo, workers, batch_size=None):
    """Batches of ``(id, point)``: the points ordered so that those of one
    structural group are together (each build is reused by the points after
    it), cut into about four batches per worker, at most :data:`MAX_BATCH`
    points each (small groups share a batch: a batch is one task and one
    written part)."""
    groups: dict = {}
    for pid, point in todo:
        groups.setdefault(evaluator_keys(point), []).append((pid, point))
    ordered = [item for members in groups.values() for item in members]
    size = batch_size or max(1, min(MAX_BATCH, math.ceil(len(ordered) / (4 * workers))))
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


class _Progress:
    def __init__(self, total, stream, every=5.0):
        self.total, self.stream, self.every = total, stream, every
        self.done = self.failed = 0
        self.start = self.last = time.monotonic()
        self.tty = bool(getattr(stream, "isatty", lambda: False)())

    def update(self, rows, final=False):
        self.done += len(rows)
        self.failed += sum(r["status"] != "ok" for r in rows)
        now = time.monotonic()
        if not final and now - self.last < (0.5 if self.tty else self.every):
            return
        self.last = now
        rate = self.done / max(now - self.start, 1e-9)
        left = (self.total - self.done) / rate if rate > 0 else math.inf
        line = (
            f"sweep: {self.done}/{self.total} points, {self.failed} failed, "
            f"{rate:.3g} points/s, about {_duration(left)} left"
        )
        end = "\n" if (final or not self.tty) else ""
        print(("\r" if self.tty else "") + line, end=end, file=self.stream, flush=True)


def _duration(s):
    if not math.isfinite(s):
        return "?"
    if s < 90:
        return f"{s:.0f} s"
    if s < 5400:
        return f"{s / 60:.0f} min"
    return f"{s / 3600:.1f} h"


def sweep(
    study,
    out,
    *,
    workers=1,
    scheduler=None,
    security=None,
    resume=False,
    sensitivity=None,
    batch_size=None,
    stream=sys.stderr,
):
    """Run ``study`` into the folder ``out``; return a :class:`SweepOutcome`.

    Args:
        study: A :class:`sim.studies.spec.Study`.
        out: Result folder (see :mod:`sim.studies.store`).
        workers: Worker processes of a local Dask cluster (1 and no scheduler:
            run in this process).
        scheduler: Address of an existing Dask scheduler (used only if given).
        security: A ``distributed.security.Security`` for a ``tls://`` scheduler.
        resume: Continue an interrupted run of the same study in ``out``.
        sensitivity: ``"sobol"``: sample the axes for Sobol indices (the
            study's ``points`` is the base sample size N, a power of two) and
            compute them at the end; ``"local"``: central differences at the
            centre of the axes (:mod:`sim.studies.local`), 2 D + 1 points.
        batch_size: Points per task (default: about four batches per worker).
        stream: Where progress goes.
    """
    start = time.monotonic()
    if (
        not isinstance(workers, int)
        or isinstance(workers, bool)
        or not 1 <= workers <= 256
    ):
        raise StudyError(f"workers = {workers!r}: an integer from 1 to 256")
    if sensitivity is not None and sensitivity not in SENSITIVITY:
        raise StudyError(f"sensitivity = {sensitivity!r}; allowed: {SENSITIVITY}")
    if sensitivity == "local":
        from sim.studies.local import local_points

        points = local_points(study.axes)
        mode = "local"
    elif sensitivity:
        from sim.studies.sensitivity import sobol_points

        if study.sampling == "grid":
            raise StudyError(
                "a Sobol analysis samples the axes itself: set [sampling] method = "
                "'sobol' and points = N (the base sample size, a power of two)"
            )
        points = sobol_points(study.axes, study.points, study.seed)
        mode = "sobol"
    else:
        points = study_points(study)
        mode = "points"
    with StudyStore(
        out, study, mode=mode, n_points=len(points), resume=resume
    ) as store:
        done = store.done()
        todo = [(pid, p) for pid, p in enumerate(points) if pid not in done]
        print(
            f"study {study.name!r}: {len(points)} points ({len(done)} already in "
            f"{out}, {len(todo)} to compute); model {study.model}, set "
            f"{study.parameter_set!r}, protocol {study.protocol['type']}",
            file=stream,
        )
        inputs, notes = (), []
        if todo:
            inputs, notes = decide_inputs(study, [p for _, p in todo])
            for note in notes:
                print(f"  {note}", file=stream)
            keys = Evaluator(study, inputs)
            work = batches(keys.group_key, todo, workers, batch_size)
            progress = _Progress(len(todo), stream)
            if workers == 1 and scheduler is None:
                _run_here(study, inputs, work, store, progress)
            else:
                _run_dask(
                    study, inputs, work, store, progress, workers, scheduler, security
                )
            progress.update([], final=True)
        table = store.table()
        outcome = _report(study, store, table, mode, time.monotonic() - start, stream)
        outcome.inputs, outcome.notes = inputs, notes
        outcome.computed = len(todo)
        print(
            f"sweep: {len(table)} points in {out} ({outcome.failed} failed); "
            f"{outcome.seconds:.1f} s",
            file=stream,
        )
        return outcome


def _run_here(study, inputs, work, store, progress):
    data = study.to_dict()
    for batch in work:
        rows, curves = run_batch(data, inputs, batch)
        store.append(rows, curves)
        progress.update(rows)


def _run_dask(study, inputs, work, store, progress, workers, scheduler, security):
    from distributed import as_completed

    from sim.cluster import dask_client

    data = study.to_dict()
    with dask_client(workers=workers, scheduler=scheduler, security=security) as client:
        futures = [
            client.submit(run_batch, data, list(inputs), b, pure=False) for b in work
        ]
        for future in as_completed(futures):
            rows, curves = future.result()
            store.append(rows, curves)
            progress.update(rows)
            future.release()


def _report(study, store, table, mode, seconds, stream=sys.stderr):
    from sim.studies.report import figures, summary_markdown

    metric_columns = [m.column for m in study.metrics()]
    failed = int((table["status"] != "ok").sum()) if table is not None else 0
    outcome = SweepOutcome(table, 0, failed, seconds)
    indices = None
    if mode == "local":
        from sim.studies.local import local_figure, local_indices

        local = local_indices(study.axes, table, metric_columns)
        store.write_text("local-sensitivity.csv", local.to_csv(index=False))
        _save(store, {"local-sensitivity.png": local_figure(local)})
        outcome.indices = local
    if mode == "sobol":
        from sim.studies.sensitivity import sensitivity_figure, sobol_indices

        # the bootstrap of the confidence intervals is seeded by the study's
        # seed too, so a study's sensitivity.csv is the same at every run
        indices = sobol_indices(
            study.axes, table, metric_columns, study.points, seed=study.seed
        )
        store.write_text("sensitivity.csv", indices.indices.to_csv(index=False))
        for column, why in indices.reasons.items():
            print(f"  no Sobol indices for {column}: {why}", file=stream)
        _save(store, {"sensitivity.png": sensitivity_figure(indices)})
        outcome.indices = indices.indices
    text = summary_markdown(
        study.name,
        study.description,
        study.axes,
        table,
        metric_columns,
        sampling={"sobol": "sobol (Saltelli)", "local": "local (centre +- 1 %)"}.get(
            mode, study.sampling
        ),
        seconds=seconds,
        sensitivity=indices,
    )
    if study.calibrated and table is not None and len(table):
        outside = table["outside calibrated range"].astype(str)
        flagged = int((outside != "").sum())
        ranges = "; ".join(
            f"{n} {lo:g}" + ("" if lo == hi else f" to {hi:g}")
            for n, (lo, hi) in study.calibrated.items()
        )
        text += (
            "\n## Calibrated range\n\n"
            f"The model was calibrated at: {ranges}. {flagged} of {len(table)} "
            "points lie outside it (column 'outside calibrated range' names the "
            "parameters): their numbers extrapolate the calibration.\n"
        )
    if mode == "local":
        text += "\n## Local sensitivities (central differences, +-1 %)\n\n"
        text += "| metric | parameter | centre value | elasticity [-] |\n|---|---|---|---|\n"
        for r in outcome.indices.itertuples(index=False):
            text += f"| {r[0]} | {r[1]} | {r[2]:.4g} | {r[5]:.4g} |\n"
    store.write_text("summary.md", text)
    if mode == "points":
        _save(
            store,
            figures(study.axes, table, metric_columns, grid=study.sampling == "grid"),
        )
    return outcome


def _save(store, figs):
    import matplotlib.pyplot as plt

    from sim.harness.output import write_atomic

    for name, fig in figs.items():
        write_atomic(
            store.folder / name,
            lambda p, fig=fig: fig.savefig(p, format="png", dpi=120),
        )
        plt.close(fig)
