"""``sim fit``: what the command line names, resolved to model, values, data.

- MODEL: a project model (``SbCarbonHalfCell``, ``LFPSolidStateCell``, ...) or
  one of PyBaMM's, written ``pybamm:DFN`` (``pybamm.lithium_ion.DFN``; also
  ``pybamm:sodium_ion.BasicDFN``), with ``--option KEY=VALUE`` model options
  (e.g. ``working electrode=positive`` for a half cell).
- SET: a project parameter set (``sim params`` lists them), a PyBaMM set
  (``Xu2019``), a ``fitted-set.json`` an earlier fit wrote, or a TOML file
  describing the user's own electrode for ``PorousElectrodeHalfCell``
  (:mod:`sim.models.half_cell`).
- FILE: any measured file ``sim data`` reads; its protocol is detected
  (``sim.data.protocol_from``), with the active mass from the set when the
  protocol is per gram.
"""

from __future__ import annotations

import math
from pathlib import Path

from sim.errors import ParameterError, SimError
from sim.parameter_set import ParameterSet

CUTOFF_MARGIN = 0.05
"""[V] beyond each step's last measured voltage (see ``protocol_from``)."""


def parse_bounds(text):
    """``"NAME=LOW:HIGH"`` -> (name, (low, high))."""
    name, sep, rng = text.rpartition("=")
    low, colon, high = rng.partition(":")
    try:
        lo, hi = float(low), float(high)
    except ValueError:
        lo = hi = math.nan
    if not sep or not colon or not name.strip() or not (lo < hi):
        raise SimError(
            f"--fit {text!r}: write NAME=LOW:HIGH with LOW < HIGH, e.g. "
            "--fit 'Sb diffusivity [m2.s-1]=1e-17:1e-14'"
        )
    return name.strip(), (lo, hi)


def parse_condition(text):
    """``"NAME=VALUE"`` -> (name, value): a dataset's fixed value."""
    name, sep, value = text.rpartition("=")
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not sep or not name.strip() or not math.isfinite(number):
        raise SimError(
            f"--condition {text!r}: write NAME=VALUE with a finite number, e.g. "
            "--condition 'Initial voltage [V]=0.5'"
        )
    return name.strip(), number


def parse_noise(texts, files):
    """``--noise`` values: None (estimate every file's), one for all files or
    one per file; ``"auto"`` is None."""
    if not texts:
        return None
    if len(texts) not in (1, files):
        raise SimError(
            f"{len(texts)} --noise values for {files} files: give one for all "
            "or one per --data"
        )
    out = []
    for text in texts:
        if text.strip().lower() == "auto":
            out.append(None)
            continue
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and value > 0):
            raise SimError(f"--noise {text!r}: a positive number (V, A or Ohm) or auto")
        out.append(value)
    return out * files if len(out) == 1 else out


def parse_option(text):
    """``"KEY=VALUE"`` -> (key, value) as text (PyBaMM's options are text; a
    project model's true/false/integers are converted by :func:`resolve_model`)."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise SimError(f"--option {text!r}: write KEY=VALUE")
    return key.strip(), value.strip()


def _typed(value):
    lowered = value.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    try:
        return int(value)
    except ValueError:
        return value


def resolve_values(spec):
    """A project ParameterSet, a fitted set, or PyBaMM's ParameterValues."""
    import pybamm

    from sim import parameters

    if spec.lower().endswith(".toml"):  # the user's own electrode
        from sim.models.half_cell import read_half_cell_file

        return read_half_cell_file(spec)
    if spec.endswith(".json") or Path(spec).is_file():
        from sim.fitting.output import load_fitted

        return load_fitted(spec)
    if spec.strip().lower() in (n.lower() for n in parameters.available()):
        return parameters.get(spec)
    try:
        return pybamm.ParameterValues(spec)
    except Exception:
        raise ParameterError(
            f"--parameters {spec!r}: not a project set ({', '.join(parameters.available())}), "
            "a PyBaMM set (e.g. Xu2019) or a fitted-set.json"
        ) from None


def resolve_model(spec, options, values):
    """A model object for ``spec`` with ``options`` (a project model's default
    options are its set's)."""
    import pybamm

    from sim.studies.spec import models

    if spec.startswith("pybamm:"):
        path = spec.removeprefix("pybamm:")
        module, _, name = path.rpartition(".")
        where = getattr(pybamm, module or "lithium_ion", None)
        cls = getattr(where, name, None) if where is not None else None
        if cls is None or not isinstance(cls, type):
            raise SimError(
                f"--model {spec!r}: PyBaMM has no model {path!r} (e.g. pybamm:DFN, "
                "pybamm:SPMe, pybamm:sodium_ion.BasicDFN)"
            )
        try:
            return cls(options or None) if options else cls()
        except Exception as exc:
            raise SimError(f"--model {spec}: {exc}") from None
    known = models()
    if spec not in known:
        raise SimError(
            f"--model {spec!r}: models: {sorted(known)}, or PyBaMM's as pybamm:NAME"
        )
    cls = known[spec].load()
    options = {k: _typed(v) for k, v in (options or {}).items()}
    if not options and isinstance(values, ParameterSet):
        options = values.model_options
    try:
        return cls(options) if options else cls()
    except Exception as exc:
        raise SimError(f"--model {spec}: {exc}") from None


def read_dataset(path, values, control="auto", mapping=None):
    """The measured Result of ``path`` (read with the column ``mapping``, if
    any) and its protocol (:func:`sim.data.protocol_from` with ``control``)."""
    from sim import data
    from sim.specific_units import active_mass_g

    result = data.read(path, mapping=mapping)
    result.name = Path(path).name  # the fit's report and figure name it so
    mass = None
    if isinstance(values, ParameterSet):
        try:
            mass = active_mass_g(values.to_pybamm())
        except Exception:
            mass = None
    # the measured durations end the steps: the simulation switches when the
    # measurement did (its last voltage of a step is one noisy sample)
    protocol = data.protocol_from(
        result,
        active_mass_g=mass,
        cutoff_margin=CUTOFF_MARGIN,
        cycling=False,
        control=control,
    )
    return result, protocol
