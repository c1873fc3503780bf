"""The ready studies of experiments/studies/ read, and their linked axes set
every parameter they name."""

from importlib import resources

import pytest

from sim.studies.evaluate import Evaluator
from sim.studies.sampling import study_points
from sim.studies.spec import Study

READY = sorted(
    p.name
    for p in resources.files("sim.experiments").joinpath("studies").iterdir()
    if p.name.endswith(".toml")
)


def test_there_are_ready_studies():
    assert len(READY) >= 4


@pytest.mark.parametrize("name", READY)
def test_ready_study_reads(name):
    path = resources.files("sim.experiments").joinpath("studies", name)
    study = Study.from_file(path)
    assert study.size() == len(study_points(study)) > 0
    assert study.metrics()


def test_a_linked_axis_sets_both_parameters():
    path = resources.files("sim.experiments").joinpath(
        "studies", "sbqd_rate_design.toml"
    )
    study = Study.from_file(path)
    point = study_points(study)[0]
    changes = Evaluator(study, ()).changes(point)
    grain = point["Carbon particle radius [m]"]
    assert (
        changes["Sb diffusion length [m]"]
        == changes["Carbon particle radius [m]"]
        == grain
    )


def test_the_readme_study_example_reads():
    import re
    import tomllib
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    block = re.search(r"A minimal study:\s*```toml\n(.*?)```", readme, re.S).group(1)
    study = Study.from_dict(tomllib.loads(block))
    assert study.size() == 200 and study.metrics()[0].column == "capacity [A.h]"
