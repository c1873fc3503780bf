"""Names of the parameters the Sb/C half cell reads, by option.

One place for the names, so the model, the parameter-values completion and the
checks of a parameter set agree.
"""

from __future__ import annotations

from sim.models.sb_carbon.options import validate_options
from sim.physics.electrode_composition import RECIPE_PARAMETERS


def sb_step_names(j):
    """Parameter names of alloying step j (1-based)."""
    return {
        "fraction": f"Sb step {j} capacity fraction",
        "U_sod": f"Sb step {j} sodiation potential [V]",
        "U_des": f"Sb step {j} desodiation potential [V]",
        "w": f"Sb step {j} isotherm width",
    }


RECIPE = ("Electrode area [m2]", *RECIPE_PARAMETERS.values())
"""The electrode recipe: it sets the geometry (and so the mesh)."""

ACTIVATION_ENERGIES = {
    "Sb reaction": "Sb reaction activation energy [J.mol-1]",
    "Sb diffusion": "Sb diffusion activation energy [J.mol-1]",
    "Carbon reaction": "Carbon reaction activation energy [J.mol-1]",
    "Carbon diffusion": "Carbon diffusion activation energy [J.mol-1]",
    "Surface storage": "Surface storage activation energy [J.mol-1]",
    "Additive storage": "Conductive additive storage activation energy [J.mol-1]",
    "Sodium metal": "Sodium metal exchange-current activation energy [J.mol-1]",
}
"""Arrhenius activation energies of the model's rate constants and diffusivities
(the electrolyte's are inside its conductivity function)."""

START_BRANCH = "Start on sodiation branch"
"""0: the Sb sites start on their desodiation isotherm (a fresh or desodiated
electrode), 1: on the sodiation isotherm (after a sodiation)."""

_CELL = [
    *RECIPE,
    "Working electrode Bruggeman coefficient",
    "Working electrode conductivity [S.m-1]",
    "Separator thickness [m]",
    "Separator porosity",
    "Separator Bruggeman coefficient",
    "Series resistance [Ohm]",
    "Carbon insertion capacity [mA.h.g-1]",
    "Carbon particle radius [m]",
    "Carbon diffusivity [m2.s-1]",
    "Carbon plateau diffusivity ratio",
    "Carbon plateau onset stoichiometry",
    "Carbon OCP [V]",
    "Carbon rate constant [m.s-1]",
    "BET specific surface area [m2.kg-1]",
    "Conductive additive specific surface area [m2.kg-1]",
    "Double-layer capacity [F.m-2]",
    "Initial concentration in electrolyte [mol.m-3]",
    "Electrolyte conductivity [S.m-1]",
    "Electrolyte diffusivity [m2.s-1]",
    "Cation transference number",
    "Thermodynamic factor",
    "Sodium metal exchange-current density [A.m-2]",
    "Sodium metal double-layer capacity [F.m-2]",
    "Ambient temperature [K]",
    "Reference temperature [K]",
    "Lower voltage cut-off [V]",
    "Upper voltage cut-off [V]",
    ACTIVATION_ENERGIES["Carbon reaction"],
    ACTIVATION_ENERGIES["Carbon diffusion"],
    ACTIVATION_ENERGIES["Sodium metal"],
]


def required_parameters(options=None):
    """Names of the parameters the model reads, for the given options."""
    options = validate_options(options)
    names = list(_CELL)
    if options["Sb phase"]:
        names += [
            "Sb particle radius [m]",
            "Sb molar mass [kg.mol-1]",
            "Sodium per Sb at full sodiation",
            "Sb rate constant [m.s-1]",
            "Sb hysteresis decay",
            ACTIVATION_ENERGIES["Sb reaction"],
        ]
        if options["Sb placement"] == "connected":
            # embedded dots are uniform (see .sb_alloy): no diffusion inside them
            names += [
                "Sb diffusion length [m]",
                "Sb diffusivity [m2.s-1]",
                ACTIVATION_ENERGIES["Sb diffusion"],
            ]
        for j in range(1, options["Sb steps"] + 1):
            names += list(sb_step_names(j).values())
    if options["Sb phase"] and options["volume change"]:
        names += [
            "NaSb molar volume per Sb [m3.mol-1]",
            "Na3Sb molar volume per Sb [m3.mol-1]",
            "Buffer pore volume [m3.kg-1]",
            "Buffer relaxation time [s]",
            "Sb isolation coefficient",
        ]
    if options["Sb phase"] and options["grain contact"]:
        names += [
            "Grain contact resistance [Ohm.m2]",
            "Grain contact capacitance [F.m-2]",
            "Na3Sb/Sb contact resistance ratio",
        ]
    if options["additive storage"]:
        names += [
            "Conductive additive storage capacity [mA.h.g-1]",
            "Conductive additive storage standard potential [V]",
            "Conductive additive storage isotherm width",
            "Conductive additive storage rate constant [s-1]",
            ACTIVATION_ENERGIES["Additive storage"],
        ]
    if options["surface storage"]:
        names += [
            "Surface storage capacity [mA.h.g-1]",
            "Surface storage standard potential [V]",
            "Surface storage isotherm width",
            "Surface storage rate constant [s-1]",
            ACTIVATION_ENERGIES["Surface storage"],
        ]
    return names


NOT_INPUT = (
    *RECIPE,
    "Separator thickness [m]",
    "Carbon particle radius [m]",
    "Carbon OCP [V]",
    "Carbon insertion capacity [mA.h.g-1]",
    "Ambient temperature [K]",
    "Surface storage standard potential [V]",
    "Surface storage isotherm width",
    "Surface storage capacity [mA.h.g-1]",
    "Conductive additive storage standard potential [V]",
    "Conductive additive storage isotherm width",
    "Conductive additive storage capacity [mA.h.g-1]",
    "Sodium per Sb at full sodiation",
    "Sb molar mass [kg.mol-1]",
    "BET specific surface area [m2.kg-1]",
    "Conductive additive specific surface area [m2.kg-1]",
    "Double-layer capacity [F.m-2]",
    "Lower voltage cut-off [V]",
    "Upper voltage cut-off [V]",
)
"""Parameters that set the mesh, the nominal capacity or the tabulated rest
state (computed before solving, the temperature through the isotherms): they
cannot be "[input]" parameters. The initial voltage can."""


def not_input_names(options):
    """:data:`NOT_INPUT` plus the isotherm parameters of every Sb step."""
    names = list(NOT_INPUT)
    for j in range(1, options["Sb steps"] + 1):
        n = sb_step_names(j)
        names += [n["fraction"], n["U_sod"], n["U_des"], n["w"]]
    return names


TEMPERATURE_RANGE = (
    "Lowest ambient temperature [K]",
    "Highest ambient temperature [K]",
)
"""Where the completion records the electrolyte's temperature range."""


def initial_state_names(options=None):
    """Start-state parameters of the values: "Initial voltage [V]" (the model
    computes every store at rest there, see :mod:`.start_state`) and, with
    volume change, the damage reached so far (a fresh electrode by default)."""
    options = validate_options(options)
    names = ["Initial voltage [V]"]
    if options["Sb phase"] and options["volume change"]:
        names += [
            "Initial connected Sb fraction",
            "Initial sodium in isolated Sb [mol.m-3]",
        ]
    return names
