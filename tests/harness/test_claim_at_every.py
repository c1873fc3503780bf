"""claim_at_every: a claim "at every <case>" counts its cases, and a claim over no
cases is an error, not a row (regression: the GITT "PyBOP fit" row read "states
where true 0 of 0" and was reported as a failed comparison; ``all([])`` would even
have passed it)."""

import pytest

from sim.errors import DataError
from sim.harness.comparison import claim_at_every


def test_empty_claim_raises():
    with pytest.raises(DataError, match="no states to compare"):
        claim_at_every("D above", "at every state", [], "states", "Fig. 6g")


def test_claim_passes_only_if_every_case_holds():
    ok = claim_at_every("D above", "at every state", [True, True], "states", "src")
    bad = claim_at_every("D above", "at every state", [True, False], "states", "src")
    assert ok.passed and not bad.passed
    assert bad.quantity == "D above (true at 1 of 2 states)"
    assert bad.basis == "predicted" and bad.tolerance is None


def test_claim_keeps_its_basis():
    row = claim_at_every("x", "y", [True], "stops", "src", basis="check")
    assert row.basis == "check"
