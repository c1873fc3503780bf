"""Shared fixtures: headless plotting, the SbQD@C parameter set."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def sbqd():
    import parameters

    return parameters.get("SbQD@C")
