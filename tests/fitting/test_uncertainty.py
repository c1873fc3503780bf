"""Uncertainty at a fit's optimum (sim.fitting.uncertainty), on analytic residual
functions only (no simulation): exact least-squares values, a log-space
parameter, a parameter the data do not see, a correlated pair, a model that
fails, the words, the table, the figure and the JSON."""

import json
import math

import numpy as np
import pytest

from sim.errors import DataError, ParameterError, SimError
from sim.fitting.uncertainty import (
    Uncertainty,
    correlation_words,
    estimate,
    jacobian,
    posterior_figure,
    uncertainty_table,
)

T = np.linspace(0.0, 10.0, 60)
SIGMA = 0.05


def _line_data(seed=1):
    rng = np.random.default_rng(seed)
    y = 1.0 + 2.0 * T + SIGMA * rng.standard_normal(T.size)
    X = np.column_stack([np.ones_like(T), T])
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    return X, y, beta


def _exp_problem(seed=2, A=2.0, tau=3.0):
    rng = np.random.default_rng(seed)
    y = A * np.exp(-T / tau) + SIGMA * rng.standard_normal(T.size)
    return y


def _exp_std_log_tau(A, tau):
    """The linearised std of log tau (A linear, tau in log space)."""
    e = np.exp(-T / tau)
    J = np.column_stack([e, A * (T / tau) * e]) / SIGMA
    return math.sqrt(np.linalg.inv(J.T @ J)[1, 1])


def test_linear_least_squares_matches_ols():
    X, y, beta = _line_data()

    def residuals(x):
        return (x[0] + x[1] * T - y) / SIGMA

    kw = dict(log_scale=[False, False], bounds=[(-10, 10), (-10, 10)])
    names = ["a [V]", "b [V.s-1]"]
    exact = SIGMA**2 * np.linalg.inv(X.T @ X)
    unc = estimate(residuals, beta, names, scale_by_chi2=False, **kw)
    sd = np.sqrt(np.diag(exact))
    r = exact[0, 1] / (sd[0] * sd[1])
    np.testing.assert_allclose(unc.std, sd, rtol=1e-2)
    np.testing.assert_allclose(unc.std_coordinate, sd, rtol=1e-2)
    np.testing.assert_allclose(unc.correlation[0, 1], r, rtol=1e-2)
    np.testing.assert_allclose(unc.covariance, exact, rtol=1e-2)
    assert unc.identifiable == [True, True] and unc.reasons == ["", ""]

    # scaled: the classic s^2 (X^T X)^-1
    unc = estimate(residuals, beta, names, **kw)
    res = y - X @ beta
    s2 = res @ res / (T.size - 2)
    classic = s2 * np.linalg.inv(X.T @ X)
    np.testing.assert_allclose(unc.covariance, classic, rtol=1e-6)
    np.testing.assert_allclose(unc.std, np.sqrt(np.diag(classic)), rtol=1e-6)
    np.testing.assert_allclose(unc.reduced_chi2, s2 / SIGMA**2, rtol=1e-12)
    np.testing.assert_allclose(unc.correlation[0, 1], r, rtol=1e-6)


def test_log_parameter_delta_method():
    A, tau = 2.0, 3.0
    y = _exp_problem(A=A, tau=tau)

    def residuals(x):
        return (x[0] * np.exp(-T / x[1]) - y) / SIGMA

    unc = estimate(
        residuals,
        [A, tau],
        ["A [V]", "tau [s]"],
        log_scale=[False, True],
        bounds=[(0.1, 10), (0.1, 100)],
        scale_by_chi2=False,
    )
    std_log = _exp_std_log_tau(A, tau)
    assert unc.std_coordinate[1] == pytest.approx(std_log, rel=0.02)
    assert unc.std[1] == pytest.approx(tau * unc.std_coordinate[1], rel=1e-12)
    assert unc.relative_std[1] == unc.std_coordinate[1]
    assert all(unc.identifiable)


def test_jacobian_one_sided_at_a_bound():
    def residuals(x):
        return np.array([x[0] ** 2, np.sin(x[1]), x[0] * x[1]])

    x = np.array([2.0, 0.5])
    exact = np.array([[4.0, 0.0], [0.0, math.cos(0.5)], [0.5, 2.0]])
    for bounds in ([(0, 5), (0, 1)], [(2.0, 5), (0, 0.5)], [(0, 2.0), (0.5, 1)]):
        J = jacobian(residuals, x, log_scale=False, bounds=bounds)
        np.testing.assert_allclose(J, exact, rtol=1e-5, atol=1e-8)
    # log coordinates: d r / d log x = x d r / d x
    J = jacobian(residuals, x, log_scale=[True, False], bounds=[(1, 2), (0, 1)])
    np.testing.assert_allclose(J[:, 0], 2.0 * exact[:, 0], rtol=1e-5)


def test_parameter_that_does_not_enter_is_flagged():
    A, tau = 2.0, 3.0
    y = _exp_problem(A=A, tau=tau)

    def residuals(x):
        return (x[0] * np.exp(-T / x[1]) + 0.0 * x[2] - y) / SIGMA

    names = ["A [V]", "tau [s]", "c [V]"]
    kw = dict(log_scale=[False, True, False], bounds=[(0.1, 10), (0.1, 100), (-1, 1)])
    unc = estimate(residuals, [A, tau, 0.3], names, **kw)
    assert unc.identifiable == [True, True, False]
    assert "cost does not change" in unc.reasons[2] and "c [V]" in unc.reasons[2]
    assert np.isnan(unc.std[2]) and np.all(np.isfinite(unc.std[:2]))
    assert np.isnan(unc.correlation[0, 2]) and unc.correlation[2, 2] == 1.0
    # the others are unaffected by the null direction
    scale = math.sqrt(unc.reduced_chi2)
    expected = _exp_std_log_tau(A, tau) * scale
    assert unc.std_coordinate[1] == pytest.approx(expected, rel=0.02)

    unc = estimate(residuals, [A, tau, 0.3], names, profile_points=9, **kw)
    assert set(unc.profiles) == set(names)
    values, costs = unc.profiles["c [V]"]
    assert values[0] == -1 and values[-1] == 1 and 0.3 in values
    np.testing.assert_allclose(costs, unc.sse)
    assert "hardly changes over its whole range" in unc.reasons[2]
    assert unc.identifiable == [True, True, False]
    v_tau = unc.profiles["tau [s]"][0]
    assert v_tau[0] == pytest.approx(0.1) and v_tau[-1] == pytest.approx(100)
    assert unc.profiles["tau [s]"][1].max() > unc.sse + 100


def test_flat_profile_of_a_weak_parameter():
    """A parameter that enters but barely: finite std, flat profile."""

    def residuals(x):
        return (x[0] + 1e-4 * x[1] * T - (1.0 + 1e-4 * T)) / SIGMA

    unc = estimate(
        residuals,
        [1.0, 1.0],
        ["a", "w"],
        log_scale=False,
        bounds=[(0, 2), (0, 2)],
        scale_by_chi2=False,
        profile_points=5,
    )
    assert unc.identifiable == [True, False]
    assert "whole range" in unc.reasons[1] and "too uncertain" in unc.reasons[1]


@pytest.mark.parametrize("log", [False, True])
def test_correlated_pair(log):
    a, b, c = 2.0, 1.5, 0.5
    y = a * b * T + c

    def residuals(x):
        return (x[0] * x[1] * T + x[2] - y) / SIGMA

    names = ["a [-]", "b [V.s-1]", "c [V]"]
    unc = estimate(
        residuals,
        [a, b, c],
        names,
        log_scale=[log, log, False],
        bounds=[(0.1, 10), (0.1, 10), (-5, 5)],
        scale_by_chi2=False,
        profile_points=4,
    )
    assert unc.identifiable == [False, False, True]
    assert unc.correlation[0, 1] == pytest.approx(-1.0, abs=1e-6)
    assert "correlated with b [V.s-1] (r = -1.000)" in unc.reasons[0]
    assert "correlated with a [-] (r = -1.000)" in unc.reasons[1]
    assert "only their combination is determined" in unc.reasons[0]
    assert np.isfinite(unc.std[2]) and np.isnan(unc.std[0])
    words = correlation_words(unc)
    assert len(words) == 1 and "a [-]" in words[0] and "b [V.s-1]" in words[0]
    json.dumps(unc.to_dict())


def test_nearly_correlated_pair_is_flagged_by_r():
    """Not exactly singular: finite std, |r| above the threshold."""
    t = np.linspace(1.0, 2.0, 40)

    def residuals(x):
        return (x[0] * t + x[1] * (t + 0.002 * t**2) - 3.0 * t) / SIGMA

    unc = estimate(
        residuals,
        [1.0, 2.0],
        ["p", "q"],
        log_scale=False,
        bounds=[(-10, 10), (-10, 10)],
        scale_by_chi2=False,
        max_relative_std=1e9,
    )
    assert np.all(np.isfinite(unc.std))
    assert unc.correlation[0, 1] < -0.99
    assert unc.identifiable == [False, False]
    assert "correlated with q" in unc.reasons[0]


def test_residual_that_fails_is_reported_not_raised():
    A, tau = 2.0, 3.0
    y = _exp_problem(A=A, tau=tau)

    def residuals(x):
        if x[1] > 3.001:
            raise RuntimeError("solver failed")
        if x[0] < 1.999:
            return np.full(T.size, np.nan)
        return (x[0] * np.exp(-T / x[1]) - y) / SIGMA

    kw = dict(log_scale=[False, True], bounds=[(0.1, 10), (0.1, 100)])
    J = jacobian(residuals, [A, tau], **kw)
    assert np.all(np.isnan(J))

    def only_tau_fails(x):
        if x[1] > 3.001:
            raise RuntimeError("solver failed")
        return (x[0] * np.exp(-T / x[1]) - y) / SIGMA

    J = jacobian(only_tau_fails, [A, tau], **kw)
    assert np.all(np.isfinite(J[:, 0])) and np.all(np.isnan(J[:, 1]))
    unc = estimate(
        only_tau_fails, [A, tau], ["A [V]", "tau [s]"], profile_points=6, **kw
    )
    assert unc.identifiable == [True, False]
    assert (
        "solver failed" in unc.reasons[1]
        and "could not be evaluated" in (unc.reasons[1])
    )
    assert np.isnan(unc.std[1]) and np.isfinite(unc.std[0])
    assert np.isnan(unc.correlation[0, 1]) and np.isnan(unc.covariance[1, 1])
    costs = unc.profiles["tau [s]"][1]
    assert np.isnan(costs).any() and np.isfinite(costs).any()
    d = unc.to_dict()
    assert d["std"][1] is None and d["correlation"][0][1] is None
    json.dumps(d, allow_nan=False)
    posterior_figure(unc)

    unc = estimate(residuals, [A, tau], ["A [V]", "tau [s]"], **kw)
    assert unc.identifiable == [False, False]
    assert "not finite" in unc.reasons[0] and "solver failed" in unc.reasons[1]


def test_to_dict_is_json():
    X, y, beta = _line_data()

    def residuals(x):
        return (x[0] + x[1] * T + 0 * x[2] - y) / SIGMA

    unc = estimate(
        residuals,
        [*beta, 1.0],
        ["a", "b", "D [m2.s-1]"],
        log_scale=[False, False, True],
        bounds=[(-10, 10), (None, None), (1e-3, 1e3)],
        profile_points=3,
    )
    d = unc.to_dict()
    text = json.dumps(d, allow_nan=False)
    back = json.loads(text)
    assert back["std"][2] is None and back["bounds"][1] == [None, None]
    assert back["names"] == ["a", "b", "D [m2.s-1]"]
    assert back["identifiable"] == [True, True, False]
    assert set(back["profiles"]) == {"a", "D [m2.s-1]"}  # b has no finite bounds
    assert isinstance(unc, Uncertainty)


def test_table_and_words():
    A, tau = 2.0, 3.0
    y = _exp_problem(A=A, tau=tau)

    def residuals(x):
        return (x[0] * np.exp(-T / x[1]) + 0 * x[2] - y) / SIGMA

    unc = estimate(
        residuals,
        [A, tau, 0.123456],
        ["A [V]", "tau [s]", "c [V]"],
        log_scale=[False, True, False],
        bounds=[(0.1, 10), (0.1, 100), (-1, 1)],
    )
    table = uncertainty_table(unc)
    lines = table.strip().splitlines()
    assert len(lines) == 5 and lines[0].startswith("| Parameter |")
    assert "| c [V] | 0.1235 | n/a |" in table
    assert "×1.0" in lines[3]  # tau: a factor
    assert "%" in lines[2]  # A: a percentage
    assert lines[4].count("| no |") == 1 and "cost does not change" in lines[4]
    assert correlation_words(unc) == []
    assert correlation_words(unc, threshold=0.0)  # A and tau are correlated


def test_figure():
    from matplotlib.figure import Figure

    def residuals(x):
        return (x[0] * x[1] * T + x[2] - 3.0 * T) / SIGMA

    names = ["a [-]", "b [V.s-1]", "k [m.s-1]"]
    kw = dict(log_scale=[False, False, True], bounds=[(0.1, 10), (0.1, 10), (0.1, 9)])
    unc = estimate(residuals, [2.0, 1.5, 1.0], names, profile_points=5, **kw)
    fig = posterior_figure(unc)
    assert isinstance(fig, Figure)
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert len(axes) == 4
    assert [t.get_text() for t in axes[0].get_xticklabels()] == names
    assert axes[3].get_xscale() == "log" and axes[1].get_xscale() == "linear"
    assert axes[1].get_xlabel() == "a [-]" and "cost" in axes[1].get_ylabel()
    fig.canvas.draw()

    fig = posterior_figure(estimate(residuals, [2.0, 1.5, 1.0], names, **kw))
    assert len([ax for ax in fig.axes if ax.get_label() != "<colorbar>"]) == 1


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(names=["a"]), "1 names given for 2"),
        (dict(log_scale=[True]), "log_scale has 1 entries"),
        (dict(x=[-1.0, 1.0], log_scale=[True, False]), "must be positive"),
        (dict(x=[20.0, 1.0]), "outside its bounds"),
        (dict(bounds=[(1, 1), (0, 5)]), "lower bound must be below"),
        (dict(bounds=[(0, 5)]), "1 bounds given"),
        (dict(profile_points=2), "profile_points"),
        (dict(max_correlation=1.5), "max_correlation"),
    ],
)
def test_bad_arguments(kwargs, match):
    args = dict(
        x=[1.0, 1.0],
        names=["a", "b"],
        log_scale=[False, False],
        bounds=[(0, 5), (0, 5)],
    )
    args.update(kwargs)
    x, names = args.pop("x"), args.pop("names")
    with pytest.raises(ParameterError, match=match):
        estimate(lambda v: np.append(v, v) - 1.0, x, names, **args)


def test_residuals_unusable_at_x():
    kw = dict(log_scale=False, bounds=[(0, 5)])
    with pytest.raises(DataError, match="not finite"):
        estimate(lambda v: np.array([np.nan, 1.0]), [1.0], ["a"], **kw)
    with pytest.raises(ParameterError, match="cannot be evaluated"):
        estimate(lambda v: 1 / 0, [1.0], ["a"], **kw)
    with pytest.raises(SimError, match="pass scale_by_chi2=False"):
        estimate(lambda v: v, [1.0], ["a"], **kw)
    unc = estimate(lambda v: v - 1.0, [1.0], ["a"], scale_by_chi2=False, **kw)
    assert math.isnan(unc.reduced_chi2) and unc.std[0] == pytest.approx(1.0)
