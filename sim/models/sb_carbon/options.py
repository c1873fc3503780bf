"""Model options of the Sb/C half cell, through PyBaMM's options mechanism.

The cell is a half cell whose working electrode sits where PyBaMM puts the
positive electrode (``"working electrode": "positive"``) and whose interface
carries a double layer as a state (``"surface form": "differential"``); both are
fixed properties of the model, reported by ``model.options`` like any PyBaMM
model's. The project's own options choose which stores of sodium exist:

- ``"Sb steps"`` (int 1..6, default 2): number of alloying steps of Sb;
- ``"Sb phase"`` (bool): whether the electrode has Sb at all;
- ``"surface storage"`` (bool): fast surface/defect sites on the carbon;
- ``"additive storage"`` (bool): Na stored in the conductive additive (carbon
  black) of the electrode, a broad site of its own;
- ``"volume change"`` (bool): Sb swelling, buffer pores, isolation of Sb;
- ``"grain contact"`` (bool): electronic contact resistance of the grains;
- ``"Sb placement"``: ``"connected"`` (default: the Sb is a connected phase the
  electrolyte reaches, bulk particles or a percolating network of dots, in which
  Na diffuses over "Sb diffusion length") or ``"embedded"`` (isolated dots inside
  the carbon grains, reached only through the grain's carbon); see
  :mod:`.sb_alloy`.

With ``"Sb phase": False, "surface storage": False, "additive storage": False``
(and one carbon diffusivity) the model is PyBaMM's DFN half cell with ``"surface form": "differential"`` (tested).
"""

from __future__ import annotations

import pybamm

from sim.errors import ParameterError

DEFAULT_OPTIONS = {
    "Sb steps": 2,
    "Sb phase": True,
    "surface storage": True,
    "additive storage": True,
    "volume change": True,
    "grain contact": True,
    "Sb placement": "connected",
}
"""The project's options and their defaults."""

FIXED_PYBAMM_OPTIONS = {"working electrode": "positive", "surface form": "differential"}
"""PyBaMM options this model has by construction; other values are refused."""

_BOOLEAN = (
    "Sb phase",
    "surface storage",
    "additive storage",
    "volume change",
    "grain contact",
)
SB_PLACEMENTS = ("connected", "embedded")


def _allowed():
    project = ", ".join(f"{k!r}" for k in DEFAULT_OPTIONS)
    fixed = ", ".join(f"{k!r}: {v!r}" for k, v in FIXED_PYBAMM_OPTIONS.items())
    return f"allowed options: {project} (and {fixed}, fixed by the model)"


def validate_options(options=None):
    """The project's options merged with the defaults (a plain dict).

    Unknown keys or bad values raise one :class:`ParameterError` naming what is
    allowed; the fixed PyBaMM options may be given with their one allowed value.
    """
    options = dict(options or {})
    for key, value in FIXED_PYBAMM_OPTIONS.items():
        given = options.pop(key, value)
        if given != value:
            raise ParameterError(
                f"model option {key!r} = {given!r} is not supported: this model "
                f"is a half cell with a double layer, {key!r} must be {value!r}"
            )
    unknown = sorted(set(options) - set(DEFAULT_OPTIONS))
    if unknown:
        raise ParameterError(f"unknown model option(s) {unknown}; {_allowed()}")
    merged = {**DEFAULT_OPTIONS, **options}
    n = merged["Sb steps"]
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 6:
        raise ParameterError(
            f"model option 'Sb steps' = {n!r}: must be an integer 1..6"
        )
    for key in _BOOLEAN:
        if not isinstance(merged[key], bool):
            raise ParameterError(
                f"model option {key!r} = {merged[key]!r}: must be True/False"
            )
    if merged["Sb placement"] not in SB_PLACEMENTS:
        raise ParameterError(
            f"model option 'Sb placement' = {merged['Sb placement']!r}: must be "
            f"one of {list(SB_PLACEMENTS)} (a connected Sb phase the electrolyte "
            "reaches, or isolated dots inside carbon grains)"
        )
    return merged


def embedded_sb(options):
    """Whether the Sb sits as dots inside the carbon grains (the Sb phase on,
    placement "embedded")."""
    return bool(options["Sb phase"]) and options["Sb placement"] == "embedded"


class SbCarbonOptions(pybamm.BatteryModelOptions):
    """PyBaMM's battery options (every PyBaMM tool reads them) for this cell, plus
    the project's options, all reachable as ``options[name]``."""

    def __init__(self, options=None):
        project = validate_options(options)
        super().__init__(dict(FIXED_PYBAMM_OPTIONS))
        for key, value in project.items():
            dict.__setitem__(self, key, value)

    @property
    def project(self):
        """The project's options only (what :func:`validate_options` returns)."""
        return {key: self[key] for key in DEFAULT_OPTIONS}
