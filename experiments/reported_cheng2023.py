"""Numbers reported by paper B, with where they come from.

The project's own copy of every value of this paper that its parameter sets and
experiments use (users do not have the paper). Each entry:
``key: (value, unit, source)``.

Paper B ("Cheng2023"): Y. Cheng, X. Liu, Y. Guo, G. Dong, X. Hu, H. Zhang, X. Xiao,
Q. Liu, L. Xu, L. Mai, "Monodispersed Sub-1 nm Inorganic Cluster Chains in Polymers
for Solid Electrolytes with Enhanced Li-Ion Transport", Adv. Mater. 2023,
DOI 10.1002/adma.202303226. Names: CPCSE = GdOOH cluster chains in PEO/LiTFSI;
CNCSE = GdOOH common nanowires in PEO/LiTFSI; PPSE = PEO/LiTFSI alone. "Room
temperature" is not specified by the paper.
"""

CHENG2023 = {
    # ---- fillers ------------------------------------------------------------
    "cluster chain diameter": (0.95, "nm", "Cheng2023 Fig. 2d and text (HRTEM)"),
    "cluster chain length": (
        500.0,
        "nm",
        "Cheng2023 text on Fig. S5: nanowire length ~500 nm, 'comparable to that of "
        "cluster chains'",
    ),
    "nanowire diameter": (70.0, "nm", "Cheng2023 text on Fig. S5 (~70 nm)"),
    "nanowire length": (500.0, "nm", "Cheng2023 text on Fig. S5 (~500 nm)"),
    "organic mass fraction": (
        50.0,
        "wt%",
        "Cheng2023 text on Fig. S7 (TG): 'about 50 wt.% organic molecules on the "
        "surface of cluster chains and common nanowires'",
    ),
    "optimum loading cluster chains": (
        2.5,
        "wt%",
        "Cheng2023 text on Fig. S16: CPCSE conductivity peaks at 2.5 wt.%",
    ),
    "optimum loading nanowires": (
        10.0,
        "wt%",
        "Cheng2023 text on Fig. S16: CNCSE conductivity peaks at 10 wt.%",
    ),
    # ---- polymer state ------------------------------------------------------
    "glass transition CPCSE": (
        -50.51,
        "degC",
        "Cheng2023 text on Fig. 3b (DSC); CNCSE 'slightly' below PPSE, no values",
    ),
    "mobile Li fraction CPCSE": (
        50.7,
        "%",
        "Cheng2023 text on Fig. 4h (7Li solid-state NMR): mobile Li+ 'mainly in the "
        "organic-inorganic interface'; 49.3 % bound to polymer ether oxygens",
    ),
    # ---- conductivity -------------------------------------------------------
    "conductivity CPCSE room temperature": (
        5.2e-4,
        "S.cm-1",
        "Cheng2023 abstract and text on Fig. S11 ('at room temperature')",
    ),
    "conductivity CPCSE 60 C": (1.6e-3, "S.cm-1", "Cheng2023 text on Fig. 3e"),
    "conductivity CNCSE 60 C": (9.1e-4, "S.cm-1", "Cheng2023 text on Fig. 3e"),
    "conductivity PPSE 60 C": (0.8e-4, "S.cm-1", "Cheng2023 text on Fig. S17"),
    "activation energy CPCSE": (0.11, "eV", "Cheng2023 text on Fig. 3f (Arrhenius)"),
    "activation energy CNCSE": (0.16, "eV", "Cheng2023 text on Fig. 3f (Arrhenius)"),
    "activation energy PPSE": (0.32, "eV", "Cheng2023 text on Fig. 3f (Arrhenius)"),
    # ---- transference -------------------------------------------------------
    "transference number CPCSE": (
        0.62,
        "-",
        "Cheng2023 text on Fig. 3d (Bruce-Vincent, Li symmetric cell)",
    ),
    "transference number CNCSE": (
        0.27,
        "-",
        "Cheng2023 text on Fig. 3d and Fig. S15 (Bruce-Vincent)",
    ),
    # ---- cells (symmetric Li, LiFePO4); t+ and conductivities are above ------
    # symmetric cells (Fig. 3g-i)
    "step currents": (
        (0.05, 0.1, 0.2, 0.3, 0.4, 0.5),
        "mA.cm-2",
        "Cheng2023 Fig. 3g: 'step-increased current densities from 0.05 to 0.5 mA "
        "cm-2 (0.05 to 0.5 mAh cm-2)', i.e. 1 h half cycles; intermediate steps "
        "not listed in the text (assumption: 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)",
    ),
    "step half-cycle time": (1.0, "h", "Cheng2023 Fig. 3g (0.05 mA/cm2, 0.05 mAh/cm2)"),
    "long cycling current": (0.1, "mA.cm-2", "Cheng2023 Fig. 3h,i (0.1 mAh/cm2)"),
    "long cycling half-cycle time": (1.0, "h", "Cheng2023 Fig. 3h,i (0.1 mAh/cm2)"),
    "CPCSE polarization at 0.1 mA/cm2": (
        40.0,
        "mV",
        "Cheng2023 text on Fig. 3i ('polarization was stable at around 40 mV')",
    ),
    "CNCSE polarization at 400 h": (
        100.0,
        "mV",
        "Cheng2023 text on Fig. 3i (CNCSE 0.1 V at 400 h, then short)",
    ),
    "shorting electrolytes": (
        ("CNCSE", "PPSE"),
        "-",
        "Cheng2023 text on Fig. 3g (short at high current densities; CPCSE stable)",
    ),
    # LiFePO4 cells (Fig. 6b,c; S21c)
    "LFP rates": (
        (0.1, 0.2, 0.5, 1.0, 2.0, 0.1),
        "C",
        "Cheng2023 Fig. 6b ('from 0.1 to 2 C', and back)",
    ),
    "LFP CPCSE 0.1 C": (
        152.0,
        "mA.h.g-1",
        "Cheng2023 text on Fig. S21c (152 mAh/g after 100 cycles at 0.1 C)",
    ),
    "LFP CPCSE 2 C": (
        121.0,
        "mA.h.g-1",
        "Cheng2023 text on Fig. 6b (121 mAh/g at 2 C)",
    ),
    "NCM811 CPCSE 0.5 C after 250 cycles": (
        142.8,
        "mA.h.g-1",
        "Cheng2023 text on Fig. 6g (NCM811 | CPCSE | Li, 0.5 C, after 250 cycles)",
    ),
    "NCM811 CPCSE retention after 250 cycles": (
        93.7,
        "%",
        "Cheng2023 text on Fig. 6g (capacity retention after 250 cycles at 0.5 C)",
    ),
    "LFP CPCSE retention 1000 cycles 0.5 C": (
        87.7,
        "%",
        "Cheng2023 text on Fig. 6d (LFP | CPCSE | Li, 1000 cycles at 0.5 C)",
    ),
    "LFP CPCSE retention 700 cycles 1 C": (
        80.2,
        "%",
        "Cheng2023 text on Fig. 6e (LFP | CPCSE | Li, 700 cycles at 1 C)",
    ),
    "LFP controls 2 C upper bound": (
        100.0,
        "mA.h.g-1",
        "Cheng2023 text on Fig. 6b (CNCSE and PPSE below 100 mAh/g at 2 C)",
    ),
}


def value(key):
    """Reported value for ``key``."""
    return CHENG2023[key][0]


def unit(key):
    """Unit of the reported value."""
    return CHENG2023[key][1]


def source(key):
    """Where the reported value comes from."""
    return CHENG2023[key][2]
