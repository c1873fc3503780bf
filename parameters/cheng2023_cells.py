"""The cells of Cheng2023 (paper B) around its polymer electrolytes: Li | SSE | Li
symmetric cells, SS | SSE | SS blocking cells, and Li | SSE | LiFePO4 cells.

Cheng et al., Adv. Mater. 2023, DOI 10.1002/adma.202303226, states none of the
cell-level numbers below (no membrane thickness, cell temperature, interfacial
resistance, cathode recipe or loading in the main text), so they are estimates,
each labelled "assumption: <reason>" or taken from a cited source. One set serves
every cell and every electrolyte (PPSE, CNCSE, CPCSE): the electrolytes differ only
in their transport functions (parameter sets "PPSE", "CNCSE", "CPCSE"), never in a
per-figure factor.

The LiFePO4 (LFP) material is PyBaMM's Prada2013 set (Prada et al., J. Electrochem.
Soc. 160 (2013) A616; OCP from Afshar et al. 2017, exchange current from Kashkooli
et al. 2017), used unchanged.

The cell temperature must lie above the VTF T0 of the electrolyte it is used with;
that is checked where cell and electrolyte meet (the cell models' parameter values,
:func:`sim.physics.polymer_electrolyte.check_cell_temperature`), since this set
serves all three electrolytes.
"""

from __future__ import annotations

from sim.parameter_set import RULES, Constraint, Param, ParameterSet, register_rule

CHENG = "Cheng2023"
NAME = "Cheng2023 cells"

if "fraction_below_one" not in RULES:
    register_rule("fraction_below_one", "must be in [0, 1)", lambda v: 0 <= v < 1)

CELL_TEMPERATURE = 303.15
"""K. The one cell temperature for every cell test (see the parameter's source)."""


INTERPHASE_GROWTH = 4.945e-3  # m2.A-1.h-1, fitted (calibration_cheng2023, interphase)


def get_parameter_set() -> ParameterSet:
    """Cell-level parameters shared by the Cheng2023 cell experiments."""
    p = {
        # --- cell and membrane -------------------------------------------------
        "Ambient temperature [K]": Param(
            CELL_TEMPERATURE,
            "K",
            "assumption: Cheng2023 states no test temperature for its coin cells; "
            "the one cell temperature it gives is 30 C (pouch cell, Fig. S22e), and "
            "it stresses room-temperature operation (5.2e-4 S/cm). 30 C for all cell "
            "tests (Fig. 3d,g-i, 6b,c)",
            "temperature",
        ),
        "Electrolyte thickness [m]": Param(
            50e-6,
            "m",
            "assumption: solution-cast PEO/LiTFSI composite membranes are typically "
            "40-100 um thick; Cheng2023 gives no thickness",
            "positive",
        ),
        "Electrode area [m2]": Param(
            2.01e-4,
            "m2",
            "assumption: CR2032 coin cell with 16 mm discs (Li, steel, cathode)",
            "positive",
        ),
        # --- Li | polymer interface ----------------------------------------------
        "Lithium exchange-current density [A.m-2]": Param(
            10.0,
            "A.m-2",
            "assumption: 1 mA/cm2 (charge-transfer resistance R T/(F j0) = 26 Ohm "
            "cm2); Li charge transfer in PEO electrolytes is small next to the "
            "interphase film (Stolz, Winter, Kasnatscheew, J. Solid State "
            "Electrochem. 29 (2025) 4181: negligible R_ct with PEO SPEs)",
            "positive",
        ),
        "Lithium interphase resistance [Ohm.m2]": Param(
            0.015,
            "Ohm.m2",
            "assumption: 150 Ohm cm2 per Li electrode, within the 1e2-1e3 Ohm cm2 "
            "of passivated Li | PEO-LiTFSI interfaces near room temperature, where "
            "the Li interface carries most of a polymer cell's resistance "
            "(Appetecchi et al., J. Power Sources 196 (2011) 6703); not fitted to "
            "any Cheng2023 number",
            "positive",
        ),
        "Lithium interphase growth per passed charge [m2.A-1.h-1]": Param(
            INTERPHASE_GROWTH,
            "m2.A-1.h-1",
            "fitted: R_f = R_f0 (1 + k q), q the charge passed per area through each "
            "Li electrode (stated law: interphase formed in proportion to the Li "
            "plated and stripped); k so that Li|CNCSE|Li reaches 0.1 V at 400 h at "
            "0.1 mA/cm2 (Cheng2023 text on Fig. 3i); one law for all three "
            "electrolytes (same Li, same PEO/LiTFSI) "
            "(experiments/calibration_cheng2023.py, step interphase)",
            "nonnegative",
        ),
        "Lithium interphase capacitance [F.m-2]": Param(
            0.01,
            "F.m-2",
            "physics: a ~10 nm film with relative permittivity ~10, "
            "eps_r eps_0 / d = 0.009 F/m2 (1 uF/cm2)",
            "positive",
        ),
        "Lithium double-layer capacity [F.m-2]": Param(
            0.1,
            "F.m-2",
            "assumption: 10 uF/cm2, a typical double-layer capacity",
            "positive",
        ),
        # --- blocking cell -------------------------------------------------------
        "Blocking electrode double-layer capacity [F.m-2]": Param(
            0.1,
            "F.m-2",
            "assumption: 10 uF/cm2 at stainless steel | polymer",
            "positive",
        ),
        "Electrolyte relative permittivity": Param(
            8.0,
            "-",
            "assumption: PEO-based electrolytes, eps_r ~5-10 at high frequency; sets "
            "the geometric capacitance (bulk arc apex frequency) only",
            "positive",
        ),
        # --- LiFePO4 composite cathode ---------------------------------------------
        "LFP mass loading [kg.m-2]": Param(
            0.02,
            "kg.m-2",
            "assumption: 2 mg/cm2 LFP, typical of PEO-based solid-state LFP cells; "
            "Cheng2023 gives no loading",
            "positive",
        ),
        "LFP particle radius [m]": Param(
            1.0e-7,
            "m",
            "assumption: 200 nm diameter, the order of commercial carbon-coated LFP "
            "primary particles (100-300 nm); Cheng2023 names no LFP powder. "
            "Prada2013's 50 nm radius belongs to the nanophosphate its diffusivity "
            "was fitted with (kept: 5.9e-18 m2/s), so the 2 C capacity depends on "
            "this choice through R^2/D",
            "positive",
        ),
        "Cathode interphase resistance [Ohm.m2]": Param(
            0.005,
            "Ohm.m2",
            "assumption: 50 Ohm cm2 per geometric area for the LFP | polymer "
            "contacts of the composite cathode (a third of the Li interphase's: the "
            "polymer is the cathode's binder and wets it); Cheng2023 gives no "
            "cathode impedance; in series with the Li film as the contact resistance",
            "nonnegative",
        ),
        "NCM811 mass loading [kg.m-2]": Param(
            0.08,
            "kg.m-2",
            "assumption: 8 mg/cm2 NCM811, typical of PEO-based NCM cells; Cheng2023 "
            "gives none; with Chen2020's electrode (active fraction 0.665) a 20 um "
            "cathode, a few 5.22 um particles thick",
            "positive",
        ),
        "NCM811 lower voltage cut-off [V]": Param(
            2.8,
            "V",
            "assumption: 2.8-4.3 V, a common NCM811 | Li window; Cheng2023 gives "
            "none for its NCM811 cells",
            "positive",
        ),
        "NCM811 upper voltage cut-off [V]": Param(
            4.3, "V", "assumption: see 'NCM811 lower voltage cut-off [V]'", "positive"
        ),
        "LFP mass fraction in cathode": Param(
            0.7,
            "-",
            "assumption: LFP : polymer electrolyte (as ionic conductor and binder, "
            "Cheng2023 Fig. 6a) : carbon black = 70 : 20 : 10 by mass",
            "fraction",
        ),
        "Electrolyte mass fraction in cathode": Param(
            0.2, "-", "assumption: see 'LFP mass fraction in cathode'", "fraction"
        ),
        "Carbon mass fraction in cathode": Param(
            0.1, "-", "assumption: see 'LFP mass fraction in cathode'", "fraction"
        ),
        "LFP density [kg.m-3]": Param(
            3600.0,
            "kg.m-3",
            "LiFePO4 crystal density 3.6 g/cm3 (lit.); with Prada2013's c_max 22806 "
            "mol/m3 it gives 169.9 mAh/g",
            "positive",
        ),
        "Cathode electrolyte density [kg.m-3]": Param(
            1300.0,
            "kg.m-3",
            "assumption: PEO 1.2 g/cm3 with LiTFSI (1.33 g/cm3 salt), ~1.3 g/cm3",
            "positive",
        ),
        "Carbon density [kg.m-3]": Param(
            1900.0,
            "kg.m-3",
            "carbon black skeletal density ~1.9 g/cm3 (lit.)",
            "positive",
        ),
        "Cathode void fraction": Param(
            0.0,
            "-",
            "assumption: the polymer fills the cathode's pores (cast and hot-pressed "
            "composite cathode); 1 would leave no cathode",
            "fraction_below_one",
        ),
        "Cathode Bruggeman coefficient": Param(
            1.5,
            "-",
            "Bruggeman's value for spheres (PyBaMM default for porous electrodes)",
            "positive",
        ),
        "Lower voltage cut-off [V]": Param(
            2.5,
            "V",
            "assumption: usual LFP window 2.5-4.0 V (Cheng2023 Fig. 6c axis range "
            "not in the text)",
            "positive",
        ),
        "Upper voltage cut-off [V]": Param(
            4.0, "V", "assumption: see 'Lower voltage cut-off [V]'", "positive"
        ),
        "LFP theoretical capacity [mA.h.g-1]": Param(
            169.9,
            "mA.h.g-1",
            "Prada2013 (PyBaMM): F c_max / rho = 96485 x 22806 / 3.6e6 / 3.6; 1C = "
            "169.9 mA per g LFP",
            "positive",
        ),
    }
    return ParameterSet(
        NAME,
        "Li|SSE|Li, SS|SSE|SS and Li|SSE|LiFePO4 cells of Cheng2023 (cell-level "
        "parameters; the electrolyte comes from the PPSE/CNCSE/CPCSE sets)",
        p,
        citations=[
            "Cheng et al., Adv. Mater. 2023, DOI 10.1002/adma.202303226",
            "Prada et al., J. Electrochem. Soc. 160 (2013) A616 (LFP, via PyBaMM)",
            "Appetecchi et al., J. Power Sources 196 (2011) 6703",
            "Stolz, Winter, Kasnatscheew, J. Solid State Electrochem. 29 (2025) 4181",
        ],
        constraints=[
            Constraint(
                "lower voltage cut-off below the upper voltage cut-off",
                ("Lower voltage cut-off [V]", "Upper voltage cut-off [V]"),
                lambda v: (
                    v["Lower voltage cut-off [V]"] < v["Upper voltage cut-off [V]"]
                ),
            )
        ],
    )


__all__ = ["CELL_TEMPERATURE", "NAME", "get_parameter_set"]
