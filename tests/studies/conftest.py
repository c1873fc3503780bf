"""Small studies shared by the study tests (fast models and protocols)."""

import pytest

LFP_STUDY = """
[study]
name = "LFP 1C capacity"
model = "LFPSolidStateCell"
parameter_set = "Li|CPCSE|LFP"

[protocol]
type = "ExperimentSteps"
steps = ["Discharge at 1C until 2.5 V"]

[[parameters]]
name = "Lithium interphase resistance [Ohm.m2]"
values = [0.002, 0.03]

[[parameters]]
name = "Electrolyte thickness [m]"
values = [3e-5, 8e-5]

[[metrics]]
name = "capacity"
kind = "final value"
column = "Capacity [A.h]"
"""

CONDUCTIVITY_STUDY = """
[study]
name = "CPCSE conductivity"
model = "SymmetricLithiumCell"
parameter_set = "CPCSE"

[protocol]
type = "ElectrolyteConductivity"
temperatures_c = [25.0, 60.0]

[[parameters]]
name = "Filler loading [wt%]"
range = [0.5, 6.0]
points = {n}

[[parameters]]
name = "Interfacial shell thickness [m]"
values = [0.5e-9, 1e-9]

[[metrics]]
name = "conductivity at 60 C"
kind = "conductivity"
temperature_c = 60.0
"""


@pytest.fixture
def texts():
    """The study texts above (conductivity: format with n = loading points)."""
    from types import SimpleNamespace

    return SimpleNamespace(lfp=LFP_STUDY, conductivity=CONDUCTIVITY_STUDY)


@pytest.fixture
def write_study(tmp_path):
    """write_study(text, name) -> path of a study file in tmp_path."""

    def write(text, name="study.toml"):
        path = tmp_path / name
        path.write_text(text)
        return path

    return write
