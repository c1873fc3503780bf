"""One-state hysteresis of an alloying electrode (Plett's one-state model in the
form of Axen et al., J. Energy Storage 55 (2022) 105475, PyBaMM's
``"open-circuit potential": "one-state hysteresis"``).

Two-phase alloying steps rest anywhere between a sodiation and a desodiation
branch of the open-circuit potential (nucleation barriers and coherency stress
make them path dependent; Dreyer et al., Nat. Mater. 9 (2010) 448). A hysteresis
state ``h`` in [-1, 1] says where between the branches the surface sits, h = +1
on the desodiation branch, -1 on the sodiation branch. For a multistep isotherm
the model moves each step's standard potential with h::

    U0_j(h) = (U0_j,sod + U0_j,des) / 2 + h (U0_j,des - U0_j,sod) / 2

(:func:`branch_potential`), so every h has its own reversible isotherm, the
branches at h = -1 and +1. It moves towards
the branch of the current's direction at a rate proportional to the charge
passed, with a dimensionless decay ``Gamma`` per unit stoichiometry::

    dh/dt = Gamma (dy_out/dt) (1 - sign(dy_out/dt) h) / 2

with ``dy_out/dt`` the rate at which the surface is *desodiated* (stoichiometry
per second, anodic positive). After a reversal h crosses from one branch to the
other over a stoichiometry swing of ~ 6 / Gamma (h reaches 90 % of the way),
which traces *scanning curves* inside the loop. At rest h stays, so every rest
state inside the loop is an equilibrium and each branch is locally reversible:
a small signal about rest sees the reaction (charge transfer and diffusion) of
the alloy, unlike a zero-current hysteresis band.

``sign`` is smoothed, s(x) = x / sqrt(x^2 + eps^2), so the state equation is
differentiable at zero current (impedance is a linearisation there).
"""

from __future__ import annotations

from sim.expressions import sqrt


def smooth_sign(x, eps):
    """x / sqrt(x^2 + eps^2): sign(x) for |x| >> eps, linear through 0."""
    return x / sqrt(x**2 + eps**2)


def hysteresis_rate(h, desodiation_rate, decay, eps):
    """dh/dt [s-1] of the one-state model.

    Parameters
    ----------
    h : hysteresis state [-], +1 desodiation branch, -1 sodiation branch
    desodiation_rate : rate at which the surface loses sodium [stoichiometry/s]
    decay : Gamma, the hysteresis decay per unit stoichiometry [-]
    eps : smoothing scale of the sign [stoichiometry/s]
    """
    return decay * desodiation_rate * (1 - smooth_sign(desodiation_rate, eps) * h) / 2


def branch_potential(U_sod, U_des, h):
    """The potential at hysteresis state h between its sodiation-branch and
    desodiation-branch values [V]."""
    return (U_sod + U_des) / 2 + h * (U_des - U_sod) / 2
