"""A design study: what to vary, on which model, under which protocol, and what
to record. A study is a small TOML file, or the same data as a Python dict:

    [study]
    name = "SbQD@C capacity vs dot radius"
    description = "..."                       # optional
    model = "SbCarbonHalfCell"                # a model of this project
    parameter_set = "SbQD@C"                  # sim params lists them
    fixed = {"Negative electrode active material loading [mg.cm-2]" = 0.8}
    calibrated = {"Filler loading [wt%]" = [0.0, 10.0]}   # optional: flags points

    [protocol]
    type = "GalvanostaticCycling"             # a protocol of sim.protocols
    specific_current = 1.0                    # its fields, in the papers' units
    cycles = 1

    [sampling]
    method = "grid"                           # grid | latin hypercube | sobol
    points = 64                               # (latin hypercube, sobol)
    seed = 1

    [[parameters]]                            # the axes: sim.studies.axes
    name = "Sb quantum dot radius [m]"
    range = [1.5e-9, 5e-8]
    points = 5
    scale = "log"

    [[metrics]]                               # sim.studies.metrics
    name = "capacity"
    kind = "capacity"
    direction = "charge"

A study file is data: it is parsed with ``tomllib`` and nothing in it is
evaluated. :meth:`Study.to_dict` gives the plain data that is sent to workers
and whose hash identifies the study in its result folder (``--resume``).
"""

from __future__ import annotations

import hashlib
import json
import math
import tomllib
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path

from sim.studies.axes import Axis, StudyError, axis_from_table
from sim.studies.metrics import _is_number as _finite_number

SAMPLING = ("grid", "latin hypercube", "sobol")
MAX_POINTS = 1_000_000
SECTIONS = {"study", "protocol", "sampling", "parameters", "metrics", "curves"}


def models() -> dict:
    """The project's models by name (the ``pybamm_models`` entry points)."""
    found = {}
    for ep in entry_points(group="pybamm_models"):
        if ep.value.startswith("sim."):
            found[ep.name] = ep
    return found


def protocols() -> dict:
    """The protocol types a study can run, by class name."""
    import dataclasses

    import sim.protocols as p
    from sim.protocols.contract import _RUNNERS

    return {
        t.__name__: t
        for t in _RUNNERS
        if dataclasses.is_dataclass(t) and getattr(p, t.__name__, None) is t
    }


def _table(data, key, required=True) -> dict:
    value = data.get(key)
    if value is None:
        if required:
            raise StudyError(f"the study has no [{key}] table")
        return {}
    if not isinstance(value, dict):
        raise StudyError(f"[{key}] must be a table, got {value!r}")
    return value


def _keys(table, what, allowed):
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        raise StudyError(
            f"{what}: unknown key(s) {unknown}; allowed: {sorted(allowed)}"
        )


def _tupled(value):
    if isinstance(value, list):
        return tuple(_tupled(v) for v in value)
    return value


@dataclass
class Study:
    """A parsed, checked study (see the module docstring for the file).

    Attributes:
        name, description: Text.
        model: Model name (a key of :func:`models`).
        model_options: Options passed to the model (default: the set's own).
        parameter_set: Parameter set name.
        fixed: Parameter values applied to every point.
        calibrated: Parameter name -> (low, high) of the range the model was
            calibrated on; points outside are flagged.
        protocol: Protocol type name and its fields.
        sampling: ``"grid"``, ``"latin hypercube"`` or ``"sobol"``.
        points: Number of points (latin hypercube, sobol).
        seed: Seed of the sampler.
        axes: The varied parameters.
        metric_tables: The metrics' tables (built by :meth:`metrics`).
        curves: Columns of each point's full curves to store (empty: none).
    """

    name: str
    model: str
    parameter_set: str
    protocol: dict
    axes: list[Axis]
    metric_tables: list[dict]
    description: str = ""
    model_options: dict | None = None
    fixed: dict = field(default_factory=dict)
    calibrated: dict = field(default_factory=dict)
    sampling: str = "grid"
    points: int | None = None
    seed: int = 0
    curves: tuple = ()
    source: dict = field(default_factory=dict, repr=False)

    # -- reading ----------------------------------------------------------------

    @classmethod
    def from_file(cls, path) -> Study:
        """Read and check a study TOML file."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise StudyError(f"study file {path} does not exist") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise StudyError(f"cannot read study file {path}: {exc}") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise StudyError(f"study file {path} is not valid TOML: {exc}") from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data) -> Study:
        """Check the data of a study (the parsed TOML) and return the Study."""
        if not isinstance(data, dict):
            raise StudyError("a study is a table (dict) of [study], [protocol], ...")
        _keys(data, "the study file", SECTIONS)
        head = _table(data, "study")
        _keys(
            head,
            "[study]",
            {
                "name",
                "description",
                "model",
                "model_options",
                "parameter_set",
                "fixed",
                "calibrated",
            },
        )
        name = head.get("name")
        if not isinstance(name, str) or not name.strip():
            raise StudyError("[study] needs name = '...'")
        known = models()
        model = head.get("model")
        if model not in known:
            raise StudyError(f"[study] model = {model!r}; models: {sorted(known)}")
        pset = head.get("parameter_set")
        from sim import parameters

        if not isinstance(pset, str):
            raise StudyError(
                f"[study] needs parameter_set = '...'; sets: {parameters.available()}"
            )
        ps = parameters.get(pset)  # ParameterError with close matches
        fixed = head.get("fixed", {})
        if not isinstance(fixed, dict):
            raise StudyError("[study] fixed must be a table of name = value")
        calibrated = {}
        for k, v in dict(head.get("calibrated", {})).items():
            if not (
                isinstance(v, list)
                and len(v) == 2
                and all(_finite_number(x) for x in v)
            ):
                raise StudyError(f"[study] calibrated {k!r} must be [low, high]")
            calibrated[k] = (float(v[0]), float(v[1]))
        options = head.get("model_options")
        if options is not None and not isinstance(options, dict):
            raise StudyError("[study] model_options must be a table")

        protocol = dict(_table(data, "protocol"))
        kinds = protocols()
        if protocol.get("type") not in kinds:
            raise StudyError(
                f"[protocol] type = {protocol.get('type')!r}; protocols: "
                f"{sorted(kinds)}"
            )

        sampling = _table(data, "sampling", required=False)
        _keys(sampling, "[sampling]", {"method", "points", "seed"})
        method = sampling.get("method", "grid")
        if method not in SAMPLING:
            raise StudyError(f"[sampling] method = {method!r}; allowed: {SAMPLING}")
        points = sampling.get("points")
        if method != "grid":
            if isinstance(points, bool) or not isinstance(points, int):
                raise StudyError(f"[sampling] {method} needs points = N (an integer)")
            if not 1 <= points <= MAX_POINTS:
                raise StudyError(f"[sampling] points = {points}: 1 to {MAX_POINTS}")
        elif points is not None:
            raise StudyError(
                "[sampling] a grid takes its points from the parameters' values; "
                "remove points = ... or choose method = 'latin hypercube' or 'sobol'"
            )
        seed = sampling.get("seed", 0)
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise StudyError(f"[sampling] seed = {seed!r}: a non-negative integer")

        tables = data.get("parameters")
        if not isinstance(tables, list) or not tables:
            raise StudyError("the study needs at least one [[parameters]] entry")
        axes = [axis_from_table(t) for t in tables]
        names = [n for a in axes for n in (a.name, *a.also)]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise StudyError(f"parameter(s) {dup} are varied twice")
        unknown = [n for n in [*names, *fixed, *calibrated] if n not in ps]
        if unknown:
            raise StudyError(ps._unknown_message(unknown))
        both = sorted(set(names) & set(fixed))
        if both:
            raise StudyError(f"parameter(s) {both} are both varied and fixed")
        if method == "grid":
            lists = [a.name for a in axes if not a.is_list]
            if lists:
                raise StudyError(
                    f"a grid needs values or a range for every parameter; {lists} "
                    "have distributions: use method = 'latin hypercube' or 'sobol'"
                )

        metric_tables = data.get("metrics")
        if not isinstance(metric_tables, list) or not metric_tables:
            raise StudyError("the study needs at least one [[metrics]] entry")
        curves = data.get("curves", {})
        curves = _table(data, "curves", required=False)
        _keys(curves, "[curves]", {"columns"})
        columns = curves.get("columns", [])
        if not isinstance(columns, list) or not all(
            isinstance(c, str) for c in columns
        ):
            raise StudyError("[curves] columns must be a list of column names")

        study = cls(
            name=name.strip(),
            description=str(head.get("description", "")),
            model=model,
            model_options=options,
            parameter_set=pset,
            fixed=dict(fixed),
            calibrated=calibrated,
            protocol=protocol,
            sampling=method,
            points=points,
            seed=seed,
            axes=axes,
            metric_tables=[dict(t) for t in metric_tables],
            curves=tuple(columns),
            source=json.loads(json.dumps(data)),
        )
        study.make_protocol()  # the protocol's own checks
        study.metrics()  # the metrics' checks
        n = study.size()
        if n > MAX_POINTS:
            raise StudyError(f"the study has {n} points; at most {MAX_POINTS}")
        return study

    # -- what it builds ---------------------------------------------------------

    def make_protocol(self):
        """The protocol object (its fields checked by the protocol itself)."""
        import dataclasses

        from sim.errors import SimError

        kind = protocols()[self.protocol["type"]]
        fields = {f.name for f in dataclasses.fields(kind)}
        given = {k: _tupled(v) for k, v in self.protocol.items() if k != "type"}
        unknown = sorted(set(given) - fields)
        if unknown:
            raise StudyError(
                f"[protocol] {kind.__name__} has no field(s) {unknown}; fields: "
                f"{sorted(fields)}"
            )
        try:
            return kind(**given)
        except TypeError as exc:
            raise StudyError(f"[protocol] {kind.__name__}: {exc}") from None
        except SimError as exc:
            raise StudyError(f"[protocol] {exc}") from None

    def metrics(self):
        """The metric objects, names unique."""
        from sim.studies.metrics import metric_from_table

        made = [metric_from_table(t) for t in self.metric_tables]
        names = [m.name for m in made]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise StudyError(f"metric name(s) {dup} are used twice")
        return made

    def make_model(self):
        """A new model object with the study's (or the set's) options."""
        from sim import parameters

        cls = models()[self.model].load()
        options = self.model_options
        if options is None:
            options = parameters.get(self.parameter_set).model_options or None
        try:
            return cls(options) if options else cls()
        except TypeError:
            if options:
                raise StudyError(
                    f"model {self.model} takes no options; remove model_options"
                ) from None
            raise
        except Exception as exc:  # pybamm.OptionError and the like
            raise StudyError(f"model {self.model}: {exc}") from None

    def parameter_set_object(self):
        """The parameter set with the study's fixed values applied."""
        from sim import parameters

        ps = parameters.get(self.parameter_set)
        return ps.updated(self.fixed) if self.fixed else ps

    def size(self) -> int:
        """Number of points."""
        if self.sampling == "grid":
            return math.prod(len(a.values) for a in self.axes)
        return int(self.points)

    def to_dict(self) -> dict:
        """The study as plain data (what a worker receives)."""
        return self.source

    def digest(self) -> str:
        """A hash of the study's data (identifies it in a result folder)."""
        text = json.dumps(self.source, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]
