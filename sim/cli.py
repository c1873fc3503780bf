"""Command-line interface: ``sim reproduce``, ``sim list``, ``sim params``,
``sim data`` and ``sim sweep``.

Errors caused by the user (:class:`sim.errors.SimError`) are printed as
``error: <message>`` on stderr without a traceback, with exit status 2.
An interrupt (Ctrl-C) exits with status 130.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sim import __version__
from sim.errors import Interrupted, SimError

EXIT_FAILED = 1
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130


def _cmd_reproduce(args: argparse.Namespace) -> int:
    """Run the registered paper experiments and rebuild the comparison report."""
    start = time.monotonic()
    from sim import harness

    if not args.out.strip():
        raise SimError("--out is empty: give an output folder, e.g. --out results")
    if args.jobs < 1 or args.jobs > 64:
        raise SimError(f"--jobs {args.jobs}: must be an integer from 1 to 64")
    harness.discover()
    out = Path(args.out)
    outcome = harness.run(args.only, out, stream=sys.stderr, jobs=args.jobs)
    report = outcome.report
    print(f"report: {report.summary}")
    failing = sum(r["pass"] != "yes" for r in report.rows)
    if failing:
        print(f"{failing} comparison(s) outside tolerance; see the report for notes")
    if outcome.peak_gb:
        name = max(outcome.peak_gb, key=outcome.peak_gb.get)
        print(
            f"largest peak memory of one experiment: {outcome.peak_gb[name]:.2f} GB "
            f"({name})"
        )
    print(f"report: {out / 'comparison.md'} (as a web page: {out / 'index.html'})")
    print(
        f"ran {len(outcome.completed) + len(outcome.failed)} experiment(s) in "
        f"{outcome.seconds:.1f} s with {args.jobs} worker process(es); total wall "
        f"time {time.monotonic() - start:.1f} s (imports and start-up included)"
    )
    if outcome.failed:
        names = ", ".join(outcome.failed)
        print(
            f"error: {len(outcome.failed)} experiment(s) failed: {names}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    """Print the registered experiments."""
    from sim import harness

    harness.discover()
    experiments = harness.registered()
    if not experiments:
        print("no experiments registered")
        return 0
    width = max(len(name) for name in experiments)
    for exp in experiments.values():
        print(f"{exp.name.ljust(width)}  {exp.title}  [{exp.source}]")
    return 0


def _cmd_params(args: argparse.Namespace) -> int:
    """Print one parameter set as a table, or list the available sets."""
    from sim import parameters

    if args.file is not None:
        from sim.fitting.output import load_fitted
        from sim.parameter_set import ParameterSet

        fitted = load_fitted(args.file)
        if isinstance(fitted, ParameterSet):
            print(fitted.format_table())
        else:  # a PyBaMM set with the fitted values
            for name, value in sorted(fitted.items()):
                print(f"{name}: {value}")
        return 0
    if args.name is None:
        print("available parameter sets:")
        for name in parameters.available():
            print(f"  {name}")
        print("show one with: sim params NAME")
        return 0
    print(parameters.get(args.name).format_table())
    return 0


def _cmd_data(args: argparse.Namespace) -> int:
    """Read a measured-data file, describe it, optionally write the standard CSV."""
    from sim import data
    from sim.data.report import describe

    out = None
    if args.out is not None:
        if not args.out.strip():
            raise SimError("--out is empty: give a CSV file name, e.g. --out run.csv")
        out = Path(args.out)
        if not out.parent.is_dir():
            raise SimError(f"--out {out}: folder {out.parent} does not exist")
        if out.is_dir():
            raise SimError(f"--out {out}: is a folder; give a CSV file name")
        if out.exists() and out.resolve() == Path(args.file).resolve():
            raise SimError(f"--out {out}: is the input file; give another name")
    from sim.data.generic import parse_mapping

    result = data.read(args.file, args.format, mapping=parse_mapping(args.column))
    for line in describe(result):
        print(line)
    if out is not None:
        # write next to the target, then rename: no partial CSV, ever
        tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        try:
            result.to_csv(tmp)
            os.replace(tmp, out)
        except OSError as exc:
            raise SimError(f"cannot write {out}: {exc.strerror or exc}") from None
        finally:
            tmp.unlink(missing_ok=True)
        print(f"wrote: {out}")
    return 0


def _cmd_sweep(args: argparse.Namespace) -> int:
    """Run a design study (a TOML file) into a result folder."""
    from sim.studies.spec import Study
    from sim.studies.sweep import sweep

    if not args.out.strip():
        raise SimError("--out is empty: give an output folder, e.g. --out study-out")
    from sim.cluster import security_from

    security = security_from(
        args.scheduler, args.tls_ca_file, args.tls_cert, args.tls_key
    )
    study = Study.from_file(args.study)
    outcome = sweep(
        study,
        Path(args.out),
        workers=args.workers,
        scheduler=args.scheduler,
        security=security,
        resume=args.resume,
        sensitivity=args.sensitivity,
    )
    if outcome.failed:
        print(
            f"{outcome.failed} point(s) failed; their reasons are in the summary "
            "and the 'reason' column"
        )
    print(f"summary: {Path(args.out) / 'summary.md'}")
    return 0


def _cmd_fit(args: argparse.Namespace) -> int:
    """Fit parameters of a model to measured files."""
    from sim.cluster import security_from
    from sim.data.generic import parse_mapping
    from sim.fitting import command
    from sim.fitting.fit import fit
    from sim.fitting.output import write_fit

    if not args.out.strip():
        raise SimError("--out is empty: give an output folder, e.g. --out fit")
    if args.workers is not None and args.workers < 1:
        raise SimError(f"--workers {args.workers}: give 1 or more")
    security = security_from(
        args.scheduler, args.tls_ca_file, args.tls_cert, args.tls_key
    )
    bounds = dict(command.parse_bounds(t) for t in args.fit)
    options = dict(command.parse_option(t) for t in args.option or [])
    values = command.resolve_values(args.parameters)
    model = command.resolve_model(args.model, options, values)
    noise = command.parse_noise(args.noise, len(args.data))
    mapping = parse_mapping(args.column)
    conditions = [
        dict(command.parse_condition(t) for t in texts)
        for texts in (getattr(args, "conditions", None) or [[] for _ in args.data])
    ]
    datasets = [
        (*command.read_dataset(f, values, control=args.control, mapping=mapping), c)
        for f, c in zip(args.data, conditions, strict=True)
    ]
    for f, (_, protocol, c) in zip(args.data, datasets, strict=True):
        at = "".join(f", {k} = {v:g}" for k, v in c.items())
        print(f"{f}: {type(protocol).__name__}{at}", file=sys.stderr)
    result = fit(
        model,
        values,
        datasets,
        bounds,
        per_cell=args.per_cell or [],
        noise=noise,
        uncertainty=args.uncertainty,
        profile_points=args.profile,
        method=args.method,
        max_iterations=args.max_iterations,
        max_evaluations=args.max_evaluations,
        workers=args.workers,
        scheduler=args.scheduler,
        security=security,
        progress=True,
    )
    write_fit(
        result,
        Path(args.out),
        model_name=args.model,
        # a TOML electrode file is recorded by its absolute path, so that the
        # fitted set reads from any folder
        set_name=(
            str(Path(args.parameters).resolve())
            if args.parameters.lower().endswith(".toml")
            else args.parameters
        ),
        files=args.data,
    )
    edge = result.at_bounds()
    for name, v in result.values.items():
        side = f" (at its {edge[name]} bound)" if name in edge else ""
        print(f"{name} = {v:.6g}{side}")
    for name, vs in result.per_cell.items():
        print(f"{name} = " + ", ".join(f"{v:.6g}" for v in vs) + " (per dataset)")
    for d, f in zip(result.datasets, args.data, strict=True):
        print(f"{f}: RMSE {d['rmse']:.3g} against noise {d['noise']:.3g}")
    print(
        f"{result.evaluations} evaluations in {result.seconds:.1f} s, "
        f"{result.builds} build(s); fit {'acceptable' if result.acceptable else 'NOT acceptable (misfit beyond the noise)'}"
    )
    print(f"report: {Path(args.out) / 'report.md'}")
    return 130 if result.interrupted else 0


def _cluster_arguments(parser):
    """--scheduler and the TLS files, the same for sweeps and fits."""
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on an existing Dask cluster, e.g. tls://host:8786 (used only "
        "when given; see the README for starting a scheduler and workers)",
    )
    parser.add_argument("--tls-ca-file", metavar="FILE", help="TLS CA certificate")
    parser.add_argument("--tls-cert", metavar="FILE", help="TLS client certificate")
    parser.add_argument("--tls-key", metavar="FILE", help="TLS client key")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with all subcommands."""
    parser = _OneLineErrorParser(
        prog="sim",
        description=(
            "Physics-based simulator for Sb/C sodium-ion anodes and composite "
            "polymer electrolytes, built on PyBaMM."
        ),
        epilog="Run 'sim COMMAND --help' for help on one command.",
    )
    parser.add_argument("--version", action="version", version=f"sbc-sim {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_OneLineErrorParser
    )

    reproduce = sub.add_parser(
        "reproduce",
        help="simulate the paper experiments and compare with reported values",
        description=(
            "Simulate the registered paper experiments. For each experiment, "
            "writes DIR/<experiment>/curves.csv and figure.png (plus any extra "
            "tables, its comparison rows and notes), then rebuilds "
            "DIR/comparison.csv and DIR/comparison.md from every experiment "
            "folder in DIR (with --only, the other experiments keep their "
            "earlier results). Experiments run in parallel worker processes. "
            "The exit status is 0 even if some values fall outside their "
            "tolerance (this is a report, not a test); 1 if an experiment "
            "failed (the others are still written); 2 on a user error; 130 "
            "when interrupted (finished experiments are kept, unfinished ones "
            "leave nothing)."
        ),
    )
    reproduce.add_argument(
        "--out",
        metavar="DIR",
        default="results",
        help="output folder (default: %(default)s)",
    )
    reproduce.add_argument(
        "--only",
        metavar="NAME",
        nargs="+",
        help="run only these experiments (see 'sim list'); the report keeps "
        "the other experiments' earlier rows",
    )
    reproduce.add_argument(
        "--jobs",
        metavar="N",
        type=int,
        default=max(1, min(os.cpu_count() or 1, 8)),
        help="worker processes, one experiment each at a time "
        "(default: the number of cores, %(default)s here)",
    )
    reproduce.set_defaults(func=_cmd_reproduce)

    list_ = sub.add_parser(
        "list",
        help="list the registered paper experiments",
        description="List the registered paper experiments: name, title, source.",
    )
    list_.set_defaults(func=_cmd_list)

    params = sub.add_parser(
        "params",
        help="show a parameter set with units and sources",
        description=(
            "Print the parameter set NAME as a table of name, value, unit and "
            "source. Without NAME, list the available parameter sets."
        ),
    )
    params.add_argument(
        "name",
        metavar="NAME",
        nargs="?",
        help="parameter set name, case-insensitive (e.g. SbQD@C)",
    )
    params.add_argument(
        "--file",
        metavar="FILE",
        help="show a fitted set (the fitted-set.json an earlier sim fit wrote)",
    )
    params.set_defaults(func=_cmd_params)

    from sim.data.formats import FORMATS

    data = sub.add_parser(
        "data",
        help="read a measured cycler file: gaps, segments, per-cycle capacity",
        description=(
            "Read a measured-data file (BioLogic .mpr/.mpt, Neware .nda/.ndax, "
            "Arbin .res/.xlsx/.csv, Landt/LANHE .xlsx, CSV/TSV with 'Name [unit]' "
            "columns) and print the instrument, rows, duration, logging gaps, "
            "detected segments and protocols and the per-cycle charge and "
            "discharge capacity. With --out, also write the standard columns "
            "(PyBaMM's sign: discharge current > 0) to a CSV file. The binary "
            "formats and .xlsx need the optional 'data' extra: "
            'pip install -e ".[data]". An unknown, truncated or corrupt file is '
            "one error line, exit status 2, and nothing is written."
        ),
    )
    data.add_argument("file", metavar="FILE", help="the measured-data file")
    data.add_argument(
        "--format",
        metavar="NAME",
        choices=list(FORMATS),
        help="read as this format (default: from the extension and contents): "
        + ", ".join(FORMATS),
    )
    data.add_argument(
        "--column",
        action="append",
        metavar="STANDARD=COLUMN[*FACTOR]",
        help="read a CSV/TSV with other column names: the standard column "
        "(e.g. 'Current [A]') is the file's COLUMN times FACTOR, which carries "
        "the unit and the sign (repeat for each column), e.g. --column "
        "'Time [s]=time/s' --column 'Voltage [V]=Ewe/V' --column "
        "'Current [A]=I/mA*-1e-3'",
    )
    data.add_argument(
        "--out", metavar="CSV", help="write the standard columns to this CSV file"
    )
    data.set_defaults(func=_cmd_data)

    sweep = sub.add_parser(
        "sweep",
        help="run a design study: vary parameters, record metrics",
        description=(
            "Run the design study STUDY (a TOML file: model, parameter set, "
            "protocol, parameters to vary, sampling, metrics; see "
            "experiments/studies/ for ready ones). Writes DIR/points/*.parquet "
            "(one row per point: its values, metrics, status, failure reason, "
            "seconds) as points finish, then DIR/summary.md and the plots. "
            "Parameters that can be solve-time inputs are: the model is built "
            "once per combination of the others. A failed point is recorded "
            "with its reason and never stops the study. An interrupted study "
            "continues with --resume. Exit status: 0 when the study ran (even "
            "with failed points), 2 on a user error, 130 when interrupted."
        ),
    )
    sweep.add_argument("study", metavar="STUDY", help="the study file (.toml)")
    sweep.add_argument(
        "--out",
        metavar="DIR",
        default="study-results",
        help="result folder (default: %(default)s)",
    )
    sweep.add_argument(
        "--workers",
        metavar="N",
        type=int,
        default=1,
        help="worker processes of a local Dask cluster (default 1: run in "
        "this process)",
    )
    _cluster_arguments(sweep)
    sweep.add_argument(
        "--resume",
        action="store_true",
        help="compute only the points missing from DIR (same study)",
    )
    sweep.add_argument(
        "--sensitivity",
        choices=["sobol", "local"],
        help="sobol: Sobol indices of every metric (SALib), the points a Saltelli "
        "sample of N (the study's points, a power of two) x (parameters + 2); "
        "local: elasticities by central differences (+-1 %%) at the centre of "
        "the parameters' ranges, 2 x parameters + 1 points (a cheap first look)",
    )
    sweep.set_defaults(func=_cmd_sweep)

    fit = sub.add_parser(
        "fit",
        help="fit model parameters to measured files (PyBOP)",
        description=(
            "Fit parameters of MODEL (a project model, or PyBaMM's as pybamm:DFN "
            "with --option KEY=VALUE) with the values of SET (a project set, a "
            "PyBaMM set such as Xu2019, or a fitted-set.json) to one or more "
            "measured FILEs (any format 'sim data' reads), all at once: each "
            "file's protocol is detected and simulated as measured, the voltage "
            "(the current of a CV, Z_re and Z_im of a spectrum) compared at the "
            "measured times (frequencies), each file "
            "weighted by its noise. Writes DIR/fitted.json, report.md, fit.png, "
            "fitted-set.json (and posterior.png with --uncertainty)."
        ),
    )
    fit.add_argument("--model", required=True, metavar="MODEL")
    fit.add_argument("--parameters", required=True, metavar="SET")
    fit.add_argument("--data", required=True, action=_DataFile, metavar="FILE")
    fit.add_argument(
        "--condition",
        action=_DataCondition,
        metavar="NAME=VALUE",
        help="a fixed value of the --data FILE before it (repeat for more), e.g. "
        "the start state of a spectrum measured at rest at 0.5 V after a "
        "sodiation: --condition 'Initial voltage [V]=0.5' --condition 'Start on "
        "sodiation branch=1'",
    )
    fit.add_argument(
        "--fit",
        required=True,
        action="append",
        metavar="NAME=LOW:HIGH",
        help="a parameter to fit and its bounds (repeat for more)",
    )
    fit.add_argument(
        "--per-cell",
        action="append",
        metavar="NAME",
        help="fit this parameter once per file (e.g. the active mass)",
    )
    fit.add_argument("--option", action="append", metavar="KEY=VALUE")
    fit.add_argument(
        "--column",
        action="append",
        metavar="STANDARD=COLUMN[*FACTOR]",
        help="the column mapping of CSV/TSV --data files with other column "
        "names (as in `sim data --column`; applies to every --data file)",
    )
    fit.add_argument(
        "--control",
        choices=("auto", "steps", "measured"),
        default="auto",
        help="how a file is simulated: auto (default) as its detected ideal "
        "steps, sweeps, pulses or spectrum where these describe it, else "
        "driven by its own logged current (or voltage, for sweeps and holds); "
        "steps: ideal protocols only (a file they do not describe is refused); "
        "measured: always its own logged current or voltage",
    )
    fit.add_argument(
        "--noise",
        action="append",
        metavar="SIGMA",
        help="the noise standard deviation of the compared values (V, A or "
        "Ohm): once for every file, or once per --data in order; 'auto' "
        "estimates it from the file (default)",
    )
    fit.add_argument(
        "--uncertainty",
        action="store_true",
        help="standard deviations, correlations and identifiability",
    )
    fit.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="with --uncertainty: the cost at N values of each parameter over "
        "its bounds, the others at the optimum (N solves per parameter; shown "
        "in posterior.png); 0, the default, for none",
    )
    fit.add_argument(
        "--method",
        choices=("global", "local"),
        default="global",
        help="global: PyBOP's XNES, then least squares from its best point "
        "(default); local: least squares from the set's values only",
    )
    fit.add_argument(
        "--max-iterations",
        type=int,
        default=50,
        metavar="N",
        help="generations of the global search (default 50)",
    )
    fit.add_argument(
        "--max-evaluations",
        type=int,
        default=300,
        metavar="N",
        help="solves of the least-squares stage (default 300)",
    )
    fit.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="evaluate the global search's population on N local worker "
        "processes (Dask); default: in this process",
    )
    _cluster_arguments(fit)
    fit.add_argument("--out", default="fit", metavar="DIR")
    fit.set_defaults(func=_cmd_fit)
    return parser


def _interrupted(exc) -> int:
    """One line on what an interrupted run completed; exit 128 + signal."""
    done = ", ".join(exc.completed) or "none"
    print(
        f"interrupted by {exc}: stopped cleanly; experiments completed: {done}",
        file=sys.stderr,
    )
    return 128 + int(exc.signum)


def _print_error(exc: SimError) -> None:
    """Print a user error as one line: ``error: <message>`` (several problems
    are joined with '; ')."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    print(f"error: {'; '.join(lines) or type(exc).__name__}", file=sys.stderr)


class _DataFile(argparse.Action):
    """``--data FILE``: appended to ``args.data``, with an empty list of its
    own ``--condition`` values in ``args.conditions``."""

    def __call__(self, parser, namespace, values, option_string=None):
        namespace.data = [*(getattr(namespace, "data", None) or []), values]
        namespace.conditions = [*(getattr(namespace, "conditions", None) or []), []]


class _DataCondition(argparse.Action):
    """``--condition NAME=VALUE``: belongs to the last ``--data`` before it."""

    def __call__(self, parser, namespace, values, option_string=None):
        conditions = getattr(namespace, "conditions", None)
        if not conditions:
            parser.error(
                f"--condition {values!r} comes before any --data: give it after "
                "the --data FILE it belongs to"
            )
        conditions[-1].append(values)


class _OneLineErrorParser(argparse.ArgumentParser):
    """argparse prints usage plus the error; print one line and how to get help."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"error: {message} (see '{self.prog} --help')\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``).

    Returns:
        The exit status: 0 on success, 2 on a user error, 130 on interrupt.
    """
    import matplotlib

    matplotlib.use("Agg")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version or a usage error
        if exc.code is None:
            return 0
        return exc.code if isinstance(exc.code, int) else EXIT_USER_ERROR
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USER_ERROR
    try:
        return args.func(args)
    except SimError as exc:
        _print_error(exc)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Interrupted as exc:
        return _interrupted(exc)
    except BrokenPipeError:  # output piped into e.g. `head`, which closed early
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
