"""Complete PyBaMM parameter sets of the Cheng2023 cells, one per cell and
electrolyte, and the completions that make the electrolyte sets complete.

* "PPSE", "CNCSE", "CPCSE" (the electrolyte sets of :mod:`cheng2023_peo_gdooh`)
  complete to the **Li | electrolyte | Li symmetric cell**
  (:class:`sim.models.symmetric_lithium_cell.SymmetricLithiumCell`) at the
  electrolyte set's own "Ambient temperature [K]" (25 C), with the cell-level
  values of "Cheng2023 cells" (thickness, area, Li interface);
* "Li|PPSE|LFP", "Li|CNCSE|LFP", "Li|CPCSE|LFP": the **Li | electrolyte | LiFePO4
  cell** (:class:`sim.models.lfp_solid_state_cell.LFPSolidStateCell`): the
  parameters of "Cheng2023 cells" and of the electrolyte in one set (the cell's
  30 C temperature), completed with PyBaMM's Prada2013 LFP and the cell assembly;
* "SS|PPSE|SS", "SS|CNCSE|SS", "SS|CPCSE|SS": the **blocking-electrode cell**
  (:class:`sim.models.blocking_electrode_cell.BlockingElectrodeCell`), built the
  same way.

``ParameterSet.to_pybamm()`` (and ``pybamm.ParameterValues(name)``) gives the
complete values; a completion never replaces an entry the values already hold, so
``to_pybamm(extra=...)`` overrides any of them.
"""

from __future__ import annotations

from sim.expressions import as_pybamm_value
from sim.parameter_set import Param, ParameterSet

ELECTROLYTES = ("PPSE", "CNCSE", "CPCSE")


def _add_missing(pv, entries):
    """Add the entries ``pv`` lacks ("[input]" -> input parameter)."""
    new = {k: as_pybamm_value(k, v) for k, v in entries.items() if k not in pv}
    pv.update(new, check_already_exists=False)


def _electrolyte(parameter_set):
    """The set's PyBaMM electrolyte entries and its VTF T0 (when a number)."""
    from sim.physics.polymer_entries import electrolyte_entries

    return electrolyte_entries(parameter_set)


def _electrolyte_name(parameter_set) -> str:
    """ "CPCSE" for "CPCSE", "Li|CPCSE|LFP" or "SS|CPCSE|SS"."""
    parts = parameter_set.name.split("|")
    return parts[1] if len(parts) == 3 else parts[0]


def _check_temperature(pv, parameter_set):
    """The cell temperature within the electrolyte's range (one ParameterError
    naming the electrolyte and the range in K and C)."""
    from sim.physics.polymer_temperature_range import check_cell_temperature

    check_cell_temperature(
        pv, pv["Ambient temperature [K]"], name=_electrolyte_name(parameter_set)
    )


def complete_symmetric_cell(pv, parameter_set):
    """Completion of an electrolyte set: the Li | electrolyte | Li cell of
    "Cheng2023 cells" at the set's temperature (see the module docstring)."""
    from sim import parameters
    from sim.models import symmetric_lithium_cell as sym

    _add_missing(pv, _electrolyte(parameter_set))
    cell = parameters.get("Cheng2023 cells").as_dict()
    _add_missing(pv, {k: cell[k] for k in sym.CELL_PARAMETERS})
    _add_missing(pv, {k: cell.get(k, v) for k, v in sym.GROWTH_PARAMETERS.items()})
    _add_missing(pv, sym.control_entries(float(pv["Electrode area [m2]"])))
    _check_temperature(pv, parameter_set)


def complete_lfp_cell(pv, parameter_set):
    """Completion of a Li | electrolyte | LFP set: Prada2013's LFP, the cathode
    from its recipe, the Li counter electrode, the electrolyte entries."""
    import pybamm

    from sim.models import lfp_solid_state_cell as lfp

    # "[input]" values as the values' own input parameters, so a derived entry
    # (e.g. "Initial temperature [K]" = the ambient one) is the same input
    inputs = {k: v for k, v in pv.items() if isinstance(v, pybamm.InputParameter)}
    cell = {**parameter_set.as_dict(), **inputs}
    electrolyte = _electrolyte(parameter_set)
    # the temperature the values hold (an ``extra`` one included)
    T = pv["Ambient temperature [K]"]
    _check_temperature({**electrolyte, "Ambient temperature [K]": T}, parameter_set)
    lfp.check_cell(cell, electrolyte)
    _add_missing(pv, lfp.counter_electrode_entries(cell, electrolyte))
    _add_missing(pv, lfp.cell_entries(cell))
    _add_missing(pv, dict(pybamm.ParameterValues("Prada2013").items()))


def complete_blocking_cell(pv, parameter_set):
    """Completion of an SS | electrolyte | SS set: the electrolyte entries, the
    current and nominal capacity."""
    from sim.models import blocking_electrode_cell as blocking

    _add_missing(pv, _electrolyte(parameter_set))
    _add_missing(pv, blocking.control_entries())
    _check_temperature(pv, parameter_set)


def _cell_with(electrolyte_name, name, description, completion):
    """The "Cheng2023 cells" parameters and those of one electrolyte in one set
    (the cell's temperature), with ``completion``."""
    from sim import parameters

    cells = parameters.get("Cheng2023 cells")
    electrolyte = parameters.get(electrolyte_name)
    params: dict[str, Param] = {n: electrolyte.param(n) for n in electrolyte}
    params.update({n: cells.param(n) for n in cells})  # the cell's temperature
    return ParameterSet(
        name,
        description,
        params,
        citations=list(dict.fromkeys([*cells.citations, *electrolyte.citations])),
        constraints=[*electrolyte.constraints, *cells.constraints],
        completion=completion,
    )


def lfp_cell(electrolyte_name: str) -> ParameterSet:
    """Li | ``electrolyte_name`` | LiFePO4 cell of Cheng2023, complete."""
    return _cell_with(
        electrolyte_name,
        f"Li|{electrolyte_name}|LFP",
        f"Li | {electrolyte_name} | LiFePO4 solid-state cell of Cheng2023 (Fig. 6), "
        "for LFPSolidStateCell",
        complete_lfp_cell,
    )


def blocking_cell(electrolyte_name: str) -> ParameterSet:
    """SS | ``electrolyte_name`` | SS blocking-electrode cell, complete."""
    return _cell_with(
        electrolyte_name,
        f"SS|{electrolyte_name}|SS",
        f"stainless steel | {electrolyte_name} | stainless steel blocking cell of "
        "Cheng2023 (Fig. 3e), for BlockingElectrodeCell",
        complete_blocking_cell,
    )


def get_li_ppse_lfp():
    return lfp_cell("PPSE")


def get_li_cncse_lfp():
    return lfp_cell("CNCSE")


def get_li_cpcse_lfp():
    return lfp_cell("CPCSE")


def get_ss_ppse_ss():
    return blocking_cell("PPSE")


def get_ss_cncse_ss():
    return blocking_cell("CNCSE")


def get_ss_cpcse_ss():
    return blocking_cell("CPCSE")


__all__ = [
    "ELECTROLYTES",
    "blocking_cell",
    "complete_blocking_cell",
    "complete_lfp_cell",
    "complete_symmetric_cell",
    "lfp_cell",
]
