"""A study file is checked when it is read: one clear error per mistake, and
the study's points are a function of the file alone."""

import re

import pytest

from sim.errors import ParameterError
from sim.studies.axes import StudyError, axis_from_table
from sim.studies.sampling import study_points
from sim.studies.spec import Study


def test_lfp_study_reads_and_grids(texts, write_study):
    study = Study.from_file(write_study(texts.lfp))
    assert study.model == "LFPSolidStateCell" and study.size() == 4
    points = study_points(study)
    # the last axis varies fastest
    assert [p["Electrolyte thickness [m]"] for p in points] == [3e-5, 8e-5] * 2
    assert study.make_protocol().steps == ("Discharge at 1C until 2.5 V",)
    assert study.digest() == Study.from_file(write_study(texts.lfp, "b.toml")).digest()


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('model = "LFPSolidStateCell"', 'model = "DFN"', "models: "),
        ('type = "ExperimentSteps"', 'type = "Steps"', "protocols: "),
        ("steps = [", "stepz = [", "has no field(s) ['stepz']"),
        ('steps = ["Discharge at 1C until 2.5 V"]', "steps = []", "at least one"),
        ('name = "capacity"', 'name = "capacity"\nbogus = 1', "bogus"),
        ("values = [0.002, 0.03]", "values = []", "non-empty list"),
        (
            "values = [0.002, 0.03]",
            'distribution = "uniform"\nlow = 0.0\nhigh = 1.0',
            "a grid needs values or a range",
        ),
        ("values = [3e-5, 8e-5]", "range = [8e-5, 3e-5]\npoints = 3", "low < high"),
        (
            "[[metrics]]",
            "[sampling]\nmethod = 'grid'\npoints = 4\n\n[[metrics]]",
            "a grid takes its points",
        ),
        ("[[metrics]]", "[sampling]\nmethod = 'random'\n\n[[metrics]]", "allowed: "),
    ],
)
def test_mistakes_are_one_clear_error(texts, write_study, old, new, message):
    assert old in texts.lfp
    with pytest.raises(StudyError, match=re.escape(message)):
        Study.from_file(write_study(texts.lfp.replace(old, new, 1)))


def test_unknown_parameter_names_close_matches(texts, write_study):
    bad = texts.lfp.replace(
        "Lithium interphase resistance", "Lithium interphase resistanse"
    )
    with pytest.raises(
        (StudyError, ParameterError), match="Lithium interphase resistance"
    ):
        Study.from_file(write_study(bad))


def test_broken_and_missing_files(tmp_path, write_study):
    with pytest.raises(StudyError, match="does not exist"):
        Study.from_file(tmp_path / "none.toml")
    with pytest.raises(StudyError, match="not valid TOML"):
        Study.from_file(write_study("[study\nname = 1"))


def test_latin_hypercube_and_sobol_points(texts, write_study):
    text = texts.lfp.replace(
        "[[metrics]]",
        "[sampling]\nmethod = 'latin hypercube'\npoints = 16\nseed = 4\n\n[[metrics]]",
    )
    study = Study.from_file(write_study(text))
    points = study_points(study)
    assert len(points) == 16 and points == study_points(study)  # seeded
    r = sorted(p["Lithium interphase resistance [Ohm.m2]"] for p in points)
    # one point in each of the 16 strata of [0.002, 0.03]
    strata = [int((v - 0.002) / (0.028 / 16)) for v in r]
    assert strata == list(range(16))
    sobol = Study.from_file(write_study(text.replace("'latin hypercube'", "'sobol'")))
    assert len(study_points(sobol)) == 16
    with pytest.raises(StudyError, match="use 8 or 16"):
        study_points(
            Study.from_file(
                write_study(
                    text.replace("'latin hypercube'", "'sobol'").replace(
                        "points = 16", "points = 12"
                    )
                )
            )
        )


def test_log_axes_spread_in_log_space():
    axis = axis_from_table(
        {"name": "x", "range": [1e-9, 1e-7], "points": 3, "scale": "log"}
    )
    assert axis.values == pytest.approx((1e-9, 1e-8, 1e-7))
    assert axis.from_unit(0.5) == pytest.approx(1e-8)
    dist = axis_from_table(
        {"name": "x", "distribution": "loguniform", "low": 1.0, "high": 100.0}
    )
    assert dist.from_unit(0.5) == pytest.approx(10.0)
    normal = axis_from_table(
        {"name": "x", "distribution": "normal", "mean": 2.0, "std": 0.5}
    )
    assert normal.from_unit(0.5) == pytest.approx(2.0)
    assert normal.from_unit(0.8413447) == pytest.approx(2.5, rel=1e-3)
