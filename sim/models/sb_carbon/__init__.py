"""The Sb/C composite electrode against sodium metal (Qiu2021): see :mod:`.model`."""

from sim.models.sb_carbon.completion import (
    add_model_values,
    check_sb_steps,
    check_temperature,
    complete,
)
from sim.models.sb_carbon.geometry import (
    R_CARBON,
    X_S,
    X_W,
    ElectrodeGeometry,
    electrode_geometry,
)
from sim.models.sb_carbon.model import SbCarbonHalfCell, shared_model
from sim.models.sb_carbon.options import (
    DEFAULT_OPTIONS,
    SbCarbonOptions,
    validate_options,
)
from sim.models.sb_carbon.parameter_names import (
    ACTIVATION_ENERGIES,
    NOT_INPUT,
    RECIPE,
    initial_state_names,
    not_input_names,
    required_parameters,
    sb_step_names,
)
from sim.models.sb_carbon.start_state import rest_state, start_voltage

__all__ = [
    "ACTIVATION_ENERGIES",
    "DEFAULT_OPTIONS",
    "NOT_INPUT",
    "RECIPE",
    "R_CARBON",
    "X_S",
    "X_W",
    "ElectrodeGeometry",
    "SbCarbonHalfCell",
    "SbCarbonOptions",
    "add_model_values",
    "check_sb_steps",
    "check_temperature",
    "complete",
    "electrode_geometry",
    "initial_state_names",
    "not_input_names",
    "required_parameters",
    "rest_state",
    "sb_step_names",
    "shared_model",
    "start_voltage",
    "validate_options",
]
