"""PEO/LiTFSI polymer electrolytes, plain and filled with GdOOH (Cheng2023).

Source paper: Y. Cheng et al., "Monodispersed Sub-1 nm Inorganic Cluster Chains in
Polymers for Solid Electrolytes with Enhanced Li-Ion Transport", Adv. Mater. 2023,
DOI 10.1002/adma.202303226 ("Cheng2023"). Three sets, one per electrolyte of the
paper; one set serves every experiment:

- ``PPSE``: PEO/LiTFSI;
- ``CNCSE``: + 10 wt% GdOOH nanowires (70 nm x 500 nm);
- ``CPCSE``: + 2.5 wt% GdOOH cluster chains (0.95 nm x 500 nm).

Physics: three phases. Crystalline PEO (insulating; its volume fraction melts
out with temperature and is suppressed near filler surfaces,
:mod:`sim.physics.polymer_crystallinity`), amorphous PEO/LiTFSI (VTF with T0 tied
to Tg, Tg rising with crystallinity, :mod:`sim.physics.polymer_temperature_laws`)
and the filler with its amorphous interfacial shell
(:mod:`sim.physics.interface_conduction`: wt% -> vol%, dispersion limit, effective
medium).

What the paper gives: filler sizes, the organic fraction (TGA), CPCSE's Tg, the
XRD ranking of crystallinity (PPSE > CNCSE > CPCSE), conductivities, activation
energies and transference numbers. What it does not give is labelled
"assumption: why" or is fitted, in ``experiments/calibration_cheng2023.py``
(``python -m sim.experiments.calibration_cheng2023``), one step with a fixed
objective (sum of squared relative misses) and as many parameters as numbers:
the amorphous VTF law (A, B), the unfilled film's crystallinity, its melting
temperature, the filler's crystallinity suppression length and the Tg rise per
crystalline fraction, to PPSE's 0.8e-4 S/cm at 60 C and 0.32 eV (Arrhenius fit
20-80 C), CPCSE's 5.2e-4 S/cm at 25 C, 1.6e-3 S/cm at 60 C and Tg of -50.51 C,
and CNCSE's 9.1e-4 S/cm at 60 C. The CNCSE and CPCSE activation energies, CNCSE's
Tg, the XRD ranking and the loading curves (Fig. S16) are then predictions; the
filler values are shared by both fillers (same GdOOH surface, ligand and polymer).
"""

from __future__ import annotations

import math

from sim.constants import ZERO_CELSIUS
from sim.parameter_set import Constraint, Param, ParameterSet
from sim.physics.polymer_parameters import (
    MICROSTRUCTURE_KEYS,
    NAMES,
    vogel_temperature_of,
)
from sim.physics.polymer_temperature_range import MAX_TEMPERATURE
from sim.physics.salt_transport import salt_concentration

CHENG = "Cheng2023"
PPSE_CITATIONS = [
    "Cheng et al., Adv. Mater. 2023, DOI 10.1002/adma.202303226 (Cheng2023)",
    "VTF with T0 = Tg - 50 K: Ratner, Polymer Electrolyte Reviews 1 (1987); "
    "Angell, Chem. Rev. 90 (1990) 523",
]
CITATIONS = [
    *PPSE_CITATIONS,
    "Onsager, Ann. N.Y. Acad. Sci. 51 (1949) 627; Vroege & Lekkerkerker, "
    "Rep. Prog. Phys. 55 (1992) 1241 (dispersion limit)",
    "Bruggeman, Ann. Phys. 416 (1935) 636; Polder & van Santen, Physica 12 (1946) "
    "257 (effective medium); Nan & Smith, Mater. Sci. Eng. B 10 (1991) 99 "
    "(interfacial shells in composite polymer electrolytes)",
]
CALIBRATION = "sim/experiments/calibration_cheng2023.py (python -m sim.experiments.calibration_cheng2023)"
ENTRIES = (
    "PyBaMM electrolyte entries (sigma(c, T), D(c, T), t+, ...): "
    "sim.physics.polymer_entries.electrolyte_entries(set); complete (to_pybamm(), "
    "pybamm.ParameterValues(name)) as the Li | electrolyte | Li symmetric cell of "
    "'Cheng2023 cells' at this set's temperature"
)

EO_PER_LI = 20.0
DENSITY = 1240.0
GDOOH_DENSITY = 7000.0
LIGAND_DENSITY = 850.0
ORGANIC_FRACTION = 0.50
CHAIN_DIAMETER = 0.95e-9


def ligand_layer_thickness():
    """Thickness [m] of a uniform layer holding the cluster chains' organic mass
    (50 wt% by TGA) on a 0.95 nm GdOOH core at the densities of this module."""
    volume_ratio = (
        ORGANIC_FRACTION / (1 - ORGANIC_FRACTION) * GDOOH_DENSITY / LIGAND_DENSITY
    )
    return CHAIN_DIAMETER / 2 * (math.sqrt(1 + volume_ratio) - 1)


# ---- fitted values (experiments/calibration_cheng2023.py) ----------------------
VTF_PREFACTOR = 201.3  # S.m-1.K0.5, fitted
VTF_B = 678.9  # K, fitted
CRYSTAL_FRACTION = 0.6220  # -, fitted
MELTING_TEMPERATURE = 363.70  # K, fitted
SUPPRESSION_LENGTH = 1.837e-6  # m, fitted
TG_RISE = 16.90  # K per unit crystalline fraction, fitted
MELTING_WIDTH = 10.0 / (2 * math.log(9.0))
"""K. Assumption: 10-90 % of the crystals melt over 10 K (PEO's ~55-65 C range)."""
SHELL_THICKNESS = 1.0e-9
"""m. Assumption (see the parameter's source)."""


def _common(t_plus: Param) -> dict[str, Param]:
    """Matrix, salt and transport parameters shared by the three electrolytes."""
    return {
        NAMES["T_ambient"]: Param(
            298.15,
            "K",
            "assumption: room temperature taken as 25 C (Cheng2023 does not state it)",
            "temperature",
        ),
        NAMES["eo_per_li"]: Param(
            EO_PER_LI,
            "-",
            "assumption: EO:Li = 20, a common PEO/LiTFSI ratio (Cheng2023 gives none)",
            "positive",
        ),
        NAMES["density"]: Param(
            DENSITY,
            "kg.m-3",
            "assumption: volume-additive PEO (~1.2 g/cm3; 1.13 amorphous, 1.24 "
            "crystalline) and LiTFSI (1.33 g/cm3) at EO:Li 20",
            "positive",
        ),
        NAMES["c0"]: Param(
            salt_concentration(EO_PER_LI, DENSITY),
            "mol.m-3",
            "derived: EO:Li 20 at 1240 kg/m3 (PEO 44.05, LiTFSI 287.09 g/mol)",
            "positive",
        ),
        NAMES["c_max"]: Param(
            salt_concentration(12.0, DENSITY),
            "mol.m-3",
            "assumption: PEO/LiTFSI conductivity maximum near Li/EO = 0.085 "
            "(EO:Li ~12; Teran et al., Solid State Ionics 203 (2011) 18), at the same "
            "density; shapes sigma(c) only",
            "positive",
        ),
        NAMES["A"]: Param(
            VTF_PREFACTOR,
            "S.m-1.K0.5",
            "amorphous PEO/LiTFSI; fitted with the crystallinity law to PPSE (60 C, "
            "Ea), CPCSE (25 C, 60 C, Tg) and CNCSE (60 C), T0 = Tg - 50 K "
            f"({CALIBRATION})",
            "positive",
        ),
        NAMES["B"]: Param(
            VTF_B,
            "K",
            f"fitted with the prefactor, same data ({CALIBRATION})",
            "positive",
        ),
        NAMES["Tg"]: Param(
            233.15,
            "K",
            "assumption: -40 C, typical DSC Tg of PEO/LiTFSI near EO:Li 20 "
            "(-45..-35 C); Cheng2023 gives only that PPSE's Tg lies above CNCSE's and "
            "CPCSE's (Fig. 3b)",
            "temperature",
        ),
        NAMES["dT"]: Param(
            50.0,
            "K",
            "literature rule T0 ~ Tg - 50 K for VTF fits of polymer electrolytes "
            "(Ratner, Polymer Electrolyte Reviews 1, 1987; Angell, Chem. Rev. 90 "
            "(1990) 523)",
            "nonnegative",
        ),
        NAMES["x_max"]: Param(
            CRYSTAL_FRACTION,
            "-",
            f"fitted with the VTF law, Tm, suppression length and Tg rise to PPSE "
            f"(60 C, Ea), CPCSE (25 C, 60 C, Tg) and CNCSE (60 C) ({CALIBRATION}); "
            "DSC crystallinities of PEO/LiTFSI near EO:Li 20 are ~0.3-0.6 "
            "(literature range, for orientation)",
            "fraction",
        ),
        NAMES["Tm"]: Param(
            MELTING_TEMPERATURE,
            "K",
            f"fitted, same data ({CALIBRATION}); PEO melts at ~55-65 C: the paper's "
            "PPSE numbers (0.8e-4 S/cm at 60 C on a 0.32 eV line to 80 C) put the "
            "melting of its crystals above that range",
            "temperature",
        ),
        NAMES["w_m"]: Param(
            MELTING_WIDTH,
            "K",
            "assumption: 10-90 % of the crystals melt over 10 K, the width of PEO's "
            "~55-65 C melting range",
            "positive",
        ),
        NAMES["t_plus"]: t_plus,
        NAMES["chi"]: Param(
            1.0,
            "-",
            "assumption: ideal solution, consistent with using Bruce-Vincent t+ as "
            "the model's t+ (the two agree only then)",
            "positive",
        ),
    }


def _constraints(name: str, params: dict[str, Param]) -> list[Constraint]:
    """The temperature range of the set: T0 < "Ambient temperature [K]" <
    393.15 K (:mod:`sim.physics.polymer_temperature_range`)."""
    keys = ["T_ambient", "Tg", "dT"]
    if NAMES["loading"] in params:
        keys += ["dTg", *MICROSTRUCTURE_KEYS]
    names = tuple(dict.fromkeys(NAMES[k] for k in keys))

    def in_range(v):
        return vogel_temperature_of(v) < v[NAMES["T_ambient"]] < MAX_TEMPERATURE

    def implied(v):
        return f"which give T0 = {vogel_temperature_of(v):.2f} K"

    # no number for T0 in the description: it is fixed when the set is made and
    # would go stale when a user changes Tg; `explain` computes T0 from the
    # values being validated
    return [
        Constraint(
            f"{name}: 'Ambient temperature [K]' must be above the VTF temperature "
            "T0 = Tg - offset (the Tg of a filled film lowered by its interfacial "
            "polymer), computed from the values listed, and below "
            f"{MAX_TEMPERATURE:.2f} K ({MAX_TEMPERATURE - ZERO_CELSIUS:.0f} C); a "
            "temperature in C typed as K lies below T0",
            names,
            in_range,
            explain=implied,
        )
    ]


def _electrolyte_set(name, description, params, citations) -> ParameterSet:
    """A polymer set, complete (``to_pybamm()``) as the Li | electrolyte | Li
    symmetric cell of "Cheng2023 cells" at the set's temperature
    (:func:`sim.parameters.cheng2023_cell_sets.complete_symmetric_cell`)."""
    from sim.parameters.cheng2023_cell_sets import complete_symmetric_cell

    return ParameterSet(
        name,
        description,
        params,
        citations=citations,
        constraints=_constraints(name, params),
        completion=complete_symmetric_cell,
    )


def _filled(name, loading, diameter, t_plus) -> dict[str, Param]:
    params = _common(t_plus)
    shared = "shared by both GdOOH fillers (same surface, ligand and polymer)"
    params.update(
        {
            NAMES["filler"]: Param(name, "-", f"{CHENG}", "text"),
            NAMES["loading"]: loading,
            NAMES["d"]: diameter,
            NAMES["L"]: Param(
                500e-9,
                "m",
                f"{CHENG} text on Fig. S5: ~500 nm (nanowires 'comparable to' chains)",
                "positive",
            ),
            NAMES["rho_core"]: Param(
                GDOOH_DENSITY,
                "kg.m-3",
                "assumption: ~7 g/cm3 for GdOOH, between Gd(OH)3 (~5.5) and cubic "
                "Gd2O3 (7.41 g/cm3, CRC Handbook); Cheng2023 gives none",
                "positive",
            ),
            NAMES["f_org"]: Param(
                ORGANIC_FRACTION,
                "-",
                f"{CHENG} text on Fig. S7 (TG): ~50 wt% organic on chains and wires",
                "fraction_closed",
            ),
            NAMES["rho_org"]: Param(
                LIGAND_DENSITY,
                "kg.m-3",
                "oleylamine 0.813 and oleic acid 0.895 g/cm3 (CRC Handbook), 1:1 mean",
                "positive",
            ),
            NAMES["ligand"]: Param(
                ligand_layer_thickness(),
                "m",
                "derived: the chains' 50 wt% organic as a uniform layer on a 0.95 nm "
                "core (~one oleylamine/oleic-acid monolayer); the bound layer of both "
                "fillers (on 70 nm wires most of the organic is then unbound); sets "
                "the envelope of the dispersion limit",
                "nonnegative",
            ),
            NAMES["t_shell"]: Param(
                SHELL_THICKNESS,
                "m",
                "assumption: 1 nm, about one adsorbed polymer layer on the filler "
                "(the paper gives no interphase thickness); the shell is amorphous "
                f"polymer; {shared}",
                "nonnegative",
            ),
            NAMES["beta"]: Param(
                1.0,
                "-",
                "assumption: no interfacial conductivity enhancement (shell = "
                "amorphous polymer electrolyte); the paper's conductivities and Tg "
                "fix the crystallinity law and leave no reported number to fit one "
                f"to; {shared}",
                "nonnegative",
            ),
            NAMES["delta_c"]: Param(
                SUPPRESSION_LENGTH,
                "m",
                "fitted: polymer within this distance of a filler surface does not "
                f"crystallize (x = x_max exp(-S delta)); {shared} ({CALIBRATION})",
                "nonnegative",
            ),
            NAMES["dTg"]: Param(
                TG_RISE,
                "K",
                f"fitted to CPCSE Tg = -50.51 C ({CHENG} Fig. 3b) given the PPSE Tg "
                "assumption; Tg = Tg_PPSE - rise (x_max - x_film); "
                f"{shared} ({CALIBRATION})",
                "any",
            ),
        }
    )
    return params


def get_ppse() -> ParameterSet:
    """PPSE: PEO/LiTFSI without filler."""
    t_plus = Param(
        0.2,
        "-",
        "assumption: within the 0.1-0.3 reported for PEO/LiTFSI (e.g. ~0.3 by "
        "PFG-NMR, Gorecki et al., J. Phys.: Condens. Matter 7 (1995) 6823); "
        "Cheng2023 gives no PPSE value",
        "fraction",
    )
    return _electrolyte_set(
        "PPSE",
        "PEO/LiTFSI solid polymer electrolyte (Cheng2023 control). " + ENTRIES,
        _common(t_plus),
        PPSE_CITATIONS,
    )


def get_cncse() -> ParameterSet:
    """CNCSE: PEO/LiTFSI + 10 wt% GdOOH nanowires."""
    return _electrolyte_set(
        "CNCSE",
        "PEO/LiTFSI + 10 wt% GdOOH nanowires, 70 nm x 500 nm (Cheng2023 control). "
        + ENTRIES,
        _filled(
            "GdOOH nanowires",
            Param(
                10.0,
                "wt%",
                f"{CHENG} text on Fig. S16: CNCSE uses the nanowire optimum, 10 wt%",
                "loading_wt_pct",
            ),
            Param(70e-9, "m", f"{CHENG} text on Fig. S5: ~70 nm", "positive"),
            Param(
                0.27, "-", f"{CHENG} Fig. 3d text, Fig. S15 (Bruce-Vincent)", "fraction"
            ),
        ),
        CITATIONS,
    )


def get_cpcse() -> ParameterSet:
    """CPCSE: PEO/LiTFSI + 2.5 wt% GdOOH cluster chains."""
    return _electrolyte_set(
        "CPCSE",
        "PEO/LiTFSI + 2.5 wt% GdOOH cluster chains, 0.95 nm x 500 nm (Cheng2023). "
        + ENTRIES,
        _filled(
            "GdOOH cluster chains",
            Param(
                2.5,
                "wt%",
                f"{CHENG} text on Fig. S16: CPCSE uses the cluster-chain optimum, "
                "2.5 wt%",
                "loading_wt_pct",
            ),
            Param(CHAIN_DIAMETER, "m", f"{CHENG} Fig. 2d (HRTEM): 0.95 nm", "positive"),
            Param(0.62, "-", f"{CHENG} Fig. 3d text (Bruce-Vincent)", "fraction"),
        ),
        CITATIONS,
    )
