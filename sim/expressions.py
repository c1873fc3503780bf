"""Functions that work on NumPy values and on PyBaMM expressions alike.

Physics functions in :mod:`sim.physics` are written once and used both by the
models (PyBaMM expression trees) and by plain-array code (tests, analysis,
parameter derivations). These helpers pick PyBaMM's function when any argument
is a PyBaMM symbol and NumPy's otherwise. PyBaMM is imported only when needed.
"""

from __future__ import annotations

import numpy as np

INPUT = "[input]"
"""Parameter value marking a PyBaMM input parameter, set at solve time."""


def is_symbol(*values) -> bool:
    """Whether any value is a PyBaMM expression."""
    return any(type(v).__module__.startswith("pybamm") for v in values)


def _pick(name):
    def function(x):
        if is_symbol(x):
            import pybamm

            return getattr(pybamm, name)(x)
        return getattr(np, name)(x)

    function.__name__ = name
    function.__doc__ = f"``{name}`` of a number, array or PyBaMM expression."
    return function


exp = _pick("exp")
log = _pick("log")
sqrt = _pick("sqrt")
cosh = _pick("cosh")
sinh = _pick("sinh")
tanh = _pick("tanh")


def maximum(x, y):
    """Elementwise max of numbers, arrays or PyBaMM expressions."""
    if is_symbol(x, y):
        import pybamm

        return pybamm.maximum(x, y)
    return np.maximum(x, y)


def is_input(value) -> bool:
    """Whether ``value`` is the ``"[input]"`` marker."""
    return isinstance(value, str) and value == INPUT


def as_pybamm_value(name: str, value):
    """``"[input]"`` -> ``pybamm.InputParameter(name)``, anything else unchanged."""
    if is_input(value):
        import pybamm

        return pybamm.InputParameter(name)
    return value


__all__ = [
    "INPUT",
    "as_pybamm_value",
    "cosh",
    "exp",
    "is_input",
    "is_symbol",
    "log",
    "maximum",
    "sinh",
    "sqrt",
    "tanh",
]
