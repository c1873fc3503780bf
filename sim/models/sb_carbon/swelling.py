"""Swelling of the Sb and the electrode's response, in the model.

The physics (molar volumes, buffer, stretch) is in :mod:`sim.physics.volume_change`;
this module builds its PyBaMM expressions and state equations. Everything is per
pristine (reference) electrode volume. With the option off (or no Sb phase) the
stretch is 1 and nothing depends on sodiation: the foundation model.

States (with the option on): the buffer filling ``u`` (pores of the carbon taken
by Sb, relaxing to what the pores can hold in ``tau_b``), the connected Sb
fraction ``s`` (Sb cut off from the conducting network at a rate proportional to
the swing of unbuffered expansion, ``ds/dt = -beta s |d excess/dt|``) and the
sodium trapped in the isolated Sb.
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm

from sim.models.sb_carbon.geometry import X_W
from sim.physics.volume_change import molar_volume_ratio, smooth_min

P = pybamm.Parameter
SMOOTH = 1e-4
"""Volume fraction over which min() is rounded."""


@dataclass
class Swelling:
    """Expressions of the Sb volume change and its effect on the electrode.

    x_Na: Na per Sb (None without Sb); v: Sb volume ratio V/V0; dV_Sb: Sb
    expansion; absorbed / excess: buffered / unbuffered parts; stretch: local
    dx/dX; V_e: electrolyte volume; s: connected Sb fraction; n_trap: sodium in
    isolated Sb [mol.m-3] (None when off); a_Sb: Sb surface [m-1]; thickness [m];
    u: buffer filling state (None when off); dV_e_dt: electrolyte volume rate
    (set by :func:`add_swelling_equations`).
    """

    x_Na: pybamm.Symbol | None
    v: pybamm.Symbol
    dV_Sb: pybamm.Symbol
    absorbed: pybamm.Symbol
    excess: pybamm.Symbol
    stretch: pybamm.Symbol
    V_e: pybamm.Symbol
    s: pybamm.Symbol
    a_Sb: pybamm.Symbol | None
    thickness: pybamm.Symbol
    n_trap: pybamm.Symbol | None = None
    u: pybamm.Symbol | None = None
    u_target: pybamm.Symbol | None = None
    dV_e_dt: pybamm.Symbol | None = None

    @property
    def active(self):
        """Whether the volume change is modelled (states exist)."""
        return self.u is not None


@dataclass(frozen=True)
class MolarVolumes:
    """Molar volumes per mole of Sb [m3.mol-1] of Sb, NaSb and Na3Sb."""

    Sb: pybamm.Symbol
    NaSb: pybamm.Symbol
    Na3Sb: pybamm.Symbol

    @classmethod
    def parameters(cls):
        return cls(
            P("Sb molar mass [kg.mol-1]") / P("Sb density [kg.m-3]"),
            P("NaSb molar volume per Sb [m3.mol-1]"),
            P("Na3Sb molar volume per Sb [m3.mol-1]"),
        )

    def mean_partial_volume_of_Na(self):
        """(V_Na3Sb - V_Sb) / n_full: isolated Sb swells linearly in its sodium."""
        return (self.Na3Sb - self.Sb) / P("Sodium per Sb at full sodiation")


def swelling(options, sb, geo):
    """:class:`Swelling` expressions (states created here, equations in
    :func:`add_swelling_equations`). ``sb``: the Sb phase's states
    (:func:`.sb_alloy.sb_phase`, None without Sb)."""
    one = pybamm.PrimaryBroadcast(1, "working electrode")
    zero = pybamm.PrimaryBroadcast(0, "working electrode")
    x_Na = sb.x_Na if options["Sb phase"] else None
    if not (options["Sb phase"] and options["volume change"]):
        return Swelling(
            x_Na,
            one,
            zero,
            zero,
            zero,
            one,
            geo.eps_e,
            pybamm.Scalar(1),
            geo.a_Sb,
            geo.L_w,
        )
    mv = MolarVolumes.parameters()
    v = molar_volume_ratio(x_Na, mv.Sb, mv.NaSb, mv.Na3Sb)
    s_conn = pybamm.Variable("Connected Sb fraction", domain="working electrode")
    n_trap = pybamm.Variable(
        "Sodium in isolated Sb [mol.m-3]", domain="working electrode"
    )
    u = pybamm.Variable("Buffer filling", domain="working electrode")
    # expansion of connected Sb at its state, plus isolated Sb frozen at the state
    # it was cut off in (linear in its trapped sodium: mean partial molar volume)
    dV_Sb = geo.eps_Sb * s_conn * (v - 1) + n_trap * mv.mean_partial_volume_of_Na()
    b = P("Buffer pore volume [m3.kg-1]") * geo.rho_active_v
    absorbed = smooth_min(u, dV_Sb, SMOOTH)
    excess = dV_Sb - absorbed
    stretch = 1 + excess
    return Swelling(
        x_Na=x_Na,
        v=v,
        dV_Sb=dV_Sb,
        absorbed=absorbed,
        excess=excess,
        stretch=stretch,
        V_e=geo.eps_e - absorbed,
        s=s_conn,
        a_Sb=3 * geo.eps_Sb * s_conn * v ** (2 / 3) / geo.R_Sb,
        thickness=pybamm.Integral(stretch, X_W),
        n_trap=n_trap,
        u=u,
        u_target=smooth_min(dV_Sb, b, SMOOTH),
    )


def _volume_ratio_slope(x, mv):
    """dv/dx of the piecewise-linear molar volume (kink at NaSb, smoothed)."""
    slope_lo = (mv.NaSb - mv.Sb) / mv.Sb
    slope_hi = (mv.Na3Sb - mv.NaSb) / 2 / mv.Sb
    below = pybamm.sigmoid(x, 1, 200)  # ~1 for x < 1 (between Sb and NaSb)
    return slope_lo * below + slope_hi * (1 - below)


def add_swelling_equations(model, sw, sb, geo):
    """Equations of the buffer filling, the connected Sb fraction and the sodium
    trapped in isolated Sb; sets ``sw.dV_e_dt``. ``sb``: the Sb phase with its
    equations (x_Na and its rate dx_dt)."""
    if not sw.active:
        return
    mv = MolarVolumes.parameters()
    u, s_conn, n_trap = sw.u, sw.s, sw.n_trap
    model.rhs[u] = (sw.u_target - u) / P("Buffer relaxation time [s]")
    # at rest the buffer holds what it can of the expansion of isolated Sb
    b = P("Buffer pore volume [m3.kg-1]") * geo.rho_active_v
    n_trap0 = P("Initial sodium in isolated Sb [mol.m-3]")
    model.initial_conditions[u] = smooth_min(
        n_trap0 * mv.mean_partial_volume_of_Na(), b, SMOOTH
    )
    # d(excess)/dt from sodiation and buffer filling (isolation itself moves no
    # volume: isolated Sb keeps its state), written out with the chain rule
    dx_dt = sb.dx_dt
    dV_dt = geo.eps_Sb * s_conn * _volume_ratio_slope(sw.x_Na, mv) * dx_dt
    root = pybamm.sqrt((u - sw.dV_Sb) ** 2 + SMOOTH**2)
    d_min_du = (1 - (u - sw.dV_Sb) / root) / 2
    d_min_dV = (1 + (u - sw.dV_Sb) / root) / 2
    d_excess_dt = dV_dt * (1 - d_min_dV) - d_min_du * model.rhs[u]
    swing = pybamm.sqrt(d_excess_dt**2 + (1e-12) ** 2)  # |d excess/dt|, smooth
    model.rhs[s_conn] = -P("Sb isolation coefficient") * s_conn * swing
    model.initial_conditions[s_conn] = P("Initial connected Sb fraction")
    # sodium in the Sb that is cut off
    Na_per_connected = geo.eps_Sb * sb.c_max * pybamm.r_average(sb.stoichiometry)
    model.rhs[n_trap] = -model.rhs[s_conn] * Na_per_connected
    model.initial_conditions[n_trap] = n_trap0
    # electrolyte volume change, for the reservoir salt balance
    sw.dV_e_dt = -(d_min_du * model.rhs[u] + d_min_dV * dV_dt)
