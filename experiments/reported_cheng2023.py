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
