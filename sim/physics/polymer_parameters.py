"""Parameter names of the polymer-electrolyte sets, and what follows from a set's
numbers: the filler, the microstructure, the VTF temperature T0."""

from __future__ import annotations

from sim.errors import ParameterError
from sim.parameter_set import INPUT, RULES, ParameterSet, register_rule
from sim.physics import interface_conduction as ic
from sim.physics.polymer_temperature_laws import glass_transition_temperature

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
    "sigma_s": "Interface conductivity at reference temperature [S.m-1]",
    "Ea_s": "Interface activation energy [eV]",
    "T_ref": "Interface reference temperature [K]",
    "dTg": "Glass transition shift at full interfacial coverage [K]",
}
"""Parameter names of polymer-electrolyte sets, by short key."""

FILLER_KEYS = ("filler", "loading", "d", "L", "rho_core", "f_org", "rho_org", "ligand")
INTERFACE_KEYS = ("t_shell", "sigma_s", "Ea_s", "T_ref", "dTg")
MICROSTRUCTURE_KEYS = ("density", "loading", "d", "L", "rho_core", "f_org")
MICROSTRUCTURE_KEYS += ("rho_org", "ligand", "t_shell")


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


def vogel_temperature_of(values) -> float:
    """VTF T0 [K] from parameter values ``{name: number}`` of a set: Tg of the
    polymer, lowered by the interfacial polymer of a filled set, minus the offset.
    (Used by the sets' constraint "ambient temperature above T0".)"""
    tg = float(values[NAMES["Tg"]])
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
        tg = glass_transition_temperature(
            tg, float(values[NAMES["dTg"]]), micro.interfacial_fraction
        )
    return tg - float(values[NAMES["dT"]])


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
    "FILLER_KEYS",
    "INTERFACE_KEYS",
    "MICROSTRUCTURE_KEYS",
    "NAMES",
    "filler_from_parameter_set",
    "microstructure_of",
    "vogel_temperature_of",
]
