"""What a polymer-electrolyte parameter set is made of: the model's own answer next
to a conductivity measurement.

A conductivity measurement (:class:`sim.protocols.ElectrolyteConductivity`, or a
blocking-cell spectrum) gives one number per temperature. The model behind it
knows more: how much of the filler is dispersed and how much bundled, how much
polymer sits in the interfacial shells, how crystalline the bulk polymer is at
each temperature, and the VTF law of its amorphous phase. These functions read
that out of a set (``"PPSE"``, ``"CNCSE"``, ``"CPCSE"`` or one made from them
with :meth:`sim.parameter_set.ParameterSet.updated`), so that a fitted
activation energy, a VTF T0 or an optimum loading can be compared with what the
model actually holds:

* :func:`composition`: the microstructure (volume fractions of cores, bundles,
  shells; the filler surface per polymer volume; the loadings at which the
  filler stops dispersing and at which its coated volume percolates) and the
  amorphous VTF law (A, B, Tg, T0);
* :func:`temperature_breakdown`: at each temperature, the film's conductivity,
  the amorphous polymer's, the crystalline fraction of the bulk polymer and the
  local (pseudo-)activation energy of the amorphous VTF law.

The physics is :mod:`sim.physics.polymer_electrolyte` (and the modules it
re-exports); these functions only collect its numbers under readable names.
Temperatures in K, conductivities in S.m-1, activation energies in eV.
"""

from __future__ import annotations

import math

import numpy as np

from sim.errors import ParameterError


def _electrolyte(parameter_set):
    """A :class:`~sim.physics.polymer_electrolyte.PolymerElectrolyte` from a set
    or a set name."""
    from sim import parameters
    from sim.parameter_set import ParameterSet
    from sim.physics.polymer_electrolyte import PolymerElectrolyte

    ps = parameters.get(parameter_set) if isinstance(parameter_set, str) else None
    ps = ps if ps is not None else parameter_set
    if not isinstance(ps, ParameterSet):
        raise ParameterError(
            f"give a polymer-electrolyte parameter set or its name, got {ps!r}"
        )
    return PolymerElectrolyte.from_parameter_set(ps)


def composition(parameter_set) -> dict:
    """The model's microstructure and amorphous-phase law of a polymer set.

    Args:
        parameter_set: A :class:`~sim.parameter_set.ParameterSet` of a polymer
            electrolyte, or its name (e.g. ``"CPCSE"``).

    Returns:
        A dict (``name [unit]``: float). Volume fractions are of the whole
        film. For an unfilled set the filler entries are 0 and the loadings
        ``inf``:

        - "Filler loading [wt%]";
        - "Core volume fraction [-]", "Dispersed core fraction [-]",
          "Bundled core fraction [-]": inorganic cores, all / individually
          dispersed / condensed into insulating bundles;
        - "Coated volume fraction [-]": dispersed cores plus the union of their
          interfacial shells;
        - "Interfacial share of electrolyte [-]": share of the electrolyte
          volume inside shells;
        - "Filler surface per polymer volume [m-1]": lateral surface of the
          dispersed cores per volume of everything but cores;
        - "Dispersion limit loading [wt%]": loading above which the filler
          bundles (Onsager);
        - "Percolation threshold of coated fillers [-]": the coated volume
          fraction at which coated fillers alone would form a connected path
          (Bruggeman's medium of randomly oriented spheroids);
        - "Percolation onset loading [wt%]": the loading that reaches it (all
          filler dispersed; ``inf`` if none below 100 wt%);
        - "Film crystallinity [-]": crystalline fraction of the bulk polymer
          below melting;
        - "Crystal melting temperature [K]";
        - "Glass transition temperature [K]", "VTF T0 [K]",
          "VTF pseudo-activation temperature B [K]",
          "VTF prefactor A [S.m-1.K0.5]": the amorphous phase's law
          ``sigma_a = A T^(-1/2) exp(-B / (T - T0))``;
        - "Interface conductivity enhancement [-]": shell over amorphous
          conductivity.

    Raises:
        ParameterError: If the set is not a polymer-electrolyte set or holds an
            ``"[input]"`` value.
    """
    from sim.physics import interface_conduction as ic
    from sim.physics.polymer_crystallinity import filler_surface_per_polymer_volume

    e = _electrolyte(parameter_set)
    out = {"Filler loading [wt%]": float(e.loading if e.filled else 0.0)}
    m = e.microstructure
    if e.filled:
        limit = ic.loading_for_core_fraction(
            ic.dispersion_limit(e.filler), e.filler, e.density
        )
        aspect = ic.coated_aspect_ratio(e.filler, e.shell_thickness)
        threshold = ic.percolation_threshold(aspect)
        onset = ic.percolation_onset_loading(e.filler, e.shell_thickness, e.density)
        surface = filler_surface_per_polymer_volume(m, e.filler.core_diameter)
        interfacial = m.interfacial_fraction
    else:
        limit = onset = math.inf
        threshold = surface = interfacial = 0.0
    out.update(
        {
            "Core volume fraction [-]": float(m.core_fraction),
            "Dispersed core fraction [-]": float(m.dispersed_core_fraction),
            "Bundled core fraction [-]": float(m.bundled_core_fraction),
            "Coated volume fraction [-]": float(m.coated_fraction),
            "Interfacial share of electrolyte [-]": float(interfacial),
            "Filler surface per polymer volume [m-1]": float(surface),
            "Dispersion limit loading [wt%]": float(limit),
            "Percolation threshold of coated fillers [-]": float(threshold),
            "Percolation onset loading [wt%]": float(onset),
            "Film crystallinity [-]": float(e.film_crystallinity),
            "Crystal melting temperature [K]": float(e.melting_temperature),
            "Glass transition temperature [K]": float(e.glass_transition_temperature),
            "VTF T0 [K]": float(e.vogel_temperature),
            "VTF pseudo-activation temperature B [K]": float(
                e.vtf_pseudo_activation_temperature
            ),
            "VTF prefactor A [S.m-1.K0.5]": float(e.vtf_prefactor),
            "Interface conductivity enhancement [-]": float(
                e.interface_enhancement if e.filled else 1.0
            ),
        }
    )
    return out


def temperature_breakdown(parameter_set, temperatures) -> dict:
    """The model's conductivity and what makes it, at each temperature.

    Args:
        parameter_set: A polymer-electrolyte parameter set or its name.
        temperatures: Temperatures [K], each above the set's VTF T0.

    Returns:
        A dict of arrays, one entry per temperature:
        "Temperature [K]", "Conductivity [S.m-1]" (the film, at its own salt
        concentration: what :class:`~sim.protocols.ElectrolyteConductivity`
        returns), "Amorphous conductivity [S.m-1]" (the VTF law of the
        amorphous polymer alone), "Crystalline fraction [-]" (of the bulk
        polymer) and "Amorphous pseudo-activation energy [eV]" (the local slope
        ``-k_B d ln(sigma_a) / d(1/T)`` of the amorphous VTF law).

    Raises:
        ParameterError: If a temperature is at or below T0, or the set is not a
            polymer-electrolyte set.
    """
    from sim.physics.polymer_temperature_laws import vtf_pseudo_activation_energy

    e = _electrolyte(parameter_set)
    T = np.atleast_1d(np.asarray(temperatures, dtype=float))
    if T.ndim != 1 or T.size == 0:
        raise ParameterError("temperatures: give one or more numbers [K]")
    return {
        "Temperature [K]": T,
        "Conductivity [S.m-1]": np.atleast_1d(e.conductivity(T)),
        "Amorphous conductivity [S.m-1]": np.atleast_1d(e.amorphous_conductivity(T)),
        "Crystalline fraction [-]": np.atleast_1d(e.crystalline_fraction(T)),
        "Amorphous pseudo-activation energy [eV]": np.atleast_1d(
            vtf_pseudo_activation_energy(
                T, e.vtf_pseudo_activation_temperature, e.vogel_temperature
            )
        ),
    }


__all__ = ["composition", "temperature_breakdown"]
