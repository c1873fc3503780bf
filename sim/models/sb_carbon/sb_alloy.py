"""The Sb phase: multistep alloying with a hysteresis state, Butler-Volmer
kinetics at the Sb surface, Na reaching the Sb by solid diffusion.

Two placements (model option "Sb placement"):

- **connected** Sb (the default): a phase the electrolyte reaches and through
  which Na diffuses, NaxSb spheres of radius L = "Sb diffusion length [m]": the
  particle radius of bulk Sb powder, or the composite grain's radius for
  SbQD@C, whose dots (66 wt% Sb, ~35 vol% of a grain, above the ~29 % at which
  randomly placed spheres percolate) form a connected network through the
  grain. The reaction is with the electrolyte, on the Sb's area (the dots' for
  SbQD@C: the dot radius sets the area). States: ``u``, the logit ln(y /
  (1 - y)) of the stoichiometry y = x / 3 (x in NaxSb) on the dimensionless
  radius r/L; Fick's law for y in the reference (pristine) frame with the
  diffusivity of the current frame, D / v^(2/3) (lengths stretch by v^(1/3)
  with the particle-average volume ratio v); the logit is the state so that
  solver tolerances are relative in y and 1 - y (see
  :mod:`sim.physics.multistep_ocp`); ``h`` and ``U`` per electrode node.
- **embedded** dots (the hypothesis of isolated dots confined in the carbon, a
  what-if for SbQD@C): the carbon grain is the transport medium. Each node of the grain's sphere (the "carbon particle"
  domain, radius = grain radius) holds dots of radius "Sb particle radius"
  with their own ``u``, ``h`` and ``U``; they exchange Na with the carbon
  around them, driven by the local carbon OCP against theirs, and the carbon's
  diffusion equation carries the matching source. A dot is uniform: its own
  diffusion time R^2/D (~5 ms for 1.5 nm at 5e-16 m2/s) is far below any
  protocol's, which the parameter sets check (see their constraints); larger Sb
  belongs to the connected placement. So the grain radius and the carbon's
  diffusivity set the grain's transport, and the dot radius its exchange area.
  With SbQD@C's values and literature carbon kinetics and diffusivity, and the
  grain radius fitted to the rate capacities, this placement polarises the
  CVs by tenths of a volt (the grain's sloping carbon OCP must carry the dots'
  flux) and merges the two cathodic peaks from 0.3 mV/s, where Qiu2021's peaks
  are nearly fixed; it is not the placement of the paper experiments.

- ``h``: the one-state hysteresis state of :mod:`sim.physics.hysteresis`;
- ``U``: the open-circuit potential at the Sb surface, an algebraic unknown
  solving the multistep (MSMR) isotherm ``y_s = sum_j X_j / (1 + exp(f (U -
  U0_j(h)) / w_j))``, whose step potentials move between the sodiation (h =
  -1) and desodiation (h = +1) values with h: each state of h is a reversible
  isotherm, so any rest inside the loop is an equilibrium and a start state at
  any h is explicit.

The reaction on the Sb surface (area a_Sb of the dots or particles, growing as
v^(2/3)) is symmetric Butler-Volmer about U with a mass-action exchange current
``j0 = F k (c_max / v) sqrt(y_s (1 - y_s))`` times sqrt(c_e / c_e0) (connected, the
electrolyte's sodium) or sqrt(theta (1 - theta)) (embedded, the carbon's
occupancy); the Na it moves crosses the Sb surface, so the particle average
obeys ``dy/dt = -3 v^(2/3) j / (R_Sb F c_max)`` exactly.

Rate constant and diffusivity are Arrhenius in the temperature; the isotherms
use the ambient temperature (f = F / RT).
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm

from sim.constants import FARADAY
from sim.models.sb_carbon.options import embedded_sb
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
    embedded: bool = False  # dots inside the carbon grains
    volumetric_current: pybamm.Symbol = None  # [A.m-3] anodic, per electrode


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
    """New Sb states (None without the Sb phase); equations in :func:`add_sb`.

    Bare particles: the stoichiometry on the particle's unit sphere, hysteresis
    and OCP per electrode node. Embedded dots: one uniform dot per node of the
    composite grain (the "carbon particle" sphere), each with its own
    stoichiometry, hysteresis state and OCP."""
    if not options["Sb phase"]:
        return None
    if embedded_sb(options):
        where = {"domain": "carbon particle"}
        where["auxiliary_domains"] = {"secondary": "working electrode"}
        h_where = where
    else:
        where = {
            "domain": SB_PARTICLE,
            "auxiliary_domains": {"secondary": "working electrode"},
        }
        h_where = {"domain": "working electrode"}
    c = pybamm.Variable("Sb stoichiometry logit", **where)
    h = pybamm.Variable("Sb hysteresis state", **h_where)
    c_max = geo.c_Sb_max
    x_Na = P("Sodium per Sb at full sodiation") * pybamm.r_average(sigmoid(c))
    return SbPhase(c, h, c_max, x_Na, embedded=embedded_sb(options))


def add_sb(model, sb, iface, geo, sw, start, n_steps, carbon=None):
    """Equations of the Sb phase; sets the phase's expressions and returns it.
    ``carbon``: the carbon phase (:func:`.sodium_stores.add_carbon`), which the
    embedded dots exchange Na with."""
    if sb.embedded:
        return _add_embedded(model, sb, iface, geo, sw, start, n_steps, carbon)
    return _add_connected(model, sb, iface, geo, sw, start, n_steps)


def _surface_ocp(model, u_s, at_h, f, domain, start):
    """The OCP at the Sb surface: an algebraic unknown on ``domain`` solving the
    isotherm at hysteresis state h for the surface stoichiometry (its logit
    ``u_s``); returns it and
    the mass-action factor sqrt(y (1 - y)) through the isotherm (written so that
    it never cancels at either end)."""
    U = pybamm.Variable("Sb OCP [V]", **domain)
    model.algebraic[U] = u_s - logit_stoichiometry(U, *at_h, f)
    if "auxiliary_domains" in domain:
        U0 = pybamm.FullBroadcast(
            start.voltage, domain["domain"], domain["auxiliary_domains"]
        )
    else:
        U0 = pybamm.PrimaryBroadcast(start.voltage, domain["domain"])
    model.initial_conditions[U] = U0
    mass_action = (stoichiometry(U, *at_h, f) * vacancy(U, *at_h, f)) ** 0.5
    return U, mass_action


def _start(sod, des, start, f):
    """Start values (h0, logit of y0) on the start branch at the start voltage."""
    h0 = 1 - 2 * P(START_BRANCH)
    return h0, logit_stoichiometry(start.voltage, *_steps_at(h0, sod, des), f)


def _add_connected(model, sb, iface, geo, sw, start, n_steps):
    """Connected Sb: Fickian diffusion over "Sb diffusion length", the reaction
    with the electrolyte on the Sb's area."""
    u, h, c_max = sb.concentration, sb.hysteresis, sb.c_max
    f = iface.f
    L = P("Sb diffusion length [m]")
    D = P("Sb diffusivity [m2.s-1]") * iface.arrhenius("Sb diffusion")
    u_s = pybamm.surf(u)
    y_s = sigmoid(u_s)
    sod, des = steps(n_steps, "sodiation"), steps(n_steps, "desodiation")
    at_h = _steps_at(h, sod, des)
    U, mass_action = _surface_ocp(
        model, u_s, at_h, f, {"domain": "working electrode"}, start
    )
    k = P("Sb rate constant [m.s-1]") * iface.arrhenius("Sb reaction")
    j0 = FARADAY * k * c_max / sw.v * iface.c_e_ratio**0.5 * mass_action
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
    h0, u0 = _start(sod, des, start, f)
    model.initial_conditions[u] = pybamm.FullBroadcast(
        u0, SB_PARTICLE, {"secondary": "working electrode"}
    )
    dy_out = 3 * sw.v ** (2 / 3) * j / (geo.R_Sb * FARADAY * c_max)
    model.rhs[h] = hysteresis_rate(h, dy_out, P("Sb hysteresis decay"), SIGN_SCALE)
    model.initial_conditions[h] = pybamm.PrimaryBroadcast(h0, "working electrode")
    sb.volumetric_current = sw.a_Sb * j
    return _finish(sb, y_s, y, U, eta, j, dy_out)


def _add_embedded(model, sb, iface, geo, sw, start, n_steps, carbon):
    """Dots inside the composite grain: each node of the grain's sphere holds
    uniform dots of radius "Sb particle radius" that exchange Na with the carbon
    around them. The driving force is the local carbon's OCP against the dots'
    (the carbon's Na chemical potential, -F U_C(c/c_max), where an electrode
    potential would be): symmetric Butler-Volmer on the dot surface with a
    mass-action exchange current in both phases. The carbon's diffusion
    equation gets the matching source, so the Na that reaches a dot has crossed
    the grain's carbon from the surface."""
    u, h, c_max = sb.concentration, sb.hysteresis, sb.c_max
    f = iface.f
    domain = {
        "domain": "carbon particle",
        "auxiliary_domains": {"secondary": "working electrode"},
    }
    y = sigmoid(u)
    sod, des = steps(n_steps, "sodiation"), steps(n_steps, "desodiation")
    at_h = _steps_at(h, sod, des)
    U, mass_action = _surface_ocp(model, u, at_h, f, domain, start)
    k = P("Sb rate constant [m.s-1]") * iface.arrhenius("Sb reaction")
    theta = carbon.stoichiometry
    theta_c = pybamm.maximum(theta, 0) * pybamm.maximum(1 - theta, 0)
    v_g = _on_grain(sw.v)
    j0 = FARADAY * k * c_max / v_g * theta_c**0.5 * mass_action
    U_C = pybamm.FunctionParameter("Carbon OCP [V]", {"Carbon stoichiometry": theta})
    eta = U_C - U
    j = 2 * j0 * pybamm.sinh(f * eta / 2)  # anodic: Na from the dot to the carbon
    dy_out = 3 * v_g ** (2 / 3) * j / (geo.R_Sb * FARADAY * c_max)
    model.rhs[u] = -dy_out / (y * (1 - y))
    # per carbon volume: the dots' surface per electrode volume over eps_C
    a_dots = _on_grain(sw.a_Sb / geo.eps_C)
    c_C = carbon.concentration
    model.rhs[c_C] = model.rhs[c_C] + a_dots * j / FARADAY
    h0, u0 = _start(sod, des, start, f)
    model.initial_conditions[u] = pybamm.FullBroadcast(
        u0, "carbon particle", {"secondary": "working electrode"}
    )
    model.rhs[h] = hysteresis_rate(h, dy_out, P("Sb hysteresis decay"), SIGN_SCALE)
    model.initial_conditions[h] = pybamm.FullBroadcast(
        h0, "carbon particle", {"secondary": "working electrode"}
    )
    sb.volumetric_current = sw.a_Sb * pybamm.r_average(j)
    return _finish(sb, y, y, U, eta, j, dy_out)


def _on_grain(expr):
    """``expr`` (per electrode node, or uniform) on every node of the grains."""
    if not expr.domain:
        return pybamm.FullBroadcast(
            expr, "carbon particle", {"secondary": "working electrode"}
        )
    return pybamm.PrimaryBroadcast(expr, "carbon particle")


def _finish(sb, y_s, y, U, eta, j, dy_out):
    sb.surface_stoichiometry = y_s
    sb.stoichiometry = y
    sb.ocp = U
    sb.overpotential = eta
    sb.current_density = j
    sb.dx_dt = -P("Sodium per Sb at full sodiation") * pybamm.r_average(dy_out)
    return sb


def _steps_at(h, sod, des):
    """The steps at hysteresis state h: standard potentials interpolated between
    the branches, U0(h) = (U0_sod + U0_des) / 2 + h (U0_des - U0_sod) / 2 (the
    branches themselves at h = -1 and +1), widths and fractions shared."""
    U0 = [branch_potential(Us, Ud, h) for Us, Ud in zip(sod[0], des[0], strict=True)]
    return U0, des[1], des[2]


def sb_transport(values, options):
    """(length [m], diffusivity [m2.s-1]) of the solid path by which Na reaches
    the Sb, read from ``values`` (anything indexable by parameter name): the
    diffusion length and NaxSb's diffusivity for connected Sb; the composite
    grain's radius and its carbon's diffusivity for embedded dots."""
    if embedded_sb(options):
        return values["Carbon particle radius [m]"], values[
            "Carbon diffusivity [m2.s-1]"
        ]
    return values["Sb diffusion length [m]"], values["Sb diffusivity [m2.s-1]"]
