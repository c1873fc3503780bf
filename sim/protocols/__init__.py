"""Protocols (what a cycler does to a cell) and their runners, one file per protocol."""

from sim.protocols.cyclic_voltammetry import (  # noqa: F401
    CyclicVoltammetry,
    GalvanostaticSodiation,
    active_mass_g,
    check_termination,
    run_cv,
    run_galvanostatic_sodiation,
)
