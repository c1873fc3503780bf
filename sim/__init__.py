"""sbc-sim: physics-based simulator for Sb/C sodium-ion anodes on PyBaMM.

Importing :mod:`sim` is cheap: PyBaMM is only imported by the modules that
build models or convert parameter sets.
"""

from sim.errors import DataError, ParameterError, ProtocolError, SimError
from sim.parameter_set import Param, ParameterSet

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "Param",
    "ParameterError",
    "ParameterSet",
    "ProtocolError",
    "SimError",
    "__version__",
]
