"""Commercial (bulk, micrometre) Sb powder electrode in a Na half cell: the control
material of Qiu2021 (Fig. 5e, 6, 7a).

Qiu2021 gives no particle size, surface area or electrode data for its commercial
Sb; it is made "in the same way" (70:15:15 with CMC and Super P, same cell and
electrolyte). So this set is the SbQD@C set with what differs replaced:

- the active material is Sb alone (no carbon framework: Sb mass fraction 1, no
  carbon insertion, no fast surface sites, no buffer pores);
- particles are micrometre-sized (assumption: 1 um radius, the issue's "micrometre
  Sb particles"), so solid diffusion and a small surface area matter;
- everything that is a property of NaxSb itself (site potentials, widths, rate
  constants, diffusivity, molar volumes, the isolation coefficient) is *shared*
  with the SbQD@C set: one material, one value.

Bulk Sb shows three anodic peaks (Qiu2021 Fig. 5 text) where the nano-Sb shows one;
the two-step site model gives two anodic features at the shared desodiation
potentials, a known simplification.
"""

from __future__ import annotations

from sim.parameters.qiu2021_sbqd_carbon import DOTS_UNIFORM
from sim.parameters.qiu2021_sbqd_carbon import get_parameter_set as _sbqd

from sim.parameter_set import Param, ParameterSet

QIU = "Qiu2021"
R_BULK = 1.0e-6
RHO_SB = 6697.0


def get_parameter_set() -> ParameterSet:
    """Commercial Sb (control) half-cell parameter set."""
    base = _sbqd()
    params = {name: base.param(name) for name in base.names()}
    # drop what a carbon-free active material does not have
    for name in list(params):
        if name.startswith("Surface storage"):
            del params[name]
    params.update(
        {
            "Sb mass fraction in active material": Param(
                1.0, "-", "commercial Sb powder: Sb only", "fraction_closed"
            ),
            "Sb particle radius [m]": Param(
                R_BULK,
                "m",
                "assumption: micrometre powder (Qiu2021 gives no size), 2 um diameter",
                "positive",
            ),
            "Sb diffusion length [m]": Param(
                R_BULK,
                "m",
                "particles: Na diffuses over the particle radius",
                "positive",
            ),
            "BET specific surface area [m2.kg-1]": Param(
                3 / (RHO_SB * R_BULK),
                "m2.kg-1",
                "assumption: geometric area of 1 um-radius spheres, 3/(rho R) = "
                "0.45 m2/g (no porosity)",
                "positive",
            ),
            "Buffer pore volume [m3.kg-1]": Param(
                0.0,
                "m3.kg-1",
                "no carbon framework: nothing buffers the expansion (the point of "
                "Qiu2021's comparison)",
                "nonnegative",
            ),
            "Carbon insertion capacity [mA.h.g-1]": Param(
                250.0,
                "mA.h.g-1",
                "unused: the active material holds no carbon (Sb mass fraction 1); "
                "kept so the model's carbon phase is defined (zero volume)",
                "positive",
            ),
        }
    )
    # the other carbon values are likewise unused; say so in their sources
    for name in (
        "Active-material carbon density [kg.m-3]",
        "Carbon particle radius [m]",
        "Carbon diffusivity [m2.s-1]",
        "Carbon plateau diffusivity ratio",
        "Carbon plateau onset stoichiometry",
        "Carbon OCP [V]",
        "Carbon rate constant [m.s-1]",
    ):
        p = params[name]
        params[name] = Param(
            p.value, p.unit, "unused (no carbon in bulk Sb); " + p.source, p.check
        )
    constraints = [
        c
        for c in base.constraints
        if "Surface" not in c.description and not c.description.startswith(DOTS_UNIFORM)
    ]
    return ParameterSet(
        name="commercial Sb",
        description="commercial micrometre Sb | 1 M NaClO4 in PC + 5 % FEC | Na "
        "half cell (Qiu2021 control)",
        params=params,
        citations=base.citations,
        constraints=constraints,
        model_options={"surface storage": False},
        completion=base.completion,
    )
