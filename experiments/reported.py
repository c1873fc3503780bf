"""Numbers reported by the source papers, with where they come from.

This is the project's own copy of every reported value its experiments compare
against (users do not have the papers' supplementary data). Each entry:
``key: (value, unit, source)``.

Paper A ("Qiu2021"): Qiu et al., Small Methods 5 (2021) 2100188, SbQD@C anode.
"""

QIU2021 = {
    "CV anodic peak": (0.77, "V", "Qiu2021 Fig. 5a text (Na3Sb -> Sb)"),
    "CV cathodic peak 1": (0.70, "V", "Qiu2021 Fig. 5a text, cycles 2-5 (a-NaxSb)"),
    "CV cathodic peak 2": (0.50, "V", "Qiu2021 Fig. 5a text, cycles 2-5 (Na3Sb)"),
    "CV first-cycle SEI peak": (0.26, "V", "Qiu2021 Fig. 5a text, 1st cathodic scan"),
    "CV scan rate Fig. 5a": (0.1, "mV.s-1", "Qiu2021 Fig. 5a"),
    "CV window": ((0.01, 2.5), "V", "Qiu2021 Fig. 5a"),
    "b-values": ((0.70, 0.84, 0.77), "-", "Qiu2021 Fig. S3"),
    "capacitive fraction": (
        (49.4, 58.5, 65.2, 69.1, 75.0),
        "%",
        "Qiu2021 Fig. 5g at 0.1, 0.3, 0.5, 0.7, 0.9 mV/s",
    ),
    "rate capacity": (
        (573, 478, 462, 434, 404, 278),
        "mA.h.g-1",
        "Qiu2021 Fig. 7c at 0.1, 0.2, 0.5, 1.0, 2.0, 5.0 A/g",
    ),
    "capacity after 100 cycles at 1 A/g": (374.8, "mA.h.g-1", "Qiu2021 Fig. 7b text"),
    "retention after 100 cycles at 1 A/g": (
        92.8,
        "%",
        "Qiu2021 introduction (375 mAh/g after 100 cycles at 1 A/g, 92.8 %; Fig. 7b)",
    ),
    "capacity after 160 cycles at 0.1 A/g": (
        492.9,
        "mA.h.g-1",
        "Qiu2021 Fig. 7d text",
    ),
    "retention after 160 cycles at 0.1 A/g": (95.9, "%", "Qiu2021 Fig. 7d text"),
    "electrode area": (1.44, "cm2", "Qiu2021 experimental: discs of ~1.44 cm2"),
    "mass loading range": (
        (0.5, 1.0),
        "mg",
        "Qiu2021 experimental: 'a mass loading range of 0.5-1.0 mg' per electrode",
    ),
    "tau0 SbQD@C": (0.05, "s", "Qiu2021 Fig. 6 (phase -45 deg)"),
    "tau0 commercial Sb": (0.1, "s", "Qiu2021 Fig. 6 (phase -45 deg)"),
    "EIS stops": (
        ((2.5, 0.8, 0.5, 0.01), (0.5, 0.8, 2.5)),
        "V",
        "Qiu2021 Fig. 6a,c text: after ten cycles, 2.5, 0.8, 0.5, 0.01 V on "
        "discharge and back on charge",
    ),
    "EIS formation cycles": (10, "-", "Qiu2021 Fig. 6 text: 'after ten cycles'"),
    "Rct rises on sodiation": (
        "Rct rises from 2.5 V to 0.01 V on discharge",
        "-",
        "Qiu2021 Fig. 6c text",
    ),
    "Rct falls on desodiation": (
        "Rct falls from 0.01 V to 2.5 V on charge",
        "-",
        "Qiu2021 Fig. 6c text",
    ),
    "Rct recovers after a cycle": (
        "Rct at 2.5 V nearly the same after a full cycle",
        "-",
        "Qiu2021 Fig. 6c,d text",
    ),
    "semicircle SbQD@C smaller": (
        "semicircle of SbQD@C smaller than commercial Sb",
        "-",
        "Qiu2021 Fig. 6 text",
    ),
    "Warburg slope SbQD@C smaller": (
        "Z' vs w^-1/2 slope (sigma) smaller for SbQD@C at low potential",
        "-",
        "Qiu2021 Fig. 6b,c,f text",
    ),
}


def _first_cycle(capacity_key, retention_key, figure):
    """A cycling cell's first-cycle capacity: its capacity after N cycles over its
    retention (both reported)."""
    q, unit, _ = QIU2021[capacity_key]
    r = QIU2021[retention_key][0]
    return (
        q / (r / 100),
        unit,
        f"derived: Qiu2021 {figure}, {q:g} mAh/g / {r:g} % retention",
    )


QIU2021["first-cycle capacity of the 0.1 A/g cycling cell"] = _first_cycle(
    "capacity after 160 cycles at 0.1 A/g",
    "retention after 160 cycles at 0.1 A/g",
    "Fig. 7d text",
)
QIU2021["first-cycle capacity of the 1 A/g cycling cell"] = _first_cycle(
    "capacity after 100 cycles at 1 A/g",
    "retention after 100 cycles at 1 A/g",
    "Fig. 7b",
)


def value(key):
    """Reported value for ``key``."""
    return QIU2021[key][0]


def source(key):
    """Where the reported value comes from."""
    return QIU2021[key][2]
