"""SbQD@C electrode (Sb quantum dots in functional porous carbon) in a Na half cell.

Source paper: Qiu et al., "Sb quantum dots confined by functional carbon ...",
Small Methods 2021, 5, 2100188 ("Qiu2021"). The paper gives the material (66.2 wt%
Sb, 3-4 nm dots, 103.79 m2/g), the electrode recipe and the cell; it gives no
transport or kinetic constants. Those come from the literature or are labelled
assumptions with the reason. Specific quantities are per gram of SbQD@C composite,
as in the paper.

Capacity budget (MODELLING_NOTES, arithmetic): Sb -> Na3Sb is 3F/M_Sb = 660 mAh/g Sb,
i.e. 437 mAh/g of composite at 66.2 wt%. Bulk Na insertion into the 33.8 wt% carbon at
250 mAh/g(carbon) (the lower end of the 250-300 mAh/g the paper quotes for carbons)
adds 84.5 mAh/g, the double layer on 103.79 m2/g at 10 uF/cm2 over 2.49 V 7.2 mAh/g
(plus the Super P's area), the Super P's own Na storage ~21 mAh/g (an assumption,
see its parameter). :func:`sim.physics.capacity.window_capacity` computes the
budget from the values. What Qiu2021 does not give is calibrated in ``experiments/calibration.py`` against
named reported numbers, each calibration fitting as few parameters as the data
carry:

- the composite-grain radius (the length over which Na diffuses through the
  grain's connected network of Sb dots, and into its carbon), by least squares
  over the eight fresh-cell capacities the paper reports (rate test and the
  starts of the two cycling tests). Those eight are mutually inconsistent by
  6-15 % (see the calibration module), so some rows cannot pass whatever the
  values. (The capacity of fast surface/defect sites of the carbon, Sb-O-C and
  mesopore-surface sites the paper invokes for its "capacitive" storage, was
  fitted with it; that fit now runs to its lower bound and the sites are held
  at 1 mAh/g);
- the Sb step potentials, so that the simulated Fig. 5a peaks sit where observed;
- the Sb isolation coefficient (capacity fade), to one retention.

The values below were re-fitted on 2026-12-02, after the carbon's plateau became
slow and the conductive additive got its own Na store (``python -m
sim.experiments.calibration all``; ``--check`` re-runs it). The alternative
placement of the dots, isolated inside the carbon and reached only through it
(model option "Sb placement": "embedded"), was calibrated too and rejected: see
:mod:`sim.models.sb_carbon.sb_alloy`. The equilibrium capacity in 0.01-2.5 V that follows
from them, store by store, is :func:`sim.physics.capacity.window_capacity`.
"""

from __future__ import annotations

import functools
import os

import numpy as np
import pybamm

from sim.constants import FARADAY, GAS_CONSTANT
from sim.errors import DataError
from sim.models.sb_carbon.completion import complete
from sim.parameter_rules import RULES, register_rule
from sim.parameter_set import Constraint, Param, ParameterSet
from sim.physics.electrode_composition import RECIPE_PARAMETERS, composition_from
from sim.physics.temperature import REFERENCE_TEMPERATURE, arrhenius

DOTS_UNIFORM = "Sb dots"
"""Start of the description of the dot-size constraint (bulk-Sb sets drop it)."""

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def _table(file_name):
    """Two-column data table (x, y) from ``parameters/data``; a missing or broken
    file raises DataError naming it."""
    path = os.path.join(_DATA, file_name)
    try:
        data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read data table {path}: {exc}") from None
    if data.shape[1] != 2 or data.shape[0] < 2 or not np.all(np.isfinite(data)):
        raise DataError(
            f"data table {path} must have two numeric columns and at least two rows"
        )
    if np.any(np.diff(data[:, 0]) <= 0):
        raise DataError(f"data table {path}: first column must increase strictly")
    return data[:, 0], data[:, 1]


QIU = "Qiu2021"
RT_F_25C = GAS_CONSTANT * REFERENCE_TEMPERATURE / FARADAY


def hard_carbon_ocp_Chayambuka2022_extended(sto):
    """Hard-carbon OCP vs Na+/Na [V] as a function of stoichiometry.

    The table is PyBaMM's ``Chayambuka2022`` hard-carbon OCP (Chayambuka et al.,
    Electrochim. Acta 404 (2022) 139764), which spans 1.32 V (sto 0.0014) to
    0.022 V (sto 0.996). A CV that starts equilibrated at 2.5 V needs the OCP above
    1.32 V, so two ideal-solution tails are added (assumption: entropic tails of an
    insertion host; they change the tabulated curve by < 10 mV for
    0.01 < sto < 0.99)::

        U = U_table(sto) + 4 RT/F ln(1 + 1e-3 / sto) - RT/F ln(1 + 1e-4 / (1 - sto))

    so that U -> +inf as sto -> 0 and -inf as sto -> 1; U = 2.5 V at sto ~ 1e-5.
    """
    x, y = _table("hard_carbon_ocp_Chayambuka2022.csv")
    # close the table at sto = 0 and 1 by linear extrapolation of its end segments,
    # so that the interpolant never extrapolates (the tails carry the divergence)
    y0 = y[0] - x[0] * (y[1] - y[0]) / (x[1] - x[0])
    y1 = y[-1] + (1 - x[-1]) * (y[-1] - y[-2]) / (x[-1] - x[-2])
    x, y = np.r_[0.0, x, 1.0], np.r_[y0, y, y1]
    base = pybamm.Interpolant(x, y, sto, name="hard_carbon_ocp_Chayambuka2022")
    # floor far below any physical value: keeps trial steps of the solver finite
    lo = pybamm.maximum(sto, 1e-12)
    hi = pybamm.maximum(1 - sto, 1e-12)
    return (
        base
        + 4 * RT_F_25C * pybamm.log(1 + 1e-3 / lo)
        - RT_F_25C * pybamm.log(1 + 1e-4 / hi)
    )


def electrolyte_conductivity_NaClO4_PC(c_e, T):
    """Conductivity of NaClO4 in PC [S.m-1].

    6.4 mS/cm at 1 M, 25 C: Ponrouch et al., Energy Environ. Sci. 5 (2012) 8572.
    Concentration dependence (assumption): the usual maximum near 1 M of carbonate
    electrolytes, kappa = kappa_1M (c/c_1M) exp(1 - c/c_1M). Temperature: Arrhenius
    about "Reference temperature [K]" with "Electrolyte conductivity activation
    energy [J.mol-1]" (:mod:`sim.physics.temperature`).
    """
    c_ref = 1000.0
    Ea = pybamm.Parameter("Electrolyte conductivity activation energy [J.mol-1]")
    T_ref = pybamm.Parameter("Reference temperature [K]")
    return 0.64 * (c_e / c_ref) * pybamm.exp(1 - c_e / c_ref) * arrhenius(Ea, T, T_ref)


def electrolyte_diffusivity_NaClO4_PC(c_e, T):
    """Salt diffusivity of NaClO4 in PC [m2.s-1], derived from the conductivity and
    the set's "Cation transference number" by the Nernst-Einstein relation for an
    ideal 1:1 electrolyte (no measured value for this electrolyte is available
    to us)::

        D_salt = 2 t+ (1 - t+) R T kappa(c, T) / (F^2 c)

    8.5e-11 m2/s at 1 M and 25 C. Ion pairing lowers kappa more than D, so this is
    if anything a lower estimate. Its temperature dependence is the conductivity's
    Arrhenius factor times T.
    """
    t_plus = pybamm.Parameter("Cation transference number")
    return (
        2
        * t_plus
        * (1 - t_plus)
        * GAS_CONSTANT
        * T
        / FARADAY**2
        * electrolyte_conductivity_NaClO4_PC(c_e, T)
        / pybamm.maximum(c_e, 1e-3)
    )


ELECTROLYTE_RANGE_K = (243.15, 353.15)
"""-30..80 C: the range the liquid 1 M NaClO4/PC electrolyte is meant for (PC
freezes at -49 C and boils at 242 C; below about -30 C the 1 M salt solution
becomes too viscous and may precipitate, above about 80 C the carbonate solvent and
the SEI decompose); outside it the transport laws of this set do not apply."""

ELECTROLYTE_TEMPERATURE_RULE = "NaClO4/PC liquid range"
if ELECTROLYTE_TEMPERATURE_RULE not in RULES:
    register_rule(
        ELECTROLYTE_TEMPERATURE_RULE,
        "must be in 243.15..353.15 K (-30..80 C), the range the liquid 1 M "
        "NaClO4/PC electrolyte is meant for; give the temperature in kelvin",
        lambda v: ELECTROLYTE_RANGE_K[0] <= v <= ELECTROLYTE_RANGE_K[1],
    )


def _ea(value, reason):
    return Param(value, "J.mol-1", "assumption: " + reason, "nonnegative")


ACTIVATION_ENERGY_PARAMS = {
    "Electrolyte conductivity activation energy [J.mol-1]": _ea(
        1.5e4,
        "conductivity of 1 M salts in propylene carbonate follows its viscosity, "
        "with Arrhenius activation energies of 12-20 kJ/mol; no measurement for "
        "NaClO4/PC is available to us",
    ),
    "Carbon reaction activation energy [J.mol-1]": _ea(
        5.0e4,
        "charge transfer at carbon/carbonate-electrolyte interfaces (desolvation "
        "dominated), typically 40-60 kJ/mol; not measured for this carbon",
    ),
    "Carbon diffusion activation energy [J.mol-1]": _ea(
        3.0e4,
        "solid-state Na diffusion in disordered carbons, typically 20-40 kJ/mol; "
        "not measured for this carbon",
    ),
    "Sb reaction activation energy [J.mol-1]": _ea(
        5.0e4,
        "same desolvation-dominated charge transfer as the carbon (the Sb dots "
        "are reached through the carbon's interface); not measured",
    ),
    "Sb diffusion activation energy [J.mol-1]": _ea(
        3.0e4,
        "Na diffusion in NaxSb, of the order of other alloy anodes; not measured",
    ),
    "Surface storage activation energy [J.mol-1]": _ea(
        3.0e4,
        "fast surface sites: adsorption-like, below the insertion reaction's; "
        "not measured",
    ),
    "Conductive additive storage activation energy [J.mol-1]": _ea(
        3.0e4,
        "as the fast surface sites (Na in a disordered carbon black without "
        "solid diffusion); not measured",
    ),
    "Sodium metal exchange-current activation energy [J.mol-1]": _ea(
        5.0e4,
        "Na plating/stripping through the SEI in carbonate electrolytes, "
        "typically 40-60 kJ/mol; not measured for this cell",
    ),
}
"""Arrhenius activation energies (reference 25 C: nothing moves at 25 C)."""


def get_parameter_set() -> ParameterSet:
    """The SbQD@C half-cell parameter set (Qiu2021 + literature + assumptions)."""
    loading = 0.75e-6 / 1.44e-4  # 0.75 mg on 1.44 cm2 -> kg/m2
    params = {
        # ---- cell and electrode recipe --------------------------------------
        "Electrode area [m2]": Param(
            1.44e-4, "m2", f"{QIU} experimental: ~1.44 cm2 disc", "positive"
        ),
        "Active material mass loading [kg.m-2]": Param(
            loading,
            "kg.m-2",
            f"{QIU} experimental: 0.5-1.0 mg per 1.44 cm2 electrode; "
            "assumption: midpoint 0.75 mg of SbQD@C",
            "positive",
        ),
        "Sb mass fraction in active material": Param(
            0.662, "-", f"{QIU} TGA, text after Eq. 1", "fraction_closed"
        ),
        "Active material mass fraction in electrode": Param(
            0.70,
            "-",
            f"{QIU} experimental: 70:15:15 SbQD@C:CMC:Super P",
            "fraction_nonzero",
        ),
        "Conductive additive mass fraction in electrode": Param(
            0.15, "-", f"{QIU} experimental: 15 wt% Super P", "fraction_closed"
        ),
        "Binder mass fraction in electrode": Param(
            0.15, "-", f"{QIU} experimental: 15 wt% CMC", "fraction_closed"
        ),
        "Sb density [kg.m-3]": Param(
            6697.0, "kg.m-3", "CRC Handbook of Chemistry and Physics (Sb)", "positive"
        ),
        "Active-material carbon density [kg.m-3]": Param(
            2000.0,
            "kg.m-3",
            "assumption: skeletal density of amorphous carbon (1.8-2.1 g/cm3)",
            "positive",
        ),
        "Conductive additive density [kg.m-3]": Param(
            1900.0,
            "kg.m-3",
            "assumption: skeletal density of carbon black (Super P), 1.8-2.0 g/cm3",
            "positive",
        ),
        "Binder density [kg.m-3]": Param(
            1600.0,
            "kg.m-3",
            "assumption: ~1.6 g/cm3, typical of sodium carboxymethyl cellulose",
            "positive",
        ),
        "Working electrode porosity": Param(
            0.5,
            "-",
            "assumption: uncalendered coin-cell electrode including the composite's "
            "meso/macropores (Qiu2021 N2 sorption), typical 0.4-0.6",
            "fraction",
        ),
        "Working electrode Bruggeman coefficient": Param(
            1.5,
            "-",
            "Bruggeman, Ann. Phys. 416 (1935) 636: tortuosity factor eps^1.5 for "
            "packed spheres (assumption that it applies to this electrode)",
            "positive",
        ),
        "Working electrode conductivity [S.m-1]": Param(
            10.0,
            "S.m-1",
            "assumption: effective electronic conductivity of a 15 wt% Super P "
            "network (1-100 S/m typical)",
            "positive",
        ),
        "Separator thickness [m]": Param(
            260e-6,
            "m",
            "assumption: glass-fibre separator (GF/A, 260 um) usual in Na coin cells; "
            "not stated in Qiu2021",
            "positive",
        ),
        "Separator porosity": Param(
            0.9, "-", "assumption: glass-fibre separator, ~90 % porous", "fraction"
        ),
        "Separator Bruggeman coefficient": Param(
            1.5,
            "-",
            "Bruggeman 1935 (assumption that it applies to a glass-fibre separator)",
            "positive",
        ),
        "Series resistance [Ohm]": Param(
            3.0,
            "Ohm",
            "assumption: coin-cell hardware and contacts, a few Ohm",
            "nonnegative",
        ),
        "Ambient temperature [K]": Param(
            298.15,
            "K",
            "assumption: room temperature (not stated)",
            ELECTROLYTE_TEMPERATURE_RULE,
        ),
        "Reference temperature [K]": Param(
            REFERENCE_TEMPERATURE,
            "K",
            "the temperature the rate constants, diffusivities and conductivity "
            "of this set are given at (25 C, room temperature of Qiu2021)",
            "temperature",
        ),
        **ACTIVATION_ENERGY_PARAMS,
        # ---- Sb phase ---------------------------------------------------------
        "Sb particle radius [m]": Param(
            1.5e-9, "m", f"{QIU} Fig. 3 text: dots 3-4 nm, 3 nm on average", "positive"
        ),
        "Sb diffusion length [m]": Param(
            7.22582e-7,
            "m",
            "the composite-grain radius: the dots (66.2 wt% Sb, ~35 vol% of a "
            "grain, above the ~29 % at which random spheres percolate) form a "
            "connected NaxSb network through the grain, Na diffuses over its "
            "radius; fitted (experiments/calibration.py capacity, to Qiu2021's "
            "eight fresh-cell capacities) with the carbon particle radius tied "
            "to it",
            "positive",
        ),
        "Sb molar mass [kg.mol-1]": Param(0.12176, "kg.mol-1", "IUPAC", "positive"),
        "Sodium per Sb at full sodiation": Param(
            3.0,
            "-",
            "Na3Sb end member (660 mAh/g Sb, Qiu2021 introduction)",
            "positive",
        ),
        "Sb diffusivity [m2.s-1]": Param(
            5e-16,
            "m2.s-1",
            "chemical diffusivity of Na in NaxSb. Micrometric Sb delivers ~600 "
            "mAh/g at C/2 (Darwiche et al., J. Am. Chem. Soc. 134 (2012) 20805), "
            "which needs D > ~3e-16 m2/s for R ~ 1 um (assumption: 5e-16). The "
            "particles of commercial Sb and SbQD@C's network of dots diffuse with "
            "it; a single dot is uniform at it (R^2/D = 4.5 ms for 1.5 nm), which "
            "the dot-size constraint checks",
            "positive",
        ),
        "Sb step 1 capacity fraction": Param(
            1.7 / 3,
            "-",
            "Allan et al., J. Am. Chem. Soc. 138 (2016) 2352: Sb -> a-Na1.7Sb",
            "fraction",
        ),
        "Sb step 1 sodiation potential [V]": Param(
            0.721,
            "V",
            "fitted (experiments/calibration.py peaks) so the simulated cathodic peak sits at Qiu2021 Fig. 5a's 0.70 V (a-NaxSb); held 10 mV below the desodiation potential",
        ),
        "Sb step 1 desodiation potential [V]": Param(
            0.731,
            "V",
            "fitted (experiments/calibration.py peaks) with step 2's, 20 mV apart, so the one broad simulated anodic peak sits at Qiu2021 Fig. 5a's 0.77 V",
        ),
        "Sb step 1 isotherm width": Param(
            1.5,
            "-",
            "assumption: broad amorphous-phase peak (FWHM = 3.5 w RT/F ~ 0.14 V)",
            "positive",
        ),
        "Sb step 2 capacity fraction": Param(
            1.3 / 3, "-", "Allan et al. 2016: a-Na1.7Sb -> Na3Sb", "fraction"
        ),
        "Sb step 2 sodiation potential [V]": Param(
            0.533,
            "V",
            "fitted (experiments/calibration.py peaks) so the simulated cathodic peak sits at Qiu2021 Fig. 5a's 0.50 V (hexagonal Na3Sb)",
        ),
        "Sb step 2 desodiation potential [V]": Param(
            0.711,
            "V",
            "fitted with step 1's (experiments/calibration.py peaks); Qiu2021 Fig. 5a anodic peak 0.77 V",
        ),
        "Sb step 2 isotherm width": Param(
            1.0,
            "-",
            "assumption: sharper crystalline Na3Sb step (FWHM ~ 0.09 V)",
            "positive",
        ),
        "Sb rate constant [m.s-1]": Param(
            1e-11,
            "m.s-1",
            "assumption: fast enough that the Sb reaction itself adds little "
            "polarisation at 0.1-0.9 mV/s (Butler-Volmer, mass-action exchange "
            "current over the whole NaxSb range)",
            "positive",
        ),
        "Sb hysteresis decay": Param(
            50.0,
            "-",
            "assumption: the one-state hysteresis state crosses from one branch to "
            "the other within ~12 % of the Sb capacity after a reversal (6/50), "
            "the order of the scanning-curve widths of two-phase alloy anodes "
            "(Si: Wycisk et al., J. Energy Storage 52 (2022) 105016); the paper "
            "shows no partial cycles. A property of NaxSb: shared with commercial Sb",
            "positive",
        ),
        # ---- volume change and damage ------------------------------------------
        "NaSb molar volume per Sb [m3.mol-1]": Param(
            35.9e-6,
            "m3.mol-1",
            "monoclinic NaSb (LiAs type; Cromer, Acta Cryst. 12 (1959) 41): a = 6.80, "
            "b = 6.34, c = 12.48 A, beta = 117.6 deg, Z = 8 -> 35.9 cm3/mol Sb",
            "positive",
        ),
        "Na3Sb molar volume per Sb [m3.mol-1]": Param(
            71.4e-6,
            "m3.mol-1",
            "hexagonal Na3Sb (Na3As type), a = 5.366 A, c = 9.515 A, Z = 2 -> "
            "71.4 cm3/mol Sb; V(Na3Sb)/V(Sb) = 3.93 (Qiu2021: ~390 %)",
            "positive",
        ),
        "Buffer pore volume [m3.kg-1]": Param(
            0.25e-3,
            "m3.kg-1",
            "assumption: meso/macropore volume of the carbon framework that Sb can "
            "grow into, per kg of SbQD@C (porous carbons: 0.2-1 cm3/g; Qiu2021 gives "
            "no pore volume). Chosen just below the 0.29 cm3/g that full sodiation "
            "of the 66.2 wt% Sb needs: the buffer takes most of the expansion but "
            "not all, as the paper's small but nonzero fade suggests",
            "nonnegative",
        ),
        "Buffer relaxation time [s]": Param(
            600.0,
            "s",
            "assumption (no measurement for NaxSb): time for the expanding Sb to "
            "flow into the pores; motivated by the strain-rate-sensitive plastic "
            "flow of alloy anodes (Pharr et al., J. Power Sources 270 (2014) 569, "
            "lithiated Si). Set before any fit; the 1 A/g retention depends on it",
            "positive",
        ),
        "Sb isolation coefficient": Param(
            0.00399134,
            "-",
            "fitted (experiments/calibration.py fade) to Qiu2021's 95.9 % retention "
            "after 160 cycles at 0.1 A/g: fraction of connected Sb isolated per "
            "unit unbuffered volumetric strain swept",
            "nonnegative",
        ),
        # ---- carbon phase ------------------------------------------------------
        "Carbon insertion capacity [mA.h.g-1]": Param(
            250.0,
            "mA.h.g-1",
            f"{QIU} introduction: carbons store 250-300 mAh/g; lower end taken",
            "positive",
        ),
        "Carbon particle radius [m]": Param(
            7.22582e-7,
            "m",
            "= Sb diffusion length: Na enters the carbon of a composite grain over "
            "the grain radius (fitted with it to the rate capacities)",
            "positive",
        ),
        "Carbon diffusivity [m2.s-1]": Param(
            5e-16,
            "m2.s-1",
            "Chayambuka2022 hard carbon: 2.6e-16..2.0e-15 m2/s (PyBaMM data)",
            "positive",
        ),
        "Carbon plateau diffusivity ratio": Param(
            0.01,
            "-",
            "assumption: Na diffusion in the low-voltage plateau (pore filling) "
            "two orders of magnitude slower than on the slope, the upper end of "
            "what GITT studies of hard carbons report (one to two orders, e.g. "
            "Bommier et al., Nano Lett. 15 (2015) 5888); see "
            "sim/physics/carbon_plateau.py",
            "fraction_nonzero",
        ),
        "Carbon plateau onset stoichiometry": Param(
            0.4,
            "-",
            "where the Chayambuka2022 OCP enters its plateau (0.11 V at 0.4, "
            "0.21 V at 0.3)",
            "fraction",
        ),
        "Carbon OCP [V]": Param(
            hard_carbon_ocp_Chayambuka2022_extended,
            "V",
            "Chayambuka2022 hard-carbon OCP (PyBaMM data) with ideal-solution tails "
            "(assumption, see function docstring)",
            "callable",
        ),
        "Carbon rate constant [m.s-1]": Param(
            2e-11,
            "m.s-1",
            "Chayambuka2022 hard carbon: 5.3e-12..8.0e-11 m/s (PyBaMM data) in their "
            "convention j0 = F k ... / 2; ours has no 1/2, so 2e-11 here is their "
            "4e-11, mid-range",
            "positive",
        ),
        # ---- fast surface storage and double layer ---------------------------
        "Surface storage capacity [mA.h.g-1]": Param(
            1.0,
            "mA.h.g-1",
            "assumption, held at 1 mAh/g: fitted with the grain radius to Qiu2021's "
            "fresh-cell capacities until 2026-12-02, that fit now runs to its "
            "lower bound once the conductive additive's own storage and the "
            "carbon's slow plateau are modelled (the capacities ask for no fast "
            "surface sites); see experiments/calibration.py",
            "positive",
        ),
        "Surface storage standard potential [V]": Param(
            1.0,
            "V",
            "assumption: centre of the sloping, capacitive-like region of "
            "disordered carbons",
        ),
        "Surface storage isotherm width": Param(
            15.0,
            "-",
            "assumption: spreads the sites over the whole window (pseudocapacitive)",
            "positive",
        ),
        "Surface storage rate constant [s-1]": Param(
            0.1,
            "s-1",
            "assumption: surface-limited, fast (no solid diffusion)",
            "positive",
        ),
        "Conductive additive storage capacity [mA.h.g-1]": Param(
            100.0,
            "mA.h.g-1",
            "assumption, per gram of Super P: carbon blacks store Na reversibly "
            "in their disordered carbon; N330 carbon black gives 234 mAh/g at 50 "
            "mA/g in an ether electrolyte, about half of it by solvent "
            "co-intercalation that carbonate electrolytes do not allow (Nano Res. "
            "10 (2017) 4378), so ~100 here (1 M NaClO4 in PC). With 15 wt% Super "
            "P against 70 wt% SbQD@C that is 21 mAh/g of SbQD@C, counted in the "
            "paper's specific capacities",
            "nonnegative",
        ),
        "Conductive additive storage standard potential [V]": Param(
            0.3,
            "V",
            "assumption: carbon black stores Na on a slope below ~1 V, most of it "
            "below 0.5 V",
        ),
        "Conductive additive storage isotherm width": Param(
            8.0,
            "-",
            "assumption: spreads the additive's storage over ~0.7 V (FWHM 3.5 w "
            "RT/F), a sloping profile",
            "positive",
        ),
        "Conductive additive storage rate constant [s-1]": Param(
            0.1,
            "s-1",
            "assumption: fast (primary particles of tens of nm, no solid-diffusion "
            "limit; carbon black keeps ~half its capacity at 3.2 A/g, Nano Res. 10 "
            "(2017) 4378)",
            "positive",
        ),
        "BET specific surface area [m2.kg-1]": Param(
            103.79e3, "m2.kg-1", f"{QIU} N2 sorption: 103.79 m2/g", "positive"
        ),
        "Conductive additive specific surface area [m2.kg-1]": Param(
            62e3,
            "m2.kg-1",
            "Super P (TIMCAL/Imerys carbon black) BET area, 62 m2/g (manufacturer "
            "data, widely quoted); its double layer charges with the electrode's. "
            "Per gram of active material the 15 wt% Super P adds 13 m2/g to SbQD@C's "
            "104 m2/g, and 30x the geometric area of micrometre Sb",
            "nonnegative",
        ),
        "Double-layer capacity [F.m-2]": Param(
            0.1,
            "F.m-2",
            "assumption: 10 uF/cm2, typical of carbon/organic electrolyte interfaces",
            "positive",
        ),
        # ---- electronic contact of the active grains (the impedance arc) --------
        "Grain contact resistance [Ohm.m2]": Param(
            2e-3,
            "Ohm.m2",
            "assumption: 20 Ohm cm2 per grain surface for desodiated Sb, which gives "
            "arcs of tens of Ohm for these electrodes, the usual size for Sb/C "
            "anodes in Na half cells (Qiu2021 Fig. 6a shows no numbers); particle-"
            "contact element of Gaberscek et al., ESSL 11 (2008) A170",
            "positive",
        ),
        "Grain contact capacitance [F.m-2]": Param(
            0.01,
            "F.m-2",
            "assumption: 1 uF/cm2, a contact (space-charge) capacitance an order of "
            "magnitude below a double layer",
            "positive",
        ),
        "Na3Sb/Sb contact resistance ratio": Param(
            10.0,
            "-",
            f"assumption: {QIU} Fig. 6c says the arc grows on sodiation because NaxSb "
            "conducts worse than Sb (semiconducting Na3Sb vs metallic Sb) but gives "
            "no number; a factor 10 between the end members, log-linear in x",
            "positive",
        ),
        # ---- electrolyte: 1 M NaClO4 in PC + 5 % FEC --------------------------
        "Initial concentration in electrolyte [mol.m-3]": Param(
            1000.0,
            "mol.m-3",
            f"{QIU} experimental: 1 M NaClO4 in PC + 5 % FEC",
            "positive",
        ),
        "Electrolyte conductivity [S.m-1]": Param(
            electrolyte_conductivity_NaClO4_PC,
            "S.m-1",
            "Ponrouch et al., Energy Environ. Sci. 5 (2012) 8572: 6.4 mS/cm at 1 M; "
            "concentration dependence assumed",
            "callable",
        ),
        "Electrolyte diffusivity [m2.s-1]": Param(
            electrolyte_diffusivity_NaClO4_PC,
            "m2.s-1",
            "derived: Nernst-Einstein from the conductivity (Ponrouch2012) and the "
            "transference number of this set; 8.5e-11 m2/s at 1 M",
            "callable",
        ),
        "Cation transference number": Param(
            0.45,
            "-",
            "Chayambuka2022 (NaPF6 in EC:PC), used for NaClO4 in PC as a proxy",
            "fraction",
        ),
        "Thermodynamic factor": Param(
            1.0, "-", "assumption: ideal solution", "positive"
        ),
        # ---- sodium metal counter electrode -------------------------------------
        "Sodium metal exchange-current density [A.m-2]": Param(
            10.0,
            "A.m-2",
            "assumption: Na plating/stripping in carbonate electrolytes, charge-"
            "transfer resistance of tens of Ohm cm2 (RT/(F j0) = 26 Ohm cm2)",
            "positive",
        ),
        "Sodium metal double-layer capacity [F.m-2]": Param(
            0.1,
            "F.m-2",
            "assumption: 10 uF/cm2, typical of a metal/organic electrolyte interface",
            "positive",
        ),
        # ---- protocol defaults ---------------------------------------------------
        "Lower voltage cut-off [V]": Param(
            0.01, "V", f"{QIU} Fig. 5a / galvanostatic window 0.01-2.5 V", "nonnegative"
        ),
        "Upper voltage cut-off [V]": Param(
            2.5, "V", f"{QIU} Fig. 5a / galvanostatic window 0.01-2.5 V", "positive"
        ),
        "Initial voltage [V]": Param(
            2.5,
            "V",
            f"{QIU} Fig. 5a: CV starts at 2.5 V (assumption: at rest)",
            "positive",
        ),
    }

    def mass_fractions_sum_to_one(v):
        total = (
            v["Active material mass fraction in electrode"]
            + v["Conductive additive mass fraction in electrode"]
            + v["Binder mass fraction in electrode"]
        )
        return abs(total - 1) < 1e-6

    def step_fractions_sum_to_one(v):
        return (
            abs(v["Sb step 1 capacity fraction"] + v["Sb step 2 capacity fraction"] - 1)
            < 1e-6
        )

    def hysteresis_ordered(v):
        return all(
            v[f"Sb step {j} sodiation potential [V]"]
            <= v[f"Sb step {j} desodiation potential [V]"]
            for j in (1, 2)
        )

    def window_ordered(v):
        return v["Lower voltage cut-off [V]"] < v["Upper voltage cut-off [V]"]

    def buffer_fits_in_pores(v):
        # the buffer is part of the electrolyte-filled porosity of the electrode
        comp = composition_from(v)
        rho_active_v = v["Active material mass loading [kg.m-2]"] / comp.thickness
        return (
            v["Buffer pore volume [m3.kg-1]"] * rho_active_v
            <= v["Working electrode porosity"]
        )

    def start_inside_window(v):
        return (
            v["Lower voltage cut-off [V]"]
            <= v["Initial voltage [V]"]
            <= v["Upper voltage cut-off [V]"]
        )

    def dots_uniform(v):
        return v["Sb particle radius [m]"] ** 2 / v["Sb diffusivity [m2.s-1]"] <= 1.0

    constraints = [
        Constraint(
            f"{DOTS_UNIFORM}, not bulk Sb: their own diffusion time R^2/D at most "
            "1 s (the embedded placement treats a dot as uniform; 1 s is 22 nm "
            "radius at D = 5e-16 m2/s). "
            "Larger Sb is bulk Sb (the 'commercial Sb' set)",
            ("Sb particle radius [m]", "Sb diffusivity [m2.s-1]"),
            dots_uniform,
        ),
        Constraint(
            "electrode mass fractions (composite + additive + binder) sum to 1",
            (
                "Active material mass fraction in electrode",
                "Conductive additive mass fraction in electrode",
                "Binder mass fraction in electrode",
            ),
            mass_fractions_sum_to_one,
        ),
        Constraint(
            "Sb step capacity fractions sum to 1",
            ("Sb step 1 capacity fraction", "Sb step 2 capacity fraction"),
            step_fractions_sum_to_one,
        ),
        Constraint(
            "each Sb step's sodiation potential is at most its desodiation potential "
            "(hysteresis band)",
            tuple(
                f"Sb step {j} {b} potential [V]"
                for j in (1, 2)
                for b in ("sodiation", "desodiation")
            ),
            hysteresis_ordered,
        ),
        Constraint(
            "lower voltage cut-off below upper voltage cut-off",
            ("Lower voltage cut-off [V]", "Upper voltage cut-off [V]"),
            window_ordered,
        ),
        Constraint(
            "buffer pore volume (per electrode volume) at most the electrode "
            "porosity: the buffer pores are part of it",
            ("Buffer pore volume [m3.kg-1]", *RECIPE_PARAMETERS.values()),
            buffer_fits_in_pores,
        ),
        Constraint(
            "initial voltage inside the voltage cut-offs",
            (
                "Lower voltage cut-off [V]",
                "Initial voltage [V]",
                "Upper voltage cut-off [V]",
            ),
            start_inside_window,
        ),
    ]
    return ParameterSet(
        name="SbQD@C",
        description="SbQD@C | 1 M NaClO4 in PC + 5 % FEC | Na half cell (Qiu2021)",
        params=params,
        citations=[
            "Qiu2021: Qiu et al., Small Methods 5 (2021) 2100188",
            "Chayambuka2022: Chayambuka et al., Electrochim. Acta 404 (2022) 139764",
            "Allan2016: Allan et al., J. Am. Chem. Soc. 138 (2016) 2352",
            "Ponrouch2012: Ponrouch et al., Energy Environ. Sci. 5 (2012) 8572",
            "Subramanian2005: Subramanian et al., J. Electrochem. Soc. 152 (2005) A2002",
            "Verbrugge2017: Verbrugge et al., J. Electrochem. Soc. 164 (2017) E3243",
            "Darwiche2012: Darwiche et al., J. Am. Chem. Soc. 134 (2012) 20805",
            "Cromer1959: Cromer, Acta Cryst. 12 (1959) 41 (NaSb structure)",
            "Pharr2014: Pharr, Suo, Vlassak, J. Power Sources 270 (2014) 569",
            "Bruggeman1935: Bruggeman, Ann. Phys. 416 (1935) 636",
        ],
        constraints=constraints,
        completion=functools.partial(complete, temperature_range=ELECTROLYTE_RANGE_K),
    )
