"""From an electrode recipe (mass loading, mass fractions, densities, porosity) to
the quantities a porous-electrode model needs: thickness, volume fractions of each
solid phase, specific surface areas.

Works on floats and on PyBaMM symbols alike, so the model computes its geometry
symbolically (a user who changes the loading, or marks it ``[input]``, changes the
thickness and every volume fraction consistently), and a test can compute the same
numbers by hand. This is the one place where geometry is derived: the volume-change
physics (issue 3) will replace the constant Sb volume here by a sodiation-dependent
one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Composition:
    """Volumes per unit electrode area [m3.m-2] and derived fractions."""

    V_Sb: object
    V_carbon: object
    V_additive: object
    V_binder: object
    porosity: object

    @property
    def V_solid(self):
        return self.V_Sb + self.V_carbon + self.V_additive + self.V_binder

    @property
    def thickness(self):
        """Electrode thickness [m] for the given porosity."""
        return self.V_solid / (1 - self.porosity)

    def fraction(self, V):
        """Volume fraction of a phase with volume V per area [-]."""
        return V / self.thickness

    @property
    def eps_Sb(self):
        return self.fraction(self.V_Sb)

    @property
    def eps_carbon(self):
        return self.fraction(self.V_carbon)

    @property
    def eps_inert(self):
        return self.fraction(self.V_additive + self.V_binder)


def composition(
    loading,
    w_Sb,
    w_active,
    w_additive,
    w_binder,
    rho_Sb,
    rho_carbon,
    rho_additive,
    rho_binder,
    porosity,
):
    """Electrode composition from its recipe.

    loading : mass of active material (e.g. SbQD@C composite) per electrode area [kg.m-2]
    w_Sb : Sb mass fraction of the active material (1 for bulk Sb) [-]
    w_active, w_additive, w_binder : mass fractions in the dry electrode [-]
    rho_* : densities [kg.m-3]
    porosity : electrolyte-filled volume fraction of the electrode [-]
    """
    m_total = loading / w_active
    return Composition(
        V_Sb=loading * w_Sb / rho_Sb,
        V_carbon=loading * (1 - w_Sb) / rho_carbon,
        V_additive=m_total * w_additive / rho_additive,
        V_binder=m_total * w_binder / rho_binder,
        porosity=porosity,
    )


def specific_area_spheres(eps, radius):
    """Surface area per electrode volume of spheres of a phase [m-1]: 3 eps / R."""
    return 3 * eps / radius


#: parameter names of the electrode recipe, in the order of :func:`composition`
RECIPE_PARAMETERS = {
    "loading": "Active material mass loading [kg.m-2]",
    "w_Sb": "Sb mass fraction in active material",
    "w_active": "Active material mass fraction in electrode",
    "w_additive": "Conductive additive mass fraction in electrode",
    "w_binder": "Binder mass fraction in electrode",
    "rho_Sb": "Sb density [kg.m-3]",
    "rho_carbon": "Active-material carbon density [kg.m-3]",
    "rho_additive": "Conductive additive density [kg.m-3]",
    "rho_binder": "Binder density [kg.m-3]",
    "porosity": "Working electrode porosity",
}


def composition_from(values):
    """:func:`composition` from anything indexable by parameter name: a parameter
    set or dict of numbers, or a mapping to PyBaMM symbols (as the model uses)."""
    return composition(**{arg: values[name] for arg, name in RECIPE_PARAMETERS.items()})
