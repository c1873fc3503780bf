"""Protocols (what a cycler does to a cell), one file per protocol, and one way
to run them all: ``simulate(model, parameter_values, protocol, *, inputs=None,
solver=None, progress=None) -> sim.result.Result`` (:mod:`sim.protocols.contract`).
"""

from sim.protocols.bruce_vincent import BruceVincent  # noqa: F401, E402
from sim.protocols.conductivity import ElectrolyteConductivity  # noqa: F401, E402
from sim.protocols.contract import (  # noqa: F401
    build_count,
    cache_size,
    check_termination,
    clear_cache,
    simulate,
)
from sim.protocols.cyclic_voltammetry import CyclicVoltammetry  # noqa: F401, E402
from sim.protocols.cycling import GalvanostaticCycling  # noqa: F401, E402
from sim.protocols.galvanostatic import GalvanostaticSodiation  # noqa: F401, E402
from sim.protocols.gitt import GITTProtocol  # noqa: F401, E402
from sim.protocols.impedance import ImpedanceProtocol  # noqa: F401, E402
from sim.protocols.measured_control import MeasuredControl  # noqa: F401, E402
from sim.protocols.rate_test import RateTest  # noqa: F401, E402
from sim.protocols.resting_spectrum import RestingSpectrum  # noqa: F401, E402
from sim.protocols.scan_rate_series import ScanRateSeries  # noqa: F401, E402
from sim.protocols.step_cycling import StepCycling  # noqa: F401, E402
from sim.protocols.steps import ExperimentSteps  # noqa: F401, E402
from sim.specific_units import active_mass_g  # noqa: F401

__all__ = [
    "BruceVincent",
    "CyclicVoltammetry",
    "ElectrolyteConductivity",
    "ExperimentSteps",
    "GITTProtocol",
    "GalvanostaticCycling",
    "GalvanostaticSodiation",
    "ImpedanceProtocol",
    "MeasuredControl",
    "RateTest",
    "RestingSpectrum",
    "ScanRateSeries",
    "StepCycling",
    "active_mass_g",
    "build_count",
    "cache_size",
    "check_termination",
    "clear_cache",
    "simulate",
]
