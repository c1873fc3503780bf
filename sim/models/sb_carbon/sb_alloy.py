"""The Sb phase: Na diffusing in NaxSb spheres, multistep alloying with a
hysteresis state, Butler-Volmer kinetics at the Sb surface.

States (all on the working electrode; the concentration also on a unit sphere):

- ``c``: sodium in the Sb per *pristine* Sb volume [mol.m-3] on a dimensionless
  radius r/L in [0, 1], with L = "Sb diffusion length [m]" (the particle radius
  of bulk Sb; for dots inside composite grains the grain radius over which Na
  reaches them). Fick's law in the reference (pristine) frame with the
  diffusivity of the current frame, D / v^(2/3) (lengths stretch by v^(1/3) with
  the particle-average volume ratio v);
- ``h``: the one-state hysteresis state of :mod:`sim.physics.hysteresis`;
- the two branch potentials U_sod(y_s), U_des(y_s) at the surface stoichiometry
  y_s = c_surf / c_max, algebraic unknowns solving the multistep (MSMR) isotherm
  of :mod:`sim.physics.multistep_ocp` (the step capacity fractions, widths and
  sodiation / desodiation standard potentials of the set).

The reaction on the Sb surface (area a_Sb of the dots or particles, growing as
v^(2/3)) is symmetric Butler-Volmer about U(y_s, h) with a mass-action exchange
current ``j0 = F k (c_max / v) sqrt(c_e / c_e0) sqrt(y_s (1 - y_s))``; the Na it
moves enters or leaves the diffusion sphere through its surface, so the particle
average obeys ``dy/dt = -3 v^(2/3) j / (R_Sb F c_max)`` exactly.

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


def _other_branch_guess(V0, start, other, f):
    """Start guess of the other branch's potential at the start stoichiometry:
    V0 shifted by the step offsets, weighted by how much each step is active at
    V0 (the algebraic solve refines it)."""
    U_this, w, X = start
    U_other = other[0]
    weights = [
        Xj / (pybamm.cosh(f * (V0 - Uj) / (2 * wj)) ** 2 * wj)
        for Uj, wj, Xj in zip(U_this, w, X, strict=True)
    ]
    shift = sum(
        wt * (Uo - Uj) for wt, Uo, Uj in zip(weights, U_other, U_this, strict=True)
    )
    return V0 + shift / sum(weights)


def add_sb(model, sb, iface, geo, sw, start, n_steps):
    """Equations of the Sb phase; sets the phase's expressions and returns it."""
    u, h, c_max = sb.concentration, sb.hysteresis, sb.c_max
    f = iface.f
    L = P("Sb diffusion length [m]")
    D = P("Sb diffusivity [m2.s-1]") * iface.arrhenius("Sb diffusion")
    u_s = pybamm.surf(u)
    y_s = sigmoid(u_s)
    sod, des = steps(n_steps, "sodiation"), steps(n_steps, "desodiation")
    U_sod = pybamm.Variable("Sb sodiation-branch OCP [V]", domain="working electrode")
    U_des = pybamm.Variable("Sb desodiation-branch OCP [V]", domain="working electrode")
    model.algebraic[U_sod] = u_s - logit_stoichiometry(U_sod, *sod, f)
    model.algebraic[U_des] = u_s - logit_stoichiometry(U_des, *des, f)
    U = branch_potential(U_sod, U_des, h)
    # kinetics per current Sb surface
    k = P("Sb rate constant [m.s-1]") * iface.arrhenius("Sb reaction")
    # sqrt(y (1 - y)) through the desodiation branch's isotherm at its surface
    # potential (equal to y_s at the solution, but smooth and positive even if
    # a solver step takes y_s through 0 or 1)
    y_eq = stoichiometry(U_des, *des, f)
    j0 = (
        FARADAY
        * k
        * c_max
        / sw.v
        * iface.c_e_ratio**0.5
        * (y_eq * vacancy(U_des, *des, f)) ** 0.5
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
    u0 = logit_stoichiometry(start.voltage, *_start_steps(sod, des), f)
    model.initial_conditions[u] = pybamm.FullBroadcast(
        u0, SB_PARTICLE, {"secondary": "working electrode"}
    )
    dy_out = 3 * sw.v ** (2 / 3) * j / (geo.R_Sb * FARADAY * c_max)
    model.rhs[h] = hysteresis_rate(h, dy_out, P("Sb hysteresis decay"), SIGN_SCALE)
    on_sod = P(START_BRANCH)
    model.initial_conditions[h] = pybamm.PrimaryBroadcast(
        1 - 2 * on_sod, "working electrode"
    )
    V0 = start.voltage
    guess_sod = _other_branch_guess(V0, des, sod, f)
    guess_des = _other_branch_guess(V0, sod, des, f)
    model.initial_conditions[U_sod] = pybamm.PrimaryBroadcast(
        V0 + (1 - on_sod) * (guess_sod - V0), "working electrode"
    )
    model.initial_conditions[U_des] = pybamm.PrimaryBroadcast(
        V0 + on_sod * (guess_des - V0), "working electrode"
    )
    sb.surface_stoichiometry = y_s
    sb.stoichiometry = y
    sb.ocp = U
    sb.overpotential = eta
    sb.current_density = j
    sb.dx_dt = -P("Sodium per Sb at full sodiation") * dy_out
    return sb


def _start_steps(sod, des):
    """The steps of the branch the electrode starts on, as expressions mixing
    the two branches with the start-branch flag (0 desodiation, 1 sodiation)."""
    on_sod = P(START_BRANCH)
    U0 = [Ud + on_sod * (Us - Ud) for Us, Ud in zip(sod[0], des[0], strict=True)]
    return U0, des[1], des[2]
