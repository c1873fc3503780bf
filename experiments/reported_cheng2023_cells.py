"""Numbers reported by paper B for its cells, with where they come from.

The project's own copy of every reported value the Cheng2023 cell experiments
(symmetric Li cells, Bruce-Vincent, blocking-electrode impedance, LiFePO4 rate test)
compare against. Each entry: ``key: (value, unit, source)``. (The electrolyte's own
numbers, conductivities and activation energies, are in ``reported_cheng2023``.)

Paper B ("Cheng2023"): Cheng et al., Adv. Mater. 2023, DOI 10.1002/adma.202303226,
PEO/LiTFSI with GdOOH cluster chains (CPCSE), common nanowires (CNCSE), or no filler
(PPSE).
"""

CHENG2023_CELLS = {
    # Bruce-Vincent (Fig. 3d)
    "t+ CPCSE": (0.62, "-", "Cheng2023 Fig. 3d and text (Bruce-Vincent, Li|CPCSE|Li)"),
    "t+ CNCSE": (0.27, "-", "Cheng2023 text after Fig. 3d (Fig. S15)"),
    # blocking-electrode impedance (Fig. 3e)
    "CPCSE sigma RT": (
        5.2e-4,
        "S.cm-1",
        "Cheng2023 text on Fig. S11 (room temperature; taken as 25 C)",
    ),
    "CPCSE sigma 60 C": (1.6e-3, "S.cm-1", "Cheng2023 text on Fig. 3e (60 C)"),
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
    "LFP controls 2 C upper bound": (
        100.0,
        "mA.h.g-1",
        "Cheng2023 text on Fig. 6b (CNCSE and PPSE below 100 mAh/g at 2 C)",
    ),
}


def value(key):
    """Reported value for ``key``."""
    return CHENG2023_CELLS[key][0]


def source(key):
    """Where the reported value comes from."""
    return CHENG2023_CELLS[key][2]
