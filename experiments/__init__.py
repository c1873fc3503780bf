"""Simulated paper experiments.

Each module in this package reproduces one or more figures or tables of a
paper and registers each of them with :func:`sim.harness.register`, e.g.
``@register("qiu2021_fig5a", title=..., source=...)``. The decorated function
takes a ``progress(fraction, message)`` callback and returns a
:class:`sim.harness.ExperimentResult`.

:func:`sim.harness.discover` imports every module of this package so that their
decorators run; ``sim reproduce`` then runs all registered experiments (or
those named with ``--only``).
"""
