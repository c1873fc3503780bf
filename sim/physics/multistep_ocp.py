"""Open-circuit potential of a multistep alloying electrode (MSMR form).

A series of alloying steps j, each holding a fraction X_j of the capacity
(sum X_j = 1) around a standard potential U0_j with a width factor w_j, gives the
equilibrium stoichiometry as an explicit function of the potential (Verbrugge et
al., J. Electrochem. Soc. 164 (2017) E3243; PyBaMM's MSMR OCP)::

    y(U) = sum_j X_j / (1 + exp(f (U - U0_j) / w_j)),      f = F / (R T)

The OCP U(y) is its inverse. A model that diffuses the sodium needs U(y) at the
particle surface: it is solved for as an algebraic unknown from
``logit(y_surf) = logit(y(U))``. Over the 0.01-2.5 V window y spans 1e-20..1, so
the model carries the logit u = ln(y / (1 - y)) itself as its state (a change of
variable, as PyBaMM's MSMR particle carries the potential): a solver tolerance
on u is a *relative* tolerance on y and on 1 - y, and the equation stays well
scaled where a surface empties or fills. ``1 - y(U) = sum_j X_j (1 - sigma_j)``
is evaluated as such, never by subtraction.
"""

from __future__ import annotations

from sim.expressions import exp, log


def stoichiometry(U, U0s, widths, fractions, f):
    """Equilibrium stoichiometry y(U) [-] (NumPy or PyBaMM)."""
    return sum(
        X / (1 + exp(f * (U - U0) / w))
        for U0, w, X in zip(U0s, widths, fractions, strict=True)
    )


def vacancy(U, U0s, widths, fractions, f):
    """1 - y(U), summed term by term (exact where y -> 1)."""
    return sum(
        X / (1 + exp(-f * (U - U0) / w))
        for U0, w, X in zip(U0s, widths, fractions, strict=True)
    )


def logit_stoichiometry(U, U0s, widths, fractions, f):
    """logit(y(U)) = ln(y / (1 - y)) [-], without cancellation at either end."""
    return log(stoichiometry(U, U0s, widths, fractions, f)) - log(
        vacancy(U, U0s, widths, fractions, f)
    )


def sigmoid(u):
    """The stoichiometry y = 1 / (1 + exp(-u)) of a logit u."""
    return 1 / (1 + exp(-u))
