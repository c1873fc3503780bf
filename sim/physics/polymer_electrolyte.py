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
from sim.physics.polymer_entries import electrolyte_entries
from sim.physics.polymer_parameters import (
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
    filler: ic.Filler | None = None
    loading: float = 0.0
    shell_thickness: float = 0.0
    interface_conductivity_ref: float = 0.0
    interface_activation_energy: float = 0.0
    interface_reference_temperature: float = 298.15
    glass_transition_shift: float = 0.0
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
            agglomeration=agglomeration,
        )
        if filled:
            kwargs.update(
                filler=filler_from_parameter_set(ps),
                loading=v("loading"),
                shell_thickness=v("t_shell"),
                interface_conductivity_ref=v("sigma_s"),
                interface_activation_energy=v("Ea_s"),
                interface_reference_temperature=v("T_ref"),
                glass_transition_shift=v("dTg"),
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
    def glass_transition_temperature(self) -> float:
        """Tg of the film [K] (the polymer's, lowered by interfacial polymer)."""
        return glass_transition_temperature(
            self.polymer_glass_transition,
            self.glass_transition_shift,
            self.microstructure.interfacial_fraction,
        )

    @property
    def vogel_temperature(self) -> float:
        """VTF T0 of the matrix [K]."""
        return self.glass_transition_temperature - self.vogel_offset

    def polymer_conductivity(self, T):
        """Conductivity of the (bulk) polymer matrix [S.m-1] (VTF).

        Raises:
            ParameterError: If T is at or below T0.
        """
        return vtf_conductivity(
            T,
            self.vtf_prefactor,
            self.vtf_pseudo_activation_temperature,
            self.vogel_temperature,
        )

    def interface_conductivity(self, T):
        """Conductivity of the interfacial shell [S.m-1] (Arrhenius); 0 unfilled."""
        return arrhenius_conductivity(
            T,
            self.interface_conductivity_ref,
            self.interface_activation_energy,
            self.interface_reference_temperature,
        )

    def conductivity(self, T, c=None):
        """Ionic conductivity of the film [S.m-1] at temperature(s) T [K] and salt
        concentration c [mol.m-3] (default: the film's own).

        A filled film is ``sigma_p F(sigma_s / sigma_p)`` computed in logarithms
        (:func:`~sim.physics.interface_conduction.ln_conductivity_factor`), so it
        stays finite and agrees with the PyBaMM entries at any T above T0.

        Raises:
            ParameterError: If T is at or below T0.
        """
        if self.filler is None or self.loading == 0:
            sigma = self.polymer_conductivity(T)
        else:
            ln_sp = vtf_log_conductivity(
                T,
                self.vtf_prefactor,
                self.vtf_pseudo_activation_temperature,
                self.vogel_temperature,
            )
            with np.errstate(divide="ignore"):
                ln_ss = np.log(self.interface_conductivity(T))
            ln_f = ic.ln_conductivity_factor(self.microstructure, ln_ss - ln_sp)
            sigma = np.exp(ln_sp + ln_f)
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
