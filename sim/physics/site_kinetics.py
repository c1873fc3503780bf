"""Mass-action kinetics of a storage *site* with an optional zero-current band.

Used by the carbon's fast surface sites (reversible: ``U0_sod == U0_des``); the
Sb alloying steps no longer use it: they are one diffusing sodium field with a
hysteresis *state* (:mod:`sim.models.sb_carbon.sb_alloy`,
:mod:`sim.physics.hysteresis`), because a zero-current band leaves a resting
electrode without faradaic admittance and a GITT rest without relaxation.

A site j holds sodium
with occupancy ``theta`` in [0, 1]. Its equilibrium isotherm is the MSMR form
(Verbrugge et al., J. Electrochem. Soc. 164 (2017) E3243)::

    theta_eq(U) = 1 / (1 + exp(f (U - U0) / w)),          f = F / (R T)

and its net *anodic* (desodiation) current density per unit site area, written as
mass action so that it stays regular at theta -> 0 and theta -> 1, is::

    j(U0) = K [theta exp(f (phi - U0) / (2 w)) - (1 - theta) exp(-f (phi - U0) / (2 w))]

with ``phi = phi_s - phi_e`` and ``K`` an exchange-current scale [A.m-2]. For
``w = 1`` this *is* Butler-Volmer with alpha = 1/2, an ideal-solution OCP
U0 + (RT/F) ln((1-theta)/theta) and j0 = K sqrt(theta (1-theta)), i.e. exactly the
kinetics of PyBaMM's DFN; ``w > 1`` widens the isotherm (a distribution of site
energies) and the Tafel slope together.

Hysteresis. Alloy anodes rest anywhere between a sodiation and a desodiation branch
(nucleation barriers and stress make the two-phase reactions path dependent; see
Dreyer et al., Nat. Mater. 9 (2010) 448 for the many-particle picture). A site
therefore has two standard potentials, ``U0_sod <= U0_des``. The desodiation
expression ``A = j(U0_des)`` may only drive current when positive and the sodiation
expression ``C = j(U0_sod)`` only when negative::

    j = smooth_max(A, 0) + smooth_min(C, 0)

Between the branch isotherms both are switched off and no current flows: the rest
potential depends on history, and the *thermodynamic* part of the CV peak positions
(U0_sod cathodic, U0_des anodic) does not depend on the scan rate; ohmic, kinetic and
counter-electrode polarisation still move the measured peaks with the current. With ``U0_sod = U0_des`` the site is
an ordinary reversible site. The smooth max/min, (x + sqrt(x^2 + eps^2) - eps) / 2, is exactly zero at
equilibrium, monotone, and its leaks from the two branches cancel inside the band.

Solid diffusion. The surface occupancy differs from the particle average by the
quadratic-profile approximation (Subramanian et al., J. Electrochem. Soc. 152 (2005)
A2002; PyBaMM's "quadratic profile" particle option)::

    theta_surf = theta_avg - j R / (5 D F c_site)

Because j is linear in theta, each branch has a closed-form solution including this
correction (no extra unknowns)::

    j = K (2 theta_avg cosh(a) - exp(-a)) / (1 + 2 K gamma cosh(a)),
    a = f (phi - U0) / (2 w),   gamma = R / (5 D F c_site)

For 3 nm Sb dots gamma K is ~1e-3 (diffusion irrelevant); for micrometre bulk Sb it
limits the rate, which is the point.
"""

from __future__ import annotations

from sim.expressions import cosh, exp, sqrt


def branch_current(theta_avg, phi, U0, w, K, gamma, f):
    """Anodic current density [A.m-2] of one branch of a site, with the diffusion
    correction. ``gamma = 0`` means no solid-diffusion limitation."""
    a = f * (phi - U0) / (2 * w)
    two_cosh = 2 * cosh(a)
    return K * (theta_avg * two_cosh - exp(-a)) / (1 + K * gamma * two_cosh)


def smooth_positive_part(x, eps):
    """max(x, 0) smoothed on the scale eps: (x + sqrt(x^2 + eps^2) - eps) / 2.

    Exactly 0 at x = 0 (no leak current at equilibrium), with a slope between 0
    and 1 everywhere (monotone, so a linearised site never shows a negative
    differential conductance, which matters for impedance), and
    ``smooth_positive_part(x) - smooth_positive_part(-x) == x`` exactly, so a site
    with ``U0_sod == U0_des`` is the unsmoothed reversible site. Inside the
    hysteresis band both branches give -eps/2 + O(eps^2/|x|): they cancel."""
    return (x + sqrt(x**2 + eps**2) - eps) / 2


def hysteretic_site_current(theta_avg, phi, U0_sod, U0_des, w, K, gamma, f, eps):
    """Net anodic current density [A.m-2] of a site with a hysteresis band.

    Parameters
    ----------
    theta_avg : particle-averaged occupancy of the site [-]
    phi : solid minus electrolyte potential [V]
    U0_sod, U0_des : standard potentials of the sodiation / desodiation branch [V]
    w : isotherm width factor [-]
    K : exchange-current scale [A.m-2]
    gamma : diffusion coefficient R / (5 D F c_site) [m2.A-1]
    f : F / (R T) [V-1]
    eps : smoothing scale of the branch switch [A.m-2]
    """
    anodic = branch_current(theta_avg, phi, U0_des, w, K, gamma, f)
    cathodic = branch_current(theta_avg, phi, U0_sod, w, K, gamma, f)
    return smooth_positive_part(anodic, eps) - smooth_positive_part(-cathodic, eps)


def isotherm(U, U0, w, f):
    """Equilibrium occupancy of a site at potential U (MSMR isotherm) [-]."""
    return 1 / (1 + exp(f * (U - U0) / w))
