"""Shared fixtures: headless plotting, the SbQD@C parameter set, and the values of
the Li | electrolyte | Li test cell (used by test_symmetric_lithium_cell.py and
test_bruce_vincent.py; fixtures, not imports between test modules, so they work in
every pytest import mode)."""

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

SYMMETRIC_T = 303.15  # K
SYMMETRIC_C0 = 1000.0  # mol/m3
SYMMETRIC_CELL = {
    "Ambient temperature [K]": SYMMETRIC_T,
    "Electrolyte thickness [m]": 50e-6,
    "Electrode area [m2]": 2e-4,
    "Lithium exchange-current density [A.m-2]": 10.0,
    "Lithium interphase resistance [Ohm.m2]": 0.015,
    "Lithium interphase capacitance [F.m-2]": 0.01,
    "Lithium double-layer capacity [F.m-2]": 0.1,
}


def _dilute_electrolyte(D=2e-12, t_plus=0.4, chi=1.0, kappa=None):
    """Constant D, t+, chi; conductivity proportional to c (a dilute solution),
    Nernst-Einstein by default."""
    from sim.physics import concentration_polarization as cp

    c0, T = SYMMETRIC_C0, SYMMETRIC_T
    k0 = cp.nernst_einstein_conductivity(D, c0, t_plus, T) if kappa is None else kappa
    return {
        "Initial concentration in electrolyte [mol.m-3]": c0,
        "Electrolyte conductivity [S.m-1]": lambda c, T: k0 * c / c0,
        "Electrolyte diffusivity [m2.s-1]": lambda c, T: D + 0 * c,
        "Cation transference number": t_plus,
        "Thermodynamic factor": chi,
    }


@pytest.fixture(scope="session")
def sbqd():
    from sim import parameters

    return parameters.get("SbQD@C")


@pytest.fixture(scope="session")
def symmetric():
    """The symmetric test cell: ``T`` [K], ``C0`` [mol.m-3], ``CELL`` (cell values
    by name; copy before changing) and ``electrolyte(D, t_plus, chi, kappa)``
    (PyBaMM entries of a dilute electrolyte)."""
    return SimpleNamespace(
        T=SYMMETRIC_T,
        C0=SYMMETRIC_C0,
        CELL=dict(SYMMETRIC_CELL),
        electrolyte=_dilute_electrolyte,
    )
