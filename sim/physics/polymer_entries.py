"""A polymer-electrolyte parameter set as the PyBaMM entries a cell model reads.

* "Electrolyte conductivity [S.m-1]" sigma(c, T) and "Electrolyte diffusivity
  [m2.s-1]" D(c, T) (:mod:`sim.physics.salt_transport` for the c dependence and
  Nernst-Einstein; the temperature laws of :mod:`sim.physics.polymer_temperature_laws`;
  the crystallites of :mod:`sim.physics.polymer_crystallinity`;
  for a filled film the effective medium of
  :mod:`sim.physics.interface_conduction` as ``sigma_b F(sigma_s/sigma_b)`` with F
  tabulated once at the set's microstructure and continued along its power laws
  beyond the table);
* "Cation transference number", "Thermodynamic factor" (1: ideal solution, the
  case in which a Bruce-Vincent measurement returns the model's t+),
  "Initial concentration in electrolyte [mol.m-3]";
* (when Tg and its shift are numbers) "Electrolyte VTF temperature T0 [K]", against
  which the cell models check their temperature
  (:mod:`sim.physics.polymer_temperature_range`).

Every temperature-law parameter is referenced by name, so any of them (and t+)
can be ``"[input]"``; parameters that fix the microstructure (filler size,
loading, shell thickness, densities) must be numbers.
"""

from __future__ import annotations

from sim.expressions import INPUT
from sim.parameter_set import ParameterSet
from sim.physics import interface_conduction as ic
from sim.physics.polymer_crystallinity import (
    crystalline_fraction,
    crystallite_blocking_factor,
)
from sim.physics.polymer_parameters import (
    NAMES,
    film_crystallinity_of,
    glass_transition_of,
    microstructure_of,
)
from sim.physics.polymer_temperature_laws import vtf_log_conductivity
from sim.physics.polymer_temperature_range import VOGEL_TEMPERATURE
from sim.physics.salt_transport import (
    concentration_factor,
    nernst_einstein_diffusivity,
)

LAW_KEYS = ("A", "B", "Tg", "dT", "c0", "c_max", "t_plus", "chi", "Tm", "w_m")
INTERFACE_LAW_KEYS = ("beta", "dTg")


def _film_crystallinity(ps, micro) -> float:
    """x_film of the set (a number: it follows from the microstructure)."""
    return film_crystallinity_of({k: ps[k] for k in ps.names()}, micro)


def _vogel_temperature(ps, micro):
    """Symbolic T0 = Tg - rise (x_max - x_film) - offset."""
    import pybamm

    P = pybamm.Parameter
    tg = P(NAMES["Tg"])
    if micro is not None:
        x_max = float(ps[NAMES["x_max"]])
        tg = tg - P(NAMES["dTg"]) * (x_max - _film_crystallinity(ps, micro))
    return tg - P(NAMES["dT"])


def _ln_blocking(ps, micro, T):
    """ln of the crystallites' factor 1 - 3 x_c(T)/2 (symbolic in T, Tm, w)."""
    import pybamm

    P = pybamm.Parameter
    x_c = crystalline_fraction(
        T, _film_crystallinity(ps, micro), P(NAMES["Tm"]), P(NAMES["w_m"])
    )
    return pybamm.log(crystallite_blocking_factor(x_c))


def _composite_factor(ps, table, ln_block):
    """ln F(sigma_s / sigma_bulk) of a filled film: the effective-medium factor
    tabulated at its microstructure (``table`` = ``(ln_rho, ln_F)``), continued
    along F's asymptotic power laws beyond the table; sigma_s / sigma_bulk =
    enhancement / blocking factor."""
    import pybamm

    P = pybamm.Parameter
    ln_rho, ln_f = table
    lo, hi = float(ln_rho[0]), float(ln_rho[-1])
    slope_lo, slope_hi = ic.ratio_table_slopes(ln_rho, ln_f)
    x = pybamm.maximum(pybamm.log(P(NAMES["beta"])) - ln_block, ic.LN_RATIO_FLOOR)
    inside = pybamm.maximum(pybamm.minimum(x, hi), lo)
    ln_factor = pybamm.Interpolant(
        ln_rho,
        ln_f,
        inside,
        name=f"{_ident(ps.name)}_EMT_factor",  # CasADi: letters, digits, _
        interpolator="cubic",
    )
    return (
        ln_factor
        + slope_hi * pybamm.maximum(x - hi, 0)
        + slope_lo * pybamm.minimum(x - lo, 0)
    )


def conductivity_of_temperature(ps: ParameterSet, micro):
    """sigma(T) at the film's own salt concentration, a function of a PyBaMM T."""
    import pybamm

    P = pybamm.Parameter
    plain = micro is None or micro.coated_fraction + micro.bundled_core_fraction == 0
    table = None if plain else ic.conductivity_ratio_table(micro)  # once

    def sigma_T(T):
        T0 = _vogel_temperature(ps, micro)
        # in logarithms, as on the NumPy path: finite however small sigma_a gets
        ln_sa = vtf_log_conductivity(T, P(NAMES["A"]), P(NAMES["B"]), T0)
        ln_block = _ln_blocking(ps, micro, T)
        if plain:
            return pybamm.exp(ln_sa + ln_block)
        return pybamm.exp(ln_sa + ln_block + _composite_factor(ps, table, ln_block))

    return sigma_T


def transport_functions(ps: ParameterSet, micro):
    """``(conductivity(c_e, T), diffusivity(c_e, T))`` PyBaMM functions."""
    import pybamm

    P = pybamm.Parameter
    sigma_T = conductivity_of_temperature(ps, micro)

    def conductivity(c_e, T):
        return sigma_T(T) * concentration_factor(c_e, P(NAMES["c0"]), P(NAMES["c_max"]))

    def diffusivity(c_e, T):
        c0, c_max = P(NAMES["c0"]), P(NAMES["c_max"])
        sigma_over_c = sigma_T(T) / c0 * pybamm.exp((c0 - c_e) / c_max)
        return nernst_einstein_diffusivity(sigma_over_c, 1, T, P(NAMES["t_plus"]))

    conductivity.__name__ = f"electrolyte_conductivity_{_ident(ps.name)}"
    diffusivity.__name__ = f"electrolyte_diffusivity_{_ident(ps.name)}"
    return conductivity, diffusivity


def vogel_temperature_value(ps: ParameterSet, micro):
    """Numeric T0 [K] of the set, or None if Tg, its offset or shift is an input."""
    t0_keys = [NAMES[k] for k in ("Tg", "dT", "dTg") if NAMES[k] in ps]
    if any(ps[k] == INPUT for k in t0_keys):
        return None
    values = {k: ps[k] for k in ps.names()}
    return glass_transition_of(values, micro) - float(ps[NAMES["dT"]])


def electrolyte_entries(ps: ParameterSet) -> dict:
    """PyBaMM parameter entries of a polymer-electrolyte set.

    Returns a dict usable with ``pybamm.ParameterValues(...)`` or
    ``ParameterValues.update(..., check_already_exists=False)``:
    "Electrolyte conductivity [S.m-1]" and "Electrolyte diffusivity [m2.s-1]" as
    functions of (c_e, T), "Cation transference number", "Thermodynamic factor",
    "Initial concentration in electrolyte [mol.m-3]", every temperature-law
    parameter the functions read (by name, so each may be ``"[input]"``) and,
    when it is a number, :data:`VOGEL_TEMPERATURE`.

    Raises:
        ParameterError: If the set is invalid or a microstructure parameter is
            ``"[input]"``.
    """
    ps.validate()
    micro = microstructure_of(ps)
    law_keys = list(LAW_KEYS)
    if micro is not None:
        law_keys += INTERFACE_LAW_KEYS
    entries = {NAMES[k]: ps[NAMES[k]] for k in law_keys}
    conductivity, diffusivity = transport_functions(ps, micro)
    entries["Electrolyte conductivity [S.m-1]"] = conductivity
    entries["Electrolyte diffusivity [m2.s-1]"] = diffusivity
    T0 = vogel_temperature_value(ps, micro)
    if T0 is not None:
        entries[VOGEL_TEMPERATURE] = T0
    return entries


def _ident(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name)


__all__ = [
    "conductivity_of_temperature",
    "electrolyte_entries",
    "transport_functions",
    "vogel_temperature_value",
]
