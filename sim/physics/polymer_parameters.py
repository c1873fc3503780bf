"""Parameter names of the polymer-electrolyte sets, and what follows from a set's
numbers: the filler, the microstructure, the VTF temperature T0."""

from __future__ import annotations

from sim.errors import ParameterError
from sim.parameter_set import INPUT, RULES, ParameterSet, register_rule
from sim.physics import interface_conduction as ic
from sim.physics.polymer_crystallinity import (
    crystallinity_glass_transition,
    filler_surface_per_polymer_volume,
    film_crystallinity,
)

if "loading_wt_pct" not in RULES:
    register_rule("loading_wt_pct", "must be in [0, 100) wt%", lambda v: 0 <= v < 100)

NAMES = {
    "T_ambient": "Ambient temperature [K]",
    "eo_per_li": "EO:Li ratio",
    "density": "Polymer electrolyte density [kg.m-3]",
    "c0": "Initial concentration in electrolyte [mol.m-3]",
    "c_max": "Salt concentration at conductivity maximum [mol.m-3]",
    "A": "Polymer VTF prefactor [S.m-1.K0.5]",
    "B": "Polymer VTF pseudo-activation temperature [K]",
    "Tg": "Polymer glass transition temperature [K]",
    "dT": "VTF T0 offset below Tg [K]",
    "t_plus": "Cation transference number",
    "chi": "Thermodynamic factor",
    "filler": "Filler",
    "loading": "Filler loading [wt%]",
    "d": "Filler core diameter [m]",
    "L": "Filler length [m]",
    "rho_core": "Filler core density [kg.m-3]",
    "f_org": "Filler organic mass fraction",
    "rho_org": "Filler organic density [kg.m-3]",
    "ligand": "Filler ligand layer thickness [m]",
    "t_shell": "Interfacial shell thickness [m]",
    "beta": "Interface conductivity enhancement",
    "x_max": "Polymer crystalline volume fraction below melting",
    "Tm": "Polymer crystal melting temperature [K]",
    "w_m": "Polymer crystal melting width [K]",
    "delta_c": "Filler crystallinity suppression length [m]",
    "dTg": "Glass transition rise per crystalline fraction [K]",
}
"""Parameter names of polymer-electrolyte sets, by short key."""

FILLER_KEYS = ("filler", "loading", "d", "L", "rho_core", "f_org", "rho_org", "ligand")
INTERFACE_KEYS = ("t_shell", "beta", "delta_c", "dTg")
CRYSTAL_KEYS = ("x_max", "Tm", "w_m")
MICROSTRUCTURE_KEYS = ("density", "loading", "d", "L", "rho_core", "f_org")
MICROSTRUCTURE_KEYS += ("rho_org", "ligand", "t_shell", "x_max", "delta_c")


def filler_from_parameter_set(ps: ParameterSet) -> ic.Filler:
    """The :class:`~sim.physics.interface_conduction.Filler` of a filled set."""

    def v(key):
        value = ps[NAMES[key]]
        if value == INPUT:
            raise ParameterError(
                f"{NAMES[key]!r} sets the filler microstructure and must be a "
                "number, not '[input]'"
            )
        return float(value)

    return ic.Filler(
        name=str(ps[NAMES["filler"]]),
        core_diameter=v("d"),
        length=v("L"),
        core_density=v("rho_core"),
        organic_mass_fraction=v("f_org"),
        organic_density=v("rho_org"),
        ligand_layer_thickness=v("ligand"),
    )


def film_crystallinity_of(values, micro) -> float:
    """x_film [-] of a set's values ``{name: number}`` with its microstructure
    (None for an unfilled set)."""
    x_max = float(values[NAMES["x_max"]])
    if micro is None:
        return x_max
    area = filler_surface_per_polymer_volume(micro, float(values[NAMES["d"]]))
    return film_crystallinity(x_max, area, float(values[NAMES["delta_c"]]))


def glass_transition_of(values, micro) -> float:
    """Tg [K] of the film: the unfilled polymer's, lowered in proportion to the
    crystallinity its filler suppresses
    (:func:`~sim.physics.polymer_crystallinity.crystallinity_glass_transition`)."""
    tg = float(values[NAMES["Tg"]])
    if micro is None:
        return tg
    x_max = float(values[NAMES["x_max"]])
    return crystallinity_glass_transition(
        tg, float(values[NAMES["dTg"]]), x_max, film_crystallinity_of(values, micro)
    )


def vogel_temperature_of(values) -> float:
    """VTF T0 [K] from parameter values ``{name: number}`` of a set: the film's Tg
    (:func:`glass_transition_of`) minus the offset. (Used by the sets' constraint
    "ambient temperature above T0".)"""
    micro = None
    if NAMES["loading"] in values:
        filler = ic.Filler(
            "filler",
            float(values[NAMES["d"]]),
            float(values[NAMES["L"]]),
            float(values[NAMES["rho_core"]]),
            float(values[NAMES["f_org"]]),
            float(values[NAMES["rho_org"]]),
            float(values[NAMES["ligand"]]),
        )
        micro = ic.microstructure(
            float(values[NAMES["loading"]]),
            filler,
            float(values[NAMES["t_shell"]]),
            float(values[NAMES["density"]]),
        )
    return glass_transition_of(values, micro) - float(values[NAMES["dT"]])


def microstructure_of(ps: ParameterSet) -> ic.Microstructure | None:
    """Microstructure of a set (numbers required), None for an unfilled set."""
    if NAMES["loading"] not in ps:
        return None
    for key in MICROSTRUCTURE_KEYS:
        if ps[NAMES[key]] == INPUT:
            raise ParameterError(
                f"{NAMES[key]!r} sets the filler microstructure and must be a "
                "number, not '[input]' (temperature-law parameters and the "
                "transference number may be inputs)"
            )
    return ic.microstructure(
        float(ps[NAMES["loading"]]),
        filler_from_parameter_set(ps),
        float(ps[NAMES["t_shell"]]),
        float(ps[NAMES["density"]]),
    )


__all__ = [
    "CRYSTAL_KEYS",
    "FILLER_KEYS",
    "film_crystallinity_of",
    "glass_transition_of",
    "INTERFACE_KEYS",
    "MICROSTRUCTURE_KEYS",
    "NAMES",
    "filler_from_parameter_set",
    "microstructure_of",
    "vogel_temperature_of",
]
