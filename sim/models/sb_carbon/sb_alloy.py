"""The Sb phase: Na diffusing in NaxSb spheres, multistep alloying with a
hysteresis state, Butler-Volmer kinetics at the Sb surface.

States (on the working electrode; the sodium also on a unit sphere):

- ``u``: the logit ln(y / (1 - y)) of the Sb stoichiometry y = x / 3 (x in
  NaxSb) on a dimensionless radius r/L in [0, 1], L = "Sb diffusion length [m]"
  (the particle radius of bulk Sb; for dots inside composite grains the grain
  radius over which Na reaches them). Fick's law for y in the reference
  (pristine) frame with the diffusivity of the current frame, D / v^(2/3)
  (lengths stretch by v^(1/3) with the particle-average volume ratio v); the
  logit is the state so that solver tolerances are relative in y and 1 - y
  (see :mod:`sim.physics.multistep_ocp`);
- ``h``: the one-state hysteresis state of :mod:`sim.physics.hysteresis`;
- ``U``: the open-circuit potential at the surface, an algebraic unknown solving
  the multistep (MSMR) isotherm ``y_s = sum_j X_j / (1 + exp(f (U - U0_j(h)) /
  w_j))``, whose step potentials move between the sodiation (h = -1) and
  desodiation (h = +1) values with h: each state of h is a reversible isotherm,
  so any rest inside the loop is an equilibrium and a start state at any h is
  explicit.

The reaction on the Sb surface (area a_Sb of the dots or particles, growing as
v^(2/3)) is symmetric Butler-Volmer about U with a mass-action exchange current
``j0 = F k (c_max / v) sqrt(c_e / c_e0) sqrt(y_s (1 - y_s))``; the Na it moves
crosses the diffusion sphere's surface, so the particle average obeys
``dy/dt = -3 v^(2/3) j / (R_Sb F c_max)`` exactly.

Rate constant and diffusivity are Arrhenius in the temperature; the isotherms
use the ambient temperature (f = F / RT).
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm

from sim.constants import FARADAY
from sim.models.sb_carbon.parameter_names import START_BRANCH, sb_step_names
from sim.physics.hysteresis import branch_potential, hysteresis_rate
from sim.physics.multistep_ocp import (
    logit_stoichiometry,
    sigmoid,
    stoichiometry,
    vacancy,
)

P = pybamm.Parameter
SB_PARTICLE = "Sb particle"
SIGN_SCALE = 1e-7
"""[stoichiometry/s] below which the hysteresis sign is linearised (C/2800 h)."""


@dataclass
class SbPhase:
    """The Sb phase's expressions; ``store`` is set by :func:`add_sb`."""

    concentration: pybamm.Variable  # logit of y = c / c_max, on the sphere
    hysteresis: pybamm.Variable
    c_max: pybamm.Symbol
    x_Na: pybamm.Symbol  # particle-average Na per Sb
    surface_stoichiometry: pybamm.Symbol = None
    ocp: pybamm.Symbol = None
    overpotential: pybamm.Symbol = None
    current_density: pybamm.Symbol = None  # per Sb surface [A.m-2], anodic +
    dx_dt: pybamm.Symbol = None  # d x_Na / dt [s-1]
    stoichiometry: pybamm.Symbol = None  # y on the sphere


def steps(n_steps, branch):
    """(standard potentials, widths, fractions) of the steps on one branch."""
    key = "U_sod" if branch == "sodiation" else "U_des"
    names = [sb_step_names(j) for j in range(1, n_steps + 1)]
    return (
        [P(n[key]) for n in names],
        [P(n["w"]) for n in names],
        [P(n["fraction"]) for n in names],
    )


def sb_phase(options, geo):
    """New Sb states (None without the Sb phase); equations in :func:`add_sb`."""
    if not options["Sb phase"]:
        return None
    c = pybamm.Variable(
        "Sb stoichiometry logit",
        domain=SB_PARTICLE,
        auxiliary_domains={"secondary": "working electrode"},
    )
    h = pybamm.Variable("Sb hysteresis state", domain="working electrode")
    c_max = geo.c_Sb_max
    x_Na = P("Sodium per Sb at full sodiation") * pybamm.r_average(sigmoid(c))
    return SbPhase(c, h, c_max, x_Na)


def add_sb(model, sb, iface, geo, sw, start, n_steps):
    """Equations of the Sb phase; sets the phase's expressions and returns it."""
    u, h, c_max = sb.concentration, sb.hysteresis, sb.c_max
    f = iface.f
    L = P("Sb diffusion length [m]")
    D = P("Sb diffusivity [m2.s-1]") * iface.arrhenius("Sb diffusion")
    u_s = pybamm.surf(u)
    y_s = sigmoid(u_s)
    sod, des = steps(n_steps, "sodiation"), steps(n_steps, "desodiation")
    at_h = _steps_at(h, sod, des)
    U = pybamm.Variable("Sb OCP [V]", domain="working electrode")
    model.algebraic[U] = u_s - logit_stoichiometry(U, *at_h, f)
    # kinetics per current Sb surface
    k = P("Sb rate constant [m.s-1]") * iface.arrhenius("Sb reaction")
    # sqrt(y (1 - y)) through the isotherm at the surface potential (y_s at
    # the solution, written so that it never cancels at either end)
    y_eq = stoichiometry(U, *at_h, f)
    j0 = (
        FARADAY
        * k
        * c_max
        / sw.v
        * iface.c_e_ratio**0.5
        * (y_eq * vacancy(U, *at_h, f)) ** 0.5
    )
    eta = iface.delta_phi - U
    j = 2 * j0 * pybamm.sinh(f * eta / 2)
    # Fick's law for y on the unit sphere (reference frame), carried by its
    # logit u: y'(u) du/dt = div(D_ref grad y), y'(u) = y (1 - y); the flux is
    # written in y (boundary condition on y itself), so the Na that leaves
    # through the surface is exactly the reaction's and Na is conserved
    y = sigmoid(u)
    v_p = pybamm.PrimaryBroadcast(sw.v, SB_PARTICLE)
    D_ref = D / (v_p ** (2 / 3) * L**2)
    model.rhs[u] = -pybamm.div(-D_ref * pybamm.grad(y)) / (y * (1 - y))
    # N_out = L v^(2/3) j / (R_Sb F)  [mol per pristine surface and second]
    N_out = L * sw.v ** (2 / 3) * j / (geo.R_Sb * FARADAY)
    model.boundary_conditions[y] = {
        "left": (pybamm.Scalar(0), "Neumann"),
        "right": (-N_out * L * sw.v ** (2 / 3) / (D * c_max), "Neumann"),
    }
    on_sod = P(START_BRANCH)
    h0 = 1 - 2 * on_sod
    u0 = logit_stoichiometry(start.voltage, *_steps_at(h0, sod, des), f)
    model.initial_conditions[u] = pybamm.FullBroadcast(
        u0, SB_PARTICLE, {"secondary": "working electrode"}
    )
    dy_out = 3 * sw.v ** (2 / 3) * j / (geo.R_Sb * FARADAY * c_max)
    model.rhs[h] = hysteresis_rate(h, dy_out, P("Sb hysteresis decay"), SIGN_SCALE)
    model.initial_conditions[h] = pybamm.PrimaryBroadcast(h0, "working electrode")
    model.initial_conditions[U] = pybamm.PrimaryBroadcast(
        start.voltage, "working electrode"
    )
    sb.surface_stoichiometry = y_s
    sb.stoichiometry = y
    sb.ocp = U
    sb.overpotential = eta
    sb.current_density = j
    sb.dx_dt = -P("Sodium per Sb at full sodiation") * dy_out
    return sb


def _steps_at(h, sod, des):
    """The steps at hysteresis state h: standard potentials interpolated between
    the branches, U0(h) = (U0_sod + U0_des) / 2 + h (U0_des - U0_sod) / 2 (the
    branches themselves at h = -1 and +1), widths and fractions shared."""
    U0 = [branch_potential(Us, Ud, h) for Us, Ud in zip(sod[0], des[0], strict=True)]
    return U0, des[1], des[2]
