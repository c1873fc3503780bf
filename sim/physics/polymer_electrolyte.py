"""Polymer electrolytes (plain or filled): one numeric object for analysis, and the
single import point of the polymer-electrolyte physics.

The physics lives in one module per idea, all re-exported here:

* :mod:`sim.physics.polymer_temperature_laws`: VTF matrix (T0 tied to Tg), Arrhenius
  interface, VTF pseudo-activation energy, (sigma, Ea) -> VTF (A, B);
* :mod:`sim.physics.polymer_temperature_range`: the temperatures a set allows,
  ``T0 < T <= 393.15 K``, and the cell-temperature check;
* :mod:`sim.physics.salt_transport`: salt concentration of PEO/LiTFSI, the
  conductivity's concentration factor, Nernst-Einstein diffusivity;
* :mod:`sim.physics.polymer_parameters`: parameter names, filler and
  microstructure of a set, its T0;
* :mod:`sim.physics.polymer_entries`: the PyBaMM entries (sigma(c, T), D(c, T),
  t+, ...) of a set;
* :mod:`sim.physics.interface_conduction`: the filled film's effective medium.

:class:`PolymerElectrolyte` evaluates a set with numbers (NumPy): the composite's
conductivity ``sigma_p(T) F(sigma_s(T)/sigma_p(T))``, its diffusivity, Tg and T0;
the PyBaMM entries give the same values (tested). A set's complete PyBaMM values
(electrolyte entries included) come from ``ParameterSet.to_pybamm()``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from sim.constants import BOLTZMANN_EV
from sim.errors import ParameterError
from sim.parameter_set import INPUT, ParameterSet
from sim.physics import interface_conduction as ic
from sim.physics import polymer_crystallinity as pc
from sim.physics.polymer_entries import electrolyte_entries
from sim.physics.polymer_parameters import (
    CRYSTAL_KEYS,
    FILLER_KEYS,
    INTERFACE_KEYS,
    MICROSTRUCTURE_KEYS,
    NAMES,
    filler_from_parameter_set,
    vogel_temperature_of,
)
from sim.physics.polymer_temperature_laws import (
    arrhenius_conductivity,
    check_above_vogel,
    glass_transition_temperature,
    vtf_conductivity,
    vtf_log_conductivity,
    vtf_parameters_from_arrhenius,
    vtf_pseudo_activation_energy,
)
from sim.physics.polymer_temperature_range import (
    MAX_TEMPERATURE,
    VOGEL_TEMPERATURE,
    check_cell_temperature,
    check_temperature_range,
)
from sim.physics.salt_transport import (
    M_EO,
    M_LITFSI,
    concentration_factor,
    nernst_einstein_diffusivity,
    salt_concentration,
)


@dataclass(frozen=True)
class PolymerElectrolyte:
    """A polymer electrolyte, optionally filled, with numeric parameters (SI; Ea
    in eV). Build one from a parameter set with :meth:`from_parameter_set`.

    Conductivities are returned in S.m-1; temperatures are in K.
    """

    name: str
    vtf_prefactor: float
    vtf_pseudo_activation_temperature: float
    polymer_glass_transition: float
    vogel_offset: float
    salt_concentration: float
    conductivity_peak_concentration: float
    transference_number: float
    thermodynamic_factor: float
    density: float
    crystal_max_fraction: float = 0.0
    melting_temperature: float = 363.15
    melting_width: float = 2.28
    filler: ic.Filler | None = None
    loading: float = 0.0
    shell_thickness: float = 0.0
    interface_enhancement: float = 1.0
    suppression_length: float = 0.0
    glass_transition_rise: float = 0.0
    agglomeration: bool = True

    @classmethod
    def from_parameter_set(cls, ps: ParameterSet, agglomeration=True):
        """Numeric electrolyte from a polymer-electrolyte parameter set.

        Raises:
            ParameterError: If the set is invalid, lacks a parameter, or holds an
                ``"[input]"`` value (numbers are needed here; use
                :func:`electrolyte_entries` for solve-time inputs).
        """
        ps.validate()
        required = [
            NAMES[k] for k in ("A", "B", "Tg", "dT", "c0", "c_max", "t_plus", "chi")
        ]
        required += [NAMES[k] for k in CRYSTAL_KEYS]
        required.append(NAMES["density"])
        ps.required(required)
        filled = NAMES["loading"] in ps
        if filled:
            ps.required([NAMES[k] for k in FILLER_KEYS + INTERFACE_KEYS])
        inputs = [n for n in ps.names() if ps[n] == INPUT]
        if inputs:
            raise ParameterError(
                f"parameter(s) {', '.join(map(repr, inputs))} of set {ps.name!r} are "
                "'[input]'; numeric evaluation needs numbers (solve-time inputs work "
                "in PyBaMM models through electrolyte_entries)"
            )

        def v(key):
            return float(ps[NAMES[key]])

        kwargs = dict(
            name=ps.name,
            vtf_prefactor=v("A"),
            vtf_pseudo_activation_temperature=v("B"),
            polymer_glass_transition=v("Tg"),
            vogel_offset=v("dT"),
            salt_concentration=v("c0"),
            conductivity_peak_concentration=v("c_max"),
            transference_number=v("t_plus"),
            thermodynamic_factor=v("chi"),
            density=v("density"),
            crystal_max_fraction=v("x_max"),
            melting_temperature=v("Tm"),
            melting_width=v("w_m"),
            agglomeration=agglomeration,
        )
        if filled:
            kwargs.update(
                filler=filler_from_parameter_set(ps),
                loading=v("loading"),
                shell_thickness=v("t_shell"),
                interface_enhancement=v("beta"),
                suppression_length=v("delta_c"),
                glass_transition_rise=v("dTg"),
            )
        return cls(**kwargs)

    def updated(self, **changes) -> PolymerElectrolyte:
        """A copy with some attributes replaced (e.g. ``loading=5.0``)."""
        return replace(self, **changes)

    @cached_property
    def microstructure(self) -> ic.Microstructure:
        """Volume fractions of cores, bundles and shells."""
        return ic.microstructure(
            self.loading,
            self.filler,
            self.shell_thickness,
            self.density,
            self.agglomeration,
        )

    @property
    def filled(self) -> bool:
        return self.filler is not None and self.loading > 0

    @property
    def film_crystallinity(self) -> float:
        """Crystalline fraction of the bulk polymer below melting (x_film)."""
        if not self.filled:
            return pc.film_crystallinity(self.crystal_max_fraction, 0.0, 0.0)
        area = pc.filler_surface_per_polymer_volume(
            self.microstructure, self.filler.core_diameter
        )
        return pc.film_crystallinity(
            self.crystal_max_fraction, area, self.suppression_length
        )

    def crystalline_fraction(self, T):
        """Crystalline fraction of the bulk polymer at T [K]."""
        return pc.crystalline_fraction(
            T, self.film_crystallinity, self.melting_temperature, self.melting_width
        )

    @property
    def glass_transition_temperature(self) -> float:
        """Tg of the film [K]: the unfilled polymer's, lowered with the
        crystallinity the filler suppresses."""
        return pc.crystallinity_glass_transition(
            self.polymer_glass_transition,
            self.glass_transition_rise,
            self.crystal_max_fraction,
            self.film_crystallinity,
        )

    @property
    def vogel_temperature(self) -> float:
        """VTF T0 of the amorphous phase [K]."""
        return self.glass_transition_temperature - self.vogel_offset

    def amorphous_conductivity(self, T):
        """Conductivity of the amorphous polymer electrolyte [S.m-1] (VTF).

        Raises:
            ParameterError: If T is at or below T0.
        """
        return vtf_conductivity(
            T,
            self.vtf_prefactor,
            self.vtf_pseudo_activation_temperature,
            self.vogel_temperature,
        )

    def polymer_conductivity(self, T):
        """Conductivity of the bulk (semicrystalline) polymer [S.m-1]: amorphous
        VTF times the crystallites' Bruggeman factor 1 - 3 x_c(T)/2."""
        return self.amorphous_conductivity(T) * pc.crystallite_blocking_factor(
            self.crystalline_fraction(T)
        )

    def interface_conductivity(self, T):
        """Conductivity of the interfacial shell [S.m-1]: amorphous polymer times
        the interface enhancement; 0 unfilled."""
        if not self.filled:
            return 0.0 * np.asarray(T, dtype=float)
        return self.interface_enhancement * self.amorphous_conductivity(T)

    def conductivity(self, T, c=None):
        """Ionic conductivity of the film [S.m-1] at temperature(s) T [K] and salt
        concentration c [mol.m-3] (default: the film's own).

        A filled film is ``sigma_bulk F(sigma_s / sigma_bulk)`` computed in
        logarithms (:func:`~sim.physics.interface_conduction.ln_conductivity_factor`),
        sigma_bulk the semicrystalline polymer's, so it stays finite and agrees
        with the PyBaMM entries at any T above T0.

        Raises:
            ParameterError: If T is at or below T0.
        """
        ln_block = np.log(pc.crystallite_blocking_factor(self.crystalline_fraction(T)))
        ln_sa = vtf_log_conductivity(
            T,
            self.vtf_prefactor,
            self.vtf_pseudo_activation_temperature,
            self.vogel_temperature,
        )
        ln_sigma = ln_sa + ln_block
        if self.filled:
            with np.errstate(divide="ignore"):
                ln_ratio = np.log(self.interface_enhancement) - ln_block
            ln_sigma = ln_sigma + ic.ln_conductivity_factor(
                self.microstructure, ln_ratio
            )
        sigma = np.exp(ln_sigma)
        sigma = float(sigma) if np.ndim(sigma) == 0 else sigma
        if c is None:
            return sigma
        return sigma * concentration_factor(
            np.asarray(c, dtype=float),
            self.salt_concentration,
            self.conductivity_peak_concentration,
        )

    def diffusivity(self, T, c=None):
        """Salt diffusivity [m2.s-1] (Nernst-Einstein, ideal binary electrolyte)."""
        c0 = self.salt_concentration
        cc = c0 if c is None else np.asarray(c, dtype=float)
        sigma_over_c = self.conductivity(T) / c0 * np.exp((c0 - cc) / self.c_max)
        return nernst_einstein_diffusivity(sigma_over_c, 1.0, T, self.t_plus)

    @property
    def c_max(self):
        return self.conductivity_peak_concentration

    @property
    def t_plus(self):
        return self.transference_number


__all__ = [
    "BOLTZMANN_EV",
    "FILLER_KEYS",
    "INTERFACE_KEYS",
    "M_EO",
    "M_LITFSI",
    "MAX_TEMPERATURE",
    "MICROSTRUCTURE_KEYS",
    "NAMES",
    "VOGEL_TEMPERATURE",
    "PolymerElectrolyte",
    "arrhenius_conductivity",
    "check_above_vogel",
    "check_cell_temperature",
    "check_temperature_range",
    "concentration_factor",
    "electrolyte_entries",
    "filler_from_parameter_set",
    "glass_transition_temperature",
    "nernst_einstein_diffusivity",
    "salt_concentration",
    "vtf_conductivity",
    "vtf_log_conductivity",
    "vtf_parameters_from_arrhenius",
    "vtf_pseudo_activation_energy",
    "vogel_temperature_of",
]
