"""What a fit writes, and reading a fitted set back.

``OUT/fitted.json``: the fitted values (with std, bounds, identifiability and
the reason when a parameter is not identifiable), the per-cell values, per
dataset its protocol, noise and RMSE, the cost, evaluations, seconds and
builds; ``OUT/report.md``: the same in words and tables; ``OUT/fit.png``: the
measured and fitted curve of every dataset with the residuals below;
``OUT/posterior.png`` (with uncertainty): correlations and cost profiles;
``OUT/fitted-set.json``: the fitted set, which ``sim fit --parameters``,
``sim params --file`` and :func:`load_fitted` read (the base set's name and the
fitted values; JSON data, never code).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from sim.errors import ParameterError
from sim.fitting.fit import ACCEPT_RATIO
from sim.fitting.simulator import IMPEDANCE

FITTED_SET = "fitted-set.json"
MAX_FILE_BYTES = 1_000_000


def _json(data):
    return json.dumps(data, indent=2, allow_nan=False) + "\n"


def write_fit(result, out, *, model_name, set_name, files=()):
    """Write the fit's files into the folder ``out`` (each atomically)."""
    import matplotlib.pyplot as plt

    from sim.harness.output import write_atomic

    base, earlier = _flattened(set_name)  # before any file is written
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    data = result.to_dict()
    data["model"] = model_name
    data["parameter set"] = set_name
    for d, f in zip(
        data["datasets"], list(files) + [None] * len(data["datasets"]), strict=False
    ):
        if f is not None:
            d["file"] = str(f)
    text = _json(data)
    write_atomic(out / "fitted.json", lambda p: p.write_text(text))
    fitted = {
        "base": base,
        "model": model_name,
        "values": {**earlier, **result.values},
        "per cell": {k: list(v) for k, v in result.per_cell.items()},
    }
    write_atomic(out / FITTED_SET, lambda p: p.write_text(_json(fitted)))
    report = report_markdown(
        result, model_name=model_name, set_name=set_name, files=files
    )
    write_atomic(out / "report.md", lambda p: p.write_text(report))
    fig = fit_figure(result)
    write_atomic(out / "fit.png", lambda p: fig.savefig(p, format="png", dpi=120))
    plt.close(fig)
    if result.uncertainty is not None:
        from sim.fitting.uncertainty import posterior_figure

        fig = posterior_figure(result.uncertainty)
        write_atomic(
            out / "posterior.png", lambda p: fig.savefig(p, format="png", dpi=120)
        )
        plt.close(fig)


def _g(v):
    return "n/a" if v is None or not math.isfinite(float(v)) else f"{float(v):.4g}"


def report_markdown(result, *, model_name, set_name, files=()):
    """The fit in words and tables."""
    lines = [
        f"# Fit of {model_name} ({set_name})",
        "",
        f"{len(result.datasets)} dataset(s), {len(result.x)} fitted value(s); "
        f"{result.evaluations} evaluations in {result.seconds:.1f} s "
        f"({result.seconds / max(result.evaluations, 1):.3g} s each), "
        f"{result.builds} model build(s). Final chi-square {_g(result.cost)}.",
    ]
    if result.interrupted:
        lines += ["", "**Interrupted**: the values are the best found so far."]
    lines += [
        "",
        "## Datasets",
        "",
        "| dataset | protocol | compared | noise | RMSE | RMSE / noise | builds |",
        "|---|---|---|---|---|---|---|",
    ]
    for k, d in enumerate(result.datasets):
        name = str(files[k]) if k < len(files) else d["name"]
        lines.append(
            f"| {name} | {d['protocol']} | {d['target']} | {_g(d['noise'])} | "
            f"{_g(d['rmse'])} | {_g(d['rmse'] / d['noise'])} | "
            f"{d.get('inputs note', '')} |"
        )
    verdict = "acceptable" if result.acceptable else "NOT acceptable"
    lines += [
        "",
        f"Fit {verdict}: every dataset's RMSE within {ACCEPT_RATIO:g} x its noise "
        "(a misfit beyond the noise means the model, its fixed values or the "
        "protocol do not describe the data, whatever the fitted values).",
        "",
        "## Fitted values",
        "",
    ]
    unc = result.uncertainty
    if unc is not None:
        from sim.fitting.uncertainty import uncertainty_table

        lines += [uncertainty_table(unc), ""]
        bad = [r for r in unc.reasons if r]
        lines += [f"- {r}" for r in bad] or ["Every fitted value is identifiable."]
    else:
        lines += ["| parameter | value | bounds |", "|---|---|---|"]
        for name, v in result.x.items():
            lines.append(f"| {name} | {_g(v)} | |")
        lines += [
            "",
            "(run with --uncertainty for standard deviations and identifiability)",
        ]
    for name, side in result.at_bounds().items():
        bound = result.bounds[name][0 if side == "lower" else 1]
        lines.append(
            f"- {name}: at its {side} bound ({_g(bound)}): the best fit may lie "
            "beyond it; widen the bounds if that is physical."
        )
    return "\n".join(lines) + "\n"


def fit_figure(result):
    """Measured and fitted curves per dataset, residuals below."""
    import matplotlib.pyplot as plt

    n = len(result.curves)
    fig, axes = plt.subplots(
        2,
        n,
        figsize=(5.5 * n, 5.5),
        squeeze=False,
        gridspec_kw={"height_ratios": [3, 1]},
    )
    for k, ((t, measured, fitted), d) in enumerate(
        zip(result.curves, result.datasets, strict=True)
    ):
        top, bottom = axes[0, k], axes[1, k]
        if d["target"] == IMPEDANCE:
            _spectrum_panels(top, bottom, measured, fitted, d)
            continue
        top.plot(t / 3600, measured, ".", ms=2, color="0.4", label="measured")
        top.plot(t / 3600, fitted, "-", color="tab:red", label="fitted")
        top.set_ylabel(d["target"])
        top.set_title(f"{d['name']}: {d['protocol']}", fontsize=10)
        top.legend(fontsize=8)
        r = (fitted - measured) * 1e3
        bottom.plot(t / 3600, r, ".", ms=2, color="tab:red")
        bottom.axhline(0, color="k", lw=0.8)
        unit = d["target"].split("[")[-1].rstrip("]")
        bottom.set_ylabel(f"residual [m{unit}]")
        bottom.set_xlabel("Time [h]")
    fig.tight_layout()
    return fig


def _spectrum_panels(top, bottom, measured, fitted, d):
    """Nyquist plot of a spectrum (measured, fitted) and its residuals."""
    n = len(measured) // 2
    top.plot(measured[:n], -measured[n:], "o", ms=3, color="0.4", label="measured")
    top.plot(fitted[:n], -fitted[n:], "-", color="tab:red", label="fitted")
    top.set_xlabel("Z_re [Ohm]")
    top.set_ylabel("-Z_im [Ohm]")
    top.set_aspect("equal", adjustable="datalim")
    top.set_title(f"{d['name']}: {d['protocol']}", fontsize=10)
    top.legend(fontsize=8)
    points = np.arange(n)
    bottom.plot(points, fitted[:n] - measured[:n], ".", color="tab:red", label="Z_re")
    bottom.plot(points, fitted[n:] - measured[n:], ".", color="tab:blue", label="Z_im")
    bottom.axhline(0, color="k", lw=0.8)
    bottom.set_ylabel("residual [Ohm]")
    bottom.set_xlabel("Frequency point (in the measured order)")
    bottom.legend(fontsize=8)


def _is_fitted_set(name):
    return isinstance(name, str) and name.lower().endswith(".json")


def _flattened(set_name, values=None, path=None):
    """(base, values) with every fitted set in ``set_name`` followed back to
    the set it started from (the later values win): a fit that starts from a
    fitted set writes a file that does not depend on the earlier file, and a
    file that names another fitted set as its base still loads."""
    values = dict(values or {})
    for _ in range(8):
        if not _is_fitted_set(set_name):
            return set_name, values
        earlier = _read_fitted(Path(set_name))
        set_name, values = earlier["base"], {**earlier["values"], **values}
    raise ParameterError(
        f"{path or set_name}: fitted sets based on each other in a loop"
    )


def load_fitted(path):
    """The fitted set of a ``fitted-set.json``: the base set (a project set, or
    PyBaMM's) with the fitted values; per-cell values are not applied (they
    belong to one measured cell each)."""
    import pybamm

    from sim import parameters

    data = _read_fitted(Path(path))
    base, values = _flattened(data["base"], data["values"], path)
    return _applied(path, base, values, parameters, pybamm)


def _read_fitted(path):
    """The checked contents of a ``fitted-set.json`` (a dict with a string
    'base' and finite numeric 'values')."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ParameterError(f"{path}: {size} bytes is too large for a fitted set")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParameterError(f"fitted set {path} does not exist") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ParameterError(f"{path} is not a fitted set (JSON): {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
        raise ParameterError(f"{path}: a fitted set has 'base' and 'values'")
    base, values = data.get("base"), data["values"]
    bad = [
        k
        for k, v in values.items()
        if not isinstance(v, int | float) or isinstance(v, bool) or not np.isfinite(v)
    ]
    if bad or not isinstance(base, str):
        raise ParameterError(
            f"{path}: 'base' must be a set name and every value a number; bad: {bad}"
        )
    return data


def _applied(path, base, values, parameters, pybamm):
    """The base set with ``values`` applied and checked."""
    if base.lower().endswith(".toml"):  # a fit of the user's own electrode
        from sim.models.half_cell import read_half_cell_file

        updated = read_half_cell_file(base).updated(values)
        updated.validate()
        return updated
    if base in parameters.available():
        ps = parameters.get(base)
        updated = ps.updated(values)
        updated.validate()
        return updated
    try:
        pv = pybamm.ParameterValues(base)
    except Exception:
        raise ParameterError(
            f"{path}: base set {base!r} is neither a project set nor PyBaMM's"
        ) from None
    unknown = [k for k in values if k not in pv.keys()]
    if unknown:
        raise ParameterError(f"{path}: {base!r} has no {unknown}")
    pv.update(values)
    return pv
