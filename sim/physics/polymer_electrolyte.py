"""Polymer electrolytes (plain or filled): temperature laws and the transport
functions a PyBaMM cell model needs.

Temperature laws (each works on numbers, NumPy arrays and PyBaMM symbols):

* **VTF** for the polymer matrix, whose ions move with the segmental motion of the
  chains (H. Vogel 1921, G. S. Fulcher 1925, G. Tammann & W. Hesse 1926; for polymer
  electrolytes M. A. Ratner, in Polymer Electrolyte Reviews 1, Elsevier 1987)::

      sigma_p = A T^(-1/2) exp(-B / (T - T0)),   T0 = Tg - dT

  T0 (the temperature at which segmental motion would freeze) is tied to the glass
  transition measured by DSC, T0 ~ Tg - 50 K being the usual finding (C. A. Angell,
  Chem. Rev. 90 (1990) 523; Ratner 1987). Fillers that lower Tg (less crystalline,
  more mobile polymer) enter through T0: the composite's Tg moves with the share of
  polymer in the interfacial shells, ``Tg = Tg_polymer + dTg_full x_interface``.
  The apparent (pseudo-)activation energy of a VTF law,
  ``E(T) = k_B (B T^2/(T - T0)^2 - T/2)``, falls with temperature.
* **Arrhenius** for the interfacial shell (ion hopping along the filler surface):
  ``sigma_s = sigma_s,ref exp(-Ea/k_B (1/T - 1/T_ref))``.

The composite's conductivity combines both through the effective-medium model of
:mod:`sim.physics.interface_conduction`; at a fixed microstructure it is
``sigma_p(T) F(sigma_s(T)/sigma_p(T))`` with F tabulated once.

Transport functions for the cell models (PyBaMM names):

* "Electrolyte conductivity [S.m-1]" sigma(c, T) = sigma(T) g(c)/g(c0),
  ``g(c) = (c/c_max) exp(1 - c/c_max)``: the usual conductivity maximum of
  salt-in-polymer electrolytes at c_max; equal to the composite value at the
  film's salt concentration c0 (assumption about the shape; only the
  neighbourhood of c0 matters in a cell).
* "Electrolyte diffusivity [m2.s-1]" from the Nernst-Einstein relation of an ideal
  binary electrolyte, ``D = 2 t+ (1 - t+) R T sigma / (F^2 c)`` (no measured salt
  diffusivity for these films). Written without the 1/c so it stays finite as
  c -> 0.
* "Cation transference number", "Thermodynamic factor" (1: ideal solution, the
  case in which a Bruce-Vincent measurement returns the model's t+),
  "Initial concentration in electrolyte [mol.m-3]", and (when Tg and its shift are
  numbers) "Electrolyte VTF temperature T0 [K]", the lowest temperature the
  entries allow, against which the cell models check their temperature.

:func:`electrolyte_entries` turns a parameter set into these entries, with every
temperature-law parameter referenced by name so that any of them (and t+) can be
``"[input]"``; parameters that fix the microstructure (filler size, loading, shell
thickness, densities) must be numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from sim.errors import ParameterError
from sim.parameter_set import INPUT, RULES, ParameterSet, register_rule
from sim.physics import interface_conduction as ic

BOLTZMANN_EV = 8.617333262e-5
"""Boltzmann constant [eV.K-1]."""
FARADAY = 96485.33212
"""Faraday constant [C.mol-1]."""
GAS_CONSTANT = 8.314462618
"""Molar gas constant [J.mol-1.K-1]."""
M_EO = 44.053e-3
"""Molar mass of an ethylene-oxide repeat unit C2H4O [kg.mol-1]."""
M_LITFSI = 287.09e-3
"""Molar mass of LiTFSI, LiN(SO2CF3)2 [kg.mol-1]."""

if "loading_wt_pct" not in RULES:
    register_rule("loading_wt_pct", "must be in [0, 100) wt%", lambda v: 0 <= v < 100)


def _is_symbol(*values) -> bool:
    """Whether any value is a PyBaMM expression (then use PyBaMM's functions)."""
    return any(type(v).__module__.startswith("pybamm") for v in values)


def _exp(x):
    if _is_symbol(x):
        import pybamm

        return pybamm.exp(x)
    return np.exp(x)


def _sqrt(x):
    if _is_symbol(x):
        import pybamm

        return pybamm.sqrt(x)
    return np.sqrt(x)


def check_above_vogel(T, T0):
    """Raise ParameterError unless every temperature lies above T0 (numbers only;
    PyBaMM symbols are not checked)."""
    if _is_symbol(T, T0):
        return
    t = np.asarray(T, dtype=float)
    if not np.all(np.isfinite(t)):
        raise ParameterError("temperature must be finite")
    if np.any(t <= T0):
        raise ParameterError(
            f"temperature {float(np.min(t)):.2f} K is at or below the VTF "
            f"temperature T0 = {float(T0):.2f} K; the VTF law holds only above T0 "
            "(above ~Tg - 50 K)"
        )


VOGEL_TEMPERATURE = "Electrolyte VTF temperature T0 [K]"
"""Entry of :func:`electrolyte_entries` (when its inputs are numbers): the lowest
temperature the electrolyte's VTF law allows. The cell models check a numeric
"Ambient temperature [K]" against it (:func:`check_cell_temperature`)."""
MAX_TEMPERATURE = 1000.0
"""K. Upper end of the "temperature" rule of the parameter sets."""


def check_cell_temperature(values, T, what="cell temperature"):
    """Raise one ParameterError if a numeric temperature ``T`` [K] (number or
    array) is at or below the VTF T0 of the electrolyte whose entries (or
    ``pybamm.ParameterValues``) ``values`` hold :data:`VOGEL_TEMPERATURE`, or at or
    above :data:`MAX_TEMPERATURE`. Strings (``"[input]"``), PyBaMM symbols and
    electrolytes without a numeric T0 are not checked here (check inputs with
    this function before solving)."""
    if T is None or isinstance(T, str) or _is_symbol(T):
        return
    try:
        T0 = values[VOGEL_TEMPERATURE]
    except KeyError:
        return
    if isinstance(T0, str) or _is_symbol(T0):
        return
    t = np.atleast_1d(np.asarray(T, dtype=float))
    T0 = float(T0)
    bad = t[~(np.isfinite(t) & (t > T0) & (t < MAX_TEMPERATURE))]
    if bad.size:
        raise ParameterError(
            f"{what} {float(bad[0]):.2f} K is outside the electrolyte's range: it "
            f"must be above its VTF temperature T0 = {T0:.2f} K and below "
            f"{MAX_TEMPERATURE:g} K, i.e. in ({T0:.2f}, {MAX_TEMPERATURE:g}) K (the "
            "VTF law of the polymer holds only above T0)"
        )


def vtf_log_conductivity(T, prefactor, pseudo_activation_temperature, T0):
    """ln of :func:`vtf_conductivity` (finite where the conductivity underflows).

    Raises:
        ParameterError: If a numeric temperature is at or below T0.
    """
    check_above_vogel(T, T0)
    if _is_symbol(T, prefactor, pseudo_activation_temperature, T0):
        import pybamm

        log = pybamm.log
    else:
        log = np.log
    return log(prefactor) - 0.5 * log(T) - pseudo_activation_temperature / (T - T0)


def vtf_conductivity(T, prefactor, pseudo_activation_temperature, T0):
    """VTF conductivity ``A T^(-1/2) exp(-B / (T - T0))`` [S.m-1 if A in
    S.m-1.K0.5].

    Raises:
        ParameterError: If a numeric temperature is at or below T0.
    """
    check_above_vogel(T, T0)
    return prefactor / _sqrt(T) * _exp(-pseudo_activation_temperature / (T - T0))


def arrhenius_conductivity(T, sigma_ref, activation_energy, T_ref):
    """Arrhenius conductivity ``sigma_ref exp(-Ea/k_B (1/T - 1/T_ref))``; Ea in eV."""
    if not _is_symbol(T):
        t = np.asarray(T, dtype=float)
        if np.any(~np.isfinite(t)) or np.any(t <= 0):
            raise ParameterError("temperature must be finite and > 0 K")
    return sigma_ref * _exp(-activation_energy / BOLTZMANN_EV * (1 / T - 1 / T_ref))


def vtf_pseudo_activation_energy(T, pseudo_activation_temperature, T0):
    """Local apparent activation energy of the VTF law, -k_B d ln(sigma)/d(1/T)
    [eV]: ``k_B (B T^2/(T - T0)^2 - T/2)``."""
    check_above_vogel(T, T0)
    B = pseudo_activation_temperature
    return BOLTZMANN_EV * (B * T**2 / (T - T0) ** 2 - T / 2)


def glass_transition_temperature(tg_polymer, shift_full_coverage, interfacial_fraction):
    """Tg of the composite [K]: the polymer's, moved by ``shift_full_coverage`` in
    proportion to the share of polymer in interfacial shells."""
    return tg_polymer + shift_full_coverage * interfacial_fraction


def concentration_factor(c, c0, c_max):
    """g(c)/g(c0) with ``g(c) = (c/c_max) exp(1 - c/c_max)``: 1 at c0, 0 at c = 0,
    maximum at c_max. Written as ``(c/c0) exp((c0 - c)/c_max)``."""
    return c / c0 * _exp((c0 - c) / c_max)


def nernst_einstein_diffusivity(sigma, c, T, t_plus):
    """Salt diffusivity of an ideal binary electrolyte [m2.s-1]:
    ``2 t+ (1 - t+) R T sigma / (F^2 c)``."""
    return 2 * t_plus * (1 - t_plus) * GAS_CONSTANT * T * sigma / (FARADAY**2 * c)


def salt_concentration(eo_per_li, density):
    """LiTFSI concentration [mol.m-3] of PEO/LiTFSI with ``eo_per_li`` ethylene
    oxide units per Li and film density [kg.m-3] (volumes of the film)."""
    eo = float(eo_per_li)
    if not eo > 0:
        raise ParameterError(f"EO:Li ratio must be > 0, got {eo_per_li!r}")
    mass_per_mol_li = eo * M_EO + M_LITFSI  # kg of film per mol Li
    return float(density) / mass_per_mol_li


# ---- parameter names ----------------------------------------------------------

NAMES = {
    "T_ambient": "Ambient temperature [K]",
    "eo_per_li": "EO:Li ratio",
    "density": "Polymer electrolyte density [kg.m-3]",
    "c0": "Initial concentration in electrolyte [mol.m-3]",
    "c_max": "Salt concentration at conductivity maximum [mol.m-3]",
    "A": "Polymer VTF prefactor [S.m-1.K0.5]",
    "B": "Polymer VTF pseudo-activation temperature [K]",
    "Tg": "Polymer glass transition temperature [K]",
    "dT": "VTF T0 offset below Tg [K]",
    "t_plus": "Cation transference number",
    "chi": "Thermodynamic factor",
    "filler": "Filler",
    "loading": "Filler loading [wt%]",
    "d": "Filler core diameter [m]",
    "L": "Filler length [m]",
    "rho_core": "Filler core density [kg.m-3]",
    "f_org": "Filler organic mass fraction",
    "rho_org": "Filler organic density [kg.m-3]",
    "ligand": "Filler ligand layer thickness [m]",
    "t_shell": "Interfacial shell thickness [m]",
    "sigma_s": "Interface conductivity at reference temperature [S.m-1]",
    "Ea_s": "Interface activation energy [eV]",
    "T_ref": "Interface reference temperature [K]",
    "dTg": "Glass transition shift at full interfacial coverage [K]",
}
"""Parameter names of polymer-electrolyte sets, by short key."""

FILLER_KEYS = ("filler", "loading", "d", "L", "rho_core", "f_org", "rho_org", "ligand")
INTERFACE_KEYS = ("t_shell", "sigma_s", "Ea_s", "T_ref", "dTg")
MICROSTRUCTURE_KEYS = ("density", "loading", "d", "L", "rho_core", "f_org")
MICROSTRUCTURE_KEYS += ("rho_org", "ligand", "t_shell")


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


def filler_from_parameter_set(ps: ParameterSet) -> ic.Filler:
    """The :class:`~sim.physics.interface_conduction.Filler` of a filled set."""

    def v(key):
        value = ps[NAMES[key]]
        if value == INPUT:
            raise ParameterError(
                f"{NAMES[key]!r} sets the filler microstructure and must be a "
                "number, not '[input]'"
            )
        return float(value)

    return ic.Filler(
        name=str(ps[NAMES["filler"]]),
        core_diameter=v("d"),
        length=v("L"),
        core_density=v("rho_core"),
        organic_mass_fraction=v("f_org"),
        organic_density=v("rho_org"),
        ligand_layer_thickness=v("ligand"),
    )


def vogel_temperature_of(values) -> float:
    """VTF T0 [K] from parameter values ``{name: number}`` of a set: Tg of the
    polymer, lowered by the interfacial polymer of a filled set, minus the offset.
    (Used by the sets' constraint "ambient temperature above T0".)"""
    tg = float(values[NAMES["Tg"]])
    if NAMES["loading"] in values:
        filler = ic.Filler(
            "filler",
            float(values[NAMES["d"]]),
            float(values[NAMES["L"]]),
            float(values[NAMES["rho_core"]]),
            float(values[NAMES["f_org"]]),
            float(values[NAMES["rho_org"]]),
            float(values[NAMES["ligand"]]),
        )
        micro = ic.microstructure(
            float(values[NAMES["loading"]]),
            filler,
            float(values[NAMES["t_shell"]]),
            float(values[NAMES["density"]]),
        )
        tg = glass_transition_temperature(
            tg, float(values[NAMES["dTg"]]), micro.interfacial_fraction
        )
    return tg - float(values[NAMES["dT"]])


def _microstructure_of(ps: ParameterSet) -> ic.Microstructure | None:
    """Microstructure of a set (numbers required), None for an unfilled set."""
    if NAMES["loading"] not in ps:
        return None
    for key in MICROSTRUCTURE_KEYS:
        if ps[NAMES[key]] == INPUT:
            raise ParameterError(
                f"{NAMES[key]!r} sets the filler microstructure and must be a "
                "number, not '[input]' (temperature-law parameters and the "
                "transference number may be inputs)"
            )
    return ic.microstructure(
        float(ps[NAMES["loading"]]),
        filler_from_parameter_set(ps),
        float(ps[NAMES["t_shell"]]),
        float(ps[NAMES["density"]]),
    )


def electrolyte_entries(ps: ParameterSet) -> dict:
    """PyBaMM parameter entries of a polymer-electrolyte set.

    Returns a dict usable with ``pybamm.ParameterValues(...)`` or
    ``ParameterValues.update(..., check_already_exists=False)``:
    "Electrolyte conductivity [S.m-1]" and "Electrolyte diffusivity [m2.s-1]" as
    functions of (c_e, T), "Cation transference number", "Thermodynamic factor",
    "Initial concentration in electrolyte [mol.m-3]", and every temperature-law
    parameter the functions read (by name, so each may be ``"[input]"``).

    Raises:
        ParameterError: If the set is invalid or a microstructure parameter is
            ``"[input]"``.
    """
    import pybamm

    ps.validate()
    micro = _microstructure_of(ps)
    P = pybamm.Parameter
    law_keys = ["A", "B", "Tg", "dT", "c0", "c_max", "t_plus", "chi"]
    if micro is not None:
        law_keys += ["sigma_s", "Ea_s", "T_ref", "dTg"]
        ln_rho, ln_f = ic.conductivity_ratio_table(micro)
        x_i = micro.interfacial_fraction
        lo, hi = float(ln_rho[0]), float(ln_rho[-1])
        slope_lo, slope_hi = ic.ratio_table_slopes(ln_rho, ln_f)

    def vogel_temperature():
        tg = P(NAMES["Tg"])
        if micro is not None:
            tg = tg + P(NAMES["dTg"]) * x_i
        return tg - P(NAMES["dT"])

    def sigma_T(T):
        """Conductivity at the film's own salt concentration, function of T."""
        if micro is None or micro.coated_fraction + micro.bundled_core_fraction == 0:
            return vtf_conductivity(
                T, P(NAMES["A"]), P(NAMES["B"]), vogel_temperature()
            )
        # in logarithms, as on the NumPy path: finite however small sigma_p gets
        ln_sp = vtf_log_conductivity(
            T, P(NAMES["A"]), P(NAMES["B"]), vogel_temperature()
        )
        ln_ss = pybamm.log(P(NAMES["sigma_s"])) - P(NAMES["Ea_s"]) / BOLTZMANN_EV * (
            1 / T - 1 / P(NAMES["T_ref"])
        )
        x = pybamm.maximum(ln_ss - ln_sp, ic.LN_RATIO_FLOOR)
        inside = pybamm.maximum(pybamm.minimum(x, hi), lo)
        ln_factor = pybamm.Interpolant(
            ln_rho,
            ln_f,
            inside,
            name=f"{ps.name}_EMT_factor",  # CasADi needs names without spaces
            interpolator="cubic",
        )
        # beyond the table: F's asymptotic power laws (no clamping)
        ln_factor = (
            ln_factor
            + slope_hi * pybamm.maximum(x - hi, 0)
            + slope_lo * pybamm.minimum(x - lo, 0)
        )
        return pybamm.exp(ln_sp + ln_factor)

    def conductivity(c_e, T):
        return sigma_T(T) * concentration_factor(c_e, P(NAMES["c0"]), P(NAMES["c_max"]))

    def diffusivity(c_e, T):
        c0, c_max = P(NAMES["c0"]), P(NAMES["c_max"])
        sigma_over_c = sigma_T(T) / c0 * pybamm.exp((c0 - c_e) / c_max)
        return nernst_einstein_diffusivity(sigma_over_c, 1, T, P(NAMES["t_plus"]))

    conductivity.__name__ = f"electrolyte_conductivity_{_ident(ps.name)}"
    diffusivity.__name__ = f"electrolyte_diffusivity_{_ident(ps.name)}"
    entries = {NAMES[k]: ps[NAMES[k]] for k in law_keys}
    entries["Electrolyte conductivity [S.m-1]"] = conductivity
    entries["Electrolyte diffusivity [m2.s-1]"] = diffusivity
    t0_keys = [NAMES[k] for k in ("Tg", "dT", "dTg") if NAMES[k] in ps]
    if all(ps[k] != INPUT for k in t0_keys):
        x = 0.0 if micro is None else x_i
        tg = float(ps[NAMES["Tg"]]) + (
            float(ps[NAMES["dTg"]]) * x if micro is not None else 0.0
        )
        entries[VOGEL_TEMPERATURE] = tg - float(ps[NAMES["dT"]])
    return entries


def parameter_values(ps: ParameterSet, extra=None):
    """``pybamm.ParameterValues`` of the whole set plus :func:`electrolyte_entries`
    (and ``extra``, which takes precedence)."""
    entries = electrolyte_entries(ps)
    entries.update(extra or {})
    return ps.to_pybamm(extra=entries)


def _ident(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name)


def vtf_parameters_from_arrhenius(
    sigma_at, T_at, activation_energy, T0, fit_temperatures
):
    """VTF (A, B) with a given T0 such that sigma(T_at) = sigma_at and the
    Arrhenius fit over ``fit_temperatures`` returns ``activation_energy`` [eV].

    The Arrhenius slope of ln(sigma) against 1/T does not depend on A, so B is
    found first (one root), then A. Used to turn a reported (sigma, Ea) pair into
    a VTF law.
    """
    from scipy.optimize import brentq

    from sim.analysis.arrhenius import arrhenius_fit

    T = np.asarray(fit_temperatures, dtype=float)

    def excess(B):
        return arrhenius_fit(T, vtf_conductivity(T, 1.0, B, T0)).activation_energy - (
            activation_energy
        )

    B = brentq(excess, 1.0, 2.0e4, xtol=1e-10)
    A = sigma_at / vtf_conductivity(T_at, 1.0, B, T0)
    return float(A), float(B)


__all__ = [
    "BOLTZMANN_EV",
    "NAMES",
    "PolymerElectrolyte",
    "arrhenius_conductivity",
    "MAX_TEMPERATURE",
    "VOGEL_TEMPERATURE",
    "check_above_vogel",
    "check_cell_temperature",
    "concentration_factor",
    "electrolyte_entries",
    "filler_from_parameter_set",
    "glass_transition_temperature",
    "nernst_einstein_diffusivity",
    "parameter_values",
    "salt_concentration",
    "vtf_conductivity",
    "vtf_log_conductivity",
    "vtf_parameters_from_arrhenius",
    "vtf_pseudo_activation_energy",
    "vogel_temperature_of",
]
