"""Equilibrium (rest) state of the Sb/C electrode at a given potential.

A simulated experiment that starts "equilibrated at 2.5 V" must start with every
store of sodium at rest at that potential, or the first points carry a spurious
current. This module computes those stores:

- Sb steps: occupancy on the isotherm of the branch the electrode came from
  (``"desodiation"`` for a fresh or fully desodiated electrode: any occupancy between
  the two branch isotherms is at rest, see :mod:`sim.physics.site_kinetics`);
- surface storage and the conductive additive's sites: their (non-hysteretic)
  isotherms;
- carbon: the stoichiometry where its OCP equals the potential (root of the OCP
  function, found numerically, as PyBaMM's ``set_initial_state`` does).
"""

from __future__ import annotations

import numpy as np
import pybamm
from scipy.optimize import brentq

from sim.constants import FARADAY as F
from sim.constants import GAS_CONSTANT as R
from sim.errors import ProtocolError
from sim.physics.site_kinetics import isotherm


def _evaluate(pv, name, x):
    return float(np.ravel(pv[name](pybamm.Scalar(x)).evaluate())[0])


def carbon_stoichiometry_at(pv, voltage):
    """Stoichiometry where the carbon OCP equals ``voltage``."""
    lo, hi = 1e-12, 1 - 1e-9

    def g(s):
        return _evaluate(pv, "Carbon OCP [V]", s) - voltage

    if g(lo) < 0 or g(hi) > 0:
        raise ProtocolError(
            f"potential {voltage} V is outside the carbon OCP range "
            f"[{_evaluate(pv, 'Carbon OCP [V]', hi):.3g}, "
            f"{_evaluate(pv, 'Carbon OCP [V]', lo):.3g}] V"
        )
    # the OCP spans orders of magnitude in sto near the ends: solve in log space
    return float(
        np.exp(brentq(lambda ls: g(np.exp(ls)), np.log(lo), np.log(hi), xtol=1e-14))
    )


def equilibrium(pv, voltage, options, branch="desodiation"):
    """Initial-state parameters (dict) at rest at ``voltage`` [V]."""
    if branch not in ("desodiation", "sodiation"):
        raise ProtocolError(f"branch {branch!r}: must be 'desodiation' or 'sodiation'")
    f = F / (R * pv["Ambient temperature [K]"])
    out = {
        "Initial voltage [V]": voltage,
        "Initial carbon stoichiometry": carbon_stoichiometry_at(pv, voltage),
    }
    if options["Sb phase"]:
        key = "desodiation" if branch == "desodiation" else "sodiation"
        for j in range(1, options["Sb steps"] + 1):
            out[f"Initial Sb step {j} occupancy"] = float(
                isotherm(
                    voltage,
                    pv[f"Sb step {j} {key} potential [V]"],
                    pv[f"Sb step {j} isotherm width"],
                    f,
                )
            )
    if options["Sb phase"] and options.get("volume change"):
        # a fresh electrode: all Sb connected, none isolated (cycling protocols
        # that skip cycles overwrite these with the damage reached so far)
        out["Initial connected Sb fraction"] = 1.0
        out["Initial sodium in isolated Sb [mol.m-3]"] = 0.0
    if options["surface storage"]:
        out["Initial surface storage occupancy"] = float(
            isotherm(
                voltage,
                pv["Surface storage standard potential [V]"],
                pv["Surface storage isotherm width"],
                f,
            )
        )
    if options.get("additive storage"):
        out["Initial conductive additive storage occupancy"] = float(
            isotherm(
                voltage,
                pv["Conductive additive storage standard potential [V]"],
                pv["Conductive additive storage isotherm width"],
                f,
            )
        )
    return out
