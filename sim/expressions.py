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


class Table:
    """A tabulated function of one variable, ``Table(x, y, name)(s)`` = PyBaMM's
    linear ``Interpolant(x, y, s)``, with ``transform`` (optional) applied to
    the interpolated value. It is a parameter *value* derived from other
    parameters (e.g. an inverse OCP): two tables with the same data are the
    same value (:attr:`cache_key`), so re-deriving the values of a cell does
    not rebuild its simulations."""

    def __init__(self, x, y, name, transform=None):
        self.x = np.array(x, dtype=float)
        self.y = np.array(y, dtype=float)
        self.name = name
        self.transform = transform
        self.__name__ = name
        self.cache_key = (
            "table",
            name,
            self.x.tobytes(),
            self.y.tobytes(),
            None if transform is None else id(transform),
        )

    def __call__(self, s):
        import pybamm

        value = pybamm.Interpolant(self.x, self.y, s, name=self.name)
        return value if self.transform is None else self.transform(value)

    def __repr__(self):
        return f"Table({self.name!r}, {len(self.x)} points)"
