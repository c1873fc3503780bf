"""The ionic conductivity of a cell's electrolyte at a list of temperatures:
the property a conductivity measurement reads (e.g. a blocking-electrode
impedance spectrum, :class:`sim.protocols.RestingSpectrum`), evaluated directly
from the model's own conductivity function at the electrolyte's initial salt
concentration:

    simulate(SymmetricLithiumCell(), pybamm.ParameterValues("CPCSE"),
             ElectrolyteConductivity((25, 60)))

It solves nothing, so a study that varies the electrolyte's composition (filler
loading, chain length, shell thickness) costs one parameter-set conversion per
point. The spectrum of a blocking cell gives the same number (tested): the
bulk arc's resistance is thickness / (conductivity x area).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pybamm

from sim.errors import ProtocolError
from sim.protocols import checks
from sim.protocols.contract import runner
from sim.protocols.recording import result

CONDUCTIVITY = "Electrolyte conductivity [S.m-1]"
CONCENTRATION = "Initial concentration in electrolyte [mol.m-3]"
ZERO_CELSIUS = 273.15


@dataclass(frozen=True)
class ElectrolyteConductivity:
    """Conductivity at ``temperatures_c`` [degC] (-100 to 200 degC, at most
    1000 of them)."""

    temperatures_c: tuple = (25.0, 60.0)

    def __post_init__(self):
        try:
            temps = tuple(np.atleast_1d(self.temperatures_c).tolist())
        except (TypeError, ValueError):
            raise ProtocolError(
                f"temperatures_c = {self.temperatures_c!r}: give numbers in degC"
            ) from None
        if not 1 <= len(temps) <= 1000:
            raise ProtocolError(f"{len(temps)} temperatures: give 1 to 1000")
        temps = tuple(
            checks.real("temperature [degC]", t, low=-100.0, high=200.0) for t in temps
        )
        checks.setattrs(self, temperatures_c=temps)


@runner(ElectrolyteConductivity)
def simulate_conductivity(cell, protocol):
    """Columns: "Temperature [degC]", "Temperature [K]", "Conductivity [S.m-1]"
    (no solution)."""
    for name in (CONDUCTIVITY, CONCENTRATION):
        if not cell.has(name):
            raise ProtocolError(
                f"{type(cell.model).__name__} with these values has no {name!r}: "
                "ElectrolyteConductivity needs an electrolyte conductivity function"
            )
    c0 = cell.value(CONCENTRATION)
    kelvin = np.asarray(protocol.temperatures_c) + ZERO_CELSIUS
    sigma = []
    for T in kelvin:
        symbol = pybamm.FunctionParameter(
            CONDUCTIVITY, {"c": pybamm.Scalar(c0), "T": pybamm.Scalar(float(T))}
        )
        try:
            value = cell.parameter_values.evaluate(symbol, inputs=cell.inputs)
        except Exception as exc:  # the function refuses the temperature
            raise ProtocolError(
                f"the conductivity at {T - ZERO_CELSIUS:g} degC cannot be evaluated: "
                f"{exc}"
            ) from None
        sigma.append(float(np.asarray(value).ravel()[0]))
    columns = {
        "Temperature [degC]": np.asarray(protocol.temperatures_c),
        "Temperature [K]": kelvin,
        "Conductivity [S.m-1]": np.asarray(sigma),
    }
    return result(cell, protocol, None, columns)
